"""Anonymise girls a set number of months after their last camp ended."""

from django.core.management.base import BaseCommand

from cms.core.personal_data import anonymise_girl, expired_girls, retention_months


class Command(BaseCommand):
    help = (
        "Anonymise every girl whose last camp ended more than ANONYMISE_AFTER_MONTHS "
        "months ago (default 24), and report who was anonymised (by id, never by name)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--months", type=int, default=None,
            help="Months after the last camp (default: the ANONYMISE_AFTER_MONTHS setting).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Only report who would be anonymised."
        )

    def handle(self, *args, months=None, dry_run=False, **options):
        months = months if months is not None else retention_months()
        if months < 1:
            self.stderr.write("--months must be 1 or more.")
            return
        girls = list(expired_girls(months))
        if not girls:
            self.stdout.write(
                f"Nobody to anonymise: no girl's last camp ended over {months} months ago."
            )
            return
        ids = ", ".join(f"#{girl.pk}" for girl in girls)
        if dry_run:
            self.stdout.write(f"Would anonymise {len(girls)} girl(s): {ids}")
            return
        totals: dict[str, int] = {}
        reason = f"retention: her last camp ended over {months} months ago"
        for girl in girls:
            for section, changes in anonymise_girl(girl, by=None, reason=reason).items():
                for what, count in changes.items():
                    key = f"{section}.{what}"
                    totals[key] = totals.get(key, 0) + int(count or 0)
        self.stdout.write(self.style.SUCCESS(f"Anonymised {len(girls)} girl(s): {ids}"))
        for key, count in sorted(totals.items()):
            self.stdout.write(f"  {key}: {count}")
