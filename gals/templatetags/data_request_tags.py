"""The count of families' open data requests, for the home pages of those who answer."""

from django import template
from django.utils import timezone

from cms.core.permissions import can
from gals import data_requests

register = template.Library()


@register.simple_tag(takes_context=True)
def open_data_requests(context) -> dict:
    """{"allowed", "open", "overdue"} for the person signed in."""
    user = context["request"].user
    if not can(user, "gals.data_requests"):
        return {"allowed": False, "open": 0, "overdue": 0}
    today = timezone.localdate()
    rows = data_requests.open_requests(user)
    return {
        "allowed": True,
        "open": len(rows),
        "overdue": sum(1 for row in rows if row.is_overdue(today)),
    }
