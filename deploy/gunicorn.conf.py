"""gunicorn settings for the Tech Camp site: `gunicorn -c deploy/gunicorn.conf.py`.

Every value can be changed from the environment (GUNICORN_*), so one file serves a
small single server and a row of app servers behind a load balancer.
"""

import multiprocessing
import os
import tempfile
from pathlib import Path

wsgi_app = "cms.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# One process per core, each with eight threads: a request mostly waits on PostgreSQL
# and Redis, and threads fill those waits. Each process keeps its own copy of what it
# read (cms.core.data_versions), so fewer processes find more there: on the two-core
# machine a camp morning of 75 camps was answered at p95 0.86 s by 2 processes of 8
# threads, and at p95 4.6 s by 4 of 4 (deploy/load/camp_morning.py).
# The cores this process may use (a container's or a systemd unit's CPU limit), not the
# host's; set GUNICORN_WORKERS to be sure (the Docker image sets 2).
usable_cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (
    multiprocessing.cpu_count())
workers = int(os.environ.get("GUNICORN_WORKERS", usable_cores))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 8))

# A stuck request is ended rather than holding a worker for ever; workers are renewed
# now and then so that slow leaks never grow.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 20
keepalive = 5
# Each renewal is a gap of a worker (new connections, empty in-process entries): at 2,000
# a camp morning renewed each of 4 workers (as configured then) every ~80 s, and its
# slowest answers took 8-12 s against 3.8 s with no renewal. 20,000 still renews a worker
# a few times a day.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 20000))
max_requests_jitter = 2000

# Load the application before forking: workers share its memory, start fast, and a
# broken configuration stops the server at once instead of in every worker.
preload_app = True

# Behind nginx or a load balancer on the same network: trust its X-Forwarded-* headers.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms'
# Temporary files for request bodies in memory, not on a slow disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108


def post_fork(server, worker):
    """Each worker opens its own database connections: none inherited from the parent."""
    from django.db import connections

    for connection in connections.all():
        connection.close()


# /metrics adds up the counts of every worker: each writes its own file in this folder
# (cms/core/observability.py). Emptied when the server starts, so counts start at zero.
os.environ.setdefault("METRICS_DIR", tempfile.mkdtemp(prefix="techcamp-metrics-"))


def on_starting(server):
    folder = Path(os.environ["METRICS_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.json"):
        old.unlink(missing_ok=True)
