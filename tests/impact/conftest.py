import pytest

from .factories import add_surveys, make_programme


@pytest.fixture
def programme(db):
    data = make_programme()
    add_surveys(data)
    return data
