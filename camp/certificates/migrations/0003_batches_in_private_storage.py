"""Whole-camp certificate PDFs move to the private storage.

The kept files in the public media are deleted (nginx served them to anyone) with
their batch rows; a batch is made again, into the private storage, when next asked.
"""

import courses.storage
from django.core.files.storage import default_storage
from django.db import migrations, models


def forget_public_batches(apps, schema_editor):
    Batch = apps.get_model("certificates", "Batch")
    for batch in Batch.objects.exclude(file=""):
        if default_storage.exists(batch.file.name):
            default_storage.delete(batch.file.name)
        batch.delete()


class Migration(migrations.Migration):

    dependencies = [
        ('certificates', '0002_family_sessions_required'),
    ]

    operations = [
        migrations.RunPython(forget_public_batches, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='batch',
            name='file',
            field=models.FileField(blank=True, storage=courses.storage.private_storage, upload_to='certificates/batches/', verbose_name='file'),
        ),
    ]
