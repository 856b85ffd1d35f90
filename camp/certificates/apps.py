from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    """Camp certificates: who earns one, issuing, the PDF, verification by code."""

    name = "camp.certificates"
    label = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from django_tasks.signals import task_finished

        from . import (
            checks,  # noqa: F401 (registers the signing key's check)
            resigning,
        )
        from .batches import on_task_finished

        resigning.connect()

        task_finished.connect(on_task_finished, dispatch_uid="certificates-batch-finished")
