import pytest
from django.utils import translation

from tests.shared_data import empty_cache


@pytest.fixture(autouse=True)
def kyrgyz_first():
    """Addresses are built in Kyrgyz, whatever language an earlier test left active."""
    with translation.override("ky"):
        yield


@pytest.fixture(autouse=True)
def fresh_limits():
    """Sign-in failure counters live in the cache: start every test from zero."""
    for alias in ("default", "ratelimit"):
        empty_cache(alias)
    yield
