"""A certificate as an Open Badges 3.0 credential: valid against 1EdTech's published
schema, its proof checked with libraries that are not ours (RFC 8785 by ``rfc8785``,
base58 by ``base58``, Ed25519 by ``cryptography``), refused once changed, revoked
through the signed status list, nameless once her data is anonymised, in Kyrgyz and
Russian."""

import base64
import copy
import gzip
import hashlib
import json
from pathlib import Path

import base58
import pytest
import rfc8785
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from jsonschema import Draft201909Validator, FormatChecker

from camp.certificates import openbadges, services
from camp.certificates.models import Certificate
from cms.core.models import AuditEvent, User
from tests.shared_data import built_once, fresh

from .factories import add_girl, camp_with_core_lessons

pytestmark = pytest.mark.django_db

SCHEMA = json.loads(
    (Path(__file__).parent / "openbadges" / "achievementcredential.schema.json").read_text()
)
ISSUER = "/.well-known/techcamp-issuer.json"
STATUS_LIST = "/.well-known/techcamp-status-list.json"
NAME = {"ky": "Алты күндүк STEM техлагери", "ru": "Шестидневный STEM-техлагерь"}


def two_certificates():
    camp, facilitator, keys = camp_with_core_lessons()
    aigul = add_girl(camp, "Айгүл", "Кадырова", lessons=keys)
    bermet = add_girl(camp, "Бермет", "Өмүрова", lessons=keys)
    services.issue_for_camp(camp, by=facilitator)
    return (Certificate.objects.get(learner=aigul), Certificate.objects.get(learner=bermet),
            facilitator)


issued_built = built_once(two_certificates)


@pytest.fixture
def issued(issued_built, db):
    """Aigül's and Bermet's certificates and their facilitator (built once per module)."""
    return fresh(issued_built)


def own(client, certificate, language="ky") -> dict:
    client.force_login(certificate.learner)
    response = client.get(f"/{language}/certificates/{certificate.pk}/credential.json")
    assert response.status_code == 200, response.status_code
    return json.loads(response.content)


def public(client, code, language="ky"):
    return client.get(f"/{language}/verify/{code}/credential.json")


def keys_of_issuer(client) -> dict:
    """The issuer profile's keys, read as any verifier would: multibase base58btc, the
    Ed25519 multicodec prefix, then the 32 raw bytes."""
    profile = client.get(ISSUER).json()
    keys = {}
    for method in profile["verificationMethod"]:
        raw = base58.b58decode(method["publicKeyMultibase"][1:])
        assert method["publicKeyMultibase"][0] == "z" and raw[:2] == b"\xed\x01"
        keys[method["id"]] = Ed25519PublicKey.from_public_bytes(raw[2:])
    assert set(profile["assertionMethod"]) == set(keys)
    return keys


def verify(document: dict, keys: dict) -> None:
    """eddsa-jcs-2022 verification (W3C vc-di-eddsa, 3.3.2), by other people's code:
    raises InvalidSignature when anything signed was changed."""
    document = copy.deepcopy(document)
    (proof,) = document.pop("proof")
    assert proof["type"] == "DataIntegrityProof"
    assert proof["cryptosuite"] == "eddsa-jcs-2022"
    assert proof["proofPurpose"] == "assertionMethod"
    value = proof.pop("proofValue")
    assert value.startswith("z")
    config = {**proof, "@context": document["@context"]}
    data = (hashlib.sha256(rfc8785.dumps(config)).digest()
            + hashlib.sha256(rfc8785.dumps(document)).digest())
    key = keys.get(proof["verificationMethod"])
    if key is None:
        raise InvalidSignature("unknown key")
    key.verify(base58.b58decode(value[1:]), data)


def status_bit(client, entry: dict) -> int:
    response = client.get(entry["statusListCredential"].removeprefix("http://127.0.0.1:8000"))
    assert response.status_code == 200
    status = json.loads(response.content)
    verify(status, keys_of_issuer(client))
    assert status["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    subject = status["credentialSubject"]
    assert subject["statusPurpose"] == entry["statusPurpose"] == "revocation"
    encoded = subject["encodedList"]
    assert encoded.startswith("u")
    bits = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))
    assert len(bits) * 8 >= 131_072
    index = int(entry["statusListIndex"])
    return (bits[index // 8] >> (7 - index % 8)) & 1


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_the_credential_is_valid_against_the_open_badges_schema(client, issued, language):
    document = own(client, issued[0], language)
    Draft201909Validator.check_schema(SCHEMA)
    errors = list(Draft201909Validator(SCHEMA, format_checker=FormatChecker())
                  .iter_errors(document))
    assert errors == []
    broken = copy.deepcopy(document)
    del broken["credentialSubject"]["achievement"]["criteria"]
    assert not Draft201909Validator(SCHEMA).is_valid(broken)
    assert document["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert document["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    # The schema accepts a subject without achievement details; the camp must be there.
    assert document["evidence"][0]["name"] == issued[0].camp.title
    assert document["evidence"][0]["id"].endswith(f"/verify/{issued[0].code}/")


def test_its_proof_verifies_with_independent_libraries(client, issued):
    document = own(client, issued[0])
    verify(document, keys_of_issuer(client))
    assert document["proof"][0]["verificationMethod"].startswith(
        "http://127.0.0.1:8000/.well-known/techcamp-issuer.json#tc-")
    # The issuer profile lists the same key as the site's key list: one key store.
    listed = client.get("/.well-known/techcamp-keys.json").json()["keys"]
    profile_ids = {key.rsplit("#", 1)[1] for key in keys_of_issuer(client)}
    assert profile_ids == {key["kid"] for key in listed}


@pytest.mark.parametrize("change", [
    lambda d: d["credentialSubject"]["identifier"][0].update(identityHash="Бермет Ө."),
    lambda d: d["evidence"][0].update(name="Башка лагерь"),
    lambda d: d.update(validFrom="2020-01-01T00:00:00Z"),
    lambda d: d["credentialSubject"].update(activityEndDate="2030-01-01T00:00:00Z"),
    lambda d: d["credentialStatus"].update(statusListIndex="999"),
    lambda d: d["credentialSubject"]["achievement"].update(name="Магистр"),
    lambda d: d["proof"][0].update(created="2030-01-01T00:00:00Z"),
    lambda d: d.pop("evidence"),
], ids=["name", "camp", "date", "end", "status", "achievement", "created", "evidence"])
def test_a_changed_credential_fails(client, issued, change):
    document = own(client, issued[0])
    keys = keys_of_issuer(client)
    verify(document, keys)
    change(document)
    with pytest.raises(InvalidSignature):
        verify(document, keys)


def test_a_proof_naming_a_key_the_issuer_does_not_publish_fails(client, issued):
    document = own(client, issued[0])
    document["proof"][0]["verificationMethod"] += "0"
    with pytest.raises(InvalidSignature):
        verify(document, keys_of_issuer(client))


def test_a_revoked_certificate_has_its_bit_set_in_the_signed_status_list(client, issued):
    aigul, bermet, _ = issued
    before = json.loads(public(client, aigul.code).content)
    assert status_bit(client, before["credentialStatus"]) == 0
    services.revoke(aigul, "жаңылыш берилген", by=None)
    # The credential she saved before says nothing new; the list it points at does.
    assert status_bit(client, before["credentialStatus"]) == 1
    other = json.loads(public(client, bermet.code).content)
    assert status_bit(client, other["credentialStatus"]) == 0
    # The public copy of a revoked certificate stays checkable (and says revoked) ...
    after = public(client, aigul.code)
    assert after.status_code == 200
    assert status_bit(client, json.loads(after.content)["credentialStatus"]) == 1
    # ... but she is no longer offered a download of it.
    client.force_login(aigul.learner)
    assert client.get(f"/ky/certificates/{aigul.pk}/credential.json").status_code == 404


def test_the_status_list_is_small_and_cacheable(client, issued):
    services.revoke(issued[0], "жаңылыш", by=None)
    response = client.get(STATUS_LIST)
    assert response["Cache-Control"] == "public, max-age=600"
    assert len(response.content) < 1500
    again = client.get(STATUS_LIST, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    services.revoke(issued[1], "жаңылыш", by=None)
    assert client.get(STATUS_LIST, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 200


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_after_anonymisation_no_name_is_given(client, issued, language):
    from cms.core.personal_data import anonymise_girl

    aigul = issued[0]
    admin = User.objects.create_superuser("admin-ob", password="Жакшы-сырсөз-2026")
    anonymise_girl(aigul.learner, by=admin, reason="Ата-энесинин өтүнүчү")
    response = public(client, aigul.code, language)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Айгүл" not in text and "Кадырова" not in text and "К." not in text
    document = json.loads(text)
    assert "identifier" not in document["credentialSubject"]
    assert document["description"] == {
        "ky": "Ээсинин аты өтүнүч боюнча өчүрүлдү.",
        "ru": "Имя владельца удалено по запросу.",
    }[language]
    verify(document, keys_of_issuer(client))
    Draft201909Validator(SCHEMA).validate(document)


def test_the_achievement_is_described_in_kyrgyz_and_russian(client, issued):
    ky, ru = own(client, issued[0], "ky"), own(client, issued[0], "ru")
    for document, language, other in ((ky, "ky", "ru"), (ru, "ru", "ky")):
        achievement = document["credentialSubject"]["achievement"]
        assert achievement["inLanguage"] == language
        assert document["name"] == achievement["name"] == NAME[language]
        assert achievement["related"] == [{
            "id": f"http://127.0.0.1:8000/.well-known/techcamp-achievement-{other}.json",
            "type": ["Related"], "inLanguage": other,
        }]
        published = client.get(achievement["id"].removeprefix("http://127.0.0.1:8000"))
        assert published.json()["name"] == NAME[language]
    assert "кепшерлөө" in ky["credentialSubject"]["achievement"]["description"]
    assert "пайка" in ru["credentialSubject"]["achievement"]["description"]
    assert "Талас облусу" in ky["evidence"][0]["description"]
    assert "Таласская область" in ru["evidence"][0]["description"]
    assert "Келген күндөрү: 6" in ky["evidence"][0]["description"]
    assert "Дней посещено: 6" in ru["evidence"][0]["description"]
    assert client.get("/.well-known/techcamp-achievement-en.json").status_code == 404


def test_the_credential_shows_no_more_than_the_paper(client, issued):
    document = own(client, issued[0])
    text = json.dumps(document, ensure_ascii=False)
    assert document["credentialSubject"]["identifier"][0]["identityHash"] == "Айгүл К."
    assert "Кадырова" not in text
    assert issued[0].learner.username not in text
    assert "2010" not in text  # birth year
    assert issued[0].camp.school.name not in text


def test_facts_changed_in_the_database_are_never_signed_again(client, issued):
    aigul = issued[0]
    Certificate.objects.filter(pk=aigul.pk).update(days_attended=1)
    refused = public(client, aigul.code)
    assert refused.status_code == 404
    assert refused.json() == {"error": "Бул код боюнча санарип төш белги берилбейт."}
    client.force_login(aigul.learner)
    response = client.get(f"/ky/certificates/{aigul.pk}/credential.json", follow=True)
    assert response.redirect_chain[-1][0] == "/ky/certificates/"
    assert "санарип төш белги" in response.content.decode()


def test_bad_codes_get_a_message_in_the_readers_language(client, issued):
    assert public(client, "nonsense!!", "ru").json()["error"].startswith("Это не код")
    assert public(client, "7KQ2MX9D4RR", "ky").status_code == 404


def test_the_girl_reaches_it_from_her_certificates_and_the_page_links_it(client, issued):
    aigul = issued[0]
    client.force_login(aigul.learner)
    page = client.get("/ky/certificates/").content.decode()
    assert f"/ky/certificates/{aigul.pk}/credential.json" in page
    client.logout()
    verification = client.get(f"/ru/verify/{aigul.code}/").content.decode()
    assert f"/ru/verify/{aigul.code}/credential.json" in verification


def test_an_adults_download_is_in_the_audit_log_hers_is_not(client, issued):
    aigul, _, facilitator = issued
    own(client, aigul)
    assert not AuditEvent.objects.filter(detail__what="credential").exists()
    client.force_login(facilitator)
    response = client.get(f"/ru/certificates/{aigul.pk}/credential.json")
    assert response.status_code == 200
    assert AuditEvent.objects.filter(actor=facilitator, detail__what="credential").count() == 1
    # Another girl of the same camp may not.
    client.force_login(issued[1].learner)
    assert client.get(f"/ru/certificates/{aigul.pk}/credential.json").status_code == 403


def test_the_credential_is_small(client, issued):
    response = public(client, issued[0].code)
    assert response["Content-Type"] == "application/vc"
    assert len(response.content) < 4096
    assert len(gzip.compress(response.content)) < 1500


def test_our_canonical_json_agrees_with_rfc8785():
    value = {"б": "Өмүр\n\"\t\u0001", "a": [1, True, None, {"z": "ң", "ä": -3}], "\U0001f600": 0,
             "\ue000": 1}
    assert openbadges.jcs(value) == rfc8785.dumps(value)
