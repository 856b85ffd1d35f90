"""A household's GALS certificate carries the same Ed25519 signature as a girl's: every
fact the page and the paper show is under it, and the verification page tells a family
certificate changed in the database, signed by an unknown key or never signed."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from camp.certificates import signing
from camp.models import Region, School
from cms.core.models import User
from gals import certificates
from gals.models import FamilyCertificate, Household
from tests.certificates.test_signatures import TAMPERED, UNKNOWN_KEY, VALID
from tests.gals.test_family_certificate import attend

pytestmark = pytest.mark.django_db


@pytest.fixture
def family(world):
    """Household A earned its certificate; its girl is Үмүтгүл Ө."""
    girl = world.household_a.girls.first()
    girl.first_name, girl.last_name = "Үмүтгүл", "Өңкөй"
    girl.save()
    attend(world.household_a, 3, world.facilitator_a, world.camp_a)
    return certificates.issue(world.household_a, by=world.facilitator_a, language="ky")


def page(client, code, lang="ky") -> str:
    with translation.override(lang):
        url = reverse("certificates:verify_code", kwargs={"code": code})
    return client.get(url).content.decode()


def test_an_issued_family_certificate_is_signed_and_the_page_names_the_key(client, family):
    key_id = signing.current_key().key_id
    assert family.signature and family.key_id == key_id and family.signed_on
    assert family.first_session and family.last_session
    for lang in ("ky", "ru"):
        text = page(client, family.code, lang)
        assert VALID[lang] in text and key_id in text
        assert "Үмүтгүл Ө." in text
    assert f"Tech Camp программасы {key_id} ачкычы менен кол койгон." in page(
        client, family.code)


def _fields(**changes):
    def change(certificate):
        FamilyCertificate.objects.filter(pk=certificate.pk).update(**changes)
        return certificate.code
    return change


def _code(certificate):
    from camp.certificates import codes

    code = codes.new_code()
    FamilyCertificate.objects.filter(pk=certificate.pk).update(code=code)
    return code


def _girl(**changes):
    def change(certificate):
        User.objects.filter(households=certificate.household).update(**changes)
        return certificate.code
    return change


def _another_girl(certificate):
    sister = User.objects.create(username="sister", first_name="Айгүл", last_name="Т")
    # Straight into the table: no signal, as a change made in the database itself.
    Household.girls.through.objects.create(household=certificate.household, user=sister)
    return certificate.code


def _school(**changes):
    def change(certificate):
        School.objects.filter(pk=certificate.household.camp.school_id).update(**changes)
        return certificate.code
    return change


def _region(**changes):
    def change(certificate):
        Region.objects.filter(pk=certificate.household.camp.school.district.region_id).update(
            **changes)
        return certificate.code
    return change


TAMPERING = {
    "code": _code,
    "first name": _girl(first_name="Айгүл"),
    "initial": _girl(last_name="Асанова"),
    "another girl": _another_girl,
    "village": _school(village="Кочкор"),
    "region ky": _region(name_ky="Ош облусу"),
    "region ru": _region(name_ru="Ошская область"),
    "first session": _fields(first_session=datetime.date(2020, 1, 1)),
    "last session": _fields(last_session=datetime.date(2030, 1, 1)),
    "sessions attended": _fields(sessions_attended=12),
    "language": _fields(language="ru"),
    "issued on": _fields(issued_on=datetime.date(2020, 1, 1)),
    "signed on": _fields(signed_on=datetime.date(2020, 1, 1)),
}


def test_every_signed_field_is_in_the_list_of_tamperings():
    assert len(certificates.FIELDS) == 11
    assert len(TAMPERING) == 13  # the girls twice (a name, another girl), the initial


@pytest.mark.parametrize("field", TAMPERING)
def test_a_fact_changed_in_the_database_makes_it_not_valid(client, family, field):
    code = TAMPERING[field](family)
    for lang in ("ky", "ru"):
        text = page(client, code, lang)
        assert TAMPERED[lang] in text, field
        assert VALID[lang] not in text
        # No forged fact is shown as if it were the programme's word.
        assert "Үмүтгүл" not in text and "Айгүл" not in text


def test_an_unknown_key_id_is_refused(client, family):
    FamilyCertificate.objects.filter(pk=family.pk).update(key_id="tc-0000000000")
    for lang in ("ky", "ru"):
        text = page(client, family.code, lang)
        assert UNKNOWN_KEY[lang] in text and VALID[lang] not in text
        assert "Үмүтгүл" not in text


def test_an_unsigned_family_certificate_is_not_valid(client, family):
    FamilyCertificate.objects.filter(pk=family.pk).update(signature="", key_id="",
                                                          signed_on=None)
    assert TAMPERED["ru"] in page(client, family.code, "ru")


def test_a_revoked_one_says_revoked_even_when_changed(client, family):
    FamilyCertificate.objects.filter(pk=family.pk).update(
        revoked_on=datetime.date(2026, 5, 4), sessions_attended=12)
    text = page(client, family.code)
    assert VALID["ky"] not in text and TAMPERED["ky"] not in text
    assert "message-error" in text


def test_a_later_session_changes_neither_the_paper_nor_its_signature(client, world, family):
    attend(world.household_a, 2, world.facilitator_a, world.camp_a)
    assert VALID["ky"] in page(client, family.code)
    family.refresh_from_db()
    assert certificates.check(family)[0] is signing.Check.SIGNED


def test_the_signed_bytes_are_a_fixed_order_compact_array(family):
    text = certificates.canonical(family.key_id, certificates.signed_facts(family)).decode()
    assert text.startswith(f'["tc-family-1","{family.key_id}","{family.code}",["Үмүтгүл Ө."],')
    assert '", "' not in text and '","Талас облусу","Таласская область",' in text


def test_the_migration_signs_family_certificates_issued_before(client, family):
    FamilyCertificate.objects.filter(pk=family.pk).update(
        signature="", key_id="", signed_on=None, first_session=None, last_session=None)
    assert TAMPERED["ky"] in page(client, family.code)
    migration = importlib.import_module("gals.migrations.0008_family_certificate_signature")
    migration.sign_existing(apps, None)
    family.refresh_from_db()
    assert family.first_session and family.last_session
    assert VALID["ky"] in page(client, family.code)



def test_facts_corrected_through_the_site_keep_the_paper_valid(client, world, family):
    girl = family.household.girls.get()
    girl.first_name = "Үмүткүл"  # a spelling corrected by the facilitator
    girl.save()
    text = page(client, family.code)
    assert VALID["ky"] in text and "Үмүткүл Ө." in text
    school = family.household.camp.school
    school.village = "Ак-Суу"
    school.save(update_fields=["village"])
    sister = User.objects.create(username="sister", first_name="Айгүл", last_name="Т")
    sister.households.add(family.household)  # from the girl's side of the relation
    text = page(client, family.code)
    assert VALID["ky"] in text and "Айгүл Т." in text and "Ак-Суу" in text


def test_a_change_made_around_the_site_stays_not_valid_after_a_save_through_it(
        client, family):
    FamilyCertificate.objects.filter(pk=family.pk).update(sessions_attended=12)
    girl = family.household.girls.get()
    girl.first_name = "Үмүткүл"
    girl.save()
    assert TAMPERED["ky"] in page(client, family.code)
    family.refresh_from_db()
    assert family.signed_on is not None and certificates.check(family)[0] is (
        signing.Check.TAMPERED)
