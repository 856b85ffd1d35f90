from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImpactConfig(AppConfig):
    """The programme's figures: dashboard, printed reports and exports. No model of its
    own: every figure is counted from the camps, learning and GALS records."""

    name = "camp.impact"
    label = "impact"
    verbose_name = _("Impact")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from .cache import on_write

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(on_write, dispatch_uid=f"impact-{id(signal)}")
