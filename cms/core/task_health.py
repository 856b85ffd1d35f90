"""Background tasks survive a worker that dies.

A worker killed in the middle of a task (out of memory, a reboot, ``kill -9``) leaves
its task ``RUNNING`` for ever in django-tasks' database backend, and whatever waits
for it (a camp's PDF of certificates) waits for ever. So every worker started with
``manage.py db_worker`` writes a heartbeat (``WorkerHeartbeat``) every
``TASK_HEARTBEAT_SECONDS`` from a thread of its own, even in the middle of a long task,
and looks for the tasks of workers that have been silent for ``TASK_STALE_SECONDS``:
such a task is queued again, up to ``TASK_MAX_ATTEMPTS`` runs in all, and then marked
failed with a message saying the worker stopped (django-tasks' ``task_finished`` signal
is sent, so whatever waits for it learns it).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks.signals import task_finished

logger = logging.getLogger("cms.tasks")


class WorkerLost(Exception):
    """The worker running the task stopped before the task finished."""


def heartbeat_seconds() -> float:
    return float(getattr(settings, "TASK_HEARTBEAT_SECONDS", 15))


def stale_after() -> timedelta:
    return timedelta(seconds=float(getattr(settings, "TASK_STALE_SECONDS", 120)))


def max_attempts() -> int:
    return int(getattr(settings, "TASK_MAX_ATTEMPTS", 3))


def beat(worker_id: str) -> None:
    from .models import WorkerHeartbeat

    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id[:64],
        defaults={"seen_at": timezone.now(), "host": socket.gethostname()[:100],
                  "pid": os.getpid()},
    )


def live_workers() -> set[str]:
    from .models import WorkerHeartbeat

    since = timezone.now() - stale_after()
    return set(WorkerHeartbeat.objects.filter(seen_at__gte=since)
               .values_list("worker_id", flat=True))


def stale_tasks() -> list:
    """Running tasks whose worker has not been heard of for ``TASK_STALE_SECONDS``."""
    from django_tasks_db.models import DBTaskResult

    alive = live_workers()
    running = DBTaskResult.objects.running().filter(
        started_at__lt=timezone.now() - stale_after())
    return [task for task in running
            if not task.worker_ids or task.worker_ids[-1] not in alive]


def is_alive(task_id: str) -> bool:
    """Is the task of this id still to run or running on a live worker? (False for an
    unknown id, or with a backend that keeps no results.)"""
    from django_tasks_db.models import DBTaskResult

    try:
        task = DBTaskResult.objects.filter(pk=task_id).first()
    except Exception:  # not a task id of the database backend
        return False
    if task is None:
        return False
    if task.status == TaskResultStatus.READY:
        return True
    if task.status != TaskResultStatus.RUNNING:
        return False
    return task.started_at >= timezone.now() - stale_after() or (
        bool(task.worker_ids) and task.worker_ids[-1] in live_workers())


def tasks_of(worker_id: str) -> list:
    """The tasks marked running by this worker (after it lost the database, none of
    them is running any more: its loop starts afresh)."""
    from django_tasks_db.models import DBTaskResult

    return [task for task in DBTaskResult.objects.running()
            if task.worker_ids and task.worker_ids[-1] == worker_id]


def recover_stale_tasks(tasks: list | None = None) -> dict[str, int]:
    """Queue again, or fail, every task left running by a worker that stopped (or the
    ``tasks`` given)."""
    from django_tasks_db.models import DBTaskResult

    done = {"queued again": 0, "failed": 0}
    for stale in stale_tasks() if tasks is None else tasks:
        with transaction.atomic():
            task = (DBTaskResult.objects.select_for_update()
                    .filter(pk=stale.pk, status=TaskResultStatus.RUNNING).first())
            if task is None:  # finished or recovered meanwhile
                continue
            worker = task.worker_ids[-1] if task.worker_ids else "?"
            if len(task.worker_ids) < max_attempts():
                task.status, task.started_at = TaskResultStatus.READY, None
                task.save(update_fields=["status", "started_at"])
                done["queued again"] += 1
                logger.warning("task %s (%s) queued again: its worker %s stopped",
                               task.pk, task.task_path, worker)
                continue
            task.set_failed(WorkerLost(
                f"The worker running this task ({worker}) stopped {len(task.worker_ids)} "
                "times before it finished."))
            done["failed"] += 1
            logger.warning("task %s (%s) failed: its worker stopped %s times",
                           task.pk, task.task_path, len(task.worker_ids))
        try:
            task_finished.send(sender=type(task.task.get_backend()),
                               task_result=task.task_result)
        except Exception as error:  # the task's function may be gone after a release
            logger.warning("task %s: could not announce its failure (%s)", task.pk,
                           type(error).__name__)
    return done


def forget_old_heartbeats() -> None:
    from .models import WorkerHeartbeat

    WorkerHeartbeat.objects.filter(seen_at__lt=timezone.now() - timedelta(days=1)).delete()


class Heartbeat(threading.Thread):
    """Beats and recovers every ``TASK_HEARTBEAT_SECONDS`` until stopped."""

    def __init__(self, worker_id: str):
        super().__init__(name="task-heartbeat", daemon=True)
        self.worker_id = worker_id
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(heartbeat_seconds()):
            self.once()

    def once(self) -> None:
        try:
            close_old_connections()
            beat(self.worker_id)
            recover_stale_tasks()
            forget_old_heartbeats()
        except Exception as error:  # the database may be restarting: try next time
            logger.warning("task heartbeat failed: %s", type(error).__name__)
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopped.set()
