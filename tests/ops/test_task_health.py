"""A worker that dies in the middle of a task leaves nothing stuck for good.

Its task is queued again (and failed with a message after ``TASK_MAX_ATTEMPTS`` runs),
a camp's PDF of certificates whose worker died can be asked for again, and a real
``db_worker`` killed with SIGKILL in the middle of a batch is recovered from by the
next worker.
"""

import datetime
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from camp.certificates import batches, services
from camp.certificates.models import Batch
from cms.core import task_health
from courses.storage import private_media_root
from tests.certificates.factories import add_girl, camp_with_core_lessons

ROOT = Path(__file__).resolve().parents[2]
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
LONG_AGO = datetime.timedelta(minutes=10)


def running_task(worker_ids, started=LONG_AGO) -> DBTaskResult:
    return DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING, args_kwargs={"args": [0], "kwargs": {}},
        task_path="camp.certificates.tasks.build_batch", backend_name="default",
        queue_name="default", run_after=timezone.now(), worker_ids=worker_ids,
        started_at=timezone.now() - started,
    )


@pytest.fixture
def issued_camp(db):
    camp, facilitator, keys = camp_with_core_lessons()
    for name in ("Айгүл", "Бүбүсара"):
        add_girl(camp, name, lessons=keys)
    services.issue_for_camp(camp, by=facilitator)
    return camp, facilitator


@pytest.mark.django_db
def test_a_task_of_a_stopped_worker_is_queued_again_then_failed_with_a_message():
    task = running_task(["worker-killed"])
    assert task_health.recover_stale_tasks() == {"queued again": 1, "failed": 0}
    task.refresh_from_db()
    assert task.status == TaskResultStatus.READY and task.started_at is None
    assert task in DBTaskResult.objects.ready()

    gone = running_task(["w1", "w2", "w3"])
    assert task_health.recover_stale_tasks() == {"queued again": 0, "failed": 1}
    gone.refresh_from_db()
    assert gone.status == TaskResultStatus.FAILED
    assert gone.exception_class_path == "cms.core.task_health.WorkerLost"
    assert "stopped 3 times before it finished" in gone.traceback


@pytest.mark.django_db
def test_a_task_on_a_live_worker_or_just_started_is_left_alone():
    task_health.beat("worker-alive")
    long_running = running_task(["worker-alive"])
    just_started = running_task(["worker-silent"], started=datetime.timedelta(seconds=5))
    assert task_health.recover_stale_tasks() == {"queued again": 0, "failed": 0}
    for task in (long_running, just_started):
        task.refresh_from_db()
        assert task.status == TaskResultStatus.RUNNING


def test_make_pdf_works_again_after_the_process_making_it_died(client, issued_camp):
    """Tasks run at once here: a batch left "being made" long ago was never finished."""
    camp, facilitator = issued_camp
    batch = batches.request_batch(camp)
    Batch.objects.filter(pk=batch.pk).update(
        state=Batch.State.RUNNING, file="", requested_at=timezone.now() - LONG_AGO)
    client.force_login(facilitator)
    with translation.override("ky"):
        pdf_url = reverse("certificates:batch_pdf", kwargs={"pk": camp.pk})
        assert client.get(pdf_url).status_code == 404
        client.post(reverse("certificates:make_batch", kwargs={"pk": camp.pk}))
        response = client.get(pdf_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


@override_settings(TASKS=DATABASE_TASKS)
def test_a_batch_whose_worker_died_fails_and_the_button_queues_it_again(issued_camp, monkeypatch):
    # The worker closes its connection between tasks: not the test's, inside its transaction.
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections",
                        lambda: None)
    camp, _ = issued_camp
    batch = batches.request_batch(camp)
    assert batch.state == Batch.State.QUEUED
    assert batches.request_batch(camp).task_id == batch.task_id  # one on its way is kept
    # A worker takes it, marks it running, and is killed for good (three times).
    DBTaskResult.objects.filter(pk=batch.task_id).update(
        status=TaskResultStatus.RUNNING, worker_ids=["w1", "w2", "w3"],
        started_at=timezone.now() - LONG_AGO)
    Batch.objects.filter(pk=batch.pk).update(state=Batch.State.RUNNING)
    task_health.recover_stale_tasks()
    batch.refresh_from_db()
    assert batch.state == Batch.State.FAILED
    again = batches.request_batch(camp)
    assert again.state == Batch.State.QUEUED and again.task_id != batch.task_id
    Worker(queue_names=["default"], interval=0, batch=True, backend_name="default",
           startup_delay=False, max_tasks=None, worker_id="next-worker",
           excluded_queue_names=[]).run()
    again.refresh_from_db()
    assert again.state == Batch.State.READY and again.pages == 2


# --- A real worker, killed --------------------------------------------------------------

on_postgresql = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="a worker in another process needs a database it can share (PostgreSQL)",
)


def start_worker(worker_id: str, log=subprocess.PIPE) -> subprocess.Popen:
    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": (f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or 'localhost'}"
                         f":{db['PORT'] or 5432}/{db['NAME']}"),
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "TASK_STALE_SECONDS": "2", "TASK_HEARTBEAT_SECONDS": "0.5",
        # The worker's private folder is this process's, never the public media folder.
        "MEDIA_ROOT": str(settings.MEDIA_ROOT), "PRIVATE_MEDIA_ROOT": str(private_media_root()),
    }
    env.pop("REDIS_URL", None)
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--interval", "0.2",
         "--worker-id", worker_id, "--no-reload", "-v0"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log,
    )


def wait_until(condition, seconds: float):
    """``condition()`` once it is true within ``seconds``, else its last value."""
    deadline = time.monotonic() + seconds
    value = condition()
    while not value and time.monotonic() < deadline:
        time.sleep(0.1)
        value = condition()
    return value


def wait_for(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"waited {seconds} s for {what}")


@on_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_a_killed_worker_s_batch_is_made_by_the_next_worker():
    camp, facilitator, keys = camp_with_core_lessons()
    for number in range(40):  # long enough to be killed in the middle
        add_girl(camp, f"Айгүл {number}", lessons=keys)
    services.issue_for_camp(camp, by=facilitator)
    batch = batches.request_batch(camp)
    first = start_worker("first-worker")
    try:
        wait_for(lambda: Batch.objects.get(pk=batch.pk).state == Batch.State.RUNNING, 60,
                 "the first worker to start the batch")
        first.send_signal(signal.SIGKILL)
        first.wait(10)
        batch.refresh_from_db()
        assert batch.state == Batch.State.RUNNING and not batch.file
        second = start_worker("second-worker")
        try:
            wait_for(lambda: Batch.objects.get(pk=batch.pk).state == Batch.State.READY, 90,
                     "the second worker to make the batch")
        finally:
            second.terminate()
            second.wait(10)
    finally:
        if first.poll() is None:
            first.kill()
    task = DBTaskResult.objects.get(pk=batch.task_id)
    assert task.status == TaskResultStatus.SUCCESSFUL
    assert task.worker_ids == ["first-worker", "second-worker"]
    connection.close()


@on_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_a_worker_whose_database_connection_is_cut_reconnects_and_goes_on(tmp_path):
    """As when PostgreSQL restarts: the worker's connections are ended by the server.
    It stays up, says so in its log, and makes the next camp's PDF. (A task it was running
    at that moment, such as a search index update, fails with its own log lines.)

    Between two polls the worker may hold no connection for the cut to end, so the cut
    is made again until the worker has met one (its log says so)."""
    camp, facilitator, keys = camp_with_core_lessons()
    add_girl(camp, "Айгүл", lessons=keys)
    services.issue_for_camp(camp, by=facilitator)
    log_path = tmp_path / "worker.log"
    with open(log_path, "w") as log_file:
        worker = start_worker("cut-worker", log=log_file)

    def lost() -> int:
        return log_path.read_text().count("lost the database connection")

    try:
        wait_for(lambda: task_health.live_workers() == {"cut-worker"}, 30,
                 "the worker to start")
        for _attempt in range(20):
            time.sleep(0.5)
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                               "WHERE datname = current_database() AND pid <> pg_backend_pid()")
            if wait_until(lost, 1.5):
                break
        assert lost() >= 1, log_path.read_text()
        assert worker.poll() is None, log_path.read_text()
        batch = batches.request_batch(camp)
        wait_for(lambda: Batch.objects.get(pk=batch.pk).state == Batch.State.READY, 60,
                 "the worker to make the batch after reconnecting")
    finally:
        worker.terminate()
        worker.wait(10)
    connection.close()
