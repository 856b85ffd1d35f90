"""Every allauth page we serve looks like the site and speaks Kyrgyz or Russian only."""

import re

import pytest
from django.core import mail
from django.http import HttpRequest

from tests.accounts.helpers import english_words

pytestmark = pytest.mark.django_db

ANONYMOUS_PAGES = [
    "login/",
    "signup/",
    "password/reset/",
    "password/reset/done/",
    "password/reset/key/1-abc/",
    "password/reset/key/done/",
    "inactive/",
]
SIGNED_IN_PAGES = ["password/change/", "email/", "logout/", "reauthenticate/"]


def check(response, language):
    html = response.content.decode()
    assert response.status_code == 200, response.status_code
    assert f'<html lang="{language}">' in html
    assert 'class="site-header"' in html and "/static/css/site" in html
    assert not english_words(html), english_words(html)


@pytest.mark.parametrize("language", ["ky", "ru"])
@pytest.mark.parametrize("page", ANONYMOUS_PAGES)
def test_anonymous_pages(client, curriculum, language, page):
    check(client.get(f"/{language}/accounts/{page}", follow=True), language)


@pytest.mark.parametrize("language", ["ky", "ru"])
@pytest.mark.parametrize("page", SIGNED_IN_PAGES)
def test_signed_in_pages(client, curriculum, django_user_model, language, page):
    user = django_user_model.objects.create_user("gulnara", "g@example.org", "Ж1лдыз-2026!")
    client.force_login(user)
    check(client.get(f"/{language}/accounts/{page}"), language)


def test_a_facilitator_resets_her_password_by_email_in_kyrgyz(
    client, curriculum, django_user_model
):
    django_user_model.objects.create_user("gulnara", "g@example.org", "Ж1лдыз-2026!")
    response = client.post("/ky/accounts/password/reset/", {"email": "g@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^\s]+/ky/accounts/password/reset/key/[^\s]+", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    page = client.get(link.group(0).split("testserver", 1)[1], follow=True)
    check(page, "ky")
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else link.group(0)
    done = client.post(
        form_url.split("testserver", 1)[-1],
        {"password1": "Жаңы-сырсөз-77", "password2": "Жаңы-сырсөз-77"},
    )
    assert done.status_code == 302
    assert client.login(request=HttpRequest(), username="gulnara", password="Жаңы-сырсөз-77")


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_the_sign_in_page_offers_one_password_reset_link(client, language):
    html = client.get(f"/{language}/accounts/login/").content.decode()
    assert html.count(f'href="/{language}/accounts/password/reset/"') == 1
