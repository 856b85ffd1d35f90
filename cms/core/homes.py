"""Where each person lands after signing in: her own page, by her role.

Girls learn, facilitators teach, guardians follow their family, programme
managers and partners see the programme's impact, editors write in the admin.
The addresses are fixed paths under the language prefix, so the app that serves
a page can change without touching this; ``cms.core.accounts.urls`` keeps a simple
placeholder at any of these paths no app serves yet.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .models import Role

#: Role -> path under the language prefix, in order of precedence.
ROLE_HOMES = [
    (Role.FACILITATOR, "teach/"),
    (Role.MANAGER, "impact/"),
    (Role.PARTNER, "impact/"),
    (Role.GUARDIAN, "family/"),
    (Role.LEARNER, "learn/"),
    (Role.SAFEGUARDING_LEAD, "care/"),
]


def home_path(user) -> str:
    """The path (without language) of ``user``'s home, or "" for the admin."""
    for role, path in ROLE_HOMES:
        if user.has_role(role):
            return path
    return ""


def home_url(user, language: str | None = None) -> str:
    """The full address of ``user``'s home page, in ``language`` (else the active one)."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    path = home_path(user)
    if not path and (user.is_superuser or user.has_role(Role.EDITOR)):
        return "/admin/"
    return f"/{language}/{path}"


#: Role -> (path under the language prefix, label) of the pages she works from.
ROLE_AREAS = [
    (Role.LEARNER, "learn/", _("My lessons")),
    (Role.FACILITATOR, "teach/", _("My camps")),
    (Role.FACILITATOR, "teach/gals/", _("GALS sessions")),
    (Role.GUARDIAN, "family/", _("My family")),
    (Role.MANAGER, "impact/", _("The programme's impact")),
    (Role.MANAGER, "teach/", _("Camps")),
    (Role.PARTNER, "impact/", _("The programme's impact")),
    (Role.SAFEGUARDING_LEAD, "care/", _("Safeguarding")),
]


def areas(user, language: str) -> list[tuple[str, str]]:
    """(label, address) of each page ``user`` works from, for the header: without
    them a girl or a teacher signed in on the home page would not find her own pages."""
    links, seen = [], set()
    for role, path, label in ROLE_AREAS:
        if user.has_role(role) and path not in seen:
            seen.add(path)
            links.append((label, f"/{language}/{path}"))
    if user.is_superuser or user.has_role(Role.EDITOR):
        links.append((_("Edit the site"), "/admin/"))
    return links
