"""A family certificate revoked through the site keeps the reason, as a girl's does."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('gals', '0009_family_certificate_qr_signature'),
    ]

    operations = [
        migrations.AddField(
            model_name='familycertificate',
            name='revoked_reason',
            field=models.CharField(blank=True, max_length=300, verbose_name='reason for revoking'),
        ),
    ]
