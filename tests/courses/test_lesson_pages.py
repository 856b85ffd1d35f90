import gzip
import re

import pytest
from django.contrib.staticfiles import finders
from wagtail.rich_text import RichText

from tests.factories import make_curriculum

pytestmark = pytest.mark.django_db


def _nav(client, lesson) -> dict[str, str]:
    """The addresses of the "previous lesson" and "next lesson" links on its page."""
    html = client.get(lesson.url).content.decode()
    return dict(re.findall(r'<a rel="(prev|next)" href="([^"]+)"', html))


def test_previous_and_next_cross_day_boundaries(client, curriculum):
    lessons = curriculum["lessons"]["ky"]
    last_of_day_one, first_of_day_two = lessons[1], lessons[2]
    assert _nav(client, last_of_day_one) == {"prev": lessons[0].url, "next": first_of_day_two.url}
    assert _nav(client, lessons[0]) == {"next": lessons[1].url}
    assert "next" not in _nav(client, lessons[-1])


def test_next_lesson_skips_unpublished_lessons_even_after_the_page_was_kept(client, curriculum):
    lessons = curriculum["lessons"]["ru"]
    assert _nav(client, lessons[0])["next"] == lessons[1].url  # now kept in the cache
    lessons[1].unpublish()
    assert _nav(client, lessons[0])["next"] == lessons[2].url


def test_an_editors_correction_shows_at_once_though_the_page_was_kept(client, curriculum):
    lesson = curriculum["lessons"]["ky"][0]
    assert client.get(lesson.url).status_code == 200  # kept in the cache from now on
    lesson.title = "Ширетүү: өңдөлгөн сабак"
    lesson.body.append(("paragraph", RichText("<p>Жаңы эреже: күйгөн учун өйдө кармагыла.</p>")))
    lesson.save_revision().publish()
    html = client.get(lesson.url).content.decode()
    assert "Ширетүү: өңдөлгөн сабак" in html
    assert "Жаңы эреже: күйгөн учун өйдө кармагыла." in html


def test_curriculum_lists_every_day_with_its_lessons(client, curriculum):
    page = curriculum["curricula"]["ru"]
    html = client.get(page.url).content.decode()
    for lesson in curriculum["lessons"]["ru"]:
        assert lesson.url in html


def _lesson_queries(client, django_assert_max_num_queries, lesson, limit):
    client.get(lesson.url)  # the first view makes image renditions; measure the next
    with django_assert_max_num_queries(limit) as queries:
        assert client.get(lesson.url).status_code == 200
    return len(queries.captured_queries)


def test_lesson_page_queries_do_not_grow_with_the_curriculum(
    client, django_assert_max_num_queries
):
    small = make_curriculum(days=1, lessons_per_day=2, slug="small")
    small_count = _lesson_queries(
        client, django_assert_max_num_queries, small["lessons"]["ky"][1], 40
    )
    large = make_curriculum(days=6, lessons_per_day=8, slug="large")
    large_count = _lesson_queries(
        client, django_assert_max_num_queries, large["lessons"]["ky"][20], small_count
    )
    assert large_count == small_count


LINKED = re.compile(r'<(?:link[^>]+rel="(?:stylesheet|icon)"[^>]+href|script[^>]+src)="([^"]+)"')


def test_lesson_page_first_visit_fits_the_budget(client, curriculum):
    """At most 60 KB compressed and 10 requests, images aside, on a first visit."""
    lesson = curriculum["lessons"]["ky"][0]
    response = client.get(lesson.url, HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    total = len(response.content)
    html = gzip.decompress(response.content).decode()
    assets = LINKED.findall(html)
    for url in assets:
        path = finders.find(url.removeprefix("/static/"))
        assert path, url
        with open(path, "rb") as f:
            total += len(gzip.compress(f.read()))
    assert 1 + len(assets) <= 10
    assert total <= 60 * 1024, f"{total} bytes"


def test_a_lesson_is_found_by_its_address_and_only_while_published(client, curriculum):
    lesson = curriculum["lessons"]["ky"][1]
    assert client.get(lesson.url).status_code == 200
    assert client.get(lesson.url + "more/").status_code == 404
    assert client.get(lesson.url.replace(lesson.slug, lesson.slug + "-x")).status_code == 404
    lesson.unpublish()
    assert client.get(lesson.url).status_code == 404


#: A girl's lesson page once its shared parts and her record are kept: her session (in
#: the database here; Redis in production). Her account and roles (``cms.core.signed_in``),
#: her camps, today's camp day, her consent, progress, ticks, answers and photos
#: (``courses.her_state``), the site, the page, its route of lessons, crumbs,
#: translations, its blocks (her questions and steps as her record shows them, with
#: their pictures) and view restrictions are kept.
GIRL_LESSON_QUERY_BUDGET = 1


def test_a_girls_lesson_page_stays_within_its_query_budget(
    client, world, django_assert_max_num_queries
):
    client.force_login(world.girl_a)
    lesson = world.curriculum["lessons"]["ky"][0]
    client.get(lesson.url)
    with django_assert_max_num_queries(GIRL_LESSON_QUERY_BUDGET) as queries:
        page = client.get(lesson.url)
    assert page.status_code == 200 and page.context["learning"] is not None
    print(f"a girl's lesson page: {len(queries.captured_queries)} queries")


def test_a_renamed_day_shows_in_the_crumbs_of_a_kept_lesson_at_once(client, curriculum):
    """The lesson's crumbs are kept until any content changes, not only the lesson."""
    lesson = curriculum["lessons"]["ky"][0]
    day = lesson.get_parent().specific
    assert day.title in client.get(lesson.url).content.decode()  # kept from here on
    day.title = "1-күн: кепшерлөө, жаңы аты"
    day.save_revision().publish()
    html = client.get(lesson.url).content.decode()
    start = html.index('class="breadcrumbs"')
    crumbs = html[start:html.index("</nav>", start)]
    assert "1-күн: кепшерлөө, жаңы аты" in crumbs
