"""The pages call enrolment, the roll call and the calendars outside a transaction
(requests are not atomic): each service opens its own, which its row locks need on
PostgreSQL. These tests commit, so they build their data themselves, in a file of their
own (the other files of tests/camp share data built once in one transaction a module)."""

import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from camp.attendance import mark, mark_many
from camp.enrolment import enrol, withdraw
from camp.models import Attendance, CalendarFeed
from tests.camp.factories import make_facilitator, make_girl
from tests.factories import make_curriculum
from tests.world import make_camp

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def camp():
    facilitator = make_facilitator("fac-alone")
    curriculum = make_curriculum(days=2, lessons_per_day=1, slug="alone")["curricula"]["ky"]
    return make_camp("Лагерь", curriculum, facilitator, timezone.localdate())


def test_a_girl_is_enrolled_and_withdrawn(camp):
    facilitator = camp.facilitators.get()
    first, second = make_girl("first"), make_girl("second")
    camp.capacity = 1
    camp.save()
    place = enrol(camp, first, facilitator)
    enrol(camp, second, facilitator)
    withdraw(place, "Семья көчүп кетти", facilitator)
    assert dict(camp.enrolments.values_list("learner__username", "status")) == {
        "first": "withdrawn", "second": "enrolled"}


def test_a_tap_is_saved(camp):
    facilitator = camp.facilitators.get()
    girl = make_girl("alone")
    enrol(camp, girl, facilitator)
    mark(camp.days.get(number=1), girl.pk, "present", facilitator, uuid.uuid4())
    assert Attendance.objects.get(learner=girl).status == "present"


def test_a_roll_whose_batch_conflicts_is_saved_mark_by_mark(camp):
    facilitator = camp.facilitators.get()
    first, second = make_girl("first"), make_girl("second")
    for girl in (first, second):
        enrol(camp, girl, facilitator)
    tap = str(uuid.uuid4())  # a phone that made the same id twice
    day = camp.days.get(number=1)
    assert mark_many(day, [(first.pk, "present", tap), (second.pk, "late", tap)],
                     facilitator) == 1
    assert list(Attendance.objects.values_list("learner", "status")) == [(first.pk, "present")]


def test_a_facilitator_asks_for_a_calendar_address_on_her_page(client):
    """The first address, then a new one."""
    facilitator = make_facilitator("fac-feed")
    client.force_login(facilitator)
    assert client.post(reverse("camp:renew_my_calendar")).status_code == 302
    first = CalendarFeed.objects.get(user=facilitator).token
    assert client.post(reverse("camp:renew_my_calendar")).status_code == 302
    assert CalendarFeed.objects.get(user=facilitator).token != first
