"""Every list a page shows and ``can()`` name the same records, for every role.

The matrix world (tests/world.py) with a few more records that tell the rules apart:
a waiting and a withdrawn girl, a draft camp, a family of the other camp, a community
session, a parent's data request. The demo data are checked in tests/test_demo.py.
"""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from camp.care.models import Concern, HelpRequest
from camp.models import Camp, Enrolment
from cms.core.models import Role
from gals.models import DataRequest, GalsSession, Household, HouseholdMember
from tests.agreement import disagreements
from tests.world import ROLES, build_world, make_camp, make_user


def add_records(world) -> None:
    """Records that a careless list would show (or hide) where ``can()`` does not."""
    waiting = make_user("girl-waiting", Role.LEARNER, first_name="Бегимай")
    gone = make_user("girl-gone", Role.LEARNER, first_name="Жазгүл")
    Enrolment.objects.create(camp=world.camp_a, learner=waiting,
                             status=Enrolment.Status.WAITING, waiting_since=timezone.now())
    Enrolment.objects.create(camp=world.camp_a, learner=gone,
                             status=Enrolment.Status.WITHDRAWN)
    draft = make_camp("Лагерь C", world.curriculum["curricula"]["ky"], world.facilitator_a,
                      timezone.localdate() + datetime.timedelta(days=60))
    draft.status = Camp.Status.DRAFT
    draft.save(update_fields=["status"])
    household_b = Household.objects.create(camp=world.camp_b)
    household_b.girls.add(world.girl_b)
    HouseholdMember.objects.create(household=household_b,
                                   family_role=HouseholdMember.FamilyRole.FATHER)
    # A community session of B's facilitator, to which A's family is invited.
    community = GalsSession.objects.create(
        community="Көк-Сай", venue="Клуб", facilitator=world.facilitator_b,
        starts_at=timezone.now() + datetime.timedelta(days=3),
    )
    community.households.add(world.household_a)
    GalsSession.objects.create(camp=world.camp_a, venue="Мектеп", facilitator=world.facilitator_a,
                               starts_at=timezone.now() + datetime.timedelta(days=2))
    DataRequest.objects.create(girl=world.girl_a, kind=DataRequest.Kind.EXPORT,
                               requested_by=world.guardian_a, due_on=timezone.localdate())
    DataRequest.objects.create(girl=world.girl_b, kind=DataRequest.Kind.ERASE,
                               due_on=timezone.localdate())
    HelpRequest.objects.create(learner=world.girl_a, message="…", share_with_facilitator=True)
    HelpRequest.objects.create(learner=world.girl_b, message="…")
    Concern.objects.create(learner=world.girl_a, camp=world.camp_a, what="…",
                           recorded_by=world.facilitator_a, happened_on=timezone.localdate())
    Concern.objects.create(learner=world.girl_b, camp=world.camp_b, what="…",
                           recorded_by=world.facilitator_b, happened_on=timezone.localdate())


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once, inside a transaction rolled back at the end: the checks only read."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            world = build_world()
            add_records(world)
            yield world
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def test_every_role_of_the_migrations_plays_in_the_world(world, db):
    """The roles are the groups the migrations create (Wagtail's own two aside, which
    the site gives no one): none is left out here."""
    played = {group for role in ROLES if world.user(role) for group in world.user(role).roles}
    created = set(Group.objects.exclude(name__in=["Editors", "Moderators"])
                  .values_list("name", flat=True))
    assert created == {role.value for role in Role}
    assert created <= played


@pytest.mark.parametrize("role", ROLES)
def test_lists_and_can_agree(world, db, role):
    assert disagreements(world.user(role)) == {}


def test_the_rules_tell_people_apart(world, db):
    """The agreement is not an empty one: each list holds what it should."""
    from tests.agreement import PAIRS

    by_name = {pair.name: pair for pair in PAIRS}

    def names(pair, role):
        return {str(record) for record in by_name[pair].listed(world.user(role))}

    assert names("camps page", "facilitator") == {"Лагерь A", "Лагерь C"}
    assert names("camps page", "manager") == {"Лагерь A", "Лагерь B", "Лагерь C"}
    assert names("camps looked after: girls' records", "manager") == set()
    assert len(names("girls' records", "facilitator")) == 3  # enrolled, waiting, withdrawn
    assert names("households seen", "other_facilitator") == {
        world.household_a.code, *Household.objects.filter(camp=world.camp_b)
        .values_list("code", flat=True)}
    assert names("parents' page", "guardian") == {world.household_a.code}
    assert len(names("data requests", "facilitator")) == 1
    assert len(names("help requests shared with her", "facilitator")) == 1
    assert names("help requests shared with her", "other_facilitator") == set()
    assert len(names("my concerns", "facilitator")) == 1
