import pytest

from tests.shared_data import built_once, fresh

from .factories import add_surveys, make_programme


def programme_with_surveys():
    data = make_programme()
    add_surveys(data)
    return data


programme_built = built_once(programme_with_surveys)


@pytest.fixture
def programme(programme_built, db):
    return fresh(programme_built)
