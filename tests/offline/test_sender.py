"""A queued write names the person who made it; the server refuses it under anyone else.

On a shared phone the queue holds the writes of several girls. Each carries its
sender (header X-Offline-User); the endpoints refuse one that is not the signed-in
person, change nothing, and say so in a way the queue understands ("wait for her").
"""

import json
import uuid

import pytest
from django.urls import reverse

from camp.models import Attendance
from courses.models import LessonProgress, QuizAttempt

pytestmark = pytest.mark.django_db


def _lesson(world):
    return world.curriculum["lessons"]["ky"][0]


def _post(client, url, data, sender):
    return client.post(url, data, HTTP_ACCEPT="application/json",
                       HTTP_X_OFFLINE_USER=str(sender))


def test_a_lesson_marked_done_under_another_girls_name_is_refused(client, world):
    lesson = _lesson(world)
    url = reverse("courses:lesson_done", kwargs={"lesson_key": lesson.translation_key})
    client.force_login(world.girl_a)
    response = _post(client, url, {"client_id": str(uuid.uuid4())}, world.girl_b.pk)
    assert response.status_code == 403
    assert json.loads(response.content)["code"] == "sender"
    assert not LessonProgress.objects.exists()


def test_her_own_queued_write_counts_once_however_often_it_is_sent(client, world):
    lesson = _lesson(world)
    url = reverse("courses:lesson_done", kwargs={"lesson_key": lesson.translation_key})
    client.force_login(world.girl_a)
    data = {"client_id": str(uuid.uuid4())}
    for _ in range(3):
        assert _post(client, url, data, world.girl_a.pk).status_code == 200
    assert LessonProgress.objects.filter(learner=world.girl_a).count() == 1


def test_a_replayed_answer_is_one_attempt_and_a_tampered_one_none(client, world):
    lesson = _lesson(world)
    url = reverse("courses:quiz_answer",
                  kwargs={"lesson_key": lesson.translation_key, "number": 1})
    client.force_login(world.girl_a)
    data = {"client_id": str(uuid.uuid4()), "answer": "2"}
    assert _post(client, url, data, world.girl_a.pk).status_code == 200
    assert _post(client, url, data, world.girl_a.pk).status_code == 200
    other = {"client_id": str(uuid.uuid4()), "answer": "1"}
    assert _post(client, url, other, world.girl_b.pk).status_code == 403
    assert _post(client, url, other, "").status_code == 403
    assert list(QuizAttempt.objects.values_list("learner", "answer")) == [(world.girl_a.pk, 2)]


def test_a_plain_form_post_without_a_sender_still_works(client, world):
    lesson = _lesson(world)
    url = reverse("courses:lesson_done", kwargs={"lesson_key": lesson.translation_key})
    client.force_login(world.girl_a)
    client.post(url, {"client_id": str(uuid.uuid4())})
    assert LessonProgress.objects.filter(learner=world.girl_a).count() == 1


def test_a_queued_write_after_her_session_ended_is_not_taken_for_anyone(client, world):
    lesson = _lesson(world)
    url = reverse("courses:lesson_done", kwargs={"lesson_key": lesson.translation_key})
    response = _post(client, url, {"client_id": str(uuid.uuid4())}, world.girl_a.pk)
    assert response.status_code == 302 and "login" in response.url
    assert not LessonProgress.objects.exists()


def test_a_roll_call_mark_queued_by_another_facilitator_is_refused(client, world):
    day = world.camp_a.days.get(number=1)
    url = reverse("camp:roll_call", kwargs={"pk": world.camp_a.pk, "number": 1})
    client.force_login(world.facilitator_a)
    data = {"learner": world.girl_a.pk, "status": "present", "client_id": str(uuid.uuid4())}
    response = _post(client, url, data, world.facilitator_b.pk)
    assert response.status_code == 403
    assert json.loads(response.content)["code"] == "sender"
    assert not Attendance.objects.filter(camp_day=day).exists()
    assert _post(client, url, data, world.facilitator_a.pk).status_code == 200
    assert Attendance.objects.filter(camp_day=day, learner=world.girl_a).count() == 1
