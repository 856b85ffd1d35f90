import os
from pathlib import Path

import pytest
from django.core.cache import caches
from django.utils import translation

from tests import static_files, template_db
from tests.demo_data import demo_site  # noqa: F401 - a fixture
from tests.factories import make_curriculum
from tests.shared_data import built_once, fresh, module_data  # noqa: F401 - a fixture
from tests.world import build_world

static_files.read_once()

E2E_DIR = Path(__file__).resolve().parent / "e2e"
ACCEPTANCE_DIR = Path(__file__).resolve().parent / "acceptance"


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings):
    """pytest-django's (a test database per xdist worker), and then each test database
    copied from one migrated template instead of migrated again (tests/template_db.py)."""
    from django.db import connections

    template_db.install(connections, list(connections))


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language (Kyrgyz), not in the one a test before it
    left active in this process: which tests come before depends on the order and on
    the process (pytest-xdist), and reverse() and gettext follow the active language."""
    translation.deactivate()
    yield


@pytest.fixture(autouse=True)
def _no_redis_outage_left_over():
    """A test that made Redis unreachable leaves no open breaker and no version bump
    waiting for Redis to the tests after it (both are kept per process)."""
    yield
    from cms.core import data_versions, redis_breaker

    redis_breaker.reset()
    data_versions.forget_unwritten()
    data_versions.recent.clear()


@pytest.fixture(autouse=True, scope="session")
def _no_flush_of_the_shared_redis():
    """Two test processes share one Redis, each under its own key prefix: a flush
    (``cache.clear()``) would empty the other's keys mid-test. ``empty_cache`` deletes
    this process's keys only; a flush fails here so that nobody writes one again."""
    try:
        from django_redis.cache import RedisCache
    except ImportError:  # pragma: no cover - django-redis is a project dependency
        yield
        return

    def refuse(self):
        raise AssertionError("use tests.shared_data.empty_cache: a flush empties the "
                             "other test process's keys too")

    original, RedisCache.clear = RedisCache.clear, refuse
    yield
    RedisCache.clear = original


curriculum_built = built_once(lambda: make_curriculum(days=2, lessons_per_day=2))
world_built = built_once(build_world)


@pytest.fixture
def cache_calls(monkeypatch):
    """Every call a request makes to any cache (each is a round trip with Redis; a call
    the local cache makes inside another, as its ``get_many`` asks ``get``, is not)."""
    calls, depth = [], [0]
    for alias in caches:
        backend = caches[alias]
        for name in ("get", "get_many", "set", "set_many", "add", "incr", "delete", "touch"):
            original = getattr(backend, name)

            def counted(*args, _original=original, _name=name, **kwargs):
                if not depth[0]:
                    calls.append((_name, str(args[0])[:60] if args else ""))
                depth[0] += 1
                try:
                    return _original(*args, **kwargs)
                finally:
                    depth[0] -= 1

            monkeypatch.setattr(backend, name, counted)
    return calls


@pytest.fixture
def curriculum(curriculum_built, db):
    """Two days of two lessons each, in both languages (built once per module)."""
    return fresh(curriculum_built)


@pytest.fixture
def world(world_built, db):
    """The two-camp world of tests.world: every role, ours and someone else's (built
    once per module)."""
    return fresh(world_built)


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    fixtures = set(getattr(item, "fixturenames", ()))
    return bool(marker and marker.kwargs.get("transaction")) or bool(
        fixtures & {"live_server", "transactional_db"}
    )


def _restores_migration_data(item) -> bool:
    marker = item.get_closest_marker("django_db")
    fixtures = set(getattr(item, "fixturenames", ()))
    # "_snapshots": the browser tests' database, put back from a saved copy of the
    # migrated one before each test (tests/snapshot.py).
    return bool(marker and marker.kwargs.get("serialized_rollback")) or bool(
        fixtures & {"django_db_serialized_rollback", "_snapshots"}
    )


def _is_browser_test(item) -> bool:
    return E2E_DIR in Path(item.path).parents


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Tests that commit (transactional ones, the browser tests with a live server) run
    last, after every test that works inside a rolled-back transaction; among each kind,
    the browser tests come after the others (Playwright's event loop stays to the end).

    A transactional test empties the database behind it. It must ask for the data of the
    migrations (root page, locales, roles, regions) to be put back before it runs
    (``serialized_rollback``): emptied without it, PostgreSQL would give the content types
    new ids and every later test would start from a database unlike the migrated one.
    """
    # The acceptance suite starts servers of its own: only `make acceptance` runs it
    # (ACCEPTANCE_PASS set); any other run leaves it out, whatever its -m.
    if not os.environ.get("ACCEPTANCE_PASS"):
        left_out = [item for item in items if ACCEPTANCE_DIR in Path(item.path).parents]
        if left_out:
            config.hook.pytest_deselected(items=left_out)
            items[:] = [item for item in items if item not in left_out]
    careless = [item.nodeid for item in items
                if _is_transactional(item) and not _restores_migration_data(item)]
    if careless:
        raise pytest.UsageError(
            "These transactional tests must use serialized_rollback=True: "
            + ", ".join(careless))
    # CI runs the browser tests in a pass of their own, two workers taking whole files:
    # a test there may follow one that emptied the database, so each that touches the
    # database must put the migrations' data back before it starts.
    unrestored = [item.nodeid for item in items
                  if _is_browser_test(item) and item.get_closest_marker("django_db")
                  and not _restores_migration_data(item)]
    if unrestored:
        raise pytest.UsageError(
            "These browser tests must use django_db(transaction=True, "
            "serialized_rollback=True): " + ", ".join(unrestored))
    # Data built once per module live in a transaction that a committing test would end.
    shared = [item.nodeid for item in items
              if _is_transactional(item) and "module_data" in getattr(item, "fixturenames", ())]
    if shared:
        raise pytest.UsageError(
            "These transactional tests use data built once per module (tests/shared_data.py)"
            "; build their data in the test instead: " + ", ".join(shared))
    # In each file, the tests that use data built once per module come last, so that a
    # test that did not ask for those data never finds them in the database.
    files = {path: number for number, path in enumerate(dict.fromkeys(i.path for i in items))}
    items.sort(key=lambda item: (_is_transactional(item), _is_browser_test(item),
                                 files[item.path],
                                 "module_data" in getattr(item, "fixturenames", ())))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test empties the database as it ends; the next one puts the
    migrations' data back as it starts (serialized rollback), but a test in a rolled-back
    transaction does not. Unless a transactional test comes next, the data go back now,
    once, committed: with two workers each taking whole files, any test may come next,
    and one that needs no database may come in between."""
    yield
    # A transactional test that puts the data back itself comes next; or nothing comes
    # next and the test database is dropped at the end. Kept for the next run
    # (--reuse-db, as scripts/mutation.py runs the tests for each mutant), it must not be
    # left empty.
    if not _is_transactional(item) or (nextitem is not None and _is_transactional(nextitem)):
        return
    if nextitem is None and not item.config.getoption("reuse_db", False):
        return
    from django.db import connections
    from pytest_django.plugin import blocking_manager_key

    with item.config.stash[blocking_manager_key].unblock():
        for connection in connections.all(initialized_only=True):
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:
                connection.creation.deserialize_db_from_string(contents)


_skipped: list[str] = []


def pytest_runtest_logreport(report):
    if report.skipped and not hasattr(report, "wasxfail"):
        _skipped.append(report.nodeid)


def _forbid_skips(config) -> bool:
    return (os.environ.get("TESTS_FORBID_SKIPS") == "1" and bool(_skipped)
            and not hasattr(config, "workerinput"))


def pytest_sessionfinish(session, exitstatus):
    """With TESTS_FORBID_SKIPS=1 (CI's PostgreSQL pass, where every test can run) a
    skipped test fails the run: a test that stops running must not go unnoticed."""
    if _forbid_skips(session.config):
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.hookimpl(trylast=True)
def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if _forbid_skips(config):
        terminalreporter.write_line(
            "TESTS_FORBID_SKIPS=1 and these tests were skipped: " + ", ".join(_skipped),
            red=True)
