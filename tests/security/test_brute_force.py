"""Guessing PINs and passwords: every sign-in path counts the failures of one account and
refuses a locked account, whichever path and whichever identifier is used.

The paths: the girls' PIN page, the camp's shared phone, the staff and parents' sign-in
(allauth), Wagtail's /admin/login/ and the password reset links. Failure counts live in
the database (django-axes), so they hold across app servers and without Redis.
"""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from camp.accounts import SIGNIN_COOKIE
from cms.core.models import Role
from tests.accounts.helpers import girl_with_pin
from tests.world import make_user

pytestmark = pytest.mark.django_db

LOCKED_KY = "Өтө көп туура эмес аракет"
LIMIT = getattr(settings, "AXES_FAILURE_LIMIT", 5)


def pin(client, username, value, language="ky", **extra):
    return client.post(f"/{language}/pin/", {"username": username, "pin": value}, **extra)


def staff(client, login, password, language="ky", **extra):
    return client.post(
        f"/{language}/accounts/login/", {"login": login, "password": password}, **extra
    )


def admin(client, username, password, **extra):
    return client.post(
        "/admin/login/", {"username": username, "password": password}, **extra
    )


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def lock_on_the_pin_page(client, username):
    for _ in range(LIMIT):
        pin(client, username, "000001")


# --- A girl locked on one path is locked on all -------------------------------------------


def test_a_girl_locked_on_the_pin_page_is_refused_at_the_admin_login(client):
    girl_with_pin()
    lock_on_the_pin_page(client, "aigul-k-1234")
    response = admin(client, "aigul-k-1234", "482913")
    assert not signed_in(client)
    assert LOCKED_KY in response.content.decode()


def test_a_girl_locked_on_the_pin_page_is_refused_at_the_staff_sign_in(client):
    girl_with_pin()
    lock_on_the_pin_page(client, "aigul-k-1234")
    response = staff(client, "aigul-k-1234", "482913")
    assert not signed_in(client)
    assert LOCKED_KY in response.content.decode()


def test_a_girl_locked_on_the_pin_page_is_refused_on_the_shared_phone(client, world):
    lock_on_the_pin_page(client, world.girl_a.username)
    client.force_login(world.facilitator_a)
    client.post(reverse("camp:signin_device", args=[world.camp_a.pk]), {"turn": "on"})
    assert SIGNIN_COOKIE in client.cookies
    response = client.post(
        reverse("camp:signin_pin", args=[world.girl_a.pk]), {"pin": "test-pass-123"}
    )
    assert not signed_in(client)
    assert LOCKED_KY in response.content.decode()


def test_guesses_on_the_shared_phone_lock_the_pin_page_too(client, world):
    client.force_login(world.facilitator_a)
    client.post(reverse("camp:signin_device", args=[world.camp_a.pk]), {"turn": "on"})
    url = reverse("camp:signin_pin", args=[world.girl_a.pk])
    for _ in range(LIMIT):
        client.post(url, {"pin": "999999"})
    response = pin(client, world.girl_a.username, "test-pass-123")
    assert not signed_in(client)
    assert LOCKED_KY in response.content.decode()


def test_guessing_at_the_admin_login_is_counted_and_locks_every_path(client, world):
    for _ in range(LIMIT):
        assert admin(client, "facilitator-a", "wrong-guess").status_code == 200
    response = staff(client, "facilitator-a", "test-pass-123")
    assert not signed_in(client)
    assert LOCKED_KY in response.content.decode()
    response = admin(client, "facilitator-a", "test-pass-123")
    assert not signed_in(client)
    assert LOCKED_KY in response.content.decode()


def test_the_admin_login_refuses_a_locked_editor_with_a_translated_message(client, world):
    for _ in range(LIMIT):
        staff(client, "editor", "wrong-guess")
    response = admin(client, "editor", "test-pass-123", HTTP_ACCEPT_LANGUAGE="ru")
    assert not signed_in(client)
    assert "Слишком много неверных попыток" in response.content.decode()


# --- One account, one count, whatever identifier was typed --------------------------------


def test_username_and_email_share_one_count(client):
    user = make_user("gulnara-staff", Role.FACILITATOR, email="gulnara@example.org")
    for login in ["gulnara-staff", "gulnara@example.org"] * 2 + ["GULNARA-STAFF"]:
        staff(client, login, "wrong-guess")
    response = staff(client, "gulnara@example.org", "test-pass-123")
    assert not signed_in(client), f"{LIMIT} failures on one account must lock {user}"
    assert LOCKED_KY in response.content.decode()


def test_every_way_of_writing_a_phone_number_counts_on_one_account(client):
    make_user("+996700123456", Role.GUARDIAN)
    for login in ["+996700123456", "0700 123 456", "+996 700 123 456", "0700123456",
                  "+996700123456"]:
        staff(client, login, "wrong-guess")
    staff(client, "+996700123456", "test-pass-123")
    assert not signed_in(client)


def test_a_success_clears_the_count(client, world):
    for _ in range(LIMIT - 1):
        staff(client, "facilitator-a", "wrong-guess")
    assert staff(client, "facilitator-a", "test-pass-123").status_code == 302
    client.logout()
    for _ in range(LIMIT - 1):
        staff(client, "facilitator-a", "wrong-guess")
    assert staff(client, "facilitator-a", "test-pass-123").status_code == 302


# --- Girls and parents have no business in the admin --------------------------------------


@pytest.mark.parametrize("who", ["girl", "guardian"])
def test_girls_and_parents_cannot_sign_in_at_the_admin(client, world, who):
    user = world.user(who)
    response = admin(client, user.username, "test-pass-123")
    assert not signed_in(client)
    assert response.status_code == 200
    assert "редакторлору үчүн" in response.content.decode()


@pytest.mark.parametrize("who", ["girl", "guardian", "facilitator", "partner"])
def test_signed_in_girls_and_parents_never_see_the_admin(client, world, who):
    client.force_login(world.user(who))
    for path in ["/admin/", "/admin/pages/", "/admin/login/"]:
        response = client.get(path)
        assert response.status_code == 403, path
        assert "wagtail" not in response.content.decode().lower()


@pytest.mark.parametrize("who", ["editor", "manager", "admin"])
def test_editors_managers_and_administrators_still_reach_the_admin(client, world, who):
    response = admin(client, world.user(who).username, "test-pass-123")
    assert response.status_code == 302 and signed_in(client)
    assert client.get("/admin/").status_code == 200


# --- Password reset links sign nobody in --------------------------------------------------


def test_a_password_reset_does_not_sign_a_locked_account_in(client):
    make_user("gulnara", Role.FACILITATOR, email="g@example.org")
    for _ in range(LIMIT):
        staff(client, "gulnara", "wrong-guess")
    client.post("/ky/accounts/password/reset/", {"email": "g@example.org"})
    link = re.search(r"/ky/accounts/password/reset/key/\S+", mail.outbox[-1].body).group(0)
    page = client.get(link, follow=True)
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else link
    done = client.post(form_url, {"password1": "Жаңы-сырсөз-77", "password2": "Жаңы-сырсөз-77"})
    assert done.status_code == 302
    assert not signed_in(client)
    # The new password is still refused while the lock lasts: guessing paid nothing.
    response = staff(client, "gulnara", "Жаңы-сырсөз-77")
    assert not signed_in(client)
    assert LOCKED_KY in response.content.decode()


def test_the_admin_password_reset_signs_nobody_in(client, world):
    world.editor.email = "editor@example.org"
    world.editor.save()
    client.post("/admin/password_reset/", {"email": "editor@example.org"})
    link = re.search(r"/admin/password_reset/confirm/\S+/", mail.outbox[-1].body).group(0)
    page = client.get(link, follow=True)
    form_url = page.redirect_chain[-1][0]
    done = client.post(
        form_url, {"new_password1": "Жаңы-сырсөз-77", "new_password2": "Жаңы-сырсөз-77"}
    )
    assert done.status_code == 302
    assert not signed_in(client)
