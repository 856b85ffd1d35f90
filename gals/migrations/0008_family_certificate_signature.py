"""Family certificates carry the same Ed25519 signature as the girls' certificates, and
keep the dates of the sessions they count; those issued before get both now."""

from django.db import migrations, models
from django.db.models import Max, Min
from django.utils import timezone


def sign_existing(apps, schema_editor):
    from gals import certificates

    FamilyCertificate = apps.get_model("gals", "FamilyCertificate")
    SessionAttendance = apps.get_model("gals", "SessionAttendance")
    today = timezone.localdate()
    for certificate in FamilyCertificate.objects.filter(signature="").select_related(
            "household__camp__school__district__region").iterator():
        span = SessionAttendance.objects.filter(
            member__household=certificate.household_id, present=True,
        ).aggregate(first=Min("session__starts_at"), last=Max("session__starts_at"))
        certificate.first_session, certificate.last_session = (
            timezone.localtime(value).date() if value else None
            for value in (span["first"], span["last"]))
        certificates.sign(certificate, today=today)
        # The fields of this migration: later ones sign more and add their own.
        certificate.save(update_fields=["first_session", "last_session", "signed_on",
                                        "key_id", "signature"])


class Migration(migrations.Migration):

    dependencies = [
        ('gals', '0007_rules_in_the_database'),
    ]

    operations = [
        migrations.AddField(
            model_name='familycertificate',
            name='first_session',
            field=models.DateField(blank=True, editable=False, null=True, verbose_name='first session'),
        ),
        migrations.AddField(
            model_name='familycertificate',
            name='key_id',
            field=models.CharField(blank=True, editable=False, max_length=32, verbose_name='key id'),
        ),
        migrations.AddField(
            model_name='familycertificate',
            name='last_session',
            field=models.DateField(blank=True, editable=False, null=True, verbose_name='last session'),
        ),
        migrations.AddField(
            model_name='familycertificate',
            name='signature',
            field=models.CharField(blank=True, editable=False, max_length=100, verbose_name='signature'),
        ),
        migrations.AddField(
            model_name='familycertificate',
            name='signed_on',
            field=models.DateField(blank=True, editable=False, null=True, verbose_name='signed on'),
        ),
        migrations.RunPython(sign_existing, migrations.RunPython.noop),
    ]
