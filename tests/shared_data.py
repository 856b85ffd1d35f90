"""Test data built once per module instead of once per test.

Building a world (a Wagtail curriculum in two languages, two camps, a user for every
role) takes far longer than most tests that use it. ``module_data`` opens one transaction
around a module, rolled back when the module ends; data built in it (``built_once``)
outlive each test, since every test runs in a savepoint inside it (pytest-django's
``db``) and what a test changes is rolled back with that savepoint. The role matrix has
built its world this way from the start.

A test must never get the built objects themselves: a test that changes an attribute
without saving it, or that fills an object's caches (its permissions, its related
objects), would hand that object on to the next test. ``fresh()`` gives each test new
instances of the same rows, read from the database as the test begins.

In each file, the tests that use such data run after those that do not
(``tests/conftest.py`` orders them), so a test never meets data it did not ask for.
Transactional tests (and the browser tests) commit, so they cannot run inside the
module's transaction: ``tests/conftest.py`` refuses them data built this way.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict

import pytest
from django.core.cache import caches
from django.db import models, transaction
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError


@pytest.fixture(scope="module")
def module_data(django_db_setup, django_db_blocker):
    """One transaction around the module's tests, rolled back at the module's end."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def built_once(build):
    """A module-scoped fixture holding what ``build()`` made, inside ``module_data``.

    Pair it with a test-scoped fixture that returns ``fresh(...)`` of it and asks for
    ``db``, so the test runs in its own savepoint::

        world_built = built_once(build_world)

        @pytest.fixture
        def world(world_built, db):
            return fresh(world_built)
    """

    @pytest.fixture(scope="module")
    def fixture(module_data, django_db_blocker):
        with django_db_blocker.unblock():
            return build()

    return fixture


def fresh(value):
    """``value`` with every model instance in it read again from the database: the same
    rows, as new objects (one query per model). Dataclasses, dicts, lists and tuples are
    copied; other values are kept as they are.

    The caches are emptied too: a test before may have kept there what it saw of rows
    that its rollback has since put back (a girl's camps, a cancelled camp)."""
    empty_caches()
    wanted: dict[type, set] = defaultdict(set)
    _collect(value, wanted)
    rows = {model: model._base_manager.in_bulk(list(pks)) for model, pks in wanted.items()}
    return _rebuild(value, rows)


def empty_caches() -> None:
    """Empty every cache: a test starts with no page, lockout or code-try count that
    a test before it left there."""
    for alias in caches:
        empty_cache(alias)


def empty_cache(alias: str) -> None:
    """Empty one cache. On Redis only this run's key prefix is deleted: a flush would
    also empty the caches of the test process running beside this one."""
    cache = caches[alias]
    try:
        if hasattr(cache, "delete_pattern"):
            cache.delete_pattern("*")
        else:
            cache.clear()
    except (ConnectionInterrupted, RedisConnectionError):
        pass  # a test that took Redis away: nothing can be read from it either


def _collect(value, wanted) -> None:
    if isinstance(value, models.Model):
        wanted[type(value)].add(value.pk)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            _collect(getattr(value, field.name), wanted)
    elif isinstance(value, dict):
        for item in value.values():
            _collect(item, wanted)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _collect(item, wanted)


def _rebuild(value, rows):
    if isinstance(value, models.Model):
        return rows[type(value)][value.pk]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(
            value,
            **{
                field.name: _rebuild(getattr(value, field.name), rows)
                for field in dataclasses.fields(value)
                if field.init
            },
        )
    if isinstance(value, dict):
        return {key: _rebuild(item, rows) for key, item in value.items()}
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return type(value)(*(_rebuild(item, rows) for item in value))
    if isinstance(value, (list, tuple)):
        return type(value)(_rebuild(item, rows) for item in value)
    return value
