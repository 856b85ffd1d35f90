"""Girls' PINs under the PIN hasher of production, passwords under Django's default one,
and a failed try that costs the same work whatever the account (cms/core/hashers.py).

These tests use production's hashers (the test settings hash everything with MD5): the
point is which hasher runs, so each hasher's calls are counted, not timed."""


import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.contrib.auth.models import Group
from django.test import Client, override_settings

from cms.core.accounts import GirlRow, create_girls, reset_pin
from cms.core.models import Role, User
from cms.settings import base
from tests.security.hasher_spy import hashers_run

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("production_hashers"),
]

PIN_ALGORITHM = "pbkdf2_sha256_pin"
PASSWORD_ALGORITHM = "pbkdf2_sha256"


@pytest.fixture
def production_hashers():
    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS, PIN_HASHER=base.PIN_HASHER):
        yield


def facilitator() -> User:
    user = User.objects.create_user("facilitator-pin", password="Жакшы-сырсөз-2026")
    user.groups.add(Group.objects.get(name=Role.FACILITATOR))
    return user


def new_girl(by=None) -> tuple[User, str]:
    account = create_girls([GirlRow("Айгүл", "К", 2010, 9)], by or facilitator())[0]
    return User.objects.get(pk=account.user.pk), account.pin


def sign_in_with_pin(client, username, pin):
    return client.post("/ky/pin/", {"username": username, "pin": pin},
                       REMOTE_ADDR="203.0.113.9")


def algorithm(user) -> str:
    user.refresh_from_db()
    return user.password.split("$", 1)[0]


def test_production_hashes_pins_with_the_pin_hasher_and_passwords_with_the_default():
    assert settings.PIN_HASHER == PIN_ALGORITHM
    girl, _pin = new_girl()
    assert algorithm(girl) == PIN_ALGORITHM
    assert algorithm(User.objects.get(username="facilitator-pin")) == PASSWORD_ALGORITHM


def test_a_girl_signs_in_with_her_pin_and_it_stays_under_the_pin_hasher():
    """Django moves a hash to the preferred hasher at a right sign-in; a PIN must not
    move to the ten-times-dearer password hasher."""
    girl, pin = new_girl()
    response = sign_in_with_pin(Client(), girl.username, pin)
    assert response.status_code == 302
    assert algorithm(girl) == PIN_ALGORITHM


def test_a_new_pin_is_kept_under_the_pin_hasher_and_the_old_one_stops_working():
    by = facilitator()
    girl, old = new_girl(by)
    new = reset_pin(girl, by)
    assert algorithm(girl) == PIN_ALGORITHM
    assert sign_in_with_pin(Client(), girl.username, old).status_code == 200  # refused
    assert sign_in_with_pin(Client(), girl.username, new).status_code == 302


def test_a_pin_stored_before_the_pin_hasher_still_signs_in():
    girl, _pin = new_girl()
    girl.set_password("482913")  # as every PIN was stored before: the default hasher
    girl.save()
    assert algorithm(girl) == PASSWORD_ALGORITHM
    assert sign_in_with_pin(Client(), girl.username, "482913").status_code == 302


def hashers_for(username, password) -> list[str]:
    """The algorithms hashed with while ``password`` was tried for ``username``."""
    with hashers_run(PBKDF2PasswordHasher) as calls:
        response = sign_in_with_pin(Client(), username, password)
    assert response.status_code == 200  # refused, the form again
    return sorted(calls)


def test_every_failed_try_runs_both_hashers_whatever_the_account():
    """A wrong PIN, an unknown username, a staff account's wrong password and an
    anonymised girl cost the same work: none can be told from another by its time."""
    by = facilitator()
    girl, _pin = new_girl(by)
    gone, _pin = new_girl(by)
    gone.set_unusable_password()
    gone.save()
    both = sorted([PIN_ALGORITHM, PASSWORD_ALGORITHM])
    assert hashers_for(girl.username, "000001") == both
    assert hashers_for("nobody-x-0000", "000001") == both
    assert hashers_for("facilitator-pin", "000001") == both
    assert hashers_for(gone.username, "000001") == both


def test_the_pin_hasher_keeps_a_floor_of_work():
    """Cheaper than a password's hash, but never trivial: PBKDF2-SHA256, 100,000
    iterations at least (docs/security.md)."""
    from cms.core.hashers import PinHasher, pin_hasher

    assert isinstance(pin_hasher(), PinHasher)
    assert PinHasher.digest().name == "sha256"
    assert PinHasher.iterations >= 100_000
