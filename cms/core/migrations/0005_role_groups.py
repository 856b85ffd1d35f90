"""One group per role: what a role may do is decided by the rules modules, not by
Django permissions, except that editors and managers reach the Wagtail admin."""

from django.db import migrations

ROLES = ["learner", "guardian", "facilitator", "manager", "partner", "editor"]
ADMIN_ROLES = ["editor", "manager"]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name in ROLES:
        group, _created = Group.objects.get_or_create(name=name)
        if name in ADMIN_ROLES:
            access = Permission.objects.filter(
                content_type__app_label="wagtailadmin", codename="access_admin"
            )
            group.permissions.add(*access)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0004_people"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
