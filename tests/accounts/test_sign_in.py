"""Girls sign in with a PIN - on their own phone or on the camp's shared phone."""

from django.conf import settings
from django.urls import reverse

from camp.accounts import SIGNIN_COOKIE
from cms.core import accounts, signin
from cms.core.models import AuditEvent
from tests.accounts.helpers import girl_with_pin


def pin_sign_in(client, username, pin, language="ky"):
    return client.post(f"/{language}/pin/", {"username": username, "pin": pin})


def test_a_girl_signs_in_with_username_and_pin_and_lands_on_learn(client, db):
    girl_with_pin()
    response = pin_sign_in(client, "Aigul-K-1234", "482913")
    assert response.status_code == 302 and response["Location"] == "/ky/learn/"


def test_a_wrong_pin_and_an_unknown_username_get_the_same_answer(client, db):
    girl_with_pin()
    wrong_pin = pin_sign_in(client, "aigul-k-1234", "000001").content.decode()
    unknown = pin_sign_in(client, "nobody-x-0000", "000001").content.decode()
    message = "Колдонуучунун аты же PIN туура эмес"
    assert message in wrong_pin and message in unknown
    assert "_auth_user_id" not in client.session


def test_five_wrong_pins_lock_the_account_even_for_the_right_pin(client, db):
    girl_with_pin()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        pin_sign_in(client, "aigul-k-1234", "000001")
    response = pin_sign_in(client, "aigul-k-1234", "482913")
    assert "_auth_user_id" not in client.session
    assert "Өтө көп туура эмес аракет" in response.content.decode()
    # Russian: the plural form for 15 minutes.
    assert (
        "Подождите 15 минут" in pin_sign_in(client, "aigul-k-1234", "482913", "ru").content.decode()
    )


def test_the_limit_is_per_account_not_per_connection(client, db):
    """A whole camp shares one IP: one girl's mistakes never lock out another."""
    girl_with_pin()
    girl_with_pin("nurzat-o-5555", "730241")
    for _ in range(settings.AXES_FAILURE_LIMIT + 2):
        pin_sign_in(client, "aigul-k-1234", "000001")
    response = pin_sign_in(client, "nurzat-o-5555", "730241")
    assert response.status_code == 302


def test_a_new_pin_lifts_the_lock_and_the_old_pin_stops_working(client, world):
    girl = world.girl_a
    for _ in range(settings.AXES_FAILURE_LIMIT):
        pin_sign_in(client, girl.username, "000001")
    assert signin.account_seconds_left(girl.username) > 0
    pin = accounts.reset_pin(girl, world.facilitator_a)
    assert signin.account_seconds_left(girl.username) == 0
    assert pin_sign_in(client, girl.username, "test-pass-123").status_code == 200
    assert pin_sign_in(client, girl.username, pin).status_code == 302
    assert AuditEvent.objects.filter(subject_id=str(girl.pk), detail__pin_reset=True).exists()


def test_the_staff_sign_in_is_limited_per_account_too(client, world):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/ky/accounts/login/", {"login": "facilitator-a", "password": "nope"})
    response = client.post(
        "/ky/accounts/login/", {"login": "facilitator-a", "password": "test-pass-123"}
    )
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert "Өтө көп туура эмес аракет" in response.content.decode()


# --- The shared phone -------------------------------------------------------------------


def turn_on(client, world):
    client.force_login(world.facilitator_a)
    response = client.post(reverse("camp:signin_device", args=[world.camp_a.pk]), {"turn": "on"})
    assert response.status_code == 302 and SIGNIN_COOKIE in response.cookies
    return response


def test_the_shared_phone_lists_only_this_camps_girls(client, world):
    turn_on(client, world)
    assert "_auth_user_id" not in client.session  # the facilitator handed the phone over
    html = client.get(reverse("camp:signin")).content.decode()
    assert world.girl_a.display_name in html
    assert world.girl_b.display_name not in html
    assert client.get(reverse("camp:signin_pin", args=[world.girl_b.pk])).status_code == 404


def test_a_girl_taps_her_name_types_her_pin_and_switches_user(client, world):
    turn_on(client, world)
    url = reverse("camp:signin_pin", args=[world.girl_a.pk])
    wrong = client.post(url, {"pin": "999999"})
    assert wrong.status_code == 400
    assert "PIN туура эмес" in wrong.content.decode()
    response = client.post(url, {"pin": "test-pass-123"})
    assert response.status_code == 302 and response["Location"] == "/ky/learn/"
    assert client.session["_auth_user_id"] == str(world.girl_a.pk)
    switched = client.post(reverse("camp:switch_user"))
    assert switched["Location"] == reverse("camp:signin")
    assert "_auth_user_id" not in client.session
    # The phone is still the camp's: the list is there for the next girl.
    assert world.girl_a.display_name in client.get(reverse("camp:signin")).content.decode()


def test_a_forged_device_cookie_shows_no_list(client, world):
    client.cookies[SIGNIN_COOKIE] = str(world.camp_a.pk)
    html = client.get(reverse("camp:signin")).content.decode()
    assert world.girl_a.display_name not in html
    assert client.get(reverse("camp:signin_pin", args=[world.girl_a.pk])).status_code == 404


def test_another_camps_facilitator_cannot_turn_on_this_camps_phone(client, world):
    client.force_login(world.facilitator_b)
    response = client.post(reverse("camp:signin_device", args=[world.camp_a.pk]), {"turn": "on"})
    assert response.status_code == 403 and SIGNIN_COOKIE not in response.cookies
