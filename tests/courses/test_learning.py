"""A girl goes through her camp's lessons: done marks, steps and check questions."""

import re
import uuid

import pytest
from django.urls import reverse
from django.utils import translation

from courses.models import LessonProgress, QuizAttempt, StepProgress
from tests.factories import make_curriculum


def url(name, *args, language="ky"):
    with translation.override(language):
        return reverse(name, args=args)


def lessons(world, language="ky"):
    return world.curriculum["lessons"][language]


def test_a_lesson_done_twice_with_one_uuid_and_again_in_russian_counts_once(client, world, girl):
    ky, ru = lessons(world)[0], lessons(world, "ru")[0]
    client_id = str(uuid.uuid4())
    first = client.post(url("courses:lesson_done", ky.translation_key), {"client_id": client_id})
    assert first.status_code == 302 and first["Location"].endswith("#lesson-done")
    client.post(url("courses:lesson_done", ky.translation_key), {"client_id": client_id})
    client.post(
        url("courses:lesson_done", ru.translation_key, language="ru"),
        {"client_id": str(uuid.uuid4())},
    )
    assert LessonProgress.objects.filter(learner=girl).count() == 1
    page = client.get(ru.url).content.decode()
    assert "Бул сабакты бүтүрдүң" in page or "Ты прошла этот урок" in page


def test_the_done_button_answers_json_for_the_script_with_the_next_lesson(client, world, girl):
    lesson = lessons(world)[0]
    response = client.post(
        url("courses:lesson_done", lesson.translation_key),
        {"client_id": str(uuid.uuid4())},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200
    assert response.json()["ok"] is True
    assert response.json()["next_url"] == lessons(world)[1].url


def test_steps_are_kept_and_shown_where_she_left_off(client, world, girl):
    lesson = lessons(world)[0]
    client.post(
        url("courses:lesson_done", lesson.translation_key),
        {"client_id": str(uuid.uuid4()), "step": "1.2"},
    )
    assert list(StepProgress.objects.values_list("step", flat=True)) == ["1.2"]
    page = client.get(lesson.url).content.decode()
    assert 'id="step-1.2"' in page and "✓" in page
    assert 'name="step" value="1.1"' in page and 'name="step" value="1.2"' not in page


def test_a_step_that_does_not_exist_is_refused_with_a_message(client, world, girl):
    lesson = lessons(world)[0]
    response = client.post(
        url("courses:lesson_done", lesson.translation_key),
        {"client_id": str(uuid.uuid4()), "step": "7.1"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 400
    assert response.json()["message"]
    assert not StepProgress.objects.exists()


def test_a_missing_client_uuid_is_refused_and_nothing_is_stored(client, world, girl):
    lesson = lessons(world)[0]
    response = client.post(url("courses:lesson_done", lesson.translation_key), {}, follow=True)
    assert "Баракты кайра ачып" in response.content.decode() or response.status_code == 200
    assert not LessonProgress.objects.exists()


def test_a_lesson_of_another_camps_curriculum_is_refused(client, world, girl):
    other = make_curriculum(days=1, lessons_per_day=1, slug="other-camp")["lessons"]["ky"][0]
    response = client.post(
        url("courses:lesson_done", other.translation_key), {"client_id": str(uuid.uuid4())}
    )
    assert response.status_code == 403
    assert not LessonProgress.objects.exists()
    # and the page does not offer her the forms
    assert "courses:lesson_done" not in client.get(other.url).content.decode()
    assert 'name="client_id"' not in client.get(other.url).content.decode()


def test_check_questions_are_scored_on_the_server_and_every_attempt_kept(client, world, girl):
    lesson = lessons(world)[0]  # its question: A, B, C; the right answer is 2
    address = url("courses:quiz_answer", lesson.translation_key, 1)
    wrong = client.post(
        address, {"client_id": str(uuid.uuid4()), "answer": "1"}, HTTP_ACCEPT="application/json"
    ).json()
    assert wrong["correct"] is False and wrong["explanation"] and wrong["right_answer"] == "B"
    same_uuid = str(uuid.uuid4())
    for _twice in range(2):
        right = client.post(address, {"client_id": same_uuid, "answer": "2"}, follow=True)
    page = right.content.decode()
    assert "Туура!" in page  # "Right!" in Kyrgyz, shown on the lesson page she comes back to
    assert list(QuizAttempt.objects.order_by("pk").values_list("answer", "is_correct")) == [
        (1, False), (2, True)
    ]


def test_the_lesson_page_shows_her_latest_answer_to_each_question(client, world, girl):
    lesson = lessons(world)[0]
    address = url("courses:quiz_answer", lesson.translation_key, 1)
    for answer in ("1", "2", "3"):  # wrong, right, then wrong again
        client.post(address, {"client_id": str(uuid.uuid4()), "answer": answer})
    page = client.get(lesson.url).content.decode()
    checked = re.findall(r'name="answer" value="(\d)" required checked', page)
    assert checked == ["3"]
    assert "message message-error" in page and "message message-success" not in page


@pytest.mark.parametrize("number, answer", [(2, "1"), (0, "1"), (1, "4"), (1, "x"), (1, "")])
def test_an_answer_to_a_question_or_choice_that_does_not_exist_is_refused(
    client, world, girl, number, answer
):
    lesson = lessons(world)[0]
    response = client.post(
        url("courses:quiz_answer", lesson.translation_key, number),
        {"client_id": str(uuid.uuid4()), "answer": answer},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 400
    assert response.json()["message"]
    assert not QuizAttempt.objects.exists()


def test_an_answer_in_russian_is_the_same_question_as_in_kyrgyz(client, world, girl):
    ru = lessons(world, "ru")[0]
    client.post(
        url("courses:quiz_answer", ru.translation_key, 1, language="ru"),
        {"client_id": str(uuid.uuid4()), "answer": "2"},
    )
    attempt = QuizAttempt.objects.get()
    assert (attempt.lesson_key, attempt.quiz_number, attempt.language) == (
        lessons(world)[0].translation_key, 1, "ru"
    )


def test_anonymous_readers_still_get_the_question_with_its_answer(client, world):
    page = client.get(lessons(world)[0].url).content.decode()
    assert "<details" in page and 'name="client_id"' not in page


def test_her_page_shows_her_days_done_lessons_and_the_next_lesson_in_both_languages(
    client, world, girl
):
    ky = lessons(world)
    for lesson in ky[:2]:
        LessonProgress.objects.create(
            learner=girl, lesson_key=lesson.translation_key,
            completed_at="2026-01-01T10:00Z", client_id=uuid.uuid4(),
        )
    page = client.get(url("camp:learn")).content.decode()
    assert page.count("badge-done") == 2
    assert f'class="button big" href="{ky[2].url}"' in page
    russian = client.get(url("camp:learn", language="ru")).content.decode()
    assert f'href="{lessons(world, "ru")[2].url}"' in russian
    assert russian.count("badge-done") == 2


def test_her_page_without_a_camp_says_so(client, world):
    from tests.world import make_user

    client.force_login(make_user("lonely", "learner"))
    assert "лагер" in client.get(url("camp:learn")).content.decode().lower()


def test_the_facilitator_sees_which_questions_the_group_finds_hard(world):
    from courses.services import answer_quiz, quiz_results

    first, second = lessons(world)[0], lessons(world)[1]
    girls = [world.girl_a, world.girl_b]
    answer_quiz(world.girl_a, first, 1, 1, uuid.uuid4())  # wrong first, then right
    answer_quiz(world.girl_a, first, 1, 2, uuid.uuid4())
    answer_quiz(world.girl_b, first, 1, 3, uuid.uuid4())
    answer_quiz(world.girl_a, second, 1, 2, uuid.uuid4())
    results = quiz_results(girls, world.curriculum["curricula"]["ky"])
    assert [(r.lesson.pk, r.girls, r.first_right) for r in results] == [
        (first.pk, 2, 0), (second.pk, 1, 1)
    ]
    assert results[0].question.endswith("?") and results[0].share_right == 0
