"""A household's GALS certificate carries its proof in the QR code, as a girl's does: the
printed facts signed, checked without the server by the same reader.

Every signed fact of the family's payload changed, the key id changed, the code moved to
another paper, garbage: each refused by the Python check (``qr.check``, the one the
server's code shares with the browser's). The same cases are written to
``tests/js/fixtures/family-proof.json`` for the browser's checker
(``tests/js/cert-check.test.mjs``): both sides must agree.
"""

import importlib
import json
import subprocess
from pathlib import Path

import pytest
from django.apps import apps

from camp.certificates import published, qr, signing
from camp.certificates.rendering import QR_MAX_VERSION, qr_code
from gals import certificates
from gals.models import FamilyCertificate
from tests.gals.test_family_certificate import attend
from tests.gals.test_family_certificate_signature import TAMPERED, page

FIXTURE = Path(__file__).resolve().parents[1] / "js" / "fixtures" / "family-proof.json"
CODE = "7KQ2MX9D4RR"
FACTS = {
    "code": CODE, "girls": "Үмүтгүл Ө., Айгүл Т.", "village": "Кочкор",
    "first_day": "2026-05-02", "last_day": "2026-06-20", "sessions_attended": 4,
    "language": "ky", "signed_on": "2026-06-21",
}
#: One changed value for every signed fact but the code (moved to another paper below).
CHANGED = {
    "girls": "Үмүтгүл Ө., Айгүл К.", "village": "Нарын", "first_day": "2026-05-01",
    "last_day": "2026-06-21", "sessions_attended": 5, "language": "ru",
    "signed_on": "2026-06-22",
}


def _kid_and_key():
    key = signing.private_key()
    return signing.key_id_of(key.public_key()), key


def _signed(values: dict) -> str:
    kid, key = _kid_and_key()
    return qr.pack(kid, key.sign(qr.canonical(kid, values, certificates.FAMILY_QR)), values,
                   certificates.FAMILY_QR)


def build_fixture() -> dict:
    """What the browser's checker is tested with (deterministic: Ed25519 signs the same
    bytes the same way)."""
    kid, key = _kid_and_key()
    layout = certificates.FAMILY_QR
    signature = key.sign(qr.canonical(kid, FACTS, layout))
    valid = qr.pack(kid, signature, FACTS, layout)
    return {
        "code": CODE,
        "facts": FACTS,
        "key_id": kid,
        "keys": json.loads(published.keys_document()),
        "valid": valid,
        "tampered": {name: qr.pack(kid, signature, {**FACTS, name: value}, layout)
                     for name, value in CHANGED.items()},
        "other_code": "AB12CD34EFF",
        "unknown_key": qr.pack("tc-0123456789", signature, FACTS, layout),
        "garbage": ["", "HELLO", valid[:-3], valid + "00", "%%%", "#" * 200],
        "status_revoked": {"revoked": {CODE: "2026-08-01"}},
    }


def test_the_browser_checker_is_tested_with_what_python_makes_today():
    expected = json.dumps(build_fixture(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    assert FIXTURE.read_text(encoding="utf-8") == expected, (
        "tests/js/fixtures/family-proof.json is stale: write build_fixture()'s output there"
    )


def test_every_signed_fact_of_the_family_layout_is_in_the_list_of_changes():
    assert set(certificates.FAMILY_QR.fields) == {"code", *CHANGED}


def test_a_valid_family_proof_checks_and_reads_back_every_fact():
    outcome, compact, key = qr.check(CODE, _signed(FACTS))
    assert outcome == "valid" and key.key_id == signing.current_key().key_id
    assert compact.facts == FACTS and compact.layout.kind == "family"


@pytest.mark.parametrize("name", sorted(CHANGED))
def test_every_signed_fact_changed_is_refused(name):
    outcome, compact, _key = qr.check(CODE, build_fixture()["tampered"][name])
    assert outcome == "tampered"
    assert compact.facts[name] == CHANGED[name]  # the change itself survived the trip


def test_another_code_an_unknown_key_a_forged_key_and_garbage():
    fixture = build_fixture()
    assert qr.check(fixture["other_code"], fixture["valid"])[0] == "tampered"
    assert qr.check(CODE, fixture["unknown_key"])[0] == "unknown_key"
    for text in fixture["garbage"]:
        assert qr.check(CODE, text)[0] == "not_a_certificate", text
    other = signing.load_private_key(signing.new_private_pem())
    kid = signing.current_key().key_id
    forged = qr.pack(kid, other.sign(qr.canonical(kid, FACTS, certificates.FAMILY_QR)),
                     FACTS, certificates.FAMILY_QR)
    assert qr.check(CODE, forged)[0] == "tampered"


def test_a_girls_signature_does_not_pass_for_a_family_one():
    """The same facts under the other layout's tag: the signed bytes differ."""
    kid, key = _kid_and_key()
    girls = key.sign(qr.canonical(kid, {**FACTS, "version": 1, "first_name": "Үмүтгүл",
                                        "initial": "Ө", "camp": "", "days_attended": 4,
                                        "tracks": []}))
    assert qr.check(CODE, qr.pack(kid, girls, FACTS, certificates.FAMILY_QR))[0] == "tampered"


def test_long_names_are_cut_and_the_code_stays_at_version_10_with_half_millimetre_modules():
    girls = ["Ө" * 30 + " Ң.", "Ү" * 30 + " Ж.", "Айгүл Т."]
    longest = certificates.compact_facts({
        "code": CODE, "girls": girls, "village": "Ү" * 80, "region_ky": "", "region_ru": "",
        "first_day": "2026-05-02", "last_day": "2026-06-20", "sessions_attended": 255,
        "language": "ru", "issued_on": "2026-06-21", "signed_on": "2026-06-21",
    })
    assert len(longest["girls"]) == certificates.QR_LIMITS["girls"]
    assert longest["girls"].endswith("…") and longest["village"].endswith("…")
    proof = _signed(longest)
    address = "https://sertifikat.techcamp-kyrgyzstan.example.org/ky/verify/" + CODE + "/"
    code = qr_code(address, proof)
    assert code.version <= QR_MAX_VERSION
    assert 30 / code.symbol_size(border=0)[0] >= 0.5  # mm per module at 30 mm wide
    assert qr.check(CODE, proof)[0] == "valid"


# --- Issued, stored, printed --------------------------------------------------------


@pytest.fixture
def family(world):
    girl = world.household_a.girls.first()
    girl.first_name, girl.last_name = "Үмүтгүл", "Өңкөй"
    girl.save()
    attend(world.household_a, 3, world.facilitator_a, world.camp_a)
    return certificates.issue(world.household_a, by=world.facilitator_a, language="ky")


def test_an_issued_family_certificate_carries_a_proof_of_what_its_paper_prints(family):
    outcome, compact, _key = qr.check(family.code, certificates.fragment(family))
    assert outcome == "valid"
    assert compact.facts["girls"] == "Үмүтгүл Ө."
    assert compact.facts["sessions_attended"] == 3
    assert compact.facts["first_day"] == family.first_session.isoformat()
    # Nothing the paper does not print: no surname, no region, no household code.
    text = json.dumps(compact.facts, ensure_ascii=False)
    assert "Өңкөй" not in text and "облус" not in text
    assert family.household.code not in text


def test_a_qr_signature_changed_in_the_database_makes_it_not_valid(client, family):
    FamilyCertificate.objects.filter(pk=family.pk).update(qr_signature=signing.b64(bytes(64)))
    family.refresh_from_db()
    assert certificates.check(family)[0] is signing.Check.TAMPERED
    assert TAMPERED["ky"] in page(client, family.code)


def test_a_name_corrected_through_the_site_signs_a_new_proof_and_the_old_paper_checks(family):
    paper = certificates.fragment(family)
    girl = family.household.girls.get()
    girl.first_name = "Үмүткүл"
    girl.save()
    family.refresh_from_db()
    new = qr.check(family.code, certificates.fragment(family))
    assert new[0] == "valid" and new[1].facts["girls"] == "Үмүткүл Ө."
    assert qr.check(family.code, paper)[0] == "valid"


def test_the_printed_qr_code_scans_from_a_300_dpi_render_of_the_family_pdf(family, tmp_path):
    import zxingcpp
    from PIL import Image

    pdf = tmp_path / "family.pdf"
    pdf.write_bytes(certificates.certificate_pdf(family))
    subprocess.run(["pdftoppm", "-r", "300", "-png", str(pdf), str(tmp_path / "page")],
                   check=True)
    image = Image.open(next(tmp_path.glob("page*.png")))
    found = [r for r in zxingcpp.read_barcodes(image)
             if r.format == zxingcpp.BarcodeFormat.QRCode]
    assert len(found) == 1
    address, proof = found[0].text.split("#")
    assert address.endswith(f"/ky/verify/{family.code}/")
    outcome, compact, _key = qr.check(family.code, proof)
    assert outcome == "valid" and compact.facts["girls"] == "Үмүтгүл Ө."
    # The version of that text's code (this zxing reports none), each module at least
    # 0.5 mm: 300 dpi is 11.8 dots a mm.
    version = qr_code(address, proof).version
    assert version <= QR_MAX_VERSION
    width_mm = (found[0].position.top_right.x - found[0].position.top_left.x) / (300 / 25.4)
    assert width_mm / (17 + 4 * version) >= 0.5


def test_a_revoked_family_certificate_is_on_the_published_status_list(client, family):
    FamilyCertificate.objects.filter(pk=family.pk).update(revoked_on="2026-08-01")
    body = client.get("/.well-known/techcamp-status.json").json()
    assert body["revoked"] == {family.code: "2026-08-01"}


def test_a_family_certificate_signed_before_gets_its_proof_from_the_migration(client, family):
    before = FamilyCertificate.objects.get(pk=family.pk)
    FamilyCertificate.objects.filter(pk=family.pk).update(qr_signature="")
    family.refresh_from_db()
    assert certificates.fragment(family) == ""
    migration = importlib.import_module("gals.migrations.0009_family_certificate_qr_signature")
    migration.sign_compact(apps, None)
    family.refresh_from_db()
    # Today's key: the same day and the same (deterministic) signature as at issuing.
    assert family.qr_signature == before.qr_signature
    assert family.signed_on == before.signed_on
    assert qr.check(family.code, certificates.fragment(family))[0] == "valid"
