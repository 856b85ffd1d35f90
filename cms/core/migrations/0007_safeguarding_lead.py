"""The safeguarding lead's group: she reads the record of concerns, the help requests
and the emergency cards of every camp (``camp.care``); no Django permission, no admin."""

from django.db import migrations


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.get_or_create(name="safeguarding_lead")


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0006_editors_edit_content"),
    ]

    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
