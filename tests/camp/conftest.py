import pytest
from django.utils import timezone

from tests.camp.factories import make_facilitator
from tests.factories import make_curriculum
from tests.shared_data import built_once, fresh
from tests.world import make_camp

six_days_built = built_once(lambda: make_curriculum(days=6, lessons_per_day=1, slug="six"))
facilitator_built = built_once(lambda: make_facilitator("fac-1"))


@pytest.fixture(scope="module")
def camp_built(six_days_built, facilitator_built, django_db_blocker):
    with django_db_blocker.unblock():
        return make_camp("Лагерь", six_days_built["curricula"]["ky"], facilitator_built,
                         timezone.localdate())


@pytest.fixture
def six_days(six_days_built, db):
    """A curriculum of six days, one lesson a day, in both languages."""
    return fresh(six_days_built)


@pytest.fixture
def facilitator(facilitator_built, db):
    return fresh(facilitator_built)


@pytest.fixture
def camp(camp_built, db):
    """A running camp whose first day is today."""
    return fresh(camp_built)
