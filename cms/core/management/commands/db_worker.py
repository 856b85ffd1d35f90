"""django-tasks-db's worker, with a heartbeat that lets the tasks of a stopped worker
be run again (``cms.core.task_health``), and that outlives a lost database connection (a
PostgreSQL restart or failover): it logs one line, reconnects and goes on."""

import logging
import time

from django.db import InterfaceError, OperationalError, connection
from django_tasks_db.management.commands.db_worker import Command as WorkerCommand

from cms.core import task_health

logger = logging.getLogger("cms.tasks")


class Command(WorkerCommand):
    help = (
        "Run a database background worker. It writes a heartbeat, queues again (or "
        "fails) the tasks of workers that stopped in the middle of one, and reconnects "
        "when the database connection is lost."
    )

    def handle(self, *args, **options):
        worker_id = options["worker_id"]
        task_health.beat(worker_id)
        task_health.recover_stale_tasks()
        heartbeat = task_health.Heartbeat(worker_id)
        heartbeat.start()
        try:
            while True:
                try:
                    super().handle(*args, **options)
                    return
                except (OperationalError, InterfaceError) as error:
                    self.reconnect(worker_id, error, float(options["interval"]) or 1.0)
        finally:
            heartbeat.stop()

    def reconnect(self, worker_id: str, error: Exception, interval: float) -> None:
        """Wait for the database (SIGTERM still ends the worker at once), then queue
        again what this worker was running when the connection went."""
        lost = time.monotonic()
        logger.warning("db_worker %s lost the database connection (%s); reconnecting every "
                       "%g s", worker_id, type(error).__name__, interval)
        while True:
            connection.close()
            try:
                connection.ensure_connection()
                break
            except (OperationalError, InterfaceError):
                time.sleep(interval)
        task_health.recover_stale_tasks(task_health.tasks_of(worker_id))
        logger.info("db_worker %s reconnected after %.0f s", worker_id, time.monotonic() - lost)
