import pytest
from django.core.cache import caches
from django.utils import translation


@pytest.fixture(autouse=True)
def kyrgyz_first():
    """Addresses are built in Kyrgyz, whatever language an earlier test left active."""
    with translation.override("ky"):
        yield


@pytest.fixture(autouse=True)
def fresh_limits():
    """Sign-in failure counters live in the cache: start every test from zero."""
    for alias in ("default", "ratelimit"):
        try:
            caches[alias].clear()
        except Exception:  # noqa: BLE001,S110 - an alias that is not configured
            pass
    yield
