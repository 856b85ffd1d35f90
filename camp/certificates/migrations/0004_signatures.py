"""Certificates carry an Ed25519 signature over their facts; those issued before are
signed now with the site's key (``CERTIFICATE_SIGNING_KEY``)."""

from django.db import migrations, models
from django.utils import timezone


def sign_existing(apps, schema_editor):
    from camp.certificates import signing

    Certificate = apps.get_model("certificates", "Certificate")
    unsigned = Certificate.objects.filter(signature="").select_related(
        "learner", "camp__school__district__region"
    )
    today = timezone.localdate()
    for certificate in unsigned.iterator():
        signing.sign(certificate, today=today)
        # The fields of this migration (later ones add the QR code's signature).
        certificate.save(update_fields=["signed_on", "key_id", "signature"])


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0003_batches_in_private_storage"),
    ]

    operations = [
        migrations.AddField(
            model_name="certificate",
            name="signed_on",
            field=models.DateField(blank=True, editable=False, null=True, verbose_name="signed on"),
        ),
        migrations.AddField(
            model_name="certificate",
            name="key_id",
            field=models.CharField(blank=True, editable=False, max_length=32, verbose_name="key id"),
        ),
        migrations.AddField(
            model_name="certificate",
            name="signature",
            field=models.CharField(blank=True, editable=False, max_length=100, verbose_name="signature"),
        ),
        migrations.RunPython(sign_existing, migrations.RunPython.noop),
    ]
