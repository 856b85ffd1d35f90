"""Scheduled jobs run on timers, record their runs, and a late one is reported.

``manage.py run_job`` runs anonymise_expired, the pruning of task results and
clearsessions, and records each run; ``check --deploy`` warns when one has not
succeeded within its period; every job has a systemd timer and a cron line.
"""

import datetime
import re
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.core import checks
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.migrations.recorder import MigrationRecorder
from django.test import override_settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from cms.core import jobs
from cms.core.models import JobRun

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
pytestmark = pytest.mark.django_db


def late_warnings() -> list[str]:
    return [message.msg for message in checks.run_checks(include_deployment_checks=True)
            if message.id == "cms.W010"]


def test_clearsessions_runs_and_is_recorded():
    Session.objects.create(session_key="old" * 10, session_data="x",
                           expire_date=timezone.now() - datetime.timedelta(days=1))
    Session.objects.create(session_key="new" * 10, session_data="x",
                           expire_date=timezone.now() + datetime.timedelta(days=1))
    call_command("run_job", "clearsessions", stdout=StringIO())
    assert list(Session.objects.values_list("session_key", flat=True)) == ["new" * 10]
    run = JobRun.objects.get(name="clearsessions")
    assert run.succeeded and run.succeeded_at and run.finished_at >= run.started_at


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_old_finished_task_results_are_pruned():
    old = timezone.now() - datetime.timedelta(days=30)
    for finished in (old, timezone.now()):
        DBTaskResult.objects.create(
            status=TaskResultStatus.SUCCESSFUL, args_kwargs={"args": [], "kwargs": {}},
            task_path="camp.certificates.tasks.build_batch", backend_name="default",
            queue_name="default", run_after=old, finished_at=finished)
    call_command("run_job", "prune_task_results", stdout=StringIO())
    assert DBTaskResult.objects.count() == 1
    assert JobRun.objects.get(name="prune_task_results").succeeded


def test_anonymise_expired_runs_and_is_recorded():
    out = StringIO()
    call_command("run_job", "anonymise_expired", stdout=out)
    assert "Nobody to anonymise" in out.getvalue()
    assert JobRun.objects.get(name="anonymise_expired").succeeded


def test_a_failed_run_is_recorded_and_reported(monkeypatch):
    monkeypatch.setitem(jobs.JOBS, "clearsessions", jobs.Job(
        "clearsessions", ("no_such_command",), datetime.timedelta(days=1), "test"))
    with pytest.raises(CommandError):
        call_command("run_job", "clearsessions", stdout=StringIO(), stderr=StringIO())
    run = JobRun.objects.get(name="clearsessions")
    assert not run.succeeded and "no_such_command" in run.message
    JobRun.objects.filter(pk=run.pk).update(started_at=timezone.now() - datetime.timedelta(days=3))
    assert any("'clearsessions'" in text and "never succeeded" in text
               for text in late_warnings())


def test_check_deploy_warns_about_a_late_job_only():
    for name in jobs.JOBS:
        call_command("run_job", name, stdout=StringIO())
    assert late_warnings() == []
    JobRun.objects.filter(name="anonymise_expired").update(
        succeeded_at=timezone.now() - datetime.timedelta(days=3))
    [warning] = late_warnings()
    assert "'anonymise_expired'" in warning and "72 hours ago" in warning


def test_a_job_that_never_ran_is_reported_once_the_site_is_older_than_its_period():
    assert late_warnings() == []  # just installed: no timer could have fired yet
    MigrationRecorder.Migration.objects.filter(app="cms").update(
        applied=timezone.now() - datetime.timedelta(days=2))
    warnings = late_warnings()
    assert len(warnings) == len(jobs.JOBS)
    assert all("never run" in text for text in warnings)


def test_every_job_has_a_systemd_timer_and_a_cron_line():
    timers = {path.name: path.read_text() for path in (DEPLOY / "systemd").glob("*.timer")}
    started = {match for text in timers.values()
               for match in re.findall(r"^Unit=techcamp-job@(\w+)\.service$", text, re.M)}
    assert started == set(jobs.JOBS)
    service = (DEPLOY / "systemd" / "techcamp-job@.service").read_text()
    assert "manage.py run_job %i" in service
    cron = (DEPLOY / "cron" / "techcamp").read_text()
    assert {m for m in re.findall(r"manage\.py run_job (\w+)$", cron, re.M)} == set(jobs.JOBS)
