import pytest

from tests.gals.factories import gals_world
from tests.world import build_world


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def gw(world):
    return gals_world(world)
