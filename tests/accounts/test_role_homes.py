"""Each demo account signs in and lands on its own page, in Kyrgyz or Russian."""

import pytest
from django.conf import settings

from tests.accounts.helpers import english_words

HOMES = {
    "demo-facilitator": "/ky/teach/",
    "demo-manager": "/ky/impact/",
    "demo-partner": "/ky/impact/",
    "demo-guardian": "/ky/family/",
    "demo-lead": "/ky/care/",
    "demo-learner": "/ky/learn/",
    "demo-girl-2": "/ky/learn/",
    "demo-editor": "/admin/",
    "demo-admin": "/admin/",
}


@pytest.fixture
def demo_people(demo_site, db):
    """What load_demo printed; the demo is built once per test process (tests/demo_data.py)."""
    return demo_site


def test_load_demo_prints_every_account_and_the_password(demo_people):
    for username in HOMES:
        assert username in demo_people
    assert settings.DEMO_PASSWORD in demo_people


@pytest.mark.parametrize("username, home", HOMES.items())
def test_each_demo_account_lands_on_its_own_page(client, demo_people, username, home):
    response = client.post("/ky/accounts/login/",
                           {"login": username, "password": settings.DEMO_PASSWORD})
    assert response.status_code == 302 and response["Location"] == home
    if home.startswith("/ky/"):
        page = client.get(home)
        # The page exists; a guardian not yet linked to a household (the GALS demo
        # links her) is refused by the family page rather than shown someone else's.
        assert page.status_code in ((200, 403) if username == "demo-guardian" else (200,))
        assert '<html lang="ky">' in page.content.decode()


def test_a_placeholder_home_shows_name_and_role_without_english(rf, demo_people):
    from django.contrib.auth import get_user_model
    from django.utils import translation

    from cms.core.accounts.views import role_home

    request = rf.get("/ru/impact/")
    request.user = get_user_model().objects.get(username="demo-manager")
    request.LANGUAGE_CODE = "ru"
    with translation.override("ru"):
        html = role_home(request, area="impact").content.decode()
    assert "Бактыгүл" in html and "Менеджер программы" in html
    assert not english_words(html)


HEADER_LINKS = {
    "demo-learner": ['href="/ru/learn/"'],
    "demo-facilitator": ['href="/ru/teach/"', 'href="/ru/teach/gals/"'],
    "demo-guardian": ['href="/ru/family/"'],
    "demo-manager": ['href="/ru/impact/"', 'href="/ru/teach/"'],  # every camp's page
    "demo-editor": ['href="/admin/"'],
    "demo-lead": ['href="/ru/care/"'],
}


@pytest.mark.parametrize("username, links", HEADER_LINKS.items())
def test_the_header_leads_each_person_to_her_own_pages(client, demo_people, username, links):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username=username))
    header = client.get("/ru/").content.decode().split("</header>")[0]
    for link in links:
        assert link in header
    others = {"/ru/learn/", "/ru/teach/", "/ru/family/", "/ru/impact/", "/admin/"}
    shown = {link.split('"')[1] for link in links}
    for address in others - shown:
        assert f'href="{address}"' not in header, f"{username} should not see {address}"


def test_the_header_of_a_visitor_has_no_personal_links(client, demo_people):
    header = client.get("/ky/").content.decode().split("</header>")[0]
    assert 'href="/ky/learn/"' not in header and 'href="/ky/teach/"' not in header
