"""Anonymising one girl takes what is hers and leaves her sister's family records.

A household is the family's: its vision, session notes, drawings and the other members'
commitments belong to every girl of it. Anonymising one daughter removes her own entry
and the commitments she made; only when she was the household's last girl does
everything that could name the family go.
"""

import datetime
import uuid

import pytest
from django.utils import timezone

from cms.core.personal_data import anonymise_girl
from gals.models import Commitment, DrawingPhoto, HouseholdMember, SessionRecord
from tests.gals.factories import gals_world
from tests.world import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def sisters(world):
    gw = gals_world(world)
    sister = make_user("nurjan-k-5555", "learner", first_name="Нуржан", last_name="К")
    world.household_a.girls.add(sister)
    own = HouseholdMember.objects.create(
        household=world.household_a, family_role=HouseholdMember.FamilyRole.GIRL,
        name="Айгүл", user=world.girl_a)
    her_commitment = Commitment.objects.create(
        household=world.household_a, session=gw.session_a, what="Айгүл физиканы окуйт",
        who=own, due_on=timezone.localdate() + datetime.timedelta(days=30),
        made_on=timezone.localdate(), client_id=uuid.uuid4())
    return gw, sister, own, her_commitment


def test_a_sisters_household_records_stay(world, sisters):
    gw, sister, own, her_commitment = sisters
    anonymise_girl(world.girl_a, world.admin, reason="the family asked")
    own.refresh_from_db()
    her_commitment.refresh_from_db()
    assert own.name == "" and her_commitment.what == "—"
    # The family's records, which are the sister's too, are untouched.
    gw.record_a.refresh_from_db()
    gw.commitment_a.refresh_from_db()
    gw.father_a.refresh_from_db()
    assert gw.record_a.vision == "Кызыбыз инженер болот"
    assert gw.commitment_a.what == "Идиш-аякты атасы жууйт"
    assert gw.father_a.name == "Бакыт"
    assert DrawingPhoto.objects.filter(pk=gw.photo_a.pk).exists()


def test_the_last_girl_of_a_household_takes_the_familys_names_and_notes(world, sisters):
    gw, sister, _own, _commitment = sisters
    anonymise_girl(world.girl_a, world.admin, reason="the family asked")
    anonymise_girl(sister, world.admin, reason="the family asked")
    assert not HouseholdMember.objects.filter(household=world.household_a).exclude(
        name="").exists()
    assert set(SessionRecord.objects.filter(household=world.household_a).values_list(
        "vision", flat=True)) == {""}
    assert not DrawingPhoto.objects.filter(record__household=world.household_a).exists()
    # The counts stay: the commitments and the record rows are still there.
    assert Commitment.objects.filter(household=world.household_a).count() == 2
