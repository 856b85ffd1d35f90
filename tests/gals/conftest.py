import pytest

from tests.gals.factories import gals_world


@pytest.fixture
def gw(world):
    return gals_world(world)
