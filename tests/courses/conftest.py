import pytest


@pytest.fixture
def girl(client, world):
    """Girl A of the world, signed in (a module may ask for more, such as consent)."""
    client.force_login(world.girl_a)
    return world.girl_a
