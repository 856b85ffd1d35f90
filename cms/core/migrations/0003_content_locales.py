"""Make a Locale for every content language: Wagtail's own migration makes only the default."""

from django.conf import settings
from django.db import migrations


def create_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [("cms", "0002_pages")]

    operations = [migrations.RunPython(create_locales, migrations.RunPython.noop)]
