"""Every view against every role, and against a facilitator of another camp.

The rows live in tests/matrix/<app>.py. A named URL of the project's apps with no
row fails ``test_every_view_has_a_row``: no view ships without its permission test.
"""

import importlib
import pkgutil

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

from tests import matrix
from tests.shared_data import empty_caches
from tests.world import ROLES, build_world

PROJECT_NAMESPACES = {"courses", "camp", "gals", "cms", "certificates", "impact", "care"}
PROJECT_VIEWS_WITHOUT_NAMESPACE = {"search"}
PROJECT_MODULES = tuple(f"{name}." for name in PROJECT_NAMESPACES)


def is_project_view(pattern: URLPattern) -> bool:
    """A view written in one of the project's apps (wherever its URL is mounted)."""
    callback = getattr(pattern.callback, "view_class", pattern.callback)
    return getattr(callback, "__module__", "").startswith(PROJECT_MODULES)


def matrix_modules():
    return [
        importlib.import_module(f"tests.matrix.{module.name}")
        for module in pkgutil.iter_modules(matrix.__path__)
    ]


ROWS = [row for module in matrix_modules() for row in module.ROWS]


def project_url_names() -> set[str]:
    names = set()

    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                if namespace in PROJECT_NAMESPACES:
                    names.add(f"{namespace}:{pattern.name}")
                elif namespace is None and (
                    pattern.name in PROJECT_VIEWS_WITHOUT_NAMESPACE or is_project_view(pattern)
                ):
                    names.add(pattern.name)

    walk(get_resolver().url_patterns)
    return names


def test_every_view_has_a_row():
    missing = project_url_names() - {row.name for row in ROWS}
    assert not missing, f"views without a role-matrix row: {sorted(missing)}"


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    """One world for the whole matrix, built once inside a transaction that is rolled
    back at the end; each test runs in its own savepoint within it (the ``db``
    fixture), so what a request changes is undone before the next."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            world = build_world()
            # A matrix module that adds objects to the world does it here, once, so
            # they outlive each test's rollback (``prepare(world)``).
            for module in matrix_modules():
                if hasattr(module, "prepare"):
                    module.prepare(world)
            yield world
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def world(shared_world, db):
    """The shared world, with empty caches: each row starts where a real visitor does,
    not over a code-try or sign-in budget that the rows before it used up."""
    empty_caches()
    return shared_world


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.name)
def test_role_matrix(client, world, row, role):
    user = world.user(role)
    if user is not None:
        client.force_login(user)
    with translation.override("ky"):
        url = row.url(world)
    before = row.unchanged(world) if row.unchanged else None
    if row.method == "post":
        response = client.post(url, row.data(world) if row.data else {})
    else:
        response = client.get(url)
    if role in row.allowed:
        assert response.status_code in row.ok, f"{role} refused: {response.status_code}"
    else:
        if role == "anonymous":
            assert response.status_code in (302, 403, 404), response.status_code
            if response.status_code == 302:
                assert "/accounts/login/" in response["Location"]
        else:
            assert response.status_code in (403, 404), f"{role} let in: {response.status_code}"
        if row.unchanged:
            assert row.unchanged(world) == before, "a refused request changed data"
