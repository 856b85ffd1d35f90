from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    """Camp certificates: who earns one, issuing, the PDF, verification by code."""

    name = "camp.certificates"
    label = "certificates"
    verbose_name = _("Certificates")
