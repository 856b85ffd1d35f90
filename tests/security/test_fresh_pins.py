"""Plain PINs never rest on the server.

A fresh PIN is shown to the facilitator once, for the login cards. The session (kept
in Redis and the database in production) holds only the PIN hidden under a random
pad; the pad lives in a one-hour cookie of her browser. When the cards are made, or
the hour is over, nothing of the PINs is left.
"""

import re
import time
from unittest import mock

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse

from camp import accounts

pytestmark = pytest.mark.django_db


def create_girls(client, world):
    client.force_login(world.facilitator_a)
    client.post(reverse("camp:accounts_bulk", args=[world.camp_a.pk]),
                {"lines": "Айгүл, К, 2010, 9\nҮмүт, Т, 2011, 8"})
    page = client.get(reverse("camp:new_pins", args=[world.camp_a.pk])).content.decode()
    pins = re.findall(r"<strong>(\d{6})</strong>", page)
    assert len(pins) == 2, page
    return pins


def stored_session(client) -> str:
    return str(SessionStore(session_key=client.cookies["sessionid"].value).load())


def test_the_session_store_never_holds_a_plain_pin(client, world):
    pins = create_girls(client, world)
    stored = stored_session(client)
    assert accounts.FRESH_PINS_KEY in stored
    for pin in pins:
        assert pin not in stored


def test_the_pins_are_forgotten_once_the_cards_are_made(client, world):
    create_girls(client, world)
    cards = client.get(reverse("camp:login_cards", args=[world.camp_a.pk]))
    assert cards["Content-Type"] == "application/pdf"
    assert str(world.camp_a.pk) not in str(
        SessionStore(session_key=client.cookies["sessionid"].value).load().get(
            accounts.FRESH_PINS_KEY, {}))
    page = client.get(reverse("camp:new_pins", args=[world.camp_a.pk])).content.decode()
    assert not re.findall(r"<strong>\d{6}</strong>", page)


def test_after_an_hour_nothing_of_the_pins_is_left(client, world):
    create_girls(client, world)
    later = time.time() + accounts.FRESH_PIN_SECONDS + 1
    with mock.patch("time.time", return_value=later):
        page = client.get(reverse("camp:new_pins", args=[world.camp_a.pk])).content.decode()
    assert not re.findall(r"<strong>\d{6}</strong>", page)
    assert str(world.camp_a.pk) not in str(
        SessionStore(session_key=client.cookies["sessionid"].value).load().get(
            accounts.FRESH_PINS_KEY, {}))


def test_the_pad_cookie_alone_is_no_pin_and_ends_within_the_hour(client, world):
    pins = create_girls(client, world)
    cookie = client.cookies[f"{accounts.PIN_PAD_COOKIE}_{world.camp_a.pk}"]
    assert 0 < int(cookie["max-age"]) <= accounts.FRESH_PIN_SECONDS
    assert cookie["httponly"] and cookie["samesite"] == "Strict"
    assert not any(pin in cookie.value for pin in pins)
