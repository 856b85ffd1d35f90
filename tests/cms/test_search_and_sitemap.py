import re

import pytest
from django.utils.html import escape

pytestmark = pytest.mark.django_db


def test_search_finds_pages_in_the_current_language_only(client, curriculum):
    ky = client.get("/ky/search/", {"q": "Сабак"})
    ru_query_in_ky = client.get("/ky/search/", {"q": "Урок"})
    ru = client.get("/ru/search/", {"q": "Урок"})
    ky_titles = {p.title for p in ky.context["results"]}
    assert ky_titles and all(title.startswith("Сабак") for title in ky_titles)
    assert not list(ru_query_in_ky.context["results"])
    assert {p.title for p in ru.context["results"]}


@pytest.mark.parametrize("query", ['"', "((", "AND OR NOT", "*:*", "' OR 1=1 --", "ң" * 500])
def test_malformed_search_gives_an_empty_result_not_an_error(client, curriculum, query):
    """What the girl sees: the page, her words kept in the box (escaped), and the results
    for her words alone: quotes and operators neither break the search nor widen it. With
    no words left, the Kyrgyz "nothing found" advice."""
    response = client.get("/ky/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    kept = escape(query[:200])
    assert f'value="{kept}"' in html
    words = " ".join(re.findall(r"\w+", query[:200]))
    found = [page.pk for page in response.context["results"]]
    if words:
        plain = client.get("/ky/search/", {"q": words}).context["results"]
        assert found == [page.pk for page in plain]
    else:
        assert found == []
        assert f"«{kept}» боюнча эч нерсе табылган жок" in html
        assert 'class="cards"' not in html


def test_unpublished_pages_are_not_found_by_search(client, curriculum):
    lesson = curriculum["lessons"]["ky"][0]
    lesson.unpublish()
    titles = {p.title for p in client.get("/ky/search/", {"q": "Сабак"}).context["results"]}
    assert lesson.title not in titles


def test_sitemap_lists_both_languages(client, curriculum):
    xml = client.get("/sitemap.xml").content.decode()
    for code in ("ky", "ru"):
        for lesson in curriculum["lessons"][code]:
            assert lesson.full_url in xml
    unpublished = curriculum["lessons"]["ru"][0]
    unpublished.unpublish()
    assert unpublished.full_url not in client.get("/sitemap.xml").content.decode()


def test_robots_txt_points_crawlers_at_the_sitemap_and_away_from_people(client):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text and "Disallow: /ky/learn/" in text
