import pytest

from .factories import clear_rate_limit


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    clear_rate_limit()
    yield
    clear_rate_limit()
