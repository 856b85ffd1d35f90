"""The acceptance suite: journeys through the site as shipped, by links and forms only.

``make acceptance`` runs it twice, ``ACCEPTANCE_PASS=dev`` (runserver, SQLite) and
``ACCEPTANCE_PASS=production`` (gunicorn, PostgreSQL, Redis, db_worker, nginx, HTTPS).
The servers and their database are started once per run (tests/acceptance/stack.py); the
journeys share that database and run in file order, each leaving the demo as the next
one expects it. Any run without ACCEPTANCE_PASS leaves them out (tests/conftest.py).
"""

import os
from pathlib import Path

import pytest

from tests.acceptance import stack as stacks
from tests.e2e.conftest import CHROMIUM_FLAGS, PHONE, Shots, chromium_path

# The requests a service worker makes are reported with the page's (Chromium): read by
# Playwright's driver when it starts, so set before the first browser is launched.
os.environ.setdefault("PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS", "1")

HERE = Path(__file__).resolve().parent
SCREENSHOTS = stacks.ROOT / "screenshots" / "acceptance"


def pytest_itemcollected(item):
    if HERE in Path(item.path).parents:
        item.add_marker(pytest.mark.acceptance)


def pass_name() -> str:
    name = os.environ.get("ACCEPTANCE_PASS", "dev")
    if name not in ("dev", "production"):
        raise pytest.UsageError("ACCEPTANCE_PASS is dev or production")
    return name


@pytest.fixture(scope="session")
def shipped():
    """The servers of this pass, running until the last journey has ended.

    ACCEPTANCE_RUNNING=<folder> uses servers already started by
    ``python -m tests.acceptance.stack <pass>`` (while writing a journey)."""
    running = os.environ.get("ACCEPTANCE_RUNNING")
    if running:
        yield stacks.attach(pass_name(), Path(running))
        return
    stack = stacks.start(pass_name())
    yield stack
    stack.stop()
    print(f"\nServer logs of the {stack.name} pass: {stack.folder}")


@pytest.fixture(scope="session")
def base(shipped) -> str:
    return shipped.url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, shipped):
    return {**browser_type_launch_args, "executable_path": chromium_path(),
            "args": CHROMIUM_FLAGS + shipped.chromium_args}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args, shipped):
    return {**browser_context_args, "viewport": PHONE, "device_scale_factor": 1,
            "has_touch": True, "locale": "ky-KG", "timezone_id": "Asia/Bishkek",
            "ignore_https_errors": shipped.name == "production"}


@pytest.fixture
def shot(page, request, shipped) -> Shots:
    """``shot("step")`` saves what the phone shows, under screenshots/acceptance/<pass>/."""
    return Shots(page, SCREENSHOTS / shipped.name / request.node.name.split("[")[0])


@pytest.fixture
def server_errors(page, base) -> list[str]:
    """Answers of 500 and above, and styles, scripts or pictures that did not load."""
    errors: list[str] = []

    def check(response):
        path = response.url.removeprefix(base)
        if response.status >= 500 or (
                response.status >= 400 and path.startswith(("/static/", "/media/"))):
            errors.append(f"{response.status} {response.url}")

    page.on("response", check)
    return errors


@pytest.fixture
def console_errors(page) -> list[str]:
    """Errors the pages wrote to the console (a script error, a refused inline style)."""
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text)
            if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors
