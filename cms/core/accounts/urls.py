"""The kernel's pages under the language prefix (namespace "cms").

Role homes (``learn/``, ``teach/``, ``family/``, ``impact/``) belong to the apps
that fill them; a placeholder that shows the person's name and role stands only
at a path that no app serves yet, so an app's real page replaces it by existing.
"""

from importlib import import_module
from importlib.util import find_spec

from django.urls import URLPattern, path

from cms.core.accounts import views as account_views

app_name = "cms"

#: The apps whose URL modules may serve a role home (the project wiring may import them).
HOME_APPS = ["gals", "camp", "courses"]
HOME_AREAS = ["learn", "teach", "family", "impact"]
#: Areas an app serves from a URL module mounted at the area's path in cms/urls.py.
MOUNTED_AREAS = {"impact": "camp.impact.urls"}


def _served_paths() -> set[str]:
    served = {f"{area}/" for area, module in MOUNTED_AREAS.items() if find_spec(module)}
    for app in HOME_APPS:
        for pattern in getattr(import_module(f"{app}.urls"), "urlpatterns", []):
            if isinstance(pattern, URLPattern):
                served.add(str(pattern.pattern))
    return served


#: The areas that still need a placeholder (read by the role-matrix rows too).
PLACEHOLDER_AREAS = [area for area in HOME_AREAS if f"{area}/" not in _served_paths()]

urlpatterns = [
    path("pin/", account_views.pin_sign_in, name="pin_sign_in"),
    path("audit/", account_views.audit_log, name="audit_log"),
] + [
    path(f"{area}/", account_views.role_home, {"area": area}, name=f"home_{area}")
    for area in PLACEHOLDER_AREAS
]
