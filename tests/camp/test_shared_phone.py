"""Writes made on a shared phone under a name picked without signal, never confirmed.

A facilitator signed in on the phone hands them over; the server keeps those of the
girls of her own camps apart from every girl's progress, shows them on the camp's
page, and lets her discard them. The phone learns which were kept, by client id.
"""

import json
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from camp import shared_phone
from camp.models import UnconfirmedWrite
from cms.core.models import AuditEvent
from courses.models import LessonProgress, QuizAttempt

pytestmark = pytest.mark.django_db


def _item(world, girl, *, kind="done", **extra):
    lesson = world.curriculum["lessons"]["ky"][0]
    if kind == "answer":
        url = reverse("courses:quiz_answer",
                      kwargs={"lesson_key": lesson.translation_key, "number": 1})
        fields = {"answer": "2"}
    else:
        url = reverse("courses:lesson_done", kwargs={"lesson_key": lesson.translation_key})
        fields = {}
    item = {"client_id": str(uuid.uuid4()), "user_id": girl.pk,
            "url": "http://testserver" + url, "fields": fields, "label": lesson.title,
            "created_at": "2026-12-03T09:15:00.000Z"}
    item.update(extra)
    return item


def _hand_over(client, items):
    return client.post(reverse("camp:hand_over"), {"items": json.dumps(items)},
                       HTTP_ACCEPT="application/json")


def test_her_facilitator_gets_them_apart_from_the_girls_progress(client, world):
    done, answer = _item(world, world.girl_a), _item(world, world.girl_a, kind="answer")
    client.force_login(world.facilitator_a)
    response = _hand_over(client, [done, answer])
    assert response.status_code == 200
    assert sorted(response.json()["kept"]) == sorted([done["client_id"], answer["client_id"]])
    assert not LessonProgress.objects.exists() and not QuizAttempt.objects.exists()
    writes = list(UnconfirmedWrite.objects.order_by("kind").values_list(
        "camp", "learner", "kind", "answer", "received_by"))
    assert writes == [
        (world.camp_a.pk, world.girl_a.pk, "answer", 2, world.facilitator_a.pk),
        (world.camp_a.pk, world.girl_a.pk, "lesson", None, world.facilitator_a.pk),
    ]
    assert AuditEvent.objects.filter(subject_type="camp.unconfirmedwrite",
                                     action=AuditEvent.Action.CREATED).count() == 2

    # The camp's page lists them, by the girl's name and the lesson, and says why.
    page = client.get(reverse("camp:camp_detail", args=[world.camp_a.pk]))
    html = page.content.decode()
    lesson = world.curriculum["lessons"]["ky"][0]
    assert "Айгүл К." in html and lesson.title in html
    assert "Бөлүшүлгөн телефондон ырасталбаган жазуулар" in html


def test_a_second_hand_over_of_the_same_write_keeps_it_once(client, world):
    item = _item(world, world.girl_a)
    client.force_login(world.facilitator_a)
    assert _hand_over(client, [item]).json()["kept"] == [item["client_id"]]
    assert _hand_over(client, [item]).json()["kept"] == [item["client_id"]]
    assert UnconfirmedWrite.objects.count() == 1


def test_another_camps_girl_and_anything_but_a_lesson_stay_on_the_phone(client, world):
    other = _item(world, world.girl_b)
    photo = _item(world, world.girl_a, url="http://testserver/ky/learn/photos/")
    made_up = _item(world, world.girl_a, url="http://testserver/en/learn/lessons/x/done/")
    nobody = _item(world, world.girl_a, user_id="1 OR 1=1")
    client.force_login(world.facilitator_a)
    answer = _hand_over(client, [other, photo, made_up, nobody]).json()
    assert answer["kept"] == []
    assert len(answer["refused"]) == 4
    assert not UnconfirmedWrite.objects.exists()


def test_a_list_the_server_cannot_read_changes_nothing_and_says_why(client, world):
    client.force_login(world.facilitator_a)
    for bad in ("not json", json.dumps({"a": 1}), json.dumps([1, 2]),
                json.dumps([{}] * (shared_phone.MAX_ITEMS + 1))):
        response = client.post(reverse("camp:hand_over"), {"items": bad},
                               HTTP_ACCEPT="application/json")
        assert response.status_code == 400
        assert response.json()["message"]
    assert "Телефондун тизмесин окуу мүмкүн болгон жок" in client.post(
        reverse("camp:hand_over"), {"items": "{"}).json()["message"]
    assert not UnconfirmedWrite.objects.exists()


def test_a_time_from_the_phone_in_the_future_is_taken_as_now(client, world):
    item = _item(world, world.girl_a, created_at="2999-01-01T00:00:00Z")
    client.force_login(world.facilitator_a)
    _hand_over(client, [item])
    assert UnconfirmedWrite.objects.get().made_at <= timezone.now()


def test_she_discards_one_and_it_is_gone_with_an_audit_row(client, world):
    client.force_login(world.facilitator_a)
    _hand_over(client, [_item(world, world.girl_a)])
    write = UnconfirmedWrite.objects.get()
    response = client.post(reverse("camp:discard_unconfirmed",
                                   args=[world.camp_a.pk, write.pk]))
    assert response.status_code == 302
    assert not UnconfirmedWrite.objects.exists()
    assert AuditEvent.objects.filter(subject_type="camp.unconfirmedwrite",
                                     action=AuditEvent.Action.DELETED).exists()


def test_another_camps_facilitator_cannot_discard_it(client, world):
    client.force_login(world.facilitator_a)
    _hand_over(client, [_item(world, world.girl_a)])
    write = UnconfirmedWrite.objects.get()
    client.force_login(world.facilitator_b)
    for camp in (world.camp_a, world.camp_b):
        response = client.post(reverse("camp:discard_unconfirmed", args=[camp.pk, write.pk]))
        assert response.status_code in (403, 404)
    assert UnconfirmedWrite.objects.exists()


def test_only_a_girl_is_remembered_by_the_phone(client, world):
    """A phone offers to pick the names of girls only: the page names them for it."""
    client.force_login(world.girl_a)
    assert '<meta name="user-pick" content="1">' in client.get("/ky/learn/").content.decode()
    client.force_login(world.facilitator_a)
    assert 'name="user-pick"' not in client.get("/ky/teach/").content.decode()
