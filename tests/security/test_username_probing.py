"""The PIN page neither tells which usernames exist nor lets one address spray guesses.

An unknown username must cost the same work as a real one: the same password hasher
runs on a dummy (a timing ratio under the test suite's fast hasher would prove nothing,
so the hasher's calls are counted). Failures on distinct usernames are limited per
address, but a whole camp signing in through one school connection is never stopped.
"""


import pytest
from django.contrib.auth.hashers import get_hasher
from django.test import Client, override_settings

from tests.accounts.helpers import girl_with_pin
from tests.security.hasher_spy import hashers_run

pytestmark = pytest.mark.django_db

SCHOOL = "203.0.113.7"  # one school connection (documentation range)
ELSEWHERE = "198.51.100.20"
ADDRESS_LIMIT_KY = "Бул туташуудан"


def pin(client, username, value, address=SCHOOL):
    return client.post(
        "/ky/pin/", {"username": username, "pin": value}, REMOTE_ADDR=address
    )


def hasher_calls(client, username) -> list[str]:
    """The algorithms the password hasher was run with while ``username`` was tried."""
    with hashers_run(type(get_hasher())) as calls:
        pin(client, username, "000001")
    return calls


def test_an_unknown_username_runs_the_same_hasher_as_a_real_one(client):
    girl_with_pin()
    real = hasher_calls(client, "aigul-k-1234")
    unknown = hasher_calls(client, "nobody-x-0000")
    assert real, "the real account's PIN was not checked with the hasher"
    assert unknown == real


def test_an_anonymised_girl_runs_the_same_hasher_as_a_real_one(client):
    girl_with_pin()
    gone = girl_with_pin("gone-x-1111", "482913")
    gone.set_unusable_password()
    gone.save()
    assert hasher_calls(client, "gone-x-1111") == hasher_calls(client, "aigul-k-1234")


def test_a_camp_of_30_girls_with_a_few_typos_all_sign_in_from_one_address(db):
    girls = [girl_with_pin(f"girl-{n:02d}-1234", f"{482900 + n}") for n in range(30)]
    for number, girl in enumerate(girls):
        phone = Client()
        if number % 5 == 0:  # six girls mistype their PIN first, two of them twice
            pin(phone, girl.username, "000001")
            if number % 10 == 0:
                pin(phone, girl.username, "000002")
        if number % 7 == 0:  # and five mistype their username first
            pin(phone, girl.username + "x", f"{482900 + number}")
        response = pin(phone, girl.username, f"{482900 + number}")
        assert response.status_code == 302, (girl.username, response.content.decode()[-400:])
        assert phone.session["_auth_user_id"] == str(girl.pk)


def spray(client, usernames, address=SCHOOL):
    return [pin(client, name, "123457", address) for name in usernames]


def test_a_spray_of_200_usernames_is_stopped_after_20(client):
    real = girl_with_pin("real-k-0150", "123457")
    names = [f"guess-{n:03d}" for n in range(200)]
    names[150] = real.username  # a right guess late in the spray
    answers = spray(client, names)
    assert all(ADDRESS_LIMIT_KY not in a.content.decode() for a in answers[:20])
    assert all(ADDRESS_LIMIT_KY in a.content.decode() for a in answers[20:])
    assert answers[150].status_code != 302, "a right guess after the limit must not sign in"
    assert "_auth_user_id" not in client.session
    # Another address is not affected, and neither is the real girl's own count.
    response = pin(Client(), real.username, "123457", address=ELSEWHERE)
    assert response.status_code == 302


def test_the_spray_runs_no_hasher_after_the_limit(client):
    spray(client, [f"guess-{n:03d}" for n in range(20)])
    assert hasher_calls(client, "guess-999") == []


@override_settings(SIGNIN_ADDRESS_MAX_USERNAMES=5)
def test_the_address_limit_is_a_setting(client):
    answers = spray(client, [f"guess-{n:03d}" for n in range(8)])
    assert [ADDRESS_LIMIT_KY in a.content.decode() for a in answers] == [False] * 5 + [True] * 3


def test_the_same_wrong_username_again_counts_once_per_address(client):
    """A girl who keeps mistyping is stopped by her account's limit, not the address's."""
    for _ in range(30):
        pin(client, "aigul-k-1243", "482913")
    girl_with_pin()
    assert pin(Client(), "aigul-k-1234", "482913").status_code == 302
