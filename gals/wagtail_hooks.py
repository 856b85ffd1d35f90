"""The parents' survey statements (snippets), and families' data requests on the admin home."""

from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from camp import calendar_sources
from camp.care import contacts
from camp.certificates import published as certificate_published
from camp.certificates import services as certificate_services
from camp.impact import sources as impact_sources
from camp.impact import synthetic
from cms.core import personal_data
from cms.core.permissions import can
from courses import access

from . import certificates, data_requests, impact, learner_links, services
from . import personal_data as gals_personal_data
from .models import AttitudeItem


class AttitudeItemViewSet(SnippetViewSet):
    model = AttitudeItem
    icon = "group"
    menu_label = _("Parents' survey")
    list_display = ["text", "reverse_scored", "sort_order", "active"]
    list_filter = ["locale", "active"]


register_snippet(AttitudeItemViewSet)


# --- Families' data requests: on the administrators' home (the Wagtail admin) ----------


def _requests_url() -> str:
    from django.conf import settings
    from django.urls import reverse
    from django.utils import translation

    language = translation.get_language()
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        return reverse("gals:data_requests")


class DataRequestsMenuItem(MenuItem):
    def is_shown(self, request):
        return can(request.user, "gals.data_requests")


@hooks.register("register_admin_menu_item")
def data_requests_menu_item():
    return DataRequestsMenuItem(
        _("Families' data requests"), _requests_url(), icon_name="doc-full", order=9000
    )


class DataRequestsPanel(Component):
    """Open requests on the admin's home page, overdue ones counted, until answered."""

    name = "data_requests"
    order = 50

    def render_html(self, parent_context=None):
        request = parent_context["request"]
        if not can(request.user, "gals.data_requests"):
            return ""
        today = timezone.localdate()
        rows = data_requests.open_requests(request.user)
        overdue = sum(1 for row in rows if row.is_overdue(today))
        return format_html(
            '<section class="panel summary nice-padding"><h2>{}</h2><p>{}</p>'
            '<p><a href="{}">{}</a></p></section>',
            _("Families' data requests"),
            _("Open: %(open)d, overdue: %(overdue)d.") % {"open": len(rows), "overdue": overdue},
            _requests_url(), _("See the open requests"),
        )


@hooks.register("construct_homepage_panels")
def add_data_requests_panel(request, panels):
    panels.append(DataRequestsPanel())


# What families add to the apps below them (gals -> camp -> courses -> cms): each
# hook's name and contract is defined where it is asked.
hooks.register(access.CARER, learner_links.guards)
hooks.register(access.FAMILY_WATCH, learner_links.family_sees)
hooks.register(calendar_sources.EVENTS, services.calendar_events)
hooks.register(contacts.GUARDIANS, services.guardian_contacts)
hooks.register(certificate_services.OTHER_LOOKUPS, certificates.lookup)
hooks.register(certificate_published.OTHER_REVOCATIONS, certificates.revoked)
hooks.register(impact_sources.SECTIONS, impact.impact_figures)
hooks.register(synthetic.MAKE, impact.make_programme_families)
hooks.register(synthetic.REMOVE, impact.remove_programme_families)
hooks.register(personal_data.SECTIONS, gals_personal_data.section)
