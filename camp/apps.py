from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampConfig(AppConfig):
    """Places, camps, enrolment, attendance, certificates and impact figures."""

    name = "camp"
    verbose_name = _("Camps")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from cms.core import signed_in

        from .learner_links import on_camp_write, read_with_account
        from .models import Camp, CampDay, Enrolment

        # Her lessons ask for her camps on every request: its counter with her account's.
        signed_in.read_with_account(read_with_account)

        for model in (Camp, CampDay, Enrolment):
            for signal in (post_save, post_delete):
                signal.connect(on_camp_write, sender=model,
                               dispatch_uid=f"camp-enrolments-{model.__name__}-{id(signal)}")
