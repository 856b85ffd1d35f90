from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareConfig(AppConfig):
    """Duty of care: the record of concerns, girls' requests for help and the
    emergency cards. Restricted records: never in an export, a figure or a log line."""

    name = "camp.care"
    label = "care"
    verbose_name = _("Duty of care")
