from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampConfig(AppConfig):
    """Places, camps, enrolment, attendance, certificates and impact figures."""

    name = "camp"
    verbose_name = _("Camps")
