"""What a phone's answer, tick and "done" cost the database: each is sent hundreds of
times a minute on a camp morning (issue #24). Her session is left out of the counts
(from the database without Redis, from Redis with it); the lesson page is opened
first, as her phone does, so what is kept about the content is warm."""

import uuid

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from courses.models import LessonProgress, QuizAttempt, StepProgress

SCRIPT = {"HTTP_ACCEPT": "application/json"}  # as static/js/learning.js sends them
#: A savepoint, the new row and its release.
ANSWER_QUERIES = 3
#: Her finished lessons with the row this phone may have sent, in one read.
DONE_AGAIN_QUERIES = 1
#: The same, and the new row in its savepoint.
DONE_QUERIES = DONE_AGAIN_QUERIES + 3
TICK_AGAIN_QUERIES = 1
TICK_QUERIES = TICK_AGAIN_QUERIES + 3


def url(name, lesson, *args):
    with translation.override("ky"):
        return reverse(name, args=[lesson.translation_key, *args])


@pytest.fixture
def lesson(world, client, girl):
    lesson = world.curriculum["lessons"]["ky"][0]
    assert client.get(lesson.url).status_code == 200
    # An answer sent with no choice: refused, nothing stored, the lesson's key looked up.
    refused = client.post(url("courses:quiz_answer", lesson, 1),
                          {"client_id": str(uuid.uuid4())}, **SCRIPT)
    assert refused.status_code == 400
    return lesson


def sent(client, address, **data):
    """The reply to one request from the script, and how many queries it made besides
    reading her session."""
    with CaptureQueriesContext(connection) as queries:
        response = client.post(address, {"client_id": str(uuid.uuid4()), **data}, **SCRIPT)
    assert response.status_code == 200, response.content
    return response.json(), len([query for query in queries.captured_queries
                                 if "django_session" not in query["sql"]])


def test_an_answer_is_one_write(client, girl, lesson):
    reply, queries = sent(client, url("courses:quiz_answer", lesson, 1), answer="2")
    assert reply["ok"] and reply["correct"] is True
    assert queries == ANSWER_QUERIES
    assert QuizAttempt.objects.filter(learner=girl).count() == 1


def test_done_reads_her_lessons_once_and_writes_once(client, world, girl, lesson):
    done = url("courses:lesson_done", lesson)
    reply, queries = sent(client, done)
    assert reply["next_url"] == world.curriculum["lessons"]["ky"][1].url
    assert queries == DONE_QUERIES
    again, queries = sent(client, done)  # pressed again on another phone: a new UUID
    assert again == reply
    assert queries == DONE_AGAIN_QUERIES
    assert LessonProgress.objects.filter(learner=girl).count() == 1


def test_a_tick_does_not_read_the_steps_pictures(client, girl, lesson):
    done = url("courses:lesson_done", lesson)
    reply, queries = sent(client, done, step="1.1")
    assert reply["ok"] and queries == TICK_QUERIES
    reply, queries = sent(client, done, step="1.1")
    assert reply["ok"] and queries == TICK_AGAIN_QUERIES
    assert list(StepProgress.objects.filter(learner=girl).values_list("step", flat=True)) == [
        "1.1"]


def test_a_uuid_another_girl_sent_is_still_refused_and_nothing_is_stored(
    client, world, lesson
):
    other = Client()
    other.force_login(world.girl_b)
    requests = [(url("courses:lesson_done", lesson), {}),
                (url("courses:lesson_done", lesson), {"step": "1.1"}),
                (url("courses:quiz_answer", lesson, 1), {"answer": "2"})]
    ids = [str(uuid.uuid4()) for _ in requests]
    for (address, data), client_id in zip(requests, ids, strict=True):
        assert other.post(address, {"client_id": client_id, **data}, **SCRIPT).json()["ok"]
    for (address, data), client_id in zip(requests, ids, strict=True):
        response = client.post(address, {"client_id": client_id, **data}, **SCRIPT)
        assert response.status_code == 400 and response.json()["ok"] is False
    for model in (LessonProgress, StepProgress, QuizAttempt):
        assert not model.objects.filter(learner=world.girl_a).exists()
