"""The cluster test: the site as docs/deploy.md runs it on several servers, with faults.

    .venv/bin/python deploy/cluster/run.py        (or: make cluster)

Starts on 127.0.0.1, in a temporary folder, everything of its own:

- a PostgreSQL cluster (initdb) on port 55432, so that stopping it never touches the
  shared server on 5432, and a redis-server on 6391;
- the database built as the acceptance suite builds it (migrate + load_demo,
  tests/acceptance/stack.py), plus two small camps of girls (deploy/load/harness.py);
- two gunicorn app servers (production settings, deploy/gunicorn.conf.py) on 8321 and
  8322, one ``manage.py db_worker``, and nginx (deploy/nginx/techcamp.conf with both app
  servers upstream) on https://camp.localhost:8320.

Then checks, each bounded in time and printing its figures: one site across servers,
a publish on one server read on the other, shared sign-in limits, a certificate signed
on one server verified on the other, a camp's PDF of
certificates whose worker is killed (SIGKILL) while making it, queued again by the next
worker and downloaded from the other server, /metrics on each server, the scheduled
jobs and the late-job warning (cms.W010), Redis stopped (no 500; lesson pages a second
with and without it; a page unpublished meanwhile never shown again), an app server
killed under load and PostgreSQL restarted under load (no acknowledged answer lost, the
worker still running), and a rolling release with a new static file (no 500, no 404).
Exits non-zero when a check fails.
Ports can be moved with CLUSTER_PORT_BASE (nginx; the app servers take the next two),
CLUSTER_PG_PORT and CLUSTER_REDIS_PORT.
"""

from __future__ import annotations

import glob
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "deploy" / "load")]

from harness import PASSWORD as GIRL_PIN  # noqa: E402
from harness import SETUP as CAMPS_SETUP  # noqa: E402

from tests.acceptance import stack as acceptance  # noqa: E402

PYTHON = sys.executable
HOST = acceptance.HOST
PORT_BASE = int(os.environ.get("CLUSTER_PORT_BASE", 8320))
NGINX_PORT, PORTS = PORT_BASE, {"A": PORT_BASE + 1, "B": PORT_BASE + 2}
PG_PORT = int(os.environ.get("CLUSTER_PG_PORT", 55432))
REDIS_PORT = int(os.environ.get("CLUSTER_REDIS_PORT", 6391))
DEMO_PASSWORD = "tech-camp-demo"  # noqa: S105 (load_demo's accounts, a throw-away database)
ORIGIN = f"https://{HOST}:{NGINX_PORT}"
#: The whole run is stopped past this, whatever it is doing.
RUN_LIMIT = int(os.environ.get("CLUSTER_RUN_LIMIT", 600))

# What the checks need from the database, as JSON: the finished demo camp (its
# certificates) and its facilitator's session, a public page to unpublish and publish
# again, a valid certificate code.
FACTS = r"""
import json
import django
django.setup()
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.cached_db import SessionStore
from django.utils import translation
from wagtail.models import Page
from camp.certificates.models import Certificate
from camp.models import Camp

def session_for(user):
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "allauth.account.auth_backends.AuthenticationBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key

camp = Camp.objects.filter(status=Camp.Status.FINISHED).order_by("pk").first()
facilitator = camp.facilitators.order_by("pk").first()
certificate = Certificate.objects.filter(camp=camp, revoked_on__isnull=True).first()
pages = []
with translation.override("ky"):
    for page in Page.objects.live().public().filter(locale__language_code="ky", depth__gte=3,
                                                    numchild=0).order_by("path")[:40]:
        pages.append([page.pk, page.get_url()])
print(json.dumps({
    "camp": camp.pk, "facilitator": session_for(facilitator),
    "code": certificate.display_code, "certificate": certificate.pk, "pages": pages,
}))
"""


# --- Processes -----------------------------------------------------------------------


def postgres_binary(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                   key=lambda path: int(path.split("/")[4]) if path.split("/")[4].isdigit() else 0)
    if found:
        return found[-1]
    path = shutil.which(name) or f"/usr/local/bin/{name}"
    if not Path(path).exists():
        raise RuntimeError(f"no {name}: apt-get install postgresql")
    return path


class Cluster:
    """The processes of the run, each known by name and stopped by its own id."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.processes: dict[str, subprocess.Popen] = {}
        self.env: dict[str, str] = {}
        self.cwd: dict[str, Path] = {}
        # PostgreSQL refuses to run as root: as the postgres user then.
        self.pg_user = "postgres" if os.geteuid() == 0 else None

    def start(self, name: str, command: list[str], env: dict | None = None,
              cwd: Path = ROOT, user: str | None = None) -> subprocess.Popen:
        log = (self.folder / f"{name}.log").open("a")
        process = subprocess.Popen(  # noqa: S603 (our own commands)
            command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True, user=user,
        )
        self.processes[name] = process
        return process

    def signal(self, name: str, sig: int, wait: float = 30) -> None:
        process = self.processes[name]
        if process.poll() is None:
            try:
                os.killpg(process.pid, sig)
            except ProcessLookupError:
                pass
        try:
            process.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def stop_all(self) -> None:
        for name in reversed(list(self.processes)):
            self.signal(name, signal.SIGINT if name == "postgres" else signal.SIGTERM, 20)

    # PostgreSQL -----------------------------------------------------------------
    def start_postgres(self, durable: bool = True) -> None:
        """``durable=False`` (the build only): no waiting for the disk at each commit."""
        data = self.folder / "pg"
        if not data.exists():
            data.mkdir(mode=0o700)
            if self.pg_user:
                shutil.chown(data, self.pg_user, self.pg_user)
            subprocess.run(  # noqa: S603
                [postgres_binary("initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
                 "-E", "UTF8", "--no-locale", "--no-sync"],
                check=True, capture_output=True, user=self.pg_user, cwd=self.folder)
        self.start("postgres", [
            postgres_binary("postgres"), "-D", str(data), "-p", str(PG_PORT),
            "-c", "listen_addresses=127.0.0.1", "-c", f"unix_socket_directories={data}",
            "-c", "max_connections=200", "-c", "shared_buffers=64MB",
            *([] if durable else ["-c", "fsync=off", "-c", "synchronous_commit=off",
                                  "-c", "full_page_writes=off"]),
        ], user=self.pg_user, cwd=self.folder)
        wait_for_port(PG_PORT, self.processes["postgres"], 30)
        # Accepting connections, not only listening.
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            ready = subprocess.run(  # noqa: S603
                ["pg_isready", "-q", "-h", "127.0.0.1", "-p", str(PG_PORT)],  # noqa: S607
                check=False)
            if ready.returncode == 0:
                return
            time.sleep(0.2)
        raise RuntimeError("the cluster's PostgreSQL did not become ready")

    def start_redis(self) -> None:
        self.start("redis", [shutil.which("redis-server") or "redis-server", "--bind", "127.0.0.1",
                             "--port", str(REDIS_PORT), "--save", "", "--appendonly", "no",
                             "--dir", str(self.folder)])
        wait_for_port(REDIS_PORT, self.processes["redis"], 30)

    def start_app(self, name: str, cwd: Path = ROOT, wait: bool = True) -> None:
        # Each server keeps its own metrics (its gunicorn processes add up their files).
        metrics = self.folder / f"metrics-{name}"
        metrics.mkdir(exist_ok=True)
        env = {**self.env, "GUNICORN_BIND": f"127.0.0.1:{PORTS[name]}",
               "METRICS_DIR": str(metrics)}
        gunicorn = str(Path(PYTHON).parent / "gunicorn")
        self.cwd[name] = cwd
        self.start(name, [gunicorn, "-c", "deploy/gunicorn.conf.py"], env, cwd=cwd)
        if wait:
            self.wait_app(name)

    def wait_app(self, name: str) -> None:
        acceptance.wait_for(f"http://127.0.0.1:{PORTS[name]}/healthz?check=database",
                            [self.processes[name]], 90)


def wait_for_port(port: int, process: subprocess.Popen, seconds: float) -> None:
    import socket

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} ended with {process.returncode}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"nothing answers on 127.0.0.1:{port}")


# --- HTTP, as a phone would speak it -------------------------------------------------

INSECURE = ssl.create_default_context()
INSECURE.check_hostname = False
INSECURE.verify_mode = ssl.CERT_NONE


class Client:
    """One person's cookies. ``via``: "nginx" (HTTPS, as the world reaches the site) or
    an app server's name (plain HTTP with the headers nginx adds)."""

    def __init__(self, via: str = "nginx", cookies: dict | None = None):
        self.via = via
        self.cookies = dict(cookies or {})

    def request(self, method: str, path: str, form: dict | None = None, script: bool = False,
                timeout: float = 30) -> tuple[int | None, bytes]:
        if self.via == "nginx":
            conn = http.client.HTTPSConnection("127.0.0.1", NGINX_PORT, timeout=timeout,
                                               context=INSECURE)
            headers = {}
        else:
            conn = http.client.HTTPConnection("127.0.0.1", PORTS[self.via], timeout=timeout)
            headers = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "127.0.0.1"}
        headers.update({"Host": f"{HOST}:{NGINX_PORT}", "Accept-Language": "ky",
                        "Connection": "close", "User-Agent": "cluster-test"})
        if script:
            headers.update({"Accept": "application/json", "X-CSRFToken": self.csrf()})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if method == "POST":
            body = urlencode(form or {})
            headers.update({"Content-Type": "application/x-www-form-urlencoded",
                            "Origin": ORIGIN, "Referer": ORIGIN + path})
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            content = response.read()
        except (OSError, http.client.HTTPException):
            return None, b""
        finally:
            conn.close()
        for value in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.split(";", 1)[0].partition("=")
            if "max-age=0" in value.lower() or rest in ('""', ""):
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = rest
        return response.status, content

    def csrf(self) -> str:
        if "csrftoken" not in self.cookies:
            # Django accepts a token of its own alphabet set by the page's script.
            self.cookies["csrftoken"] = secrets.token_hex(16)
        return self.cookies["csrftoken"]

    def form_token(self, path: str) -> tuple[int | None, str]:
        status, body = self.request("GET", path)
        found = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        return status, found.group(1).decode() if found else self.csrf()

    def sign_in(self, username: str, password: str) -> tuple[int | None, bool]:
        path = "/ky/accounts/login/"
        _status, token = self.form_token(path)
        self.cookies.pop("sessionid", None)
        status, _ = self.request("POST", path, {"csrfmiddlewaretoken": token,
                                                "login": username, "password": password})
        return status, status == 302 and "sessionid" in self.cookies


# --- The checks ----------------------------------------------------------------------

RESULTS: list[tuple[str, bool, str]] = []


def report(name: str, ok: bool, figures: str) -> None:
    RESULTS.append((name, ok, figures))
    print(f"[{'ok' if ok else 'FAILED'}] {name}: {figures}", flush=True)


def check_one_site() -> None:
    """Signed in on A, the same session is good on B."""
    person = Client("A")
    status, signed_in = person.sign_in("demo-facilitator", DEMO_PASSWORD)
    on_b = Client("B", person.cookies)
    teach, _ = on_b.request("GET", "/ky/teach/")
    report("one site across servers", signed_in and teach == 200,
           f"sign-in on A answered {status}; with that cookie /ky/teach/ on B answered {teach}")


def check_publish(facts: dict) -> None:
    """An editor unpublishes and publishes a page on A; B shows it at once each time."""
    reader = Client("B")
    page_id, url = None, None
    for candidate, candidate_url in facts["pages"]:
        if reader.request("GET", candidate_url)[0] == 200:
            page_id, url = candidate, candidate_url
            break
    if page_id is None:
        report("publish on A, read on B", False, "no public page answered 200 on B")
        return
    reader.request("GET", url)  # kept in the cache now
    editor = Client("A")
    _status, signed_in = editor.sign_in("demo-editor", DEMO_PASSWORD)
    seen = {}
    for action in ("unpublish", "publish"):
        path = f"/admin/bulk/wagtailcore/page/{action}/?id={page_id}"
        _status, token = editor.form_token(path)
        done, _ = editor.request("POST", path, {"csrfmiddlewaretoken": token,
                                                "include_descendants": "on"})
        started = time.monotonic()
        status, _ = reader.request("GET", url)
        seen[action] = (done, status, round((time.monotonic() - started) * 1000))
    ok = signed_in and seen["unpublish"][1] == 404 and seen["publish"][1] == 200
    report("publish on A, read on B", ok,
           f"{url}: read on B 200 (cached), unpublished on A ({seen['unpublish'][0]}) -> B "
           f"{seen['unpublish'][1]}, published again on A ({seen['publish'][0]}) -> B "
           f"{seen['publish'][1]}, each on B's first read after the editor's answer")


def check_signature_across_servers(facts: dict) -> None:
    """A certificate reissued (so signed afresh) on A verifies on B: both servers sign
    and check with the one key the settings give them, and publish the same keys."""
    camp, pk, code = facts["camp"], facts["certificate"], facts["code"]
    on_a = Client("A", {"sessionid": facts["facilitator"]})
    _status, token = on_a.form_token(f"/ky/teach/camps/{camp}/certificates/")
    before = sql("SELECT version FROM certificates_certificate WHERE id = %s", pk)
    asked, _ = on_a.request("POST", f"/ky/certificates/{pk}/reissue/",
                            {"csrfmiddlewaretoken": token, "language": "ky"})
    after = sql("SELECT version, key_id FROM certificates_certificate WHERE id = %s", pk)
    keys = {name: Client(name).request("GET", "/.well-known/techcamp-keys.json")
            for name in PORTS}
    status, page = Client("B").request("GET", f"/ky/verify/{code}/")
    key_id = after[0][1] if after else ""
    valid = "жарактуу".encode() in page and key_id.encode() in page
    report("certificates: signed on one server, verified on the other",
           asked == 302 and bool(before) and bool(after) and after[0][0] == before[0][0] + 1
           and keys["A"][0] == 200 and keys["A"] == keys["B"] and key_id.encode() in keys["A"][1]
           and status == 200 and valid,
           f"reissued on A ({asked}, version {before[0][0] if before else '?'} -> "
           f"{after[0][0] if after else '?'}, key {key_id}); keys published by A and B "
           f"{'the same' if keys['A'] == keys['B'] else 'DIFFER'}; B's verification page "
           f"({status}) {'says valid with that key' if valid else 'does NOT say valid'}")


def check_shared_limits() -> None:
    """Five wrong passwords on A: the right one on B is refused too."""
    statuses = []
    for _ in range(int(os.environ.get("SIGNIN_MAX_FAILURES", 5))):
        statuses.append(Client("A").sign_in("demo-partner", "wrong-" + secrets.token_hex(4))[0])
    status, signed_in = Client("B").sign_in("demo-partner", DEMO_PASSWORD)
    report("sign-in limits shared", not signed_in and all(s == 200 for s in statuses),
           f"5 wrong passwords on A answered {statuses}; the right password on B then "
           f"answered {status} and {'signed in (NOT locked)' if signed_in else 'was refused'}")


def sql(query: str, *args) -> list[tuple]:
    """A read or write on the cluster's database, outside the site."""
    import psycopg

    with psycopg.connect(f"postgres://postgres@127.0.0.1:{PG_PORT}/techcamp",
                         autocommit=True) as conn:
        cursor = conn.execute(query, args)
        return cursor.fetchall() if cursor.description else []


#: The worker's stale limit in this test (cms.core.task_health; 120 s by default): a worker
#: silent this long has its running task queued again.
WORKER_STALE_SECONDS = 5


def start_worker(cluster: Cluster) -> None:
    cluster.start("worker", [PYTHON, "manage.py", "db_worker"], {
        **cluster.env, "TASK_STALE_SECONDS": str(WORKER_STALE_SECONDS),
        "TASK_HEARTBEAT_SECONDS": "1"})


def check_batch(cluster: Cluster, facts: dict, meanwhile=None) -> None:
    """The facilitator asks for the camp's PDF on A; the worker is killed (SIGKILL) while
    it makes it; a new worker queues the stale task again; "make PDF" answers; B serves
    the PDF."""
    camp = facts["camp"]
    on_a = Client("A", {"sessionid": facts["facilitator"]})
    _status, token = on_a.form_token(f"/ky/teach/camps/{camp}/certificates/")
    asked, _ = on_a.request("POST", f"/ky/teach/camps/{camp}/certificates/pdf/",
                            {"csrfmiddlewaretoken": token})
    started, deadline = time.monotonic(), time.monotonic() + 60
    running = []
    while time.monotonic() < deadline and not running:
        running = sql("SELECT b.task_id FROM certificates_batch b WHERE b.camp_id = %s AND "
                      "b.state = 'running'", camp)
        if not running:
            time.sleep(0.02)
    if not running:
        state = sql("SELECT state FROM certificates_batch WHERE camp_id = %s", camp)
        report("certificates: worker killed during the batch", False,
               f"asked on A ({asked}); the batch was never seen running in 60 s: {state}")
        return
    cluster.signal("worker", signal.SIGKILL, 5)
    killed = time.monotonic()
    task_id = running[0][0]
    left = sql("SELECT t.status, b.state FROM django_tasks_database_dbtaskresult t, "
               "certificates_batch b WHERE t.id::text = %s AND b.camp_id = %s", task_id, camp)
    start_worker(cluster)  # as systemd's Restart= would
    if meanwhile:
        meanwhile()
    # The task is queued again once its worker has been silent for the stale limit.
    on_b = Client("B", on_a.cookies)
    again, status, body, requeued = None, None, b"", None
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        workers = sql("SELECT jsonb_array_length(worker_ids::jsonb), status FROM "
                      "django_tasks_database_dbtaskresult WHERE id::text = %s", task_id)
        if requeued is None and workers and (workers[0][0] > 1 or workers[0][1] != "RUNNING"):
            requeued = time.monotonic() - killed
            # The facilitator presses "make PDF" again, as she would with nothing coming.
            _status, token = on_a.form_token(f"/ky/teach/camps/{camp}/certificates/")
            again, _ = on_a.request("POST", f"/ky/teach/camps/{camp}/certificates/pdf/",
                                    {"csrfmiddlewaretoken": token})
        if requeued is not None:
            status, body = on_b.request("GET", f"/ky/teach/camps/{camp}/certificates.pdf")
            if status == 200:
                break
        time.sleep(0.3)
    took = time.monotonic() - killed
    task = sql("SELECT status, worker_ids::text FROM django_tasks_database_dbtaskresult "
               "WHERE id::text = %s", task_id)
    report("certificates: worker killed during the batch",
           asked == 302 and left and left[0] == ("RUNNING", "running") and requeued is not None
           and again == 302 and status == 200 and body.startswith(b"%PDF"),
           f"asked on A ({asked}); batch running after {killed - started:.1f} s, worker killed "
           f"(SIGKILL), task and batch left {left[0] if left else '?'}; a new worker queued "
           f"it again {requeued or 0:.1f} s after the kill (stale limit "
           f"{WORKER_STALE_SECONDS} s); \"make PDF\" on A then answered {again}; PDF "
           f"downloaded from B {took:.1f} s after the kill ({status}, {len(body) // 1024} KiB); "
           f"task now {task[0] if task else '?'}")


JOBS_CHECK = r"""
import json, time
import django
django.setup()
from django.core import checks
from django.core.management import call_command
from django.db import connection
from cms.core.jobs import JOBS

def late():
    return sorted(m.msg.split("'")[1] for m in checks.run_checks(include_deployment_checks=True)
                  if m.id == "cms.W010")

# As if the site had been installed a month ago and no timer had ever run.
with connection.cursor() as cursor:
    cursor.execute("UPDATE django_migrations SET applied = applied - interval '30 days'")
before = late()
took = {}
for name in JOBS:
    started = time.monotonic()
    call_command("run_job", name, stdout=open("/dev/null", "w"))
    took[name] = round(time.monotonic() - started, 1)
print(json.dumps({"before": before, "took": took, "after": late()}))
"""


def start_jobs(cluster: Cluster) -> subprocess.Popen:
    return subprocess.Popen([PYTHON, "-c", JOBS_CHECK], cwd=ROOT, env=cluster.env,  # noqa: S603
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def check_jobs(process: subprocess.Popen) -> None:
    """Each scheduled job run by ``manage.py run_job`` on the cluster's database: the
    deploy check cms.W010 warns for each before, for none after."""
    try:
        out, err = process.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        process.kill()
        report("scheduled jobs", False, "run_job took more than 120 s")
        return
    if process.returncode != 0:
        report("scheduled jobs", False, f"failed: {err[-800:]}")
        return
    found = json.loads(out.strip().splitlines()[-1])
    ok = sorted(found["before"]) == sorted(found["took"]) and not found["after"]
    report("scheduled jobs", ok,
           f"cms.W010 (check --deploy) with no job run for 30 days: late {found['before']}; "
           f"run_job took {found['took']} s; late after: {found['after'] or 'none'}")


METRICS_TOKEN = "cluster-" + secrets.token_hex(8)


def check_metrics() -> None:
    """/metrics on each server: refused without the token, request counts with it."""
    seen = {}
    for name in ("A", "B"):
        figures = []
        for token in ("", METRICS_TOKEN):
            conn = http.client.HTTPConnection("127.0.0.1", PORTS[name], timeout=20)
            headers = {"Host": f"{HOST}:{NGINX_PORT}", "X-Forwarded-Proto": "https",
                       "X-Forwarded-For": "127.0.0.1"}
            if token:
                headers["Authorization"] = f"Bearer {token}"
            try:
                conn.request("GET", "/metrics", headers=headers)
                response = conn.getresponse()
                text = response.read().decode(errors="replace")
                status = response.status
            except (OSError, http.client.HTTPException):
                status, text = None, ""
            finally:
                conn.close()
            counted = sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines()
                          if line.startswith("techcamp_http_requests_total{"))
            figures.append((status, int(counted)))
        seen[name] = figures
    ok = all(f[0][0] == 403 and f[1][0] == 200 and f[1][1] > 0 for f in seen.values())
    report("/metrics on each server", ok, "; ".join(
        f"{name}: without the token {f[0][0]}, with it {f[1][0]} and {f[1][1]} requests "
        "counted" for name, f in seen.items()))


class Girls:
    """Girls answering check questions through nginx, as fast as they are answered.

    Each answer has its own client_id; one not acknowledged (no answer, or not 2xx) is
    sent again with the same id, as the phone's offline queue does. Every acknowledged
    id must then be in the database."""

    def __init__(self, camps: dict, count: int):
        self.rows = [row for camp in camps["camps"] for row in camp["girls"]][:count]
        lesson = camps["lessons"][0]
        self.url = camps["urls"]["courses:quiz_answer"].format(key=lesson["key"])
        self.acknowledged: list[str] = []
        self.statuses: dict[str | int | None, int] = {}
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.drain_until = 0.0  # after the stop, an answer not yet acknowledged is still sent
        self.waiting = 0

    def one(self, row) -> None:
        girl = Client("nginx", {"sessionid": row[2]})
        pending: str | None = None
        while not self.stop.is_set() or (pending and time.monotonic() < self.drain_until):
            client_id = pending or str(uuid.uuid4())
            status, _ = girl.request("POST", self.url, {"answer": "2", "client_id": client_id},
                                     script=True, timeout=20)
            with self.lock:
                self.statuses[status] = self.statuses.get(status, 0) + 1
                if status is not None and 200 <= status < 300:
                    self.acknowledged.append(client_id)
                    pending = None
                else:
                    pending = client_id
            if pending:
                time.sleep(0.2)
        if pending:
            with self.lock:
                self.waiting += 1

    def run(self, seconds: float, during) -> float:
        threads = [threading.Thread(target=self.one, args=(row,)) for row in self.rows]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        try:
            during()
            time.sleep(max(0.0, seconds - (time.monotonic() - started)))
        finally:
            self.drain_until = time.monotonic() + 30
            self.stop.set()
            for thread in threads:
                thread.join(timeout=60)
        return time.monotonic() - started

    def lost(self) -> int:
        import psycopg

        with psycopg.connect(f"postgres://postgres@127.0.0.1:{PG_PORT}/techcamp") as conn:
            stored = {str(value) for (value,) in conn.execute(
                "SELECT client_id FROM courses_quizattempt").fetchall()}
        return len(set(self.acknowledged) - stored)

    def errors(self) -> int:
        return sum(count for status, count in self.statuses.items()
                   if status is None or not 200 <= status < 300)


def lesson_rate(camps: dict, seconds: float = 5, clients: int = 6) -> tuple[float, dict]:
    """Signed-in lesson pages a second through nginx, ``clients`` at a time."""
    rows = camps["camps"][1]["girls"][:clients]
    url = camps["lessons"][1]["url"]
    statuses: dict = {}
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def one(row):
        girl = Client("nginx", {"sessionid": row[2]})
        while time.monotonic() < deadline:
            status, _ = girl.request("GET", url, timeout=20)
            with lock:
                statuses[status] = statuses.get(status, 0) + 1

    started = time.monotonic()
    threads = [threading.Thread(target=one, args=(row,)) for row in rows]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 30)
    return round(statuses.get(200, 0) / (time.monotonic() - started), 1), statuses


def pin_and_verify(camps: dict, facts: dict, username: str) -> dict:
    """The PIN page and a girl signing in on it, and the certificate check."""
    phone = Client("nginx")
    page, token = phone.form_token("/ky/pin/")
    sent, _ = phone.request("POST", "/ky/pin/", {"csrfmiddlewaretoken": token,
                                                "username": username, "pin": GIRL_PIN})
    verify, _ = Client("nginx").request("GET", f"/ky/verify/{facts['code']}/")
    return {"PIN page": page, "PIN sign-in": sent == 302 and "sessionid" in phone.cookies,
            "verify": verify}


def public_page(facts: dict, skip: int = 0) -> tuple[int | None, str | None]:
    """A public page that B answers with 200 (the ``skip`` first such left out)."""
    reader = Client("B")
    for candidate, candidate_url in facts["pages"]:
        if reader.request("GET", candidate_url)[0] == 200:
            if skip == 0:
                return candidate, candidate_url
            skip -= 1
    return None, None


def page_action(editor: Client, page_id: int, action: str) -> int | None:
    path = f"/admin/bulk/wagtailcore/page/{action}/?id={page_id}"
    _status, token = editor.form_token(path)
    done, _ = editor.request("POST", path, {"csrfmiddlewaretoken": token,
                                            "include_descendants": "on"})
    return done


def stop_redis_keeping_data(cluster: Cluster) -> None:
    """Redis stops and comes back with what it held (its snapshot): the old version
    counters and the pages cached under them are there again."""
    subprocess.run(["redis-cli", "-p", str(REDIS_PORT), "shutdown", "save"],  # noqa: S603, S607
                   check=False, capture_output=True, timeout=20)
    cluster.signal("redis", signal.SIGTERM, 10)


def check_redis(cluster: Cluster, camps: dict, facts: dict) -> dict:
    girls = camps["camps"][0]["girls"]
    expected = {"PIN page": 200, "PIN sign-in": True, "verify": 200}
    rates, probes, server_errors = {}, {}, 0
    # Item 5: a page unpublished on A while Redis is away must not come back on B.
    page_id, url = public_page(facts, skip=1)
    editor = Client("A")
    _status, signed_in = editor.sign_in("demo-editor", DEMO_PASSWORD)
    reader = Client("B")
    cached = [reader.request("GET", url)[0] for _ in range(2)] if url else []
    unpublished, during, samples = None, None, []
    polling = threading.Event()

    def poll_b():
        back = time.monotonic()
        while not polling.is_set():
            samples.append((time.monotonic() - back, reader.request("GET", url)[0]))
            time.sleep(0.2)

    poller = threading.Thread(target=poll_b)
    for phase, username in (("up", girls[-1][1]), ("away", girls[-2][1]),
                            ("back", girls[-3][1])):
        if phase == "away":
            stop_redis_keeping_data(cluster)
            time.sleep(0.5)
            if url:
                unpublished = page_action(editor, page_id, "unpublish")
                during = reader.request("GET", url)[0]
        elif phase == "back":
            cluster.start_redis()
            if url:
                poller.start()
            time.sleep(float(os.environ.get("REDIS_BREAKER_SECONDS", 5)) + 1)
        probes[phase] = pin_and_verify(camps, facts, username)
        rates[phase], statuses = lesson_rate(camps)
        server_errors += sum(n for status, n in statuses.items()
                             if status is None or status >= 500)
    if url:
        time.sleep(1)
        polling.set()
        poller.join(timeout=30)
    ok = all(probe == expected for probe in probes.values()) and server_errors == 0
    report("Redis stopped", ok,
           f"lesson pages/s (6 at a time, via nginx): up {rates['up']}, away {rates['away']}, "
           f"back {rates['back']}; server errors {server_errors}; PIN page, PIN sign-in and "
           f"certificate check: {probes}")
    # The bump stays in the memory of A's process that made it until that process next
    # reaches Redis; every process that saw the outage moves the counters on when Redis
    # answers again (cms.core.data_versions): no read on B may find the page cached before.
    stale = [round(t, 1) for t, status in samples if status == 200]
    ok = (signed_in and cached == [200, 200] and unpublished == 302 and during == 404
          and bool(samples) and samples[-1][1] == 404 and not stale)
    report("publish while Redis is away", ok,
           f"{url}: read on B {cached} (cached), Redis stopped (keeping its data), "
           f"unpublished on A ({unpublished}) -> B {during}; Redis back: B read every 0.2 s "
           f"for {samples[-1][0] if samples else 0:.0f} s ({len(samples)} reads), "
           f"{len(stale)} stale 200s{f' (at {stale} s after Redis was back)' if stale else ''}"
           f", last read {samples[-1][1] if samples else '?'}")
    return rates


def check_app_killed(cluster: Cluster, camps: dict) -> dict:
    girls = Girls(camps, 8)
    killed = {}

    def kill_a():
        time.sleep(3)
        cluster.signal("A", signal.SIGKILL, 5)
        killed["at"] = time.monotonic()
        time.sleep(3)
        cluster.start_app("A")  # as systemd's Restart= would
        killed["back"] = time.monotonic() - killed["at"]

    took = girls.run(14, kill_a)
    lost = girls.lost()
    ok = lost == 0 and girls.waiting == 0 and len(girls.acknowledged) > 50
    report("app server killed under load", ok,
           f"{len(girls.acknowledged)} answers acknowledged in {took:.0f} s by 8 girls via "
           f"nginx; A killed (SIGKILL) at 3 s, back {killed.get('back', 0):.1f} s later; "
           f"not acknowledged (sent again) {girls.errors()}; lost {lost}; "
           f"statuses {girls.statuses}")
    return {"acknowledged": len(girls.acknowledged), "errors": girls.errors(), "lost": lost}


def check_postgres_restart(cluster: Cluster, camps: dict) -> dict:
    girls = Girls(camps, 8)
    times = {}

    def restart():
        time.sleep(3)
        # As a crash: immediate shutdown, recovery from the write-ahead log on start.
        cluster.signal("postgres", signal.SIGQUIT, 20)
        stopped = time.monotonic()
        time.sleep(2)
        cluster.start_postgres()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if Client("nginx").request("GET", "/healthz?check=database")[0] == 200:
                break
            time.sleep(0.2)
        times["down"] = time.monotonic() - stopped

    took = girls.run(16, restart)
    page, _ = Client("nginx").request("GET", camps["lessons"][0]["url"])
    worker = cluster.processes["worker"].poll()
    if worker is not None:  # as systemd's Restart= does (deploy/systemd/techcamp-worker.service)
        start_worker(cluster)
    lost = girls.lost()
    ok = lost == 0 and girls.waiting == 0 and page is not None and page < 500 \
        and times.get("down", 99) < 60
    report("PostgreSQL restarted under load", ok,
           f"{len(girls.acknowledged)} answers acknowledged in {took:.0f} s; PostgreSQL "
           f"stopped (immediate) at 3 s, site healthy again {times.get('down', 0):.1f} s "
           f"after the stop; not acknowledged (sent again) {girls.errors()}; lost {lost}; "
           f"statuses {girls.statuses}; db_worker "
           f"{'kept running' if worker is None else f'ended (exit {worker}), restarted'}")
    return {"acknowledged": len(girls.acknowledged), "errors": girls.errors(), "lost": lost,
            "down": round(times.get("down", 0), 1)}


NEW_STATIC = "css/release-note.css"


def make_release(folder: Path) -> Path:
    """The next release: a copy of this code whose stylesheet changed and whose base
    template names a static file the running release does not have."""
    release = folder / "release-2"
    shutil.copytree(ROOT, release, ignore=shutil.ignore_patterns(
        ".venv", "node_modules", ".git", "staticfiles", "media", "media-private",
        "screenshots", "*.sqlite3", "__pycache__", ".*_cache"))
    (release / "static" / NEW_STATIC).write_text(".release-note { display: none; }\n")
    site_css = release / "static" / "css" / "site.css"
    site_css.write_text(site_css.read_text() + "\n/* release 2 */\n")
    base = release / "templates" / "base.html"
    line = "<link rel=\"stylesheet\" href=\"{% static 'css/site.css' %}\">"
    if line not in base.read_text():
        raise RuntimeError("templates/base.html no longer names css/site.css as expected")
    base.write_text(base.read_text().replace(
        line, line + f"\n<link rel=\"stylesheet\" href=\"{{% static '{NEW_STATIC}' %}}\">"))
    return release


def check_rolling_release(cluster: Cluster, folder: Path) -> None:
    release = make_release(folder)
    prepare = subprocess.run(  # noqa: S603
        ["bash", str(release / "deploy" / "release.sh"), "prepare"],  # noqa: S607
        env={**cluster.env, "APP": str(release), "PYTHON": PYTHON,
             "HEALTH_URL": f"http://127.0.0.1:{PORTS['A']}/healthz?check=database",
             "HEALTH_HOST": HOST},
        cwd=release, capture_output=True, text=True, timeout=180)
    if prepare.returncode != 0:
        report("rolling release", False, f"release.sh prepare failed: {prepare.stderr[-500:]}")
        return
    statuses: dict = {}
    names: set[str] = set()
    lock = threading.Lock()
    stop = threading.Event()

    def reader():
        person = Client("nginx")
        while not stop.is_set():
            status, body = person.request("GET", "/ky/", timeout=20)
            found = set(re.findall(r'/static/[^"\s]+', body.decode(errors="replace")))
            with lock:
                statuses[("page", status)] = statuses.get(("page", status), 0) + 1
                names.update(found)
                every = list(names)
            for name in every:  # old and new hashed files, from whichever page named them
                file_status, _ = person.request("GET", name, timeout=20)
                with lock:
                    statuses[("static", file_status)] = statuses.get(("static", file_status),
                                                                      0) + 1

    threads = [threading.Thread(target=reader) for _ in range(3)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    try:
        time.sleep(1)
        for name in ("A", "B"):  # one at a time, by restart (never reload)
            cluster.signal(name, signal.SIGTERM, 30)
            cluster.start_app(name, cwd=release)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
    took = time.monotonic() - started
    new_files = sorted(n for n in names if "release-note" in n)
    css = sorted(n for n in names if "/site." in n)
    bad = {key: count for key, count in statuses.items()
           if key[1] is None or key[1] >= 400}
    ok = not bad and len(new_files) == 1 and len(css) == 2
    report("rolling release", ok,
           f"A then B restarted on a release with a changed stylesheet and a new static "
           f"file, in {took:.1f} s; requests via nginx meanwhile: {statuses}; stylesheets "
           f"named {css + new_files}; failures {bad or 'none'}")


# --- Main ----------------------------------------------------------------------------


def build(cluster: Cluster) -> tuple[dict, dict]:
    folder = cluster.folder
    subprocess.run(  # noqa: S603
        ["psql", f"postgres://postgres@127.0.0.1:{PG_PORT}/postgres", "-qc",  # noqa: S607
         "CREATE DATABASE techcamp"], check=True, capture_output=True)
    # The demo the acceptance suite's production pass built in this CI run, if any
    # (DEMO_SNAPSHOT): restored, signed with its key, instead of built again.
    snapshot = acceptance.snapshot_folder()
    if snapshot is not None and not (snapshot / acceptance.SNAPSHOT_DUMP).exists():
        snapshot = None
    key = {} if snapshot is None else {
        "CERTIFICATE_SIGNING_KEY": str(snapshot / "signing-key.pem")}
    env = acceptance.base_env(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{PG_PORT}/techcamp",
        REDIS_URL=f"redis://127.0.0.1:{REDIS_PORT}/0", MEDIA_ROOT=str(folder / "media"),
        PRIVATE_MEDIA_ROOT=str(folder / "media-private"), SITE_URL=ORIGIN, **key,
    )
    cluster.env = {
        **env,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "cluster-" + secrets.token_hex(24),
        "ALLOWED_HOSTS": HOST,
        "STATIC_ROOT": str(folder / "static"),
        "TRUSTED_PROXY_COUNT": "1",
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_THREADS": "4",
        "GUNICORN_ACCESS_LOG": "",
        "LOG_LEVEL": "WARNING",
        "METRICS_TOKEN": METRICS_TOKEN,
    }
    # The static files need no database: collected while the database is built.
    static = subprocess.Popen(  # noqa: S603
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=cluster.env,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    started = time.monotonic()
    if snapshot is None:
        acceptance.build(env)
        print(f"migrate and load_demo: {time.monotonic() - started:.0f} s", flush=True)
    else:
        restore_demo(snapshot, folder, env)
        print(f"the acceptance suite's demo restored from {snapshot}: "
              f"{time.monotonic() - started:.0f} s", flush=True)

    def script(code: str, *args: str) -> subprocess.Popen:
        return subprocess.Popen([PYTHON, "-c", code, *args], cwd=ROOT, env=cluster.env,  # noqa: S603
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def result(process: subprocess.Popen) -> dict:
        out, err = process.communicate(timeout=300)
        if process.returncode != 0:
            raise RuntimeError(err[-2000:])
        return json.loads(out.strip().splitlines()[-1])

    camps, facts = script(CAMPS_SETUP, "2", "10", GIRL_PIN), script(FACTS)
    if static.wait(timeout=300) != 0:
        raise RuntimeError(f"collectstatic failed: {static.stderr.read()[-2000:]}")
    return result(camps), result(facts)


def restore_demo(snapshot: Path, folder: Path, env: dict) -> None:
    """The demo as tests/acceptance/stack.py saved it: the database, its media, and the
    site's address moved from the acceptance suite's to this one's."""
    acceptance.run([acceptance.postgres_tool("pg_restore"), "--no-owner", "--no-acl",
                    "--exit-on-error", "--jobs=2", "--dbname", env["DATABASE_URL"],
                    str(snapshot / acceptance.SNAPSHOT_DUMP)], acceptance.base_env())
    for name in ("media", "media-private"):
        if (snapshot / name).exists():
            shutil.copytree(snapshot / name, folder / name)
    built, here = urlsplit((snapshot / "site-url").read_text().strip()), urlsplit(ORIGIN)
    moved = sql("UPDATE wagtailcore_site SET hostname = %s, port = %s"
                " WHERE hostname = %s AND port = %s RETURNING id",
                here.hostname, here.port, built.hostname, built.port or 443)
    if len(moved) != 1:
        raise RuntimeError(f"the demo's site at {built.geturl()} was not found in the snapshot")


def nginx_config(folder: Path) -> str:
    """The acceptance suite's nginx configuration, with both app servers upstream."""
    config = acceptance.nginx_config(folder, str(PORTS["A"]), str(NGINX_PORT),
                                     folder / "static", folder / "media")
    one = f"server 127.0.0.1:{PORTS['A']} max_fails=0;"
    if one not in config:
        raise RuntimeError("deploy/nginx/techcamp.conf's upstream changed: update the cluster test")
    return config.replace(one, one + f"\n    server 127.0.0.1:{PORTS['B']} max_fails=0;")


def main() -> int:
    started = time.monotonic()
    folder = Path(tempfile.mkdtemp(prefix="techcamp-cluster-"))
    folder.chmod(0o755)  # the postgres user reaches its data folder inside
    cluster = Cluster(folder)

    def too_long(*_):
        raise TimeoutError(f"the cluster test took more than {RUN_LIMIT} s")

    signal.signal(signal.SIGALRM, too_long)
    signal.alarm(RUN_LIMIT)
    try:
        cluster.start_postgres(durable=False)
        cluster.start_redis()
        camps, facts = build(cluster)
        # The checks run on a PostgreSQL that waits for the disk, as in production.
        cluster.signal("postgres", signal.SIGINT)
        cluster.start_postgres()
        print(f"built in {time.monotonic() - started:.0f} s", flush=True)
        acceptance.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                        "-subj", f"/CN={HOST}", "-keyout", str(folder / "key.pem"),
                        "-out", str(folder / "cert.pem")], acceptance.base_env())
        (folder / "nginx.conf").write_text(nginx_config(folder))
        # Both app servers, the worker and nginx start together (on 2 cores this saves
        # a few seconds of importing Django one process after the other).
        cluster.start_app("A", wait=False)
        cluster.start_app("B", wait=False)
        start_worker(cluster)
        cluster.start("nginx", [acceptance.nginx_binary(), "-p", str(folder), "-c",
                                str(folder / "nginx.conf"), "-e",
                                str(folder / "nginx-error.log")], acceptance.base_env())
        cluster.wait_app("A")
        cluster.wait_app("B")
        acceptance.wait_for(f"https://127.0.0.1:{NGINX_PORT}/healthz",
                            list(cluster.processes.values()), 30, context=INSECURE)
        print(f"cluster up after {time.monotonic() - started:.0f} s: nginx {NGINX_PORT}, "
              f"app servers {PORTS['A']} and {PORTS['B']}, PostgreSQL {PG_PORT}, "
              f"Redis {REDIS_PORT}, logs in {folder}", flush=True)
        check_one_site()
        check_publish(facts)
        check_shared_limits()
        check_signature_across_servers(facts)
        jobs: list[subprocess.Popen] = []
        check_batch(cluster, facts, lambda: jobs.append(start_jobs(cluster)))
        check_metrics()
        if jobs:
            check_jobs(jobs[0])
        check_redis(cluster, camps, facts)
        check_app_killed(cluster, camps)
        check_postgres_restart(cluster, camps)
        check_rolling_release(cluster, folder)
    except Exception as error:
        report("cluster run", False, f"{type(error).__name__}: {error}")
        for log in sorted(folder.glob("*.log")):
            print(f"--- {log.name}\n" + "\n".join(
                log.read_text(errors="replace").splitlines()[-15:]), flush=True)
    finally:
        signal.alarm(0)
        cluster.stop_all()
    failed = [name for name, ok, _ in RESULTS if not ok]
    print(f"\nthe cluster test took {time.monotonic() - started:.0f} s")
    print(f"cluster: {len(RESULTS) - len(failed)} passed, {len(failed)} failed")
    if not failed and os.environ.get("CLUSTER_KEEP") != "1":
        shutil.rmtree(folder, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
