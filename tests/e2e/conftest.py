"""The browser test harness: Debian's Chromium at a 360x640 phone screen, a live server,
the site built by the factories, and a screenshot for every step of a journey.

Every test under tests/e2e/ is marked ``e2e``; tests/conftest.py runs them after the
others, because Playwright keeps an event loop running in the main thread from its first
use to the end of the session.
"""

import os
import re
import shutil
from pathlib import Path

import pytest

from tests.e2e.site import Site, build_site

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "screenshots"
PHONE = {"width": 360, "height": 640}
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run", "--disable-extensions",
]
E2E_DIR = Path(__file__).resolve().parent


def pytest_itemcollected(item):
    """Every test under tests/e2e/ is a browser test: ``pytest -m e2e`` runs them alone."""
    if E2E_DIR in Path(item.path).parents:
        item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session", autouse=True)
def _django_beside_playwright(django_db_setup, request):
    """Starts Playwright once for the browser tests, with Django ready to work beside it.

    Playwright's sync API keeps an asyncio loop running in the test thread. Django then
    refuses database calls unless told the caller is synchronous (it is), and hands the
    thread a new connection object, which lacks the copy of the migrations' data (root
    page, locales, roles) that the test runner took to restore after each transactional
    test: that copy is carried over here.
    """
    from django.db import connections

    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    kept = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    request.getfixturevalue("playwright")
    for alias, contents in kept.items():
        connections[alias]._test_serialized_contents = contents
    yield
    if before is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


def chromium_path() -> str:
    """Debian's Chromium; the suite never downloads a browser of its own."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        raise pytest.UsageError("The browser tests need Chromium: apt-get install chromium")
    return path


@pytest.fixture(autouse=True)
def _usable_connection():
    """Each browser test starts on a database connection that answers, as production's
    CONN_HEALTH_CHECKS make sure of: on PostgreSQL, in full runs, the test thread's
    connection was found closed by the server side at the start of a test."""
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        if connection.connection is not None and not connection.is_usable():
            connection.close()
    yield


@pytest.fixture
def transactional_db(_usable_connection, transactional_db):
    """pytest-django's, after the check above: the live server asks for it through an
    autouse fixture of pytest-django that runs before this directory's own, and it
    writes the migrations' data back (serialized rollback) on that connection."""
    return transactional_db


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": chromium_path(),
            "args": CHROMIUM_FLAGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": PHONE, "device_scale_factor": 1,
            "has_touch": True, "locale": "ky-KG", "timezone_id": "Asia/Bishkek"}


@pytest.fixture
def site(transactional_db, django_db_serialized_rollback, live_server) -> Site:
    """Every public page type in both languages, committed so the live server sees it.

    The database is emptied after each browser test, and the data of the migrations is
    put back before the next one.
    """
    return build_site()


@pytest.fixture
def server(live_server) -> str:
    """The live server's address, without a trailing slash."""
    return live_server.url.rstrip("/")


class Shots:
    """Saves numbered screenshots of a journey under screenshots/<test name>/."""

    def __init__(self, page, folder: Path):
        self.page, self.folder, self.count = page, folder, 0
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)

    def __call__(self, step: str) -> Path:
        self.count += 1
        slug = re.sub(r"[^a-z0-9]+", "-", step.lower()).strip("-")
        path = self.folder / f"{self.count:02d}-{slug}.png"
        self.page.screenshot(path=path)
        return path


@pytest.fixture
def shot(page, request) -> Shots:
    """``shot("lesson")`` saves what the phone shows now, one file per journey step."""
    name = re.sub(r"[^a-zA-Z0-9_]+", "-", request.node.name.replace("chromium", "")).strip("-")
    return Shots(page, SCREENSHOTS / name)


@pytest.fixture
def console_errors(page) -> list[str]:
    """Errors the page wrote to the console (a script error, a refused inline style...)."""
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text)
            if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors
