"""Logs and metrics: a request id on every log line, JSON logs, and ``/metrics``.

* **Request id**: ``RequestIdMiddleware`` (first in ``MIDDLEWARE``) takes the id nginx
  gives (``X-Request-ID: $request_id``) or makes one, sends it back in the response
  and puts it on every log line written while the request is served, so one request
  can be followed through nginx's log and the app's.
* **JSON logs**: ``JsonFormatter`` writes one JSON object a line (production's
  ``LOGGING``): time, level, logger, message, request id, and the traceback if any.
  A log line never carries a query string, a form or a cookie.
* **Metrics**: ``/metrics`` answers in Prometheus' text format, only with
  ``Authorization: Bearer <METRICS_TOKEN>`` (403 to everyone while it is empty):
  requests by view, method and status class, a latency histogram, and the task
  queue (tasks waiting, running, failed) read from the database when scraped.

Written here rather than with ``prometheus_client``, which the project does not
depend on: a counter, one histogram and a few gauges are some lines of code, and the
text format is stable. Gunicorn runs several processes; each keeps its own counts and,
when ``METRICS_DIR`` is set (``deploy/gunicorn.conf.py`` sets it), writes them to a
file of its own there at most once a second; ``/metrics`` adds up every file, those of
workers that were replaced included, so counters only go up until a restart.
"""

from __future__ import annotations

import contextvars
import json
import logging
import os
import re
import threading
import time
import uuid
from collections import defaultdict
from pathlib import Path

from django.conf import settings
from django.core.signals import request_finished
from django.http import HttpResponse, HttpResponseForbidden
from django.utils.crypto import constant_time_compare
from django.views.debug import ExceptionReporter
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")

VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
BUCKETS = (0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


# --- Request id and logs -------------------------------------------------------------


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        rid = given if VALID_ID.match(given) else uuid.uuid4().hex
        # Kept until the request is finished (Django logs a 4xx/5xx after the last
        # middleware has returned), then cleared by the request_finished signal.
        request_id.set(rid)
        request.request_id = rid
        started = time.perf_counter()
        response = self.get_response(request)
        response["X-Request-ID"] = rid
        METRICS.observe(request, response.status_code, time.perf_counter() - started)
        return response


def _request_finished(**kwargs) -> None:
    request_id.set("-")


request_finished.connect(_request_finished, dispatch_uid="observability-request-id")


class RequestIdFilter(logging.Filter):
    """Puts ``record.request_id`` on every record (``-`` outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", request_id.get()),
            "process": record.process,
        }
        status = getattr(record, "status_code", None)
        if status:
            entry["status"] = status
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)

    converter = time.gmtime


class PrivateExceptionReporter(ExceptionReporter):
    """What an error mail says: the traceback, the address without its query, the
    method; never a form's values (a girl's PIN), a cookie, the query string or the
    variables of each frame (which hold names and answers)."""

    HIDDEN = "(not sent)"

    def _get_raw_insecure_uri(self):
        """The address without its query string (``?u=`` names a girl)."""
        return f"{self.request.scheme}://{self.request._get_raw_host()}{self.request.path}"

    def get_traceback_data(self):
        data = super().get_traceback_data()
        for frame in data.get("frames", []):
            frame["vars"] = []
        for key in ("request_GET_items", "filtered_POST_items", "request_COOKIES_items",
                    "request_FILES_items"):
            if key in data:
                data[key] = [(name, self.HIDDEN) for name, _ in data[key]]
        data.pop("request_meta", None)
        data.pop("settings", None)
        data.pop("sys_path", None)
        return data


# --- Metrics -------------------------------------------------------------------------


class Metrics:
    """This process's request counts and latency histogram."""

    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        self.requests: dict[tuple, int] = defaultdict(int)
        self.buckets: dict[tuple, list[int]] = {}
        self.sums: dict[tuple, float] = defaultdict(float)
        self.written = 0.0

    def observe(self, request, status: int, seconds: float) -> None:
        match = getattr(request, "resolver_match", None)
        view = (match.view_name if match and match.view_name else "other")[:60]
        if view == "metrics":
            return
        labels = (view, request.method, f"{status // 100}xx")
        with self.lock:
            self.requests[labels] += 1
            counts = self.buckets.setdefault(labels[:1], [0] * (len(BUCKETS) + 1))
            for index, bound in enumerate(BUCKETS):
                if seconds <= bound:
                    counts[index] += 1
            counts[-1] += 1
            self.sums[labels[:1]] += seconds
        self.write_soon()

    def snapshot(self) -> dict:
        with self.lock:
            return {
                "requests": [[list(k), v] for k, v in self.requests.items()],
                "buckets": [[list(k), list(v)] for k, v in self.buckets.items()],
                "sums": [[list(k), v] for k, v in self.sums.items()],
            }

    def write_soon(self) -> None:
        folder = metrics_dir()
        if folder is None or time.monotonic() - self.written < 1:
            return
        self.written = time.monotonic()
        path = folder / f"{os.getpid()}.json"
        try:
            temporary = path.with_suffix(".tmp")
            temporary.write_text(json.dumps(self.snapshot()))
            temporary.replace(path)
        except OSError:
            pass  # metrics must never fail a request


METRICS = Metrics()


def metrics_dir() -> Path | None:
    folder = os.environ.get("METRICS_DIR") or getattr(settings, "METRICS_DIR", "")
    return Path(folder) if folder else None


def gathered() -> dict:
    """Every process's counts added up (this one's as they are now)."""
    snapshots = [METRICS.snapshot()]
    folder = metrics_dir()
    if folder is not None and folder.is_dir():
        for path in folder.glob("*.json"):
            if path.stem == str(os.getpid()):
                continue
            try:
                snapshots.append(json.loads(path.read_text()))
            except (OSError, ValueError):
                continue
    total = {"requests": defaultdict(int), "buckets": {}, "sums": defaultdict(float)}
    for snap in snapshots:
        for labels, value in snap["requests"]:
            total["requests"][tuple(labels)] += value
        for labels, counts in snap["buckets"]:
            kept = total["buckets"].setdefault(tuple(labels), [0] * len(counts))
            for index, count in enumerate(counts):
                kept[index] += count
        for labels, value in snap["sums"]:
            total["sums"][tuple(labels)] += value
    return total


def quoted(value: str) -> str:
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def task_counts() -> dict[str, int]:
    from django.db.models import Count
    from django_tasks_db.models import DBTaskResult

    return dict(DBTaskResult.objects.values_list("status").annotate(n=Count("pk")))


def exposition() -> str:
    total = gathered()
    lines = [
        "# HELP techcamp_http_requests_total Requests answered, by view, method and status.",
        "# TYPE techcamp_http_requests_total counter",
    ]
    for (view, method, status), value in sorted(total["requests"].items()):
        lines.append(f"techcamp_http_requests_total{{view={quoted(view)},method={quoted(method)},"
                     f"status={quoted(status)}}} {value}")
    lines += ["# HELP techcamp_http_request_duration_seconds Time to answer, by view.",
              "# TYPE techcamp_http_request_duration_seconds histogram"]
    for (view,), counts in sorted(total["buckets"].items()):
        for bound, count in zip((*BUCKETS, "+Inf"), counts, strict=True):
            lines.append(f"techcamp_http_request_duration_seconds_bucket{{view={quoted(view)},"
                         f"le={quoted(bound)}}} {count}")
        lines.append(f"techcamp_http_request_duration_seconds_sum{{view={quoted(view)}}} "
                     f"{total['sums'][(view,)]:.6f}")
        lines.append(f"techcamp_http_request_duration_seconds_count{{view={quoted(view)}}} "
                     f"{counts[-1]}")
    counts = task_counts()
    lines += ["# HELP techcamp_tasks Background tasks kept in the database, by status "
              "(READY: the queue).",
              "# TYPE techcamp_tasks gauge"]
    for status in ("READY", "RUNNING", "SUCCESSFUL", "FAILED"):
        lines.append(f"techcamp_tasks{{status={quoted(status)}}} {counts.get(status, 0)}")
    lines += ["# HELP techcamp_task_queue_length Tasks waiting for a worker.",
              "# TYPE techcamp_task_queue_length gauge",
              f"techcamp_task_queue_length {counts.get('READY', 0)}",
              "# HELP techcamp_task_failures Failed tasks whose results are kept (14 days).",
              "# TYPE techcamp_task_failures gauge",
              f"techcamp_task_failures {counts.get('FAILED', 0)}"]
    return "\n".join(lines) + "\n"


@never_cache
@require_safe
def metrics(request):
    """Prometheus' text format, for a scraper holding ``METRICS_TOKEN``."""
    token = getattr(settings, "METRICS_TOKEN", "")
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not token or not constant_time_compare(given, token):
        return HttpResponseForbidden("", content_type="text/plain")
    return HttpResponse(exposition(), content_type="text/plain; version=0.0.4; charset=utf-8")
