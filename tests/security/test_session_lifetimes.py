"""How long each kind of sign-in lasts.

A girl's session ends when the browser closes and at the end of the camp day (18:00
Asia/Bishkek), never in the middle of her work; the shared phone's list of names keeps
its own, longer cookie; staff and parents keep the usual two weeks.
"""

import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse

from camp.accounts import SIGNIN_COOKIE
from tests.accounts.helpers import girl_with_pin

pytestmark = pytest.mark.django_db
BISHKEK = ZoneInfo("Asia/Bishkek")


def at(hour, minute=0, days_on=1):
    """A time on a coming day (sessions stored now must not look expired to the test)."""
    day = datetime.date.today() + datetime.timedelta(days=days_on)
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=BISHKEK)


def pin_sign_in(client, when):
    with mock.patch("django.utils.timezone.now", return_value=when):
        response = client.post("/ky/pin/", {"username": "aigul-k-1234", "pin": "482913"})
    assert response.status_code == 302
    return response


def visit(client, when):
    with mock.patch("django.utils.timezone.now", return_value=when):
        client.get("/ky/")
        return "_auth_user_id" in client.session


def test_a_girls_session_cookie_ends_with_the_browser(client):
    girl_with_pin()
    response = pin_sign_in(client, at(9))
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == "" and cookie["expires"] == ""


def test_a_girls_session_ends_at_the_end_of_the_camp_day(client):
    girl_with_pin()
    pin_sign_in(client, at(9))
    assert visit(client, at(17, 59))
    assert not visit(client, at(18, 0))


def test_a_girl_who_signs_in_late_is_not_thrown_out_mid_work(client):
    girl_with_pin()
    pin_sign_in(client, at(17, 50))
    assert visit(client, at(18, 30))
    assert visit(client, at(19, 45))
    assert not visit(client, at(19, 50))


def test_the_camp_phone_sign_in_gives_the_same_short_session(client, world):
    client.force_login(world.facilitator_a)
    client.post(reverse("camp:signin_device", args=[world.camp_a.pk]), {"turn": "on"})
    with mock.patch("django.utils.timezone.now", return_value=at(10)):
        response = client.post(reverse("camp:signin_pin", args=[world.girl_a.pk]),
                               {"pin": "test-pass-123"})
    assert response.status_code == 302
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == ""
    assert not visit(client, at(18, 1))
    # The phone's list of names is still there for tomorrow's girls.
    assert SIGNIN_COOKIE in client.cookies
    assert int(client.cookies[SIGNIN_COOKIE]["max-age"]) == settings.CAMP_SIGNIN_MAX_AGE


@pytest.mark.parametrize("who", ["facilitator", "guardian"])
def test_staff_and_parents_keep_the_usual_length(client, world, who):
    """Two weeks when they tick "remember me" (allauth's choice), evenings included."""
    with mock.patch("django.utils.timezone.now", return_value=at(9)):
        response = client.post("/ky/accounts/login/", {
            "login": world.user(who).username, "password": "test-pass-123",
            "remember": "on"})
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert int(cookie["max-age"]) == settings.SESSION_COOKIE_AGE == 14 * 24 * 3600
    assert visit(client, at(20, days_on=3))
