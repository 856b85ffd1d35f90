"""Empty every cache, after a database restore or any change made behind the app's back."""

from django.core.cache import caches
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Empty every configured cache. Run it after restoring a backup: pages, sites, "
        "figures and pictures kept for the old database must not be shown for the new "
        "one. Nobody is signed out (sessions are kept in the database too)."
    )

    def handle(self, *args, **options):
        for alias in caches:
            caches[alias].clear()
        self.stdout.write(f"emptied: {', '.join(caches)}")
