"""The public keys and the revoked codes, for verifiers away from the site: small,
cacheable, and an unchanged list answers 304."""

import datetime

import pytest
from django.test import override_settings

from camp.certificates import services, signing
from camp.certificates.models import Certificate
from tests.shared_data import built_once, fresh

from .factories import add_girl, camp_with_core_lessons

pytestmark = pytest.mark.django_db

KEYS = "/.well-known/techcamp-keys.json"
STATUS = "/.well-known/techcamp-status.json"


def two_certificates():
    camp, facilitator, keys = camp_with_core_lessons()
    for name in ("Айгүл", "Бермет"):
        add_girl(camp, name, lessons=keys)
    services.issue_for_camp(camp, by=facilitator)
    return list(Certificate.objects.filter(camp=camp).order_by("pk"))


issued_built = built_once(two_certificates)


@pytest.fixture
def issued(issued_built, db):
    """Two girls' certificates of one camp, in the order issued (built once per module)."""
    return fresh(issued_built)


def test_the_keys_list_the_current_and_retired_keys_with_their_validity(client, issued):
    old = signing.current_key()
    retired = [{"public_key": old.as_json()["public_key"], "valid_from": "2026-01-01",
                "valid_until": "2026-12-04"}]
    with override_settings(CERTIFICATE_SIGNING_KEY=signing.new_private_pem(),
                           CERTIFICATE_KEY_VALID_FROM="2026-12-05",
                           CERTIFICATE_RETIRED_KEYS=retired):
        response = client.get(KEYS)
        new = signing.current_key().key_id
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    keys = {key["kid"]: key for key in response.json()["keys"]}
    assert keys[old.key_id]["valid_until"] == "2026-12-04"
    assert keys[old.key_id]["valid_from"] == "2026-01-01"
    assert keys[new]["valid_from"] == "2026-12-05" and keys[new]["valid_until"] is None
    assert all(key["alg"] == "Ed25519" for key in keys.values())
    assert len(response.content) < 1000
    assert "PRIVATE" not in response.content.decode()


def test_the_status_list_names_revoked_codes_only(client, issued):
    valid, revoked = issued
    services.revoke(revoked, "жаңылыш", by=None)
    response = client.get(STATUS)
    assert response.status_code == 200
    assert response.json()["revoked"] == {revoked.code: datetime.date.today().isoformat()}
    assert valid.code not in response.content.decode()
    # Nothing about the girl: a code and a date.
    assert "Бермет" not in response.content.decode()
    assert "Айгүл" not in response.content.decode()


@pytest.mark.parametrize("url", [KEYS, STATUS])
def test_both_are_cacheable_and_an_unchanged_list_answers_304(client, issued, url):
    first = client.get(url)
    assert first["Cache-Control"].startswith("public, max-age=")
    assert int(first["Cache-Control"].split("=")[1]) >= 600
    etag = first["ETag"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag


def test_a_revocation_changes_the_status_etag(client, issued):
    etag = client.get(STATUS)["ETag"]
    services.revoke(issued[0], "жаңылыш", by=None)
    response = client.get(STATUS, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and response["ETag"] != etag
