"""Shared parts of the load and fault scripts: a small HTTP client, test data, servers.

Everything stays on 127.0.0.1: the app under gunicorn, its own Redis on a spare port,
and a dedicated PostgreSQL database (``techcamp_load``) that the scripts create.
Every loop is bounded in time; every process started here is stopped here.
"""

from __future__ import annotations

import asyncio
import os
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
APP_PORT = int(os.environ.get("LOAD_APP_PORT", 8765))
REDIS_PORT = int(os.environ.get("LOAD_REDIS_PORT", 6391))
PG = os.environ.get("LOAD_PG", "postgres://postgres@127.0.0.1:5432")
DATABASE = os.environ.get("LOAD_DATABASE", "techcamp_load")
PASSWORD = "load-pin-" + "7391"
LOAD_SECRET = "load-test-only-" + "k3v9" * 12


def signing_key() -> str:
    """One certificate signing key for the data built and the server, kept between runs."""
    path = Path(tempfile.gettempdir()) / "techcamp-load-signing-key.pem"
    if not path.exists():
        subprocess.run(["openssl", "genpkey", "-algorithm", "ed25519", "-out", str(path)],  # noqa: S603,S607
                       check=True, capture_output=True)
        path.chmod(0o600)
    return str(path)


def environment(redis: bool = True) -> dict[str, str]:
    static = Path(tempfile.gettempdir()) / "techcamp-load-static"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        # One key for the data built and the server (sessions are signed with it).
        "SECRET_KEY": os.environ.get("LOAD_SECRET_KEY", LOAD_SECRET),
        "ALLOWED_HOSTS": HOST,
        "CERTIFICATE_SIGNING_KEY": os.environ.get("CERTIFICATE_SIGNING_KEY") or signing_key(),
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"{PG}/{DATABASE}",
        "STATIC_ROOT": str(static),
        "MEDIA_ROOT": str(Path(tempfile.gettempdir()) / "techcamp-load-media"),
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "GUNICORN_BIND": f"{HOST}:{APP_PORT}",
        "GUNICORN_ACCESS_LOG": "",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("REDIS_URL", None)
    if redis:
        env["REDIS_URL"] = f"redis://{HOST}:{REDIS_PORT}/0"
    return env


# --- Servers --------------------------------------------------------------------------


class Processes:
    """Processes started by a script, stopped by their own ids at the end."""

    def __init__(self):
        self.started: list[subprocess.Popen] = []

    def start(self, args, env=None, **kwargs) -> subprocess.Popen:
        # Its own process group: stopping it stops its children (gunicorn's workers) too.
        process = subprocess.Popen(  # noqa: S603
            args, env=env, cwd=ROOT, start_new_session=True, **kwargs)
        self.started.append(process)
        return process

    def stop(self, process: subprocess.Popen) -> None:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        try:  # whatever the process left behind in its group
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def stop_all(self) -> None:
        for process in reversed(self.started):
            self.stop(process)


def start_redis(processes: Processes) -> subprocess.Popen:
    redis = shutil.which("redis-server")
    process = processes.start(
        [redis, "--bind", HOST, "--port", str(REDIS_PORT), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    wait_for_port(REDIS_PORT)
    return process


def start_app(processes: Processes, env: dict) -> subprocess.Popen:
    process = processes.start(
        [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"], env=env,
        stderr=subprocess.DEVNULL if os.environ.get("LOAD_QUIET", "1") == "1" else None,
    )
    wait_for_port(APP_PORT, timeout=300, process=process)
    return process


def _memory_kb(pid: int) -> dict[str, int]:
    """Pss and Rss of one process, from the kernel (Linux ``smaps_rollup``)."""
    found = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("Pss", "Rss"):
            found[name] = int(value.split()[0])
    return found


def _processes() -> list[tuple[int, int, str, float]]:
    """(pid, parent pid, name, CPU seconds used so far) of every process."""
    tick = os.sysconf("SC_CLK_TCK")
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            head, tail = stat.read_text().rsplit(")", 1)
        except OSError:
            continue
        fields = tail.split()
        name = head.split("(", 1)[1]
        found.append((int(stat.parent.name), int(fields[1]), name,
                      (int(fields[11]) + int(fields[12])) / tick))
    return found


def app_memory(master: subprocess.Popen) -> str:
    """The memory of gunicorn's master and each worker: PSS counts shared pages once,
    divided among the processes that share them (what the machine really gives)."""
    workers = [pid for pid, parent, _name, _cpu in _processes() if parent == master.pid]
    lines = []
    for label, pid in [("master", master.pid)] + [("worker", pid) for pid in sorted(workers)]:
        try:
            kb = _memory_kb(pid)
        except OSError:
            continue
        lines.append(f"  {label:<7} pid {pid:<7} PSS {kb['Pss'] / 1024:6.1f} MB  "
                     f"RSS {kb['Rss'] / 1024:6.1f} MB")
    return "\n".join(lines)


def cpu_by_part(master: subprocess.Popen, redis: subprocess.Popen) -> dict:
    """CPU seconds used so far by each process of the app's workers, its master, its
    Redis, PostgreSQL (every ``postgres`` process of the machine) and this load generator,
    by pid: read before and after the morning, the difference says where the machine's
    time went."""
    found = {}
    for pid, parent, name, seconds in _processes():
        if pid == master.pid:
            found[pid] = ("gunicorn master", seconds)
        elif parent == master.pid:
            found[pid] = ("app workers", seconds)
        elif pid == redis.pid:
            found[pid] = ("Redis", seconds)
        elif name == "postgres":
            found[pid] = ("PostgreSQL", seconds)
    mine = resource.getrusage(resource.RUSAGE_SELF)
    found[os.getpid()] = ("load generator", mine.ru_utime + mine.ru_stime)
    return found


def cpu_report(before: dict, after: dict, wall: float) -> str:
    """What each part used between two readings of ``cpu_by_part`` (a process that ended
    in between is not counted: PostgreSQL's connections last, so that is rare)."""
    used: dict[str, float] = defaultdict(float)
    for pid, (part, seconds) in after.items():
        used[part] += seconds - (before[pid][1] if pid in before else 0.0)
    total = sum(used.values()) or 1e-9
    lines = [f"CPU during the morning: {total:.0f} s in {wall:.0f} s "
             f"({os.cpu_count()} cores: {os.cpu_count() * wall:.0f} s)"]
    for part, seconds in sorted(used.items(), key=lambda item: -item[1]):
        lines.append(f"  {part:<16} {seconds:6.1f} s  {100 * seconds / total:4.0f} %")
    return "\n".join(lines)


def redis_calls() -> dict[str, int]:
    """Commands the load's Redis has answered so far, by name (``INFO commandstats``; a
    Lua script's own commands are counted under their names too)."""
    found = subprocess.run(  # noqa: S603
        [shutil.which("redis-cli") or "redis-cli", "-h", HOST, "-p", str(REDIS_PORT),
         "info", "commandstats"], capture_output=True, text=True, check=False).stdout
    calls = {}
    for line in found.splitlines():
        if line.startswith("cmdstat_"):
            name, _, rest = line.partition(":")
            calls[name.removeprefix("cmdstat_")] = int(rest.split(",")[0].split("=")[1])
    return calls


def redis_report(before: dict[str, int], after: dict[str, int], requests: int) -> str:
    used = {name: count - before.get(name, 0) for name, count in after.items()}
    used = {name: count for name, count in used.items() if count and name != "info"}
    per = ", ".join(f"{name} {count / max(requests, 1):.2f}"
                    for name, count in sorted(used.items(), key=lambda item: -item[1]))
    return f"Redis commands a request: {sum(used.values()) / max(requests, 1):.1f} ({per})"


def wait_for_port(port: int, timeout: float = 30, process=None) -> None:
    import socket

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server stopped at start (exit {process.returncode})")
        with socket.socket() as sock:
            if sock.connect_ex((HOST, port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"nothing answers on {HOST}:{port}")


def manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], env=env, cwd=ROOT, check=True)  # noqa: S603


def create_database() -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DATABASE}"')


# --- The camps ------------------------------------------------------------------------

SETUP = r"""
import datetime, json, sys
import django
django.setup()
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone, translation
from camp.models import Enrolment
from cms.core.models import Role, User
from tests.factories import make_curriculum
from tests.world import make_camp

camps, girls_per_camp, password = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
pages = make_curriculum(days=1, lessons_per_day=3, slug="load")
curriculum = pages["curricula"]["ky"]
learners = Group.objects.get(name=Role.LEARNER)
facilitators = Group.objects.get(name=Role.FACILITATOR)
hashed = make_password(password)
# Girls sign in with a PIN, under the PIN hasher, as camp accounts are made.
from cms.core.hashers import hash_pin
pin_hashed = hash_pin(password)
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.cached_db import SessionStore


def session_for(user):
    # A session as if she had signed in earlier this morning (sign-in is measured apart).
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "allauth.account.auth_backends.AuthenticationBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key

out = {"camps": [], "lessons": []}
with translation.override("ky"):
    for lesson in pages["lessons"]["ky"]:
        out["lessons"].append({"url": lesson.url, "key": str(lesson.translation_key)})
    for c in range(camps):
        facilitator = User.objects.create(username=f"load-f{c}", password=hashed,
                                          first_name="Гүлнара")
        facilitator.groups.add(facilitators)
        camp = make_camp(f"Load {c}", curriculum, facilitator, timezone.localdate())
        girls = User.objects.bulk_create([
            User(username=f"load-c{c}-g{g}", password=pin_hashed, first_name="Айгүл",
                 last_name="К", birth_year=2010) for g in range(girls_per_camp)])
        learners.user_set.add(*girls)
        Enrolment.objects.bulk_create([Enrolment(camp=camp, learner=g) for g in girls])
        out["camps"].append({
            "facilitator": [facilitator.username, session_for(facilitator)],
            "girls": [[g.pk, g.username, session_for(g)] for g in girls],
            "roll_call": reverse("camp:roll_call", kwargs={"pk": camp.pk, "number": 1}),
        })
    out["login"] = reverse("account_login")
    names = {}
    for name in ("courses:lesson_done", "courses:quiz_answer"):
        try:
            key = out["lessons"][0]["key"]
            kwargs = {"lesson_key": key}
            if name.endswith("answer"):
                kwargs["number"] = 1
            names[name] = reverse(name, kwargs=kwargs).replace(key, "{key}")
        except Exception:
            names[name] = None
    out["urls"] = names
print(json.dumps(out))
"""


def build_camps(env: dict, camps: int, girls: int, reuse: bool = False) -> dict:
    """Make the database anew (or, with ``reuse``, keep the last one built)."""
    import json

    # Another database (LOAD_DATABASE) has its own file: two runs never mix sessions.
    name = "techcamp-load" if DATABASE == "techcamp_load" else DATABASE
    saved = Path(tempfile.gettempdir()) / f"{name}-{camps}x{girls}.json"
    if reuse and saved.exists():
        return json.loads(saved.read_text())
    # The database is made anew: what was saved for another size names its girls.
    for older in Path(tempfile.gettempdir()).glob(f"{name}-*x*.json"):
        older.unlink()
    create_database()
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", SETUP, str(camps), str(girls), PASSWORD], env=env, cwd=ROOT,
        check=True, capture_output=True, text=True,
    )
    analyse_database()
    saved.write_text(result.stdout.strip().splitlines()[-1])
    return json.loads(saved.read_text())


def analyse_database() -> None:
    """Give PostgreSQL its statistics of the tables just filled, as a database in use has
    them: without, the first morning after a build was planned blind (p95 4.8 s at 75
    camps against 0.85 s on the same data a run later, once autovacuum had analysed)."""
    import psycopg

    with psycopg.connect(f"{PG}/{DATABASE}", autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


# --- A small HTTP client (one connection per request, like phones on a bad network) --


@dataclass
class Response:
    status: int
    headers: dict[str, list[str]]
    body: bytes


class Browser:
    """Cookies and CSRF tokens of one person; requests time-boxed."""

    def __init__(self, stats: Stats, timeout: float = 30):
        self.cookies: dict[str, str] = {}
        self.stats, self.timeout = stats, timeout

    async def request(self, method: str, path: str, form: dict | None = None,
                      label: str = "", script: bool = False) -> Response | None:
        """``script``: sent as the lesson script sends a form (fetch, JSON answer)."""
        body = urlencode(form or {}).encode() if method == "POST" else b""
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        head = [f"{method} {path} HTTP/1.1", f"Host: {HOST}", "Connection: close",
                "Accept-Language: ky", "User-Agent: camp-morning"]
        if script:
            head += ["Accept: application/json", f"X-CSRFToken: {self.csrf()}"]
        if cookie:
            head.append(f"Cookie: {cookie}")
        if method == "POST":
            head += ["Content-Type: application/x-www-form-urlencoded",
                     f"Content-Length: {len(body)}", f"Referer: http://{HOST}:{APP_PORT}{path}"]
        started = time.perf_counter()
        try:
            reader, writer = await asyncio.wait_for(
                asyncio.open_connection(HOST, APP_PORT), self.timeout)
            writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
            await writer.drain()
            raw = await asyncio.wait_for(reader.read(), self.timeout)
            writer.close()
        except (TimeoutError, OSError) as error:
            self.stats.add(label or path, time.perf_counter() - started, None, repr(error))
            return None
        elapsed = time.perf_counter() - started
        header_bytes, _, content = raw.partition(b"\r\n\r\n")
        lines = header_bytes.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1]) if lines and len(lines[0].split()) > 1 else 0
        headers: dict[str, list[str]] = defaultdict(list)
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()].append(value.strip())
        for value in headers.get("set-cookie", []):
            pair = value.split(";", 1)[0]
            name, _, val = pair.partition("=")
            if "max-age=0" in value.lower() or val == '""':
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = val
        if "chunked" in ",".join(headers.get("transfer-encoding", [])):
            content = dechunk(content)
        self.stats.add(label or path, elapsed, status)
        return Response(status, headers, content)

    def csrf(self) -> str:
        return self.cookies.get("csrftoken", "")

    async def sign_in(self, login_url: str, username: str, password: str) -> bool:
        page = await self.request("GET", login_url, label="sign-in page")
        if page is None or page.status != 200:
            return False
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
        response = await self.request("POST", login_url, {
            "csrfmiddlewaretoken": token.group(1).decode() if token else self.csrf(),
            "login": username, "password": password,
        }, label="sign in")
        return response is not None and response.status == 302 and "sessionid" in self.cookies


def dechunk(data: bytes) -> bytes:
    out, rest = b"", data
    while rest:
        size_line, _, rest = rest.partition(b"\r\n")
        size = int(size_line.split(b";")[0] or b"0", 16)
        if size == 0:
            break
        out, rest = out + rest[:size], rest[size + 2:]
    return out


@dataclass
class Stats:
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[str, dict] = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))
    failures: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)

    def add(self, label: str, seconds: float, status: int | None, error: str = "") -> None:
        self.times[label].append(seconds)
        self.statuses[label][status] += 1
        if status is None or status >= 500:
            self.failures.append(f"{label}: {status or error}")

    def report(self, title: str, wall: float | None = None) -> dict:
        wall = wall or (time.perf_counter() - self.started)
        every = [t for values in self.times.values() for t in values]
        lines = [f"\n== {title}",
                 f"{'what':<22}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}  statuses"]
        for label, values in sorted(self.times.items()):
            lines.append(f"{label:<22}{len(values):>9}{percentile(values, 50):>9.0f}"
                         f"{percentile(values, 95):>9.0f}{max(values) * 1000:>9.0f}  "
                         f"{dict(self.statuses[label])}")
        summary = {
            "requests": len(every), "seconds": round(wall, 1),
            "rps": round(len(every) / wall, 1) if wall else 0,
            "p50_ms": round(percentile(every, 50)), "p95_ms": round(percentile(every, 95)),
            "errors": len(self.failures),
        }
        lines.append(f"{'all':<22}{len(every):>9}{summary['p50_ms']:>9}{summary['p95_ms']:>9}")
        lines.append(f"requests/s {summary['rps']}  p50 {summary['p50_ms']} ms  "
                     f"p95 {summary['p95_ms']} ms  errors {summary['errors']}  "
                     f"over {summary['seconds']} s")
        print("\n".join(lines), flush=True)
        return summary


def percentile(values: list[float], p: int) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0] * 1000
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1] * 1000


def new_id() -> str:
    return str(uuid.uuid4())
