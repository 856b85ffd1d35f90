from django.urls import reverse

from cms.core.accounts.urls import PLACEHOLDER_AREAS

from . import PUBLIC, SIGNED_IN, Row

ROWS = [
    Row("search", lambda w: reverse("search") + "?q=сабак", PUBLIC),
    Row("cms:pin_sign_in", lambda w: reverse("cms:pin_sign_in"), PUBLIC),
    Row("cms:audit_log", lambda w: reverse("cms:audit_log"), {"admin"}),
] + [
    # Role homes not yet served by their app: a placeholder for anyone signed in.
    Row(f"cms:home_{area}", lambda w, area=area: reverse(f"cms:home_{area}"), SIGNED_IN)
    for area in PLACEHOLDER_AREAS
]
