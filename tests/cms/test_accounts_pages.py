"""Sign-in and sign-out (django-allauth) look like the site and speak its languages."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db


def test_sign_in_page_is_styled_and_kyrgyz(client, curriculum):
    response = client.get("/ky/accounts/login/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ky">' in html
    assert 'class="site-header"' in html
    assert "Кирүү" in html


def test_sign_in_page_in_russian(client, curriculum):
    html = client.get("/ru/accounts/login/").content.decode()
    assert '<html lang="ru">' in html and "Войти" in html


def test_staff_member_signs_in_with_username_and_out_again(client, curriculum):
    get_user_model().objects.create_user("aigul", "aigul@example.org", "Ж1лдыз-2026!")
    response = client.post(
        "/ky/accounts/login/", {"login": "aigul", "password": "Ж1лдыз-2026!"}
    )
    assert response.status_code == 302
    assert client.get("/ky/").context["user"].is_authenticated
    client.post("/ky/accounts/logout/")
    assert not client.get("/ky/").context["user"].is_authenticated


def test_wrong_password_is_refused_in_kyrgyz(client, curriculum):
    get_user_model().objects.create_user("aigul", "aigul@example.org", "Ж1лдыз-2026!")
    response = client.post("/ky/accounts/login/", {"login": "aigul", "password": "wrong"})
    assert response.status_code == 200
    assert not response.context["user"].is_authenticated
    assert '<html lang="ky">' in response.content.decode()


def test_nobody_can_sign_up_from_the_street(client, curriculum):
    form = {"username": "stranger", "email": "s@example.org",
            "password1": "Ж1лдыз-2026!", "password2": "Ж1лдыз-2026!"}
    response = client.post("/ky/accounts/signup/", form)
    assert response.status_code == 200
    assert "account/signup_closed.html" in [t.name for t in response.templates]
    assert get_user_model().objects.count() == 0
