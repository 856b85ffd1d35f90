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
from tests.shared_data import empty_caches, fresh
from tests.snapshot import Snapshot, empty_database
from tests.world import World, build_world

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


@pytest.fixture(scope="session")
def _snapshots(_django_beside_playwright, django_db_blocker):
    """This worker's saved database states (tests/snapshot.py), by name; the first,
    "migrated", is the test database as the migrations left it (root page, locales,
    roles, regions), made once.

    The browser tests run after every other test of their worker. If one of those
    committed, it emptied the database behind it, and the migrations' data are loaded
    back here from the copy the run took for it (pytest-django does when a test asks for
    serialized rollback); otherwise the database is still the migrated copy."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    with django_db_blocker.unblock():
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents is not None and not ContentType.objects.exists():
            connection.creation.deserialize_db_from_string(contents)
        migrated = Snapshot("migrated")
    return {"migrated": (migrated, None)}


def saved_state(request, name: str, build):
    """The database as ``build()`` left it on the migrated one, and what it returned
    (read again from the database): built and saved at the first test that asks, put
    back for every one after."""
    snapshots = request.getfixturevalue("_snapshots")
    # Called from a fixture that asks for transactional_db: the database is unblocked.
    if name not in snapshots:
        snapshots["migrated"][0].restore()
        value = build()
        snapshots[name] = (Snapshot(name), value)
    snapshot, value = snapshots[name]
    snapshot.restore()
    return fresh(value)


@pytest.fixture
def transactional_db(_usable_connection, _snapshots, django_db_blocker):
    """A committing test on the migrated database, as pytest-django's with serialized
    rollback gives it, but put back from this worker's saved copy; emptied after the
    test as pytest-django's leaves it. The live server asks for it through an autouse
    fixture of pytest-django that runs before this directory's own."""
    from django.db import connections

    with django_db_blocker.unblock():
        _snapshots["migrated"][0].restore()
        empty_caches()
        yield
        empty_database()
    # As Django's transactional tests do: the next test starts on a new connection, and
    # none is left open to the test database when it is dropped.
    for connection in connections.all(initialized_only=True):
        connection.close()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": chromium_path(),
            "args": CHROMIUM_FLAGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": PHONE, "device_scale_factor": 1,
            "has_touch": True, "locale": "ky-KG", "timezone_id": "Asia/Bishkek"}


@pytest.fixture
def site(transactional_db, live_server, request) -> Site:
    """Every public page type in both languages, committed so the live server sees it:
    built once per worker, put back before each test."""
    return saved_state(request, "site", build_site)


@pytest.fixture
def world(transactional_db, live_server, request) -> World:
    """The two-camp world of tests/world.py, committed: built once per worker, put back
    before each test."""
    return saved_state(request, "world", build_world)


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
