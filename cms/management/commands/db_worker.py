"""django-tasks-db's worker, with a heartbeat that lets the tasks of a stopped worker
be run again (``cms.task_health``)."""

from django_tasks_db.management.commands.db_worker import Command as WorkerCommand

from cms import task_health


class Command(WorkerCommand):
    help = (
        "Run a database background worker. It writes a heartbeat and queues again (or "
        "fails) the tasks of workers that stopped in the middle of one."
    )

    def handle(self, *args, **options):
        worker_id = options["worker_id"]
        task_health.beat(worker_id)
        task_health.recover_stale_tasks()
        heartbeat = task_health.Heartbeat(worker_id)
        heartbeat.start()
        try:
            super().handle(*args, **options)
        finally:
            heartbeat.stop()
