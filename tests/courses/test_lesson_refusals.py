"""A write about a lesson she can no longer write to: a phone's script gets the reason in
her language (the offline queue shows it to her), a plain form post the error page."""

import uuid

from django.urls import reverse
from django.utils import translation

from camp.models import Camp
from courses.models import LessonPage, LessonProgress, QuizAttempt


def addresses(lesson) -> list[str]:
    with translation.override("ky"):
        return [reverse("courses:lesson_done", args=[lesson.translation_key]),
                reverse("courses:quiz_answer", args=[lesson.translation_key, 1])]


def post(client, address, as_json=True):
    headers = {"HTTP_ACCEPT": "application/json"} if as_json else {}
    return client.post(address, {"client_id": str(uuid.uuid4()), "answer": "2"}, **headers)


def test_a_lesson_taken_off_the_site_is_refused_with_a_reason(client, world, girl):
    lesson = world.curriculum["lessons"]["ky"][0]
    for each in LessonPage.objects.filter(translation_key=lesson.translation_key):
        each.unpublish()
    for address in addresses(lesson):
        response = post(client, address)
        assert response.status_code == 404
        assert response.json() == {"ok": False, "message": "Бул сабак сайттан алынып салынган."}
        assert post(client, address, as_json=False).status_code == 404
    assert not LessonProgress.objects.exists() and not QuizAttempt.objects.exists()


def test_a_lesson_of_a_cancelled_camp_is_refused_with_a_reason(client, world, girl):
    Camp.objects.filter(pk=world.camp_a.pk).update(status=Camp.Status.CANCELLED)
    lesson = world.curriculum["lessons"]["ky"][0]
    for address in addresses(lesson):
        response = post(client, address)
        assert response.status_code == 403
        assert response.json()["message"] == "Бул сабак сенин лагериңдин программасында жок."
        assert post(client, address, as_json=False).status_code == 403
    assert not LessonProgress.objects.exists() and not QuizAttempt.objects.exists()


def test_a_camp_cancelled_while_she_works_refuses_her_next_answer_at_once(client, world, girl):
    """Her camps are kept in the cache between requests; cancelling a camp forgets them."""
    lesson = world.curriculum["lessons"]["ky"][0]
    done, answer = addresses(lesson)
    assert client.get(lesson.url).status_code == 200
    assert post(client, answer).status_code == 200
    camp = Camp.objects.get(pk=world.camp_a.pk)
    camp.status = Camp.Status.CANCELLED
    camp.save()  # as the camp form does
    assert post(client, answer).status_code == 403
    assert post(client, done).status_code == 403
    assert QuizAttempt.objects.count() == 1 and not LessonProgress.objects.exists()


def test_a_lesson_taken_off_while_she_reads_it_refuses_her_answer_at_once(client, world, girl):
    """The lesson is kept in the cache between requests; unpublishing it forgets it."""
    lesson = world.curriculum["lessons"]["ky"][0]
    done, answer = addresses(lesson)
    assert post(client, answer).status_code == 200
    for each in LessonPage.objects.filter(translation_key=lesson.translation_key):
        each.unpublish()
    assert post(client, answer).status_code == 404
    assert post(client, done).status_code == 404
    assert QuizAttempt.objects.count() == 1 and not LessonProgress.objects.exists()
