"""The QR code carries a compact signed copy of what the paper prints. Certificates
validly signed before get that second signature now: with the same key and day when it
is today's key, else both signatures again today. One whose facts no longer match its
signature gets none (its QR code carries no proof, as its page says "not valid")."""

from django.db import migrations, models
from django.utils import timezone


def sign_compact(apps, schema_editor):
    from cryptography.exceptions import InvalidSignature

    from camp.certificates import qr, signing

    Certificate = apps.get_model("certificates", "Certificate")
    keys = signing.public_keys()
    current = signing.current_key().key_id
    private = signing.private_key()
    today = timezone.localdate()
    signed = Certificate.objects.exclude(signature="").filter(qr_signature="").select_related(
        "learner", "camp__school__district__region"
    )
    for certificate in signed.iterator():
        key = keys.get(certificate.key_id)
        if key is None or certificate.signed_on is None or not key.covers(certificate.signed_on):
            continue
        values = signing.facts(certificate)
        try:
            key.public.verify(signing.unb64(certificate.signature),
                              signing.canonical(certificate.key_id, values))
        except (InvalidSignature, ValueError):
            continue
        if certificate.key_id == current:
            certificate.qr_signature = signing.b64(
                private.sign(qr.canonical(certificate.key_id, qr.compact_facts(values))))
        else:
            signing.sign(certificate, today=today)
        certificate.save(update_fields=["signed_on", "key_id", "signature", "qr_signature"])


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0004_signatures"),
    ]

    operations = [
        migrations.AddField(
            model_name="certificate",
            name="qr_signature",
            field=models.CharField(blank=True, editable=False, max_length=100,
                                   verbose_name="QR code signature"),
        ),
        migrations.RunPython(sign_compact, migrations.RunPython.noop),
    ]
