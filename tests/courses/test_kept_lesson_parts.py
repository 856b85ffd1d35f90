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

from cms import content_cache


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
