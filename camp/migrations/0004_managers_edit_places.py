"""Programme managers keep the places (regions, districts, schools) in the
Wagtail admin: give their group the model permissions the snippet views ask for."""

from django.db import migrations

MODELS = ["region", "district", "school"]
ACTIONS = ["add", "change", "delete", "view"]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    group, _created = Group.objects.get_or_create(name="manager")
    for model in MODELS:
        content_type, _created = ContentType.objects.get_or_create(app_label="camp", model=model)
        for action in ACTIONS:
            permission, _created = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("camp", "0003_regions_and_districts"),
        ("cms", "0005_role_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
