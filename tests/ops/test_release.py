"""deploy/release.sh on a real gunicorn: checks /healthz before and after, collects
static files keeping the old hashed ones, migrates, and restarts (a new master, so the
new code and static manifest are loaded), and fails loudly when the site does not come
back. Local addresses only; every process started here is stopped here."""

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from camp.certificates.signing import new_private_pem

#: The release runs on a SQLite file and no Redis of its own, whatever the pass's
#: database: a second pass on PostgreSQL would repeat it byte for byte (.ci/run).
pytestmark = pytest.mark.own_database

ROOT = Path(__file__).resolve().parents[2]
PORT = int(os.environ.get("RELEASE_TEST_PORT", "8324"))
HOST = "camp.localhost"


@pytest.fixture
def site(tmp_path):
    static, pidfile = tmp_path / "static", tmp_path / "gunicorn.pid"
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")},
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "release-test-only-" + "r4Tq" * 12,
        "CERTIFICATE_SIGNING_KEY": new_private_pem(),
        "ALLOWED_HOSTS": HOST, "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "STATIC_ROOT": str(static), "MEDIA_ROOT": str(tmp_path / "media"),
        "GUNICORN_BIND": f"127.0.0.1:{PORT}", "GUNICORN_WORKERS": "1",
        "GUNICORN_ACCESS_LOG": "", "LOG_FORMAT": "plain",
        "HEALTH_URL": f"http://127.0.0.1:{PORT}/healthz", "PYTHON": sys.executable,
        "RESTART_WORKER": "", "WAIT": "30",
    }
    start = (f"{sys.executable} -m gunicorn -c deploy/gunicorn.conf.py --daemon "
             f"--pid {pidfile} --error-logfile {tmp_path / 'gunicorn.log'}")
    stop = (f"kill -TERM $(cat {pidfile}); "
            f"while [ -e {pidfile} ]; do sleep 0.1; done")
    env["RESTART_WEB"] = f"{stop}; {start}"
    (static / "css").mkdir(parents=True)
    # A stylesheet of the release before: its hashed name must still be served after.
    (static / "css" / "site.0ld0ld0ld0ld.css").write_text("body{color:#000}")
    site = {"env": env, "pidfile": pidfile, "start": start, "stop": stop, "tmp": tmp_path}
    yield site
    if pidfile.exists():
        os.kill(int(pidfile.read_text()), signal.SIGTERM)
        deadline = time.monotonic() + 20
        while pidfile.exists() and time.monotonic() < deadline:
            time.sleep(0.1)


def shell(command: str, env: dict) -> None:
    subprocess.run(["bash", "-c", command], cwd=ROOT, env=env, check=True, timeout=60)


def status(path: str) -> int:
    request = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}", headers={"Host": HOST})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, OSError):
        return 0


def text(path: str) -> str:
    request = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}", headers={"Host": HOST})
    with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
        return response.read().decode()


def release(site, *args, **extra) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["deploy/release.sh", *args], cwd=ROOT, env={**site["env"], **extra},
        capture_output=True, text=True, timeout=240)


@pytest.mark.skipif(not shutil.which("curl"), reason="release.sh uses curl")
def test_a_release_restarts_the_site_and_keeps_old_static_files(site):
    assert status("/healthz") == 0, f"something already answers on port {PORT}"
    shell(site["start"], site["env"])  # the release before: not even migrated yet
    deadline = time.monotonic() + 60
    while status("/healthz") != 200 and time.monotonic() < deadline:
        time.sleep(0.3)
    before = site["pidfile"].read_text()

    done = release(site)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "healthy before the release" in done.stdout
    assert "healthy after the release" in done.stdout
    assert "the new release's static file answers 200" in done.stdout
    assert site["pidfile"].read_text() != before  # a new master: restarted, not reloaded
    assert status("/healthz") == 200
    assert status("/static/css/site.0ld0ld0ld0ld.css") == 200  # the old release's file
    # The certificate checker's QR decoder (from npm, by make setup) was collected too.
    found = re.search(r'data-decoder="([^"]+)"', text("/ky/verify/scan/"))
    assert found and re.fullmatch(r"/static/vendor/jsqr/jsQR\.[0-9a-f]{12}\.js", found[1])
    assert status(found[1]) == 200

    # A restart after which the site does not come back fails the release.
    broken = release(site, "restart", RESTART_WEB=site["stop"], WAIT="3")
    assert broken.returncode != 0
    assert "not healthy within 3s after the restart" in broken.stderr


@pytest.mark.skipif(not shutil.which("curl"), reason="release.sh uses curl")
def test_a_release_does_not_start_on_an_unhealthy_site(site):
    assert status("/healthz") == 0, f"something already answers on port {PORT}"
    done = release(site)  # nothing listens
    assert done.returncode != 0
    assert "is not healthy before the release" in done.stderr
    assert not (site["tmp"] / "static" / "staticfiles.json").exists()  # nothing was done
