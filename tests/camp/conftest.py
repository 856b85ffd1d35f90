import pytest
from django.utils import timezone

from tests.camp.factories import make_facilitator
from tests.factories import make_curriculum
from tests.world import make_camp


@pytest.fixture
def six_days(db):
    """A curriculum of six days, one lesson a day, in both languages."""
    return make_curriculum(days=6, lessons_per_day=1, slug="six")


@pytest.fixture
def facilitator(db):
    return make_facilitator("fac-1")


@pytest.fixture
def camp(six_days, facilitator):
    """A running camp whose first day is today."""
    return make_camp("Лагерь", six_days["curricula"]["ky"], facilitator, timezone.localdate())
