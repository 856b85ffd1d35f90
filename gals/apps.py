from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GalsConfig(AppConfig):
    """Families: GALS sessions, households, commitments and the parents' view."""

    name = "gals"
    verbose_name = _("GALS: families")

    def ready(self):
        # Family sessions appear in the camp and facilitator calendar feeds; camp may
        # not import gals, so gals registers its sessions with camp.
        from camp import calendar_sources
        from camp.impact import sources as impact_sources
        from camp.impact import synthetic

        from . import impact, services

        calendar_sources.register(services.calendar_events)
        # A family's GALS certificate is checked on the girls' verification page.
        from camp.certificates.services import register_lookup

        from . import certificates

        register_lookup(certificates.lookup)
        # Its figures join the programme's impact report the same way.
        impact_sources.register(impact.impact_figures)
        synthetic.register(impact.make_programme_families,
                           remove=impact.remove_programme_families)
        # Her guardians are offered as the emergency contact on a girl's card.
        from camp.care import contacts

        contacts.register(services.guardian_contacts)
