"""Each GALS write is one transaction with its audit row: when any part fails, nothing
of it is kept (no household without its girls or its record of who made it)."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from cms.core import audit
from gals import services
from gals.models import (
    BalanceReading,
    Commitment,
    FollowUp,
    GalsSession,
    Household,
    HouseholdMember,
)


class AuditDown(Exception):
    pass


@pytest.fixture
def audit_fails(monkeypatch):
    def fail(*args, **kwargs):
        raise AuditDown

    monkeypatch.setattr(audit, "record", fail)


def test_a_household_is_made_whole_from_the_form(client, world):
    client.force_login(world.facilitator_a)
    before = Household.objects.count()
    response = client.post(reverse("gals:household_new"),
                           {"camp": world.camp_a.pk, "girls": [world.girl_a.pk]})
    household = Household.objects.exclude(pk=world.household_a.pk).latest("pk")
    assert response.status_code == 302 and Household.objects.count() == before + 1
    assert list(household.girls.all()) == [world.girl_a]


def test_a_household_whose_audit_row_fails_is_not_kept(world, audit_fails):
    before = Household.objects.count()
    with pytest.raises(AuditDown):
        services.create_household(by=world.facilitator_a, camp=world.camp_a, girls=[world.girl_a])
    assert Household.objects.count() == before


def test_a_member_whose_audit_row_fails_is_not_kept(world, audit_fails):
    before = HouseholdMember.objects.count()
    with pytest.raises(AuditDown):
        services.add_member(world.household_a, by=world.facilitator_a, family_role="mother",
                            name="Айгүл", age_band="18-39")
    assert HouseholdMember.objects.count() == before


def test_sessions_commitments_follow_ups_and_readings_fail_whole(world, audit_fails):
    counts = [model.objects.count() for model in (GalsSession, Commitment, FollowUp,
                                                   BalanceReading)]
    with pytest.raises(AuditDown):
        services.create_session(
            by=world.facilitator_a, camp=world.camp_a, community="",
            starts_at=timezone.now() + datetime.timedelta(days=1), duration_minutes=90,
            venue="Мектеп", tools=[], households=[world.household_a])
    with pytest.raises(AuditDown):
        services.add_commitment(world.household_a, None, what="Кыздын сабагына убакыт берүү",
                                who_id=None, due_on=None, by=world.facilitator_a,
                                client_id=uuid.uuid4())
    with pytest.raises(AuditDown):
        services.record_balance(world.household_a, None, housework="shared", money="shared",
                                education="parents", by=world.facilitator_a,
                                client_id=uuid.uuid4())
    assert [model.objects.count() for model in (GalsSession, Commitment, FollowUp,
                                                 BalanceReading)] == counts
