"""Logs and metrics: request ids, JSON logs on stdout, error mails without children's
data, and /metrics in Prometheus' text format behind a token."""

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.test import RequestFactory, override_settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from camp.certificates.signing import new_private_pem
from cms.core import observability

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "metrics-token-for-tests-" + "q8" * 10


@pytest.fixture
def fresh_metrics(tmp_path, monkeypatch):
    monkeypatch.delenv("METRICS_DIR", raising=False)
    observability.METRICS.reset()
    with override_settings(METRICS_TOKEN=TOKEN, METRICS_DIR=str(tmp_path)):
        yield tmp_path
    observability.METRICS.reset()


def scrape(client, token=TOKEN):
    return client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {token}")


@pytest.mark.django_db
def test_metrics_need_the_token(client, fresh_metrics):
    assert scrape(client).status_code == 200
    assert scrape(client, "wrong").status_code == 403
    assert client.get("/metrics").status_code == 403
    with override_settings(METRICS_TOKEN=""):
        assert scrape(client, "").status_code == 403


@pytest.mark.django_db
def test_metrics_count_requests_latency_and_the_task_queue(client, fresh_metrics):
    for _ in range(3):
        client.get("/healthz")
    client.get("/ky/no-such-page/")
    for status in (TaskResultStatus.READY, TaskResultStatus.READY, TaskResultStatus.FAILED):
        DBTaskResult.objects.create(
            status=status, args_kwargs={"args": [], "kwargs": {}}, backend_name="default",
            task_path="camp.certificates.tasks.build_batch", queue_name="default",
            run_after=timezone.now())
    # Another gunicorn worker's counts, written to its own file.
    (fresh_metrics / "99999.json").write_text(json.dumps({
        "requests": [[["healthz", "GET", "2xx"], 2]],
        "buckets": [[["healthz"], [2, 2, 2, 2, 2, 2, 2, 2, 2, 2]]],
        "sums": [[["healthz"], 0.01]],
    }))
    response = scrape(client)
    assert response["Content-Type"].startswith("text/plain; version=0.0.4")
    text = response.content.decode()
    assert 'techcamp_http_requests_total{view="healthz",method="GET",status="2xx"} 5' in text
    assert 'status="4xx"} 1' in text
    assert 'techcamp_http_request_duration_seconds_bucket{view="healthz",le="+Inf"} 5' in text
    assert 'techcamp_http_request_duration_seconds_count{view="healthz"} 5' in text
    assert "techcamp_task_queue_length 2" in text
    assert "techcamp_task_failures 1" in text
    assert "# TYPE techcamp_http_request_duration_seconds histogram" in text


@pytest.mark.django_db
def test_every_response_carries_a_request_id(client):
    made = client.get("/healthz")["X-Request-ID"]
    assert len(made) == 32
    given = client.get("/healthz", HTTP_X_REQUEST_ID="nginx-4f2a9c01")
    assert given["X-Request-ID"] == "nginx-4f2a9c01"
    odd = client.get("/healthz", HTTP_X_REQUEST_ID="<script>")
    assert odd["X-Request-ID"] != "<script>"


@pytest.mark.django_db
def test_a_log_line_is_json_with_the_request_id(client, caplog):
    handler = logging.StreamHandler()
    lines = []
    handler.emit = lambda record: lines.append(handler.format(record))
    handler.setFormatter(observability.JsonFormatter())
    handler.addFilter(observability.RequestIdFilter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        response = client.get("/ky/no-such-page/?u=aigul-k-1234")
    finally:
        logger.removeHandler(handler)
    entry = json.loads(lines[-1])
    assert entry["level"] == "WARNING" and entry["logger"] == "django.request"
    assert entry["request_id"] == response["X-Request-ID"]
    assert "aigul" not in lines[-1]  # the query string is never logged


@override_settings(ADMINS=[("Ops", "ops@example.org")])
def test_an_error_mail_goes_to_admins_without_the_form_or_frame_variables():
    from django.utils.log import AdminEmailHandler

    request = RequestFactory().post("/ky/pin/?u=aigul-k-1234",
                                    {"username": "aigul-k-1234", "pin": "482913"})
    handler = AdminEmailHandler(reporter_class="cms.core.observability.PrivateExceptionReporter")
    try:
        secret_pin = "482913"  # a frame variable
        raise ValueError("the sign-in broke")
    except ValueError:
        record = logging.LogRecord("django.request", logging.ERROR, __file__, 1,
                                   "Internal Server Error: %s", ("/ky/pin/",),
                                   sys.exc_info())
    record.request, record.status_code = request, 500
    handler.emit(record)
    [message] = mail.outbox
    assert message.to == ["ops@example.org"]
    assert "Exception Value: the sign-in broke" in message.body
    assert 'raise ValueError("the sign-in broke")' in message.body  # the traceback
    assert secret_pin not in message.body and "aigul-k-1234" not in message.body


def test_production_logs_json_to_stdout_and_mails_admins():
    code = (
        "import django, logging; django.setup(); from django.conf import settings;"
        "print(sorted(settings.LOGGING['root']['handlers']));"
        "logging.getLogger('cms.test').warning('a warning')"
    )
    env = {"DJANGO_SETTINGS_MODULE": "cms.settings.production", "PATH": "/usr/bin:/bin",
           "SECRET_KEY": "a-long-random-production-secret-" + "x7Kq9" * 10,
           "ALLOWED_HOSTS": "camp.example.org", "CERTIFICATE_SIGNING_KEY": new_private_pem()}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60, check=True)
    handlers, line = done.stdout.strip().splitlines()[-2:]
    assert handlers == "['console', 'mail_admins']"
    entry = json.loads(line)
    assert entry["message"] == "a warning" and entry["level"] == "WARNING"
    assert entry["request_id"] == "-"


def production_python(code: str, **env: str) -> str:
    """``code`` run under production settings (as a server starts), its output."""
    base = {"DJANGO_SETTINGS_MODULE": "cms.settings.production", "PATH": "/usr/bin:/bin",
            "SECRET_KEY": "a-long-random-production-secret-" + "x7Kq9" * 10,
            "ALLOWED_HOSTS": "testserver", "LOG_LEVEL": "CRITICAL",
            "CERTIFICATE_SIGNING_KEY": new_private_pem()}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**base, **env},
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


SENTRY_STATE = (
    "import json, django; django.setup(); import sentry_sdk;"
    "client = sentry_sdk.get_client();"
    "print(json.dumps({'active': client.is_active(), 'dsn': client.dsn,"
    " 'pii': client.options.get('send_default_pii'),"
    " 'variables': client.options.get('include_local_variables')}))"
)


def test_errors_go_to_a_sentry_dsn_only_when_one_is_set():
    unset = json.loads(production_python(SENTRY_STATE).splitlines()[-1])
    assert unset["active"] is False
    dsn = "http://public-key@127.0.0.1:9/1"
    wired = json.loads(production_python(SENTRY_STATE, SENTRY_DSN=dsn).splitlines()[-1])
    assert wired == {"active": True, "dsn": dsn, "pii": False, "variables": False}


# A view that breaks while a girl signs in, served by production settings whose
# SENTRY_DSN points at a fake service in this test: what reaches the service.
BREAKING_REQUEST = r"""
import sys, types, django
django.setup()
import sentry_sdk
from django.http import HttpResponse
from django.test import Client
from django.test.utils import override_settings
from django.urls import path

def sign_in(request):
    pin = request.POST["pin"]  # a frame variable holding the PIN
    raise ValueError("the sign-in broke")

urls = types.ModuleType("breaking_urls")
urls.urlpatterns = [path("ky/pin/", sign_in)]
sys.modules["breaking_urls"] = urls
with override_settings(ROOT_URLCONF="breaking_urls"):
    response = Client(raise_request_exception=False).post(
        "/ky/pin/?u=aigul-k-1234", {"username": "aigul-k-1234", "pin": "482913"},
        secure=True, HTTP_COOKIE="camp_phone=girls-session-key-77")
print(response.status_code)
sentry_sdk.flush(10)
"""


def test_an_error_report_carries_no_child_data():
    import gzip
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    received: list[bytes] = []

    class Service(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            encoding = self.headers.get("Content-Encoding", "")
            if encoding == "gzip":
                body = gzip.decompress(body)
            elif encoding == "br":
                import brotli

                body = brotli.decompress(body)
            received.append(body)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Service)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        out = production_python(
            BREAKING_REQUEST, SENTRY_DSN=f"http://public-key@127.0.0.1:{server.server_port}/1")
    finally:
        server.shutdown()
    assert out.strip().splitlines()[-1] == "500"
    sent = b"\n".join(received).decode()
    assert "the sign-in broke" in sent and "ValueError" in sent  # the error arrived
    assert "/ky/pin/" in sent
    for private in ("482913", "aigul-k-1234", "girls-session-key-77"):
        assert private not in sent
