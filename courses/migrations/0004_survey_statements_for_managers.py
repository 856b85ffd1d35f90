"""Programme managers write and translate the confidence-survey statements."""

from django.db import migrations

ACTIONS = ["add", "change", "delete", "view"]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _created = ContentType.objects.get_or_create(
        app_label="courses", model="surveyitem"
    )
    group, _created = Group.objects.get_or_create(name="manager")
    for action in ACTIONS:
        permission, _created = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_surveyitem",
            defaults={"name": f"Can {action} survey statement"},
        )
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0003_learning_record"),
        ("cms", "0005_role_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
