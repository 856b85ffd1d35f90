"""Run a scheduled job and record that it ran (``cms.core.jobs``)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cms.core.jobs import JOBS
from cms.core.models import JobRun


class Command(BaseCommand):
    help = "Run one scheduled job (" + ", ".join(JOBS) + ") and record when it ran."

    def add_arguments(self, parser):
        parser.add_argument("name", choices=sorted(JOBS))

    def handle(self, *args, name, **options):
        job = JOBS[name]
        started = timezone.now()
        JobRun.objects.update_or_create(name=name, defaults={
            "started_at": started, "finished_at": None, "succeeded": False, "message": ""})
        try:
            if job.applies is None or job.applies():
                call_command(*job.command, stdout=self.stdout, stderr=self.stderr)
        except Exception as error:
            JobRun.objects.filter(name=name).update(
                finished_at=timezone.now(), succeeded=False,
                message=f"{type(error).__name__}: {error}"[:300])
            raise CommandError(f"{name} failed: {error}") from error
        JobRun.objects.filter(name=name).update(
            finished_at=timezone.now(), succeeded=True, succeeded_at=started, message="")
        self.stdout.write(f"{name}: done")
