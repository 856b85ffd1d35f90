"""Empty the site's caches, after a database restore or any change made behind the app's back."""

from django.conf import settings
from django.core.cache import caches
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Empty the site's caches. Run it after restoring a backup: pages, sites, "
        "figures and pictures kept for the old database must not be shown for the new "
        "one. Nobody is signed out (sessions are kept in the database too). Only this "
        "site's keys are deleted (its key prefix), never a whole Redis database, and "
        "the rate-limit counters are kept."
    )

    def handle(self, *args, **options):
        emptied = []
        for alias in caches:
            if alias == getattr(settings, "RATELIMIT_CACHE", None):
                continue
            cache = caches[alias]
            if hasattr(cache, "delete_pattern"):  # Redis: this alias's prefix only
                cache.delete_pattern("*")
            else:
                cache.clear()
            emptied.append(alias)
        self.stdout.write(f"emptied: {', '.join(emptied)}")
