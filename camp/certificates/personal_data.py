"""A girl's certificates in her data: listed in her export with each PDF, and taken out
of the camp's kept batch PDF when she is anonymised.

Registered with ``cms.core.personal_data`` (found at start-up). Anonymising keeps the
certificate rows (the programme counts them) but deletes the kept batch PDF of each
of her camps: a batch prints her name, school and village; it is made again, without
her name, when a facilitator next asks for it.
"""

from django.core.files.base import ContentFile

from cms.core.personal_data import Section

from .models import Batch, Certificate
from .rendering import certificate_pdf


def _certificates(girl):
    return Certificate.objects.filter(learner=girl).select_related("camp").order_by("pk")


def export(girl) -> dict:
    return {
        "certificates": [
            {
                "code": certificate.display_code,
                "camp": certificate.camp.title,
                "issued_on": certificate.issued_on,
                "revoked_on": certificate.revoked_on,
                "language": certificate.language,
                "days_attended": certificate.days_attended,
            }
            for certificate in _certificates(girl)
        ]
    }


def files(girl):
    return [
        (f"certificate-{certificate.display_code}.pdf", ContentFile(certificate_pdf(certificate)))
        for certificate in _certificates(girl)
    ]


def anonymise(girl) -> dict:
    removed = 0
    for batch in Batch.objects.filter(camp__enrolments__learner=girl).distinct():
        if batch.file:
            batch.file.delete(save=False)
        batch.delete()
        removed += 1
    return {"certificates_kept": _certificates(girl).count(), "batch_files_removed": removed}


def section() -> Section:
    return Section("certificates", export=export, files=files, anonymise=anonymise)
