"""A family certificate's QR code carries a compact signed copy of what its paper prints,
as a girl's does. Those validly signed before get that second signature now: with the
same key and day when it is today's key, else both signatures again today. One whose
facts no longer match its signature gets none (its page says "not valid")."""

from django.db import migrations, models
from django.utils import timezone


def sign_compact(apps, schema_editor):
    from cryptography.exceptions import InvalidSignature

    from camp.certificates import qr, signing
    from gals import certificates

    FamilyCertificate = apps.get_model("gals", "FamilyCertificate")
    keys = signing.public_keys()
    current = signing.current_key().key_id
    today = timezone.localdate()
    signed = FamilyCertificate.objects.exclude(signature="").filter(
        qr_signature="").select_related("household__camp__school__district__region")
    for certificate in signed.iterator():
        key = keys.get(certificate.key_id)
        if key is None or certificate.signed_on is None or not key.covers(certificate.signed_on):
            continue
        values = certificates.signed_facts(certificate)
        try:
            key.public.verify(signing.unb64(certificate.signature),
                              certificates.canonical(certificate.key_id, values))
        except (InvalidSignature, ValueError):
            continue
        if certificate.key_id == current:
            certificate.qr_signature = signing.b64(signing.private_key().sign(qr.canonical(
                certificate.key_id, certificates.compact_facts(values),
                certificates.FAMILY_QR)))
        else:
            certificates.sign(certificate, today=today)
        certificate.save(update_fields=["signed_on", "key_id", "signature", "qr_signature"])


class Migration(migrations.Migration):

    dependencies = [
        ("gals", "0008_family_certificate_signature"),
    ]

    operations = [
        migrations.AddField(
            model_name="familycertificate",
            name="qr_signature",
            field=models.CharField(blank=True, editable=False, max_length=100,
                                   verbose_name="QR code signature"),
        ),
        migrations.RunPython(sign_compact, migrations.RunPython.noop),
    ]
