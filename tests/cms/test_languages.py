"""Two languages: prefixes, the default, the switcher, 404s."""

import re

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def test_root_redirects_to_kyrgyz_by_default(client, curriculum):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/ky/"


def test_root_follows_the_browsers_language(client, curriculum):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9,en;q=0.5")
    assert response["Location"] == "/ru/"


def test_each_prefix_serves_its_own_home_page_with_the_right_lang(client, curriculum):
    ky = client.get("/ky/")
    ru = client.get("/ru/")
    assert (ky.status_code, ru.status_code) == (200, 200)
    assert html_lang(ky) == "ky" and html_lang(ru) == "ru"
    assert ky.context["page"].locale.language_code == "ky"
    assert ru.context["page"].locale.language_code == "ru"


def test_switcher_links_to_the_translation_not_the_home_page(client, curriculum):
    lesson_ky = curriculum["lessons"]["ky"][1]
    lesson_ru = curriculum["lessons"]["ru"][1]
    response = client.get(lesson_ky.url)
    html = response.content.decode()
    assert f'href="{lesson_ru.url}" hreflang="ru"' in html
    assert lesson_ru.url.startswith("/ru/")


def test_search_engines_find_each_translation_at_a_full_address(client, curriculum):
    """hreflang alternates name every language of the page, itself included, with full
    addresses (search engines ignore relative ones)."""
    lesson_ky = curriculum["lessons"]["ky"][1]
    lesson_ru = curriculum["lessons"]["ru"][1]
    html = client.get(lesson_ky.url).content.decode()
    head = html.split("</head>")[0]
    assert f'<link rel="alternate" hreflang="ky" href="http://testserver{lesson_ky.url}">' in head
    assert f'<link rel="alternate" hreflang="ru" href="http://testserver{lesson_ru.url}">' in head
    lesson_ru.unpublish()
    head = client.get(lesson_ky.url).content.decode().split("</head>")[0]
    assert 'hreflang="ru"' not in head


def test_switcher_says_when_a_page_has_no_translation(client, curriculum):
    lesson_ky, lesson_ru = curriculum["lessons"]["ky"][0], curriculum["lessons"]["ru"][0]
    lesson_ru.unpublish()
    html = client.get(lesson_ky.url).content.decode()
    assert "котормосу" in html  # "(this page is not translated yet ...)" in Kyrgyz
    assert 'href="/ru/" hreflang="ru"' in html


def test_unknown_language_prefix_gives_a_kyrgyz_404(client, curriculum):
    response = client.get("/en/", follow=True)
    assert response.status_code == 404
    assert html_lang(response) == "ky"
    assert "Барак табылган жок" in response.content.decode()


def test_404_in_russian_under_the_russian_prefix(client, curriculum):
    response = client.get("/ru/no-such-page/")
    assert response.status_code == 404
    assert html_lang(response) == "ru"
    assert "Страница не найдена" in response.content.decode()


def test_404_offers_the_page_in_the_language_it_exists_in(client, curriculum):
    lesson_ky = curriculum["lessons"]["ky"][0]
    lesson_ru = curriculum["lessons"]["ru"][0]
    lesson_ru.unpublish()
    response = client.get(lesson_ky.url.replace("/ky/", "/ru/", 1))
    assert response.status_code == 404
    assert lesson_ky.url in response.content.decode()


def test_drafts_are_never_shown(client, curriculum):
    lesson = curriculum["lessons"]["ky"][0]
    lesson.unpublish()
    assert client.get(lesson.url).status_code == 404


@override_settings(DEBUG=False)
def test_500_page_is_translated(rf):
    from django.utils import translation

    from cms.core.views import server_error

    with translation.override("ru"):
        response = server_error(rf.get("/ru/"))
    assert response.status_code == 500
    assert "Что-то пошло не так" in response.content.decode()
