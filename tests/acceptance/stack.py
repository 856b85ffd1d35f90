"""The site as shipped, started for the acceptance suite: one database built once by
``migrate`` and ``load_demo`` (development settings, so the demo accounts and the groups
of the migrations exist), then served in one of two ways.

- ``dev``: development settings under ``manage.py runserver``, as ``make run`` serves
  it, on a SQLite file;
- ``production``: production settings under gunicorn (deploy/gunicorn.conf.py) with
  PostgreSQL, Redis and a running ``manage.py db_worker``, behind nginx (the shipped
  deploy/nginx/techcamp.conf, with this machine's paths and ports) on
  https://camp.localhost with a self-signed certificate.

Ports, database names and the Redis database come from the environment (ACCEPTANCE_*),
so that several checkouts can run side by side.
"""

from __future__ import annotations

import getpass
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
HOST = "camp.localhost"
# camp.localhost is this machine; the certificate is self-signed (the service worker
# needs a certificate Chromium accepts, hence the flag besides the context's option).
PRODUCTION_CHROMIUM_ARGS = [
    f"--host-resolver-rules=MAP {HOST} 127.0.0.1", "--ignore-certificate-errors",
]


def setting(name: str, default: str) -> str:
    return os.environ.get(f"ACCEPTANCE_{name}", default)


@dataclass
class Stack:
    """The running servers of one pass and what a test needs to reach them."""

    name: str
    url: str
    folder: Path
    chromium_args: list[str] = field(default_factory=list)
    processes: list[subprocess.Popen] = field(default_factory=list)
    logs: list[Path] = field(default_factory=list)

    def start(self, label: str, command: list[str], env: dict, cwd: Path = ROOT) -> None:
        log = self.folder / f"{label}.log"
        self.logs.append(log)
        self.processes.append(subprocess.Popen(
            command, cwd=cwd, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
            start_new_session=True,
        ))

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in reversed(self.processes):
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)

    def log_tail(self, lines: int = 40) -> str:
        parts = []
        for log in self.logs:
            text = log.read_text(errors="replace").splitlines()[-lines:]
            parts.append(f"--- {log.name}\n" + "\n".join(text))
        return "\n".join(parts)


def run(command: list[str], env: dict) -> None:
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")


def wait_for(url: str, process_list: list[subprocess.Popen], seconds: float = 60,
             context=None) -> None:
    """Until ``url`` answers (any HTTP status) or a server process has ended."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for process in process_list:
            if process.poll() is not None:
                raise RuntimeError(f"{process.args[:3]} ended with {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=5, context=context)  # noqa: S310
            return
        except urllib.error.HTTPError:
            return
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


_signing_key: list[str] = []


def signing_key() -> str:
    """One certificate signing key for this run: the demo is built and served with it, by
    every server (production settings refuse to start without one)."""
    if not _signing_key:
        path = Path(tempfile.mkdtemp(prefix="techcamp-signing-")) / "signing-key.pem"
        subprocess.run(["openssl", "genpkey", "-algorithm", "ed25519", "-out", str(path)],
                       check=True, capture_output=True)
        path.chmod(0o600)
        _signing_key.append(str(path))
    return _signing_key[0]


def base_env(**extra: str) -> dict:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "SITE_URL"))}
    env.setdefault("CERTIFICATE_SIGNING_KEY", signing_key())
    env.update(PYTHONUNBUFFERED="1", **extra)
    return env


def build(env: dict) -> None:
    """One database: the migrations, then the demo, as ``make demo`` does."""
    dev = {**env, "DJANGO_SETTINGS_MODULE": "cms.settings.dev"}
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], dev)
    run([PYTHON, "manage.py", "load_demo"], dev)


# --- The demo database, shared with the cluster test ---------------------------------
#
# Building the demo (migrate, then load_demo) is the slowest part of starting either the
# production pass or the cluster test (deploy/cluster/run.py), and both build the same
# demo with the same commands. With DEMO_SNAPSHOT=<folder> (.ci/run sets it), the
# production pass saves what it built there before any journey runs: the database
# (pg_dump), its public and private media, the certificate signing key it was signed
# with, and the address the demo site was given. The cluster test then restores that
# instead of building it again. Without it, each builds its own as before.

SNAPSHOT_DUMP = "demo.dump"


def snapshot_folder() -> Path | None:
    folder = os.environ.get("DEMO_SNAPSHOT")
    return Path(folder) if folder else None


def postgres_tool(name: str) -> str:
    """PostgreSQL's own program ``name`` of the newest installed version (pg_dump of one
    version reads servers up to it, pg_restore archives of versions up to it)."""
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
                   key=lambda path: int(path.parts[-3]) if path.parts[-3].isdigit() else 0)
    return str(found[-1]) if found else (shutil.which(name) or name)


def save_snapshot(folder: Path, env: dict, media_root: Path) -> None:
    """The demo just built, as the cluster test restores it (see above)."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in (folder / "media", folder / "media-private"):
        shutil.rmtree(old, ignore_errors=True)
    run([postgres_tool("pg_dump"), "--format=custom", "--no-owner", "--no-acl",
         "--file", str(folder / SNAPSHOT_DUMP), "--dbname", env["DATABASE_URL"]], base_env())
    for name, source in (("media", media_root),
                         ("media-private", media_root.with_name(media_root.name + "-private"))):
        if source.exists():
            shutil.copytree(source, folder / name)
    # The key the demo's certificates were signed with: a file, or the key itself.
    key, used = folder / "signing-key.pem", env["CERTIFICATE_SIGNING_KEY"]
    key.touch(mode=0o600)
    key.chmod(0o600)
    key.write_text(used if used.lstrip().startswith("-----BEGIN") else Path(used).read_text())
    (folder / "site-url").write_text(env["SITE_URL"])


def start_dev(folder: Path) -> Stack:
    """Pass (a): ``make run`` on a SQLite file, served by runserver."""
    port = setting("DEV_PORT", "8201")
    url = f"http://127.0.0.1:{port}"
    env = base_env(
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        MEDIA_ROOT=str(folder / "media"),
        SITE_URL=url,
    )
    build(env)
    dev = {**env, "DJANGO_SETTINGS_MODULE": "cms.settings.dev"}
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], dev)
    stack = Stack("dev", url, folder)
    stack.start("runserver", [PYTHON, "manage.py", "runserver", "--noreload",
                              f"127.0.0.1:{port}"], dev)
    wait_for(url + "/healthz", stack.processes)
    return stack


def nginx_config(folder: Path, upstream_port: str, port: str, static_root: Path,
                 media_root: Path) -> str:
    """deploy/nginx/techcamp.conf with this machine's names, paths and ports.

    The port is not 443, so the Host header nginx passes on keeps it ($http_host), for
    the origin checks of Django's CSRF protection to see the address the browser used.
    """
    shipped = (ROOT / "deploy" / "nginx" / "techcamp.conf").read_text()
    # The plain-HTTP server only redirects to HTTPS and needs port 80: left out.
    shipped = re.sub(r"server \{\s*listen 80;.*?\n\}\n", "", shipped, count=1, flags=re.S)
    shipped = re.sub(r"\n\s*listen \[::\]:443[^\n]*", "", shipped)
    config = (
        shipped.replace("camp.example.org", HOST)
        .replace("127.0.0.1:8000", f"127.0.0.1:{upstream_port}")
        .replace("listen 443 ssl", f"listen {port} ssl")
        .replace(f"/etc/letsencrypt/live/{HOST}/fullchain.pem", str(folder / "cert.pem"))
        .replace(f"/etc/letsencrypt/live/{HOST}/privkey.pem", str(folder / "key.pem"))
        .replace("/srv/techcamp/static/", f"{static_root}/")
        .replace("/srv/techcamp/media/", f"{media_root}/")
        .replace("proxy_set_header Host $host;", "proxy_set_header Host $http_host;")
    )
    temp = folder / "nginx-temp"
    temp.mkdir(exist_ok=True)
    # Started as root, nginx's workers would run as "nobody": they run as this user.
    user = f"\nuser {getpass.getuser()};" if os.geteuid() == 0 else ""
    return f"""daemon off;
worker_processes 1;{user}
pid {folder / 'nginx.pid'};
error_log {folder / 'nginx-error.log'} warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {folder / 'nginx-access.log'};
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
{config}
}}
"""


def nginx_binary() -> str:
    path = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(path).exists():
        raise RuntimeError("The production pass needs nginx: apt-get install nginx-light")
    return path


def start_production(folder: Path) -> Stack:
    """Pass (b): production settings, gunicorn, PostgreSQL, Redis, db_worker, nginx."""
    port = setting("HTTPS_PORT", "8243")
    app_port = setting("APP_PORT", "8202")
    database = setting("DATABASE", "techcamp_acceptance")
    pg = setting("POSTGRES", "postgres://postgres@127.0.0.1:5432")
    redis_url = setting("REDIS_URL", "redis://127.0.0.1:6379/3")
    url = f"https://{HOST}:{port}"
    run(["psql", f"{pg}/postgres", "-qc", f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'],
        base_env())
    run(["psql", f"{pg}/postgres", "-qc", f'CREATE DATABASE "{database}"'], base_env())
    run(["redis-cli", "-u", redis_url, "flushdb"], base_env())
    static_root, media_root = folder / "static", folder / "media"
    env = base_env(
        DATABASE_URL=f"{pg}/{database}", REDIS_URL=redis_url, MEDIA_ROOT=str(media_root),
        SITE_URL=url,
    )
    build(env)
    snapshot = snapshot_folder()
    if snapshot is not None:
        save_snapshot(snapshot, env, media_root)
    production = {
        **env,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "acceptance-" + os.urandom(16).hex(),
        "ALLOWED_HOSTS": HOST,
        "STATIC_ROOT": str(static_root),
        "TRUSTED_PROXY_COUNT": "1",
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        "GUNICORN_BIND": f"127.0.0.1:{app_port}",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_THREADS": "4",
        "LOG_LEVEL": "WARNING",
    }
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], production)
    run([PYTHON, "manage.py", "check", "--deploy", "--fail-level", "ERROR"], production)
    run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", f"/CN={HOST}", "-addext", f"subjectAltName=DNS:{HOST}",
         "-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem")], base_env())
    (folder / "nginx.conf").write_text(
        nginx_config(folder, app_port, port, static_root, media_root))
    stack = Stack("production", url, folder, chromium_args=PRODUCTION_CHROMIUM_ARGS)
    gunicorn = str(Path(PYTHON).parent / "gunicorn")
    stack.start("gunicorn", [gunicorn, "-c", "deploy/gunicorn.conf.py"], production)
    stack.start("db_worker", [PYTHON, "manage.py", "db_worker"], production)
    stack.start("nginx", [nginx_binary(), "-p", str(folder), "-c", str(folder / "nginx.conf"),
                          "-e", str(folder / "nginx-error.log")], base_env())
    wait_for(f"http://127.0.0.1:{app_port}/healthz", stack.processes)
    import ssl

    insecure = ssl.create_default_context()
    insecure.check_hostname = False
    insecure.verify_mode = ssl.CERT_NONE
    wait_for(f"https://127.0.0.1:{port}/healthz", stack.processes, context=insecure)
    return stack


def attach(name: str, folder: Path) -> Stack:
    """Servers started earlier by hand (see __main__ below)."""
    if name == "dev":
        return Stack(name, f"http://127.0.0.1:{setting('DEV_PORT', '8201')}", folder)
    return Stack(name, f"https://{HOST}:{setting('HTTPS_PORT', '8243')}", folder,
                 chromium_args=PRODUCTION_CHROMIUM_ARGS)


def start(name: str) -> Stack:
    folder = Path(tempfile.mkdtemp(prefix=f"acceptance-{name}-"))
    starter = {"dev": start_dev, "production": start_production}[name]
    return starter(folder)


if __name__ == "__main__":
    # Serve one pass by hand: python -m tests.acceptance.stack production
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    stack = start(sys.argv[1] if len(sys.argv) > 1 else "dev")
    print(stack.url, stack.folder, flush=True)
    try:
        signal.pause()
    finally:
        stack.stop()
