"""Synthetic data at programme scale: 10,000 girls, 400 camps, 5,000 households."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from camp.impact import synthetic


class Command(BaseCommand):
    help = ("Make synthetic camps, girls, roll calls, progress, surveys and GALS records "
            "at programme scale, to measure the impact pages. Development databases only.")

    def add_arguments(self, parser):
        parser.add_argument("--girls", type=int, default=10000)
        parser.add_argument("--camps", type=int, default=400)
        parser.add_argument("--households", type=int, default=5000)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--replace", action="store_true",
                            help="Remove the synthetic data of an earlier run first.")
        parser.add_argument("--remove", action="store_true",
                            help="Only remove the synthetic data.")
        parser.add_argument("--i-know-this-is-not-production", action="store_true",
                            dest="confirmed", help="Needed when DEBUG is off.")

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["confirmed"]:
            raise CommandError(
                "Refused: DEBUG is off, this may be production. Add "
                "--i-know-this-is-not-production to go on.")
        if options["remove"] or options["replace"]:
            removed = synthetic.remove_programme()
            self.stdout.write(f"Removed the synthetic data ({removed} rows with people).")
            if options["remove"]:
                return
        if synthetic.User.objects.filter(username__startswith=synthetic.PREFIX).exists():
            raise CommandError("Synthetic data is already there: use --replace.")
        started = time.perf_counter()
        try:
            programme = synthetic.make_programme(
                girls=options["girls"], camps=options["camps"],
                households=options["households"], seed=options["seed"],
                out=self.stdout.write,
            )
        except LookupError as error:
            raise CommandError(
                "There is no curriculum to plan camps from: run `manage.py load_demo` "
                "first.") from error
        if connection.vendor == "postgresql":
            # Fresh statistics, as a database that grew over a year would have: without
            # them the planner takes the new tables for empty and picks slow plans.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        seconds = time.perf_counter() - started
        for name, count in programme.counts.items():
            self.stdout.write(f"  {name}: {count:,}")
        self.stdout.write(self.style.SUCCESS(f"Synthetic programme made in {seconds:.1f} s."))
