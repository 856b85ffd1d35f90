"""The proof the QR code carries: the printed facts signed, checked without the server.

Every signed fact changed, the key id changed, a code moved to another paper, garbage:
each refused. The same cases are written to ``tests/js/fixtures/cert-proof.json`` for
the browser's checker (``tests/js/cert-check.test.mjs``): both sides must agree.
"""

import json
import subprocess
from pathlib import Path

import pytest

from camp.certificates import published, qr, services, signing
from camp.certificates.models import Certificate
from cms.core.personal_data import anonymise_girl

from .factories import add_girl, camp_with_core_lessons

FIXTURE = Path(__file__).resolve().parents[1] / "js" / "fixtures" / "cert-proof.json"
CODE = "7KQ2MX9D4RR"
FACTS = {
    "code": CODE, "version": 2, "first_name": "Өмүрбүбү", "initial": "Ң",
    "camp": "Жайкы STEM лагери — Кочкор", "village": "Кочкор", "first_day": "2026-07-06",
    "last_day": "2026-07-11", "days_attended": 6, "tracks": ["soldering", "programming"],
    "language": "ky", "signed_on": "2026-07-11",
}
#: One changed value for every signed fact.
CHANGED = {
    "version": 3, "first_name": "Өмүрбүбу", "initial": "К", "camp": "Жайкы STEM лагери — Нарын",
    "village": "Нарын", "first_day": "2026-07-05", "last_day": "2026-07-12",
    "days_attended": 5, "tracks": ["soldering", "programming", "university"],
    "language": "ru", "signed_on": "2026-07-12",
}


def _signed(values: dict, key_id: str | None = None) -> str:
    key = signing.private_key()
    kid = signing.key_id_of(key.public_key())
    return qr.pack(key_id or kid, key.sign(qr.canonical(kid, values)), values)


def build_fixture() -> dict:
    """What the browser's checker is tested with (deterministic: Ed25519 signs the same
    bytes the same way)."""
    key = signing.private_key()
    kid = signing.key_id_of(key.public_key())
    signature = key.sign(qr.canonical(kid, FACTS))
    valid = qr.pack(kid, signature, FACTS)
    tampered = {name: qr.pack(kid, signature, {**FACTS, name: value})
                for name, value in CHANGED.items()}
    return {
        "code": CODE,
        "facts": FACTS,
        "key_id": kid,
        "keys": json.loads(published.keys_document()),
        "valid": valid,
        "tampered": tampered,
        # The same paper under another code: the code is signed too.
        "other_code": "AB12CD34EFF",
        "unknown_key": qr.pack("tc-0123456789", signature, FACTS),
        "garbage": ["", "HELLO", "hello world!", valid[:-3], valid + "00", "%%%", "#" * 200],
        "status_revoked": {"revoked": {CODE: "2026-08-01"}},
    }


def test_the_browser_checker_is_tested_with_what_python_makes_today():
    expected = json.dumps(build_fixture(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    assert FIXTURE.read_text(encoding="utf-8") == expected, (
        "tests/js/fixtures/cert-proof.json is stale: write build_fixture()'s output there"
    )


def test_a_valid_proof_checks_and_reads_back_every_fact():
    outcome, compact, key = qr.check(CODE, _signed(FACTS))
    assert outcome == "valid" and key.key_id == signing.current_key().key_id
    assert compact.facts == FACTS


@pytest.mark.parametrize("name", sorted(CHANGED))
def test_every_signed_fact_changed_is_refused(name):
    fixture = build_fixture()
    outcome, compact, _key = qr.check(CODE, fixture["tampered"][name])
    assert outcome == "tampered"
    assert compact.facts[name] == CHANGED[name]  # the change itself survived the trip


def test_another_code_an_unknown_key_and_garbage():
    fixture = build_fixture()
    assert qr.check(fixture["other_code"], fixture["valid"])[0] == "tampered"
    assert qr.check(CODE, fixture["unknown_key"])[0] == "unknown_key"
    for text in fixture["garbage"]:
        assert qr.check(CODE, text)[0] == "not_a_certificate", text
    assert qr.check("not a code", fixture["valid"])[0] == "not_a_certificate"


def test_a_key_id_of_a_published_key_with_another_keys_signature_is_refused(settings):
    other = signing.load_private_key(signing.new_private_pem())
    values = dict(FACTS)
    forged = qr.pack(signing.current_key().key_id,
                     other.sign(qr.canonical(signing.current_key().key_id, values)), values)
    assert qr.check(CODE, forged)[0] == "tampered"


def test_a_signature_dated_outside_its_keys_validity_is_refused(settings):
    settings.CERTIFICATE_KEY_VALID_FROM = "2026-07-12"
    assert qr.check(CODE, _signed(FACTS))[0] == "tampered"


def test_kyrgyz_letters_and_any_other_character_survive_the_trip():
    values = {**FACTS, "first_name": "Ңөүё Ёж ʼ😀", "camp": "Camp № 5: «Ак-Суу»",
              "village": "Жаңы-Жер"}
    assert qr.check(CODE, _signed(values))[1].facts == values


def test_long_texts_are_cut_and_the_code_stays_at_version_10_with_half_millimetre_modules():
    from camp.certificates.rendering import QR_MAX_VERSION, qr_code

    longest = qr.compact_facts({
        **FACTS, "first_name": "Ө" * 60, "initial": "Ң", "camp": "Ж" * 200,
        "village": "Ү" * 80, "tracks": list(qr.TRACKS), "region_ky": "", "region_ru": "",
        "issued_on": "2026-07-11",
    })
    assert len(longest["camp"]) == qr.LIMITS["camp"] and longest["camp"].endswith("…")
    proof = _signed(longest)
    # A long site address (66 characters up to the code's "/").
    address = "https://sertifikat.techcamp-kyrgyzstan.example.org/ky/verify/" + CODE + "/"
    code = qr_code(address, proof)
    assert code.version <= QR_MAX_VERSION
    assert 30 / code.symbol_size(border=0)[0] >= 0.5  # mm per module at 30 mm wide
    assert qr.check(CODE, proof)[0] == "valid"


# --- Stored, re-signed, anonymised --------------------------------------------------


@pytest.fixture
def certificate(db):
    camp, facilitator, keys = camp_with_core_lessons()
    girl = add_girl(camp, "Өмүрбүбү", last_name="Ңурбекова", lessons=keys)
    services.issue_for_camp(camp, by=facilitator)
    return Certificate.objects.get(learner=girl)


def test_an_issued_certificate_carries_a_proof_of_what_its_paper_prints(certificate):
    outcome, compact, _key = qr.check(certificate.code, qr.fragment(certificate))
    assert outcome == "valid"
    assert compact.facts["first_name"] == "Өмүрбүбү" and compact.facts["initial"] == "Ң"
    assert compact.facts["camp"] == "Күзгү лагерь"
    # Nothing the paper does not print: no surname, no region, no birth year.
    text = json.dumps(compact.facts, ensure_ascii=False)
    assert "Ңурбекова" not in text and "2010" not in text


def test_a_qr_signature_changed_in_the_database_makes_the_certificate_not_valid(certificate):
    other = Certificate.objects.get(pk=certificate.pk)
    other.qr_signature = signing.b64(bytes(64))
    other.save(update_fields=["qr_signature"])
    assert signing.check(Certificate.objects.get(pk=certificate.pk))[0] is signing.Check.TAMPERED


def test_after_anonymisation_the_old_paper_still_checks_and_the_new_one_has_no_name(
    certificate, django_user_model
):
    paper = qr.fragment(certificate)
    admin = django_user_model.objects.create_superuser("root-qr", password="x")
    anonymise_girl(certificate.learner, admin, reason="asked by her family")
    certificate.refresh_from_db()
    assert qr.check(certificate.code, paper)[0] == "valid"
    outcome, compact, _key = qr.check(certificate.code, qr.fragment(certificate))
    assert outcome == "valid" and "Өмүрбүбү" not in compact.facts["first_name"]


def test_a_reissue_signs_a_new_proof_and_the_old_paper_still_checks(certificate):
    paper = qr.fragment(certificate)
    services.reissue(certificate, by=None, language="ru")
    certificate.refresh_from_db()
    new = qr.check(certificate.code, qr.fragment(certificate))[1]
    assert new.facts["version"] == 2 and new.facts["language"] == "ru"
    assert qr.check(certificate.code, paper)[0] == "valid"


def test_the_printed_qr_code_scans_from_a_300_dpi_render_of_the_pdf(certificate, tmp_path):
    import zxingcpp
    from PIL import Image

    from camp.certificates.rendering import certificate_pdf

    pdf = tmp_path / "certificate.pdf"
    pdf.write_bytes(certificate_pdf(certificate))
    subprocess.run(["pdftoppm", "-r", "300", "-png", str(pdf), str(tmp_path / "page")],
                   check=True)
    image = Image.open(next(tmp_path.glob("page*.png")))
    found = [r for r in zxingcpp.read_barcodes(image)
             if r.format == zxingcpp.BarcodeFormat.QRCode]
    assert len(found) == 1
    text = found[0].text
    address, proof = text.split("#")
    assert address.endswith(f"/ky/verify/{certificate.code}/")
    assert qr.check(certificate.code, proof)[0] == "valid"
    # Version 10 or lower, each module at least 0.5 mm: 300 dpi is 11.8 dots a mm.
    version = int(found[0].version) if hasattr(found[0], "version") else None
    if version is not None:
        assert version <= 10
    modules = 17 + 4 * (version or 10)
    width_mm = (found[0].position.top_right.x - found[0].position.top_left.x) / (300 / 25.4)
    assert width_mm / modules >= 0.5


def test_a_certificate_signed_before_gets_its_proof_from_the_migration(certificate):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("camp.certificates.migrations.0005_qr_signature")
    before = Certificate.objects.get(pk=certificate.pk)
    Certificate.objects.filter(pk=certificate.pk).update(qr_signature="")
    migration.sign_compact(apps, None)
    certificate.refresh_from_db()
    # Today's key: the same day and the same (deterministic) signature as at issuing.
    assert certificate.qr_signature == before.qr_signature
    assert certificate.signed_on == before.signed_on
    assert signing.check(certificate)[0] is signing.Check.SIGNED
