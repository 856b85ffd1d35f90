"""What lesson pages keep in the cache: shared by every reader, never one girl's own.

The parts of a lesson that are the same for everyone (its text, pictures,
neighbours, translations, the site) are kept until the content changes; her answers
and ticks are drawn for her on every request.
"""

import re
import uuid
from io import StringIO

from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.images import get_image_model

from cms.core import content_cache


def answer(client, lesson, choice: str):
    with translation.override("ky"):
        address = reverse("courses:quiz_answer", args=[lesson.translation_key, 1])
    client.post(address, {"client_id": str(uuid.uuid4()), "answer": choice})


def checked_answers(html: str) -> list[str]:
    return re.findall(r'name="answer" value="(\d)" required checked', html)


def test_two_girls_reading_the_kept_lesson_each_see_only_their_own_answers(world):
    lesson = world.curriculum["lessons"]["ky"][0]
    aigul, nurzat = Client(), Client()
    aigul.force_login(world.girl_a)
    nurzat.force_login(world.girl_b)
    answer(aigul, lesson, "2")
    first = aigul.get(lesson.url).content.decode()  # the lesson is kept from here on
    assert checked_answers(first) == ["2"]
    other = nurzat.get(lesson.url).content.decode()
    assert checked_answers(other) == []
    assert "message message-success" not in other
    answer(nurzat, lesson, "3")
    assert checked_answers(nurzat.get(lesson.url).content.decode()) == ["3"]
    assert checked_answers(aigul.get(lesson.url).content.decode()) == ["2"]


def test_a_picture_replaced_by_an_editor_moves_the_content_on_but_drawing_a_page_does_not(
    client, world
):
    lesson = world.curriculum["lessons"]["ky"][0]
    before = content_cache.CONTENT.current()
    client.get(lesson.url)  # makes the renditions of the lesson's pictures
    assert content_cache.CONTENT.current() == before
    image = get_image_model().objects.first()
    image.title = "Ширетүүчү темир"
    image.save()
    assert content_cache.CONTENT.current() != before


def test_clear_caches_forgets_what_was_kept_for_the_old_database():
    assert content_cache.kept("restore-check", lambda: "old database") == "old database"
    assert content_cache.kept("restore-check", lambda: "new database") == "old database"
    call_command("clear_caches", stdout=StringIO())
    assert content_cache.kept("restore-check", lambda: "new database") == "new database"


def test_nothing_found_is_not_kept_so_a_page_published_later_is_found():
    found = iter([None, "published"])
    assert content_cache.kept("not-yet", lambda: next(found)) is None
    assert content_cache.kept("not-yet", lambda: next(found)) == "published"


def test_a_visitor_s_kept_lesson_costs_no_query_and_one_cache_round_trip(
    client, world, cache_calls, django_assert_num_queries
):
    """Questions and steps (with their pictures) are the same for every visitor: the
    kept page asks the cache only for the content's version."""
    lesson = world.curriculum["lessons"]["ky"][0]
    client.get(lesson.url)  # drawn once and kept
    cache_calls.clear()
    with django_assert_num_queries(0):
        html = client.get(lesson.url).content.decode()
    assert 'class="quiz"' in html and "<picture" in html  # the kept page is the whole page
    assert cache_calls == [("get", content_cache.CONTENT.key)]


def test_a_girl_still_sees_her_own_ticks_after_a_visitor_read_the_kept_page(client, world):
    lesson = world.curriculum["lessons"]["ky"][0]
    client.get(lesson.url)
    girl = Client()
    girl.force_login(world.girl_a)
    answer(girl, lesson, "2")
    assert checked_answers(girl.get(lesson.url).content.decode()) == ["2"]
    assert checked_answers(client.get(lesson.url).content.decode()) == []


def test_the_pictures_of_her_steps_are_drawn_once_not_for_each_girl(world, monkeypatch):
    """Her steps are drawn for her (her ticks), but their pictures are the same for
    everyone: no rendition is looked up again once a girl's page has been drawn."""
    lesson = world.curriculum["lessons"]["ky"][0]
    aigul, nurzat = Client(), Client()
    aigul.force_login(world.girl_a)
    nurzat.force_login(world.girl_b)
    first = aigul.get(lesson.url).content.decode()
    looked_up = []
    image_class = get_image_model()
    original = image_class.get_renditions

    def counted(self, *args, **kwargs):
        looked_up.append(self.pk)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(image_class, "get_renditions", counted)
    other = nurzat.get(lesson.url).content.decode()
    assert looked_up == []
    assert 'data-learning="step"' in other  # her own forms are still drawn for her
    steps_a, steps_b = (re.search(r'<section class="steps">.*?</section>', html, re.S).group(0)
                        for html in (first, other))
    pictures = re.findall(r"<picture.*?</picture>", steps_b, re.S)
    assert pictures and pictures == re.findall(r"<picture.*?</picture>", steps_a, re.S)


def form_ids(html: str) -> list[str]:
    return re.findall(r'name="client_id" value="([^"]+)"', html)


def test_her_kept_questions_and_steps_get_fresh_form_values_on_every_request(world):
    """Her question and steps blocks are kept for every girl in the same state; each
    request still gets its own UUID per form (a replay counts once, another girl's
    UUID is refused) and a working CSRF token."""
    lesson = world.curriculum["lessons"]["ky"][0]
    aigul, nurzat = Client(enforce_csrf_checks=True), Client()
    aigul.force_login(world.girl_a)
    nurzat.force_login(world.girl_b)
    nurzat.get(lesson.url)  # her blocks, with nothing answered or ticked, kept from here on
    first, second = (aigul.get(lesson.url).content.decode() for _ in range(2))
    other = nurzat.get(lesson.url).content.decode()
    ids = form_ids(first) + form_ids(second) + form_ids(other)
    assert len(form_ids(first)) >= 3 and len(set(ids)) == len(ids)
    assert all(str(uuid.UUID(value)) == value for value in ids)
    assert "\ue000" not in first + other
    quiz = re.search(r'<form method="post" action="([^"]+)" data-learning="quiz".*?</form>',
                     first, re.S)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', quiz.group(0))[1]
    client_id = re.search(r'name="client_id" value="([^"]+)"', quiz.group(0))[1]
    sent = aigul.post(quiz[1], {"csrfmiddlewaretoken": token, "client_id": client_id,
                                "answer": "2"})
    assert sent.status_code == 302
    assert checked_answers(aigul.get(lesson.url).content.decode()) == ["2"]
    assert checked_answers(nurzat.get(lesson.url).content.decode()) == []


def test_a_girl_s_kept_lesson_asks_the_cache_once_for_every_counter_it_needs(
    client, world, cache_calls
):
    """Her account, the content, her camps and her record each have a counter (what was
    kept under an older value is not read): all four come in one round trip, besides
    her session (in the database without Redis, in Redis with it)."""
    client.force_login(world.girl_a)
    lesson = world.curriculum["lessons"]["ky"][0]
    client.get(lesson.url)  # her page is drawn and its parts kept
    cache_calls.clear()
    assert client.get(lesson.url).status_code == 200
    calls = [name for name, key in cache_calls if not key.startswith("django.contrib.sessions")]
    assert calls == ["get_many"], cache_calls
