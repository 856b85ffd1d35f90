"""Scheduled jobs: what runs on a timer, how often, and whether it did.

Each job is a management command run through ``manage.py run_job NAME`` (by the
systemd timers in ``deploy/systemd/``, or cron, see ``docs/deploy.md``), which records
when it last ran and whether it succeeded (``JobRun``). ``manage.py check --deploy``
warns about a job that has not succeeded within its period (with some slack for a
timer that fires late), so a missing timer is noticed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.core import checks
from django.db import DatabaseError
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone


@dataclass(frozen=True)
class Job:
    name: str
    command: tuple[str, ...]
    every: timedelta
    what: str
    #: When this says False the job has nothing to do here (and succeeds at once).
    applies: Callable[[], bool] | None = None

    @property
    def late_after(self) -> timedelta:
        """The period plus slack: a daily job is late after 26 hours."""
        return self.every + max(timedelta(hours=2), self.every / 10)


def tasks_kept_in_database() -> bool:
    from django_tasks import task_backends
    from django_tasks_db.backend import DatabaseBackend

    return isinstance(task_backends["default"], DatabaseBackend)


JOBS = {
    job.name: job for job in (
        Job("anonymise_expired", ("anonymise_expired",), timedelta(days=1),
            "anonymises girls whose last camp ended over 24 months ago"),
        Job("prune_task_results", ("prune_db_task_results", "--min-age-days", "14"),
            timedelta(days=1), "deletes finished background task results older than 14 days",
            applies=tasks_kept_in_database),
        Job("clearsessions", ("clearsessions",), timedelta(days=1),
            "deletes expired sessions"),
    )
}


def late_jobs(now=None) -> list[tuple[Job, str]]:
    """Jobs that have not succeeded within their period, and why. A job that never
    ran counts only once the site has been installed for longer than its period."""
    from .models import JobRun

    now = now or timezone.now()
    runs = {run.name: run for run in JobRun.objects.all()}
    installed = (MigrationRecorder.Migration.objects.filter(app="cms")
                 .order_by("applied").values_list("applied", flat=True).first())
    late = []
    for job in JOBS.values():
        run = runs.get(job.name)
        if run is None or run.succeeded_at is None:
            since = installed if run is None else run.started_at
            if since and now - since > job.late_after:
                late.append((job, "it has never succeeded" if run else "it has never run"))
        elif now - run.succeeded_at > job.late_after:
            hours = int((now - run.succeeded_at).total_seconds() // 3600)
            failed = " (its last run failed)" if not run.succeeded else ""
            late.append((job, f"it last succeeded {hours} hours ago{failed}"))
    return late


@checks.register(checks.Tags.compatibility, deploy=True)
def check_jobs_ran(app_configs=None, **kwargs):
    """``check --deploy``: a warning for each scheduled job that is late."""
    try:
        late = late_jobs()
    except DatabaseError:  # no database yet, or not migrated: nothing to say about jobs
        return []
    return [
        checks.Warning(
            f"The scheduled job {job.name!r} ({job.what}) is late: {why}.",
            hint=f"Is its timer enabled? `systemctl list-timers 'techcamp-*'`; run it with "
                 f"`manage.py run_job {job.name}`.",
            id="cms.W010",
        )
        for job, why in late
    ]
