import uuid

from django.urls import reverse
from django.utils import timezone

from camp.certificates import batches, signing
from camp.certificates.models import Batch, Certificate, Override
from camp.models import Attendance

from . import PUBLIC, SIGNED_IN, Row

ISSUERS = {"facilitator", "admin"}
VIEWERS = {"facilitator", "manager", "admin"}
HOLDERS = {"girl", "guardian", "facilitator", "manager", "admin"}


def certificate_a(w) -> Certificate:
    """Girl A's certificate of camp A (made on first use)."""
    certificate, _ = Certificate.objects.get_or_create(
        camp=w.camp_a, learner=w.girl_a,
        defaults={"language": "ky", "issued_on": timezone.localdate(), "days_attended": 6,
                  "tracks": ["soldering"]},
    )
    return certificate


def signed_certificate_a(w) -> Certificate:
    """Girl A's certificate with its facts signed, as issuing leaves it: only a signed
    certificate is exported as an Open Badges credential."""
    certificate = certificate_a(w)
    if signing.check(certificate)[0] is not signing.Check.SIGNED:
        signing.sign(certificate, today=timezone.localdate())
        certificate.save(update_fields=signing.SIGNATURE_FIELDS)
    return certificate


def girl_a_came_every_day(w) -> dict:
    for day in w.camp_a.days.all():
        Attendance.objects.get_or_create(
            camp_day=day, learner=w.girl_a,
            defaults={"status": "present", "marked_at": timezone.now(),
                      "client_id": uuid.uuid4()},
        )
    return {"language": "ky"}


def ready_batch(w) -> str:
    certificate_a(w)
    batches.request_batch(w.camp_a)
    return reverse("certificates:batch_pdf", kwargs={"pk": w.camp_a.pk})


def cert_url(name):
    return lambda w: reverse(f"certificates:{name}", kwargs={"certificate_id": certificate_a(w).pk})


def camp_url(name, **extra):
    return lambda w: reverse(f"certificates:{name}", kwargs={"pk": w.camp_a.pk, **extra})


ROWS = [
    Row("certificate_keys", lambda w: reverse("certificate_keys"), PUBLIC),
    Row("certificate_status", lambda w: reverse("certificate_status"), PUBLIC),
    Row("certificate_issuer", lambda w: reverse("certificate_issuer"), PUBLIC),
    Row("certificate_status_list", lambda w: reverse("certificate_status_list"), PUBLIC),
    Row(
        "certificate_achievement",
        lambda w: reverse("certificate_achievement", kwargs={"language": "ru"}),
        PUBLIC,
    ),
    Row("certificates:verify", lambda w: reverse("certificates:verify"), PUBLIC),
    Row("certificates:verify_scan", lambda w: reverse("certificates:verify_scan"), PUBLIC),
    Row(
        "certificates:credential_public",
        lambda w: reverse("certificates:credential_public",
                          kwargs={"code": signed_certificate_a(w).code}),
        PUBLIC,
    ),
    Row(
        "certificates:verify_code",
        lambda w: reverse("certificates:verify_code", kwargs={"code": certificate_a(w).code}),
        PUBLIC,
    ),
    Row("certificates:mine", lambda w: reverse("certificates:mine"), SIGNED_IN),
    Row("certificates:download", cert_url("download"), HOLDERS),
    Row(
        "certificates:credential",
        lambda w: reverse("certificates:credential",
                          kwargs={"certificate_id": signed_certificate_a(w).pk}),
        HOLDERS,
    ),
    Row("certificates:revoke", cert_url("revoke"), VIEWERS),
    Row(
        "certificates:revoke", cert_url("revoke"), VIEWERS, method="post", ok=(302,),
        data=lambda w: {"reason": "жаңылыш"},
        unchanged=lambda w: list(Certificate.objects.values_list("revoked_on", flat=True)),
    ),
    Row(
        "certificates:reissue", cert_url("reissue"), ISSUERS, method="post", ok=(302,),
        data=lambda w: {"language": "ru"},
        unchanged=lambda w: list(Certificate.objects.values_list("version", "language")),
    ),
    Row("certificates:camp", camp_url("camp"), VIEWERS),
    Row(
        "certificates:issue", camp_url("issue"), ISSUERS, method="post", ok=(302,),
        data=girl_a_came_every_day,
        unchanged=lambda w: Certificate.objects.count(),
    ),
    Row(
        "certificates:override",
        lambda w: reverse("certificates:override",
                          kwargs={"pk": w.camp_a.pk, "learner_id": w.girl_a.pk}),
        ISSUERS,
    ),
    Row(
        "certificates:override",
        lambda w: reverse("certificates:override",
                          kwargs={"pk": w.camp_a.pk, "learner_id": w.girl_a.pk}),
        ISSUERS, method="post", ok=(302,), data=lambda w: {"reason": "ооруп калды"},
        unchanged=lambda w: Override.objects.count(),
    ),
    Row(
        "certificates:make_batch", camp_url("make_batch"), VIEWERS, method="post", ok=(302,),
        data=lambda w: certificate_a(w) and {},
        unchanged=lambda w: list(Batch.objects.values_list("state", "content_hash")),
    ),
    Row("certificates:batch_pdf", ready_batch, VIEWERS),
]
