"""Signed certificates: every fact under the signature, keys that rotate, and what the
verification page says when the database was changed behind the programme's back."""

import datetime
import json
import stat

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from camp.certificates import services, signing
from camp.certificates.models import Certificate
from camp.models import CampDay, Region, School
from cms.core.models import User
from tests.shared_data import built_once, fresh

from .factories import add_girl, camp_with_core_lessons

pytestmark = pytest.mark.django_db

VALID = {"ky": "Бул сертификат жарактуу.", "ru": "Этот сертификат действителен."}
TAMPERED = {
    "ky": "Бул сертификат жараксыз: ага кол коюлгандан кийин анын маалыматтары өзгөртүлгөн.",
    "ru": "Этот сертификат недействителен: его данные изменены после подписи.",
}
UNKNOWN_KEY = {
    "ky": "Бул сертификат жараксыз: ага бул сайт билбеген ачкыч менен кол коюлган.",
    "ru": "Этот сертификат недействителен: он подписан ключом, которого этот сайт не знает.",
}


def signed_certificate():
    """A finished camp's one girl and her certificate, signed with the suite's key (built
    outside any test, so no test's overridden key signs it)."""
    camp, facilitator, keys = camp_with_core_lessons()
    girl = add_girl(camp, "Өмүрбүбү", last_name="Ңурбекова", lessons=keys)
    services.issue_for_camp(camp, by=facilitator)
    return Certificate.objects.get(learner=girl)


certificate_built = built_once(signed_certificate)


@pytest.fixture
def certificate(certificate_built, db):
    """The signed certificate (built once per module)."""
    return fresh(certificate_built)


def page(client, code, lang="ky") -> str:
    with translation.override(lang):
        url = reverse("certificates:verify_code", kwargs={"code": code})
    return client.get(url).content.decode()


def other_key_pem() -> str:
    return signing.new_private_pem()


def test_an_issued_certificate_is_signed_and_the_page_names_the_programme_and_key(
    client, certificate
):
    assert certificate.signature and certificate.key_id.startswith("tc-")
    key_id = signing.current_key().key_id
    assert certificate.key_id == key_id
    for lang in ("ky", "ru"):
        text = page(client, certificate.code, lang)
        assert VALID[lang] in text
        assert key_id in text
    assert f"Tech Camp программасы {key_id} ачкычы менен кол койгон." in page(
        client, certificate.code
    )


def _certificate_fields(**changes):
    def change(certificate):
        Certificate.objects.filter(pk=certificate.pk).update(**changes)
        return certificate.code
    return change


def _code(certificate):
    # A row given another (well-formed) code: the signature names the first one.
    from camp.certificates import codes

    new = codes.new_code()
    Certificate.objects.filter(pk=certificate.pk).update(code=new)
    return new


def _learner(**changes):
    def change(certificate):
        User.objects.filter(pk=certificate.learner_id).update(**changes)
        return certificate.code
    return change


def _school(**changes):
    def change(certificate):
        School.objects.filter(pk=certificate.camp.school_id).update(**changes)
        return certificate.code
    return change


def _region(**changes):
    def change(certificate):
        Region.objects.filter(pk=certificate.camp.school.district.region_id).update(**changes)
        return certificate.code
    return change


def _camp_title(certificate):
    type(certificate.camp).objects.filter(pk=certificate.camp_id).update(title="Башка лагерь")
    return certificate.code


def _day(number, days):
    def change(certificate):
        day = CampDay.objects.get(camp=certificate.camp, number=number)
        CampDay.objects.filter(pk=day.pk).update(date=day.date + datetime.timedelta(days=days))
        return certificate.code
    return change


TAMPERING = {
    "code": _code,
    "version": _certificate_fields(version=2),
    "first name": _learner(first_name="Айгүл"),
    "initial": _learner(last_name="Асанова"),
    "camp": _camp_title,
    "village": _school(village="Чон-Сай"),
    "region in Kyrgyz": _region(name_ky="Нарын облусу"),
    "region in Russian": _region(name_ru="Нарынская область"),
    "first day": _day(1, -1),
    "last day": _day(6, 1),
    "days attended": _certificate_fields(days_attended=5),
    "tracks": _certificate_fields(tracks=["forged"]),
    "language": _certificate_fields(language="ru"),
    "issue date": _certificate_fields(issued_on=datetime.date(2026, 1, 1)),
    "signing date": _certificate_fields(signed_on=datetime.date(2026, 1, 2)),
    "signature": _certificate_fields(signature="A" * 86),
}


@pytest.mark.parametrize("field", list(TAMPERING))
def test_a_fact_changed_in_the_database_makes_it_not_valid_in_both_languages(
    client, certificate, field
):
    code = TAMPERING[field](certificate)
    for lang in ("ky", "ru"):
        text = page(client, code, lang)
        assert TAMPERED[lang] in text, field
        assert VALID[lang] not in text
        # No forged fact is shown as if it were the programme's word.
        assert "Өмүрбүбү" not in text and "Айгүл" not in text


def test_an_unknown_key_id_is_refused_in_both_languages(client, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(key_id="tc-0000000000")
    for lang in ("ky", "ru"):
        text = page(client, certificate.code, lang)
        assert UNKNOWN_KEY[lang] in text
        assert VALID[lang] not in text


def test_another_published_key_id_does_not_carry_the_signature(client, certificate):
    old = signing.current_key()
    retired = [{"public_key": old.as_json()["public_key"], "valid_from": None,
                "valid_until": "2099-01-01"}]
    with override_settings(CERTIFICATE_SIGNING_KEY=other_key_pem(),
                           CERTIFICATE_RETIRED_KEYS=retired):
        new_id = signing.current_key().key_id
        Certificate.objects.filter(pk=certificate.pk).update(key_id=new_id)
        assert TAMPERED["ky"] in page(client, certificate.code)


def test_an_unsigned_certificate_is_not_valid(client, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(signature="", key_id="", signed_on=None)
    assert TAMPERED["ru"] in page(client, certificate.code, "ru")


def test_a_rotated_key_still_verifies_what_it_signed_and_reissues_use_the_new_key(
    client, certificate
):
    old = signing.current_key()
    retired = [{"public_key": old.as_json()["public_key"], "valid_from": None,
                "valid_until": certificate.signed_on.isoformat()}]
    with override_settings(CERTIFICATE_SIGNING_KEY=other_key_pem(),
                           CERTIFICATE_RETIRED_KEYS=retired):
        new = signing.current_key()
        assert new.key_id != old.key_id
        text = page(client, certificate.code)
        assert VALID["ky"] in text and old.key_id in text
        reissued = services.reissue(certificate, by=None)
        assert reissued.key_id == new.key_id and reissued.version == 2
        assert new.key_id in page(client, certificate.code)


def test_a_retired_key_does_not_sign_after_its_validity_ends(client, certificate):
    """A leaked old key cannot make a certificate dated after it was retired."""
    old = signing.current_key()
    retired = [{"public_key": old.as_json()["public_key"], "valid_from": None,
                "valid_until": (certificate.signed_on - datetime.timedelta(days=1)).isoformat()}]
    with override_settings(CERTIFICATE_SIGNING_KEY=other_key_pem(),
                           CERTIFICATE_RETIRED_KEYS=retired):
        assert TAMPERED["ky"] in page(client, certificate.code)


def test_a_key_dropped_from_the_settings_is_unknown(client, certificate):
    with override_settings(CERTIFICATE_SIGNING_KEY=other_key_pem(), CERTIFICATE_RETIRED_KEYS=[]):
        assert UNKNOWN_KEY["ru"] in page(client, certificate.code, "ru")


def test_a_revoked_certificate_says_revoked_even_when_its_facts_were_changed(
    client, certificate
):
    services.revoke(certificate, "жаңылыш берилген", by=None)
    Certificate.objects.filter(pk=certificate.pk).update(days_attended=1)
    text = page(client, certificate.code, "ru")
    assert "Этот сертификат отозван" in text and VALID["ru"] not in text


def test_the_signed_bytes_are_a_fixed_order_compact_array(certificate):
    facts = signing.facts(certificate)
    data = signing.canonical(certificate.key_id, facts)
    decoded = json.loads(data)
    assert decoded[:3] == [signing.FORMAT, certificate.key_id, certificate.code]
    assert data == json.dumps(decoded, ensure_ascii=False, separators=(",", ":")).encode()
    assert decoded[4:6] == ["Өмүрбүбү", "Ң"]
    assert "Өмүрбүбү".encode() in data  # UTF-8, not \\u escapes
    assert len(decoded) == 2 + len(signing.FIELDS)


def test_make_signing_key_writes_a_private_file_and_prints_the_rotation(tmp_path, certificate,
                                                                       client):
    from io import StringIO

    out = StringIO()
    target = tmp_path / "keys" / "next.pem"
    call_command("make_signing_key", str(target), stdout=out)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    text = out.getvalue()
    retired = json.loads(text.split("CERTIFICATE_RETIRED_KEYS='")[1].rsplit("'", 1)[0])
    with override_settings(CERTIFICATE_SIGNING_KEY=str(target),
                           CERTIFICATE_RETIRED_KEYS=retired):
        new_id = signing.current_key().key_id
        assert new_id in text
        assert VALID["ky"] in page(client, certificate.code)
    with pytest.raises(CommandError, match="never overwritten"):
        call_command("make_signing_key", str(target), stdout=StringIO())


def test_the_migration_signs_certificates_issued_before_signatures(client, certificate):
    import importlib

    from django.apps import apps

    Certificate.objects.filter(pk=certificate.pk).update(signature="", key_id="", signed_on=None)
    assert TAMPERED["ky"] in page(client, certificate.code)
    migration = importlib.import_module("camp.certificates.migrations.0004_signatures")
    migration.sign_existing(apps, None)
    assert VALID["ky"] in page(client, certificate.code)


def test_a_fact_corrected_through_the_site_keeps_the_paper_valid(client, certificate):
    """A manager fixes the village's spelling, a facilitator the girl's name: the saves
    sign the certificate again, so the paper in her hands still checks as valid."""
    school = certificate.camp.school
    school.village = "Көк-Сай (оңдолду)"
    school.save()
    girl = certificate.learner
    girl.first_name = "Өмүр"
    girl.save(update_fields=["first_name"])
    text = page(client, certificate.code)
    assert VALID["ky"] in text
    assert "Көк-Сай (оңдолду)" in text and "Өмүр Ң." in text


def test_a_sign_in_signs_nothing_and_a_change_made_around_the_site_stays_not_valid(
        client, certificate):
    """A save that names no shown field (a sign-in's last_login) signs nothing; a
    certificate changed in the database is not signed by a later save through the site."""
    before = Certificate.objects.values_list("signature", "signed_on").get(pk=certificate.pk)
    girl = certificate.learner
    girl.last_login = datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC)
    girl.save(update_fields=["last_login"])
    assert Certificate.objects.values_list(
        "signature", "signed_on").get(pk=certificate.pk) == before
    _region(name_ky="Башка облус")(certificate)
    region = Region.objects.get(pk=certificate.camp.school.district.region_id)
    region.save()
    assert TAMPERED["ky"] in page(client, certificate.code)


def test_an_anonymised_girls_certificate_stays_valid_without_her_name(client, certificate):
    """Her data erased on request (or after 24 months): the paper she holds still checks
    as valid, and the page no longer shows her name."""
    from cms.core.personal_data import anonymise_girl

    admin = User.objects.create_superuser("admin-sig", password="Жакшы-сырсөз-2026")
    anonymise_girl(certificate.learner, by=admin, reason="Ата-энесинин өтүнүчү, 2026-12-04")
    text = page(client, certificate.code)
    assert VALID["ky"] in text
    assert "Өмүрбүбү" not in text
