"""A class's PINs are hashed on every core: each hash is the configured hasher's and
checks against its own PIN only; the accounts made with them sign in."""

import pytest
from django.contrib.auth.hashers import check_password, get_hasher, identify_hasher
from django.test import override_settings

from cms.core import accounts, pin_hashing
from cms.core.accounts import GirlRow


def test_pins_hashed_in_the_pool_check_against_their_own_pin_only():
    pins = ["204815", "739102", "550173", "118604"]
    hashes = pin_hashing.hash_pins(pins, workers=2)
    assert len(hashes) == len(pins) and len(set(hashes)) == len(pins)
    for pin, encoded in zip(pins, hashes, strict=True):
        assert identify_hasher(encoded).algorithm == get_hasher().algorithm
        assert pin not in encoded
        assert check_password(pin, encoded)
        assert not check_password("000000", encoded)
    assert not check_password(pins[1], hashes[0])


@pytest.mark.django_db
@override_settings(PIN_HASH_PROCESSES=2)
def test_girls_made_with_pool_hashes_sign_in_with_their_pins(client):
    from tests.world import make_user

    facilitator = make_user("teacher", "facilitator")
    rows = [GirlRow(first_name=name, initial="К", birth_year=2010, school_grade=9)
            for name in ("Айгүл", "Бегимай", "Өмүр")]
    created = accounts.create_girls(rows, facilitator)
    for account in created:
        account.user.refresh_from_db()
        assert account.user.check_password(account.pin)
        assert account.pin not in account.user.password
    assert created[0].user.password != created[1].user.password
