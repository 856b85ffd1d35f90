"""The facilitator's pages run the same number of queries for 2 or 22 families."""

import datetime
import uuid

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gals import services
from gals.models import Commitment, Household, HouseholdMember, SessionReply


def add_families(world, session, count: int) -> None:
    for number in range(count):
        household = Household.objects.create(camp=world.camp_a)
        mother = HouseholdMember.objects.create(
            household=household, family_role="mother", name=f"Апа {number}")
        HouseholdMember.objects.create(household=household, family_role="brother")
        Commitment.objects.create(
            household=household, what="Суу ташыйт", who=mother, made_on=timezone.localdate(),
            due_on=timezone.localdate() - datetime.timedelta(days=number % 3),
            client_id=uuid.uuid4(),
        )
        reply = SessionReply.objects.create(
            session=session, household=household, coming=True, answered_at=timezone.now(),
            client_id=uuid.uuid4())
        reply.members.set([mother])
        services.mark_roll(session, household, present_ids=[mother.pk], by=None,
                           client_id=uuid.uuid4())


def queries(client, url) -> int:
    client.get(url)  # what is kept in the cache (the site, the pages) is kept from here on
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_facilitator_pages_do_not_grow_with_the_number_of_families(client, world, gw):
    client.force_login(world.facilitator_a)
    urls = [reverse("gals:facilitator"), reverse("gals:roll_call", args=[gw.session_a.pk]),
            reverse("gals:session", args=[gw.session_a.pk])]
    add_families(world, gw.session_a, 2)
    few = [queries(client, url) for url in urls]
    add_families(world, gw.session_a, 20)
    many = [queries(client, url) for url in urls]
    print("queries (facilitator, roll call, session):", few, many)
    assert many == few, (few, many)
