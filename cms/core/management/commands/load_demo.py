"""Build the demo site in both languages; safe to run again (adds only what is missing)."""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

# The kernel first, then each app after the apps it depends on.
DEMO_ORDER = ["cms.core", "courses", "camp", "camp.certificates", "gals", "camp.impact"]


class Command(BaseCommand):
    help = "Create the demo site, content and demo accounts. Running it again changes nothing."

    def handle(self, *args, **options):
        for app in DEMO_ORDER:  # each has a demo module: a missing one is an error
            with transaction.atomic():
                import_module(f"{app}.demo").load(self.stdout.write)
        self.stdout.write(self.style.SUCCESS("Demo site ready."))
