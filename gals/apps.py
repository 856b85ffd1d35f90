from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GalsConfig(AppConfig):
    """Families: GALS sessions, households, commitments and the parents' view."""

    name = "gals"
    verbose_name = _("GALS: families")


    def ready(self):
        from . import resigning

        resigning.connect()
