"""The progress questions the camp dashboard and the certificates ask."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.models import LessonPage, LessonProgress
from courses.progress import (
    completed_lesson_keys,
    next_lesson,
    outline,
    progress_for,
)
from tests.world import make_user


def finish(learner, lesson):
    return LessonProgress.objects.create(
        learner=learner, lesson_key=lesson.translation_key,
        completed_at=timezone.now(), client_id=uuid.uuid4(),
    )


@pytest.fixture
def girls(db):
    return [make_user(f"girl-{n}", "learner") for n in range(3)]


def test_a_lesson_done_in_russian_counts_for_the_kyrgyz_curriculum(curriculum, girls):
    ky, ru = curriculum["lessons"]["ky"], curriculum["lessons"]["ru"]
    finish(girls[0], ru[0])
    assert completed_lesson_keys(girls[0]) == {ky[0].translation_key}
    result = progress_for(girls, curriculum["curricula"]["ky"])
    assert (result[girls[0].pk].done, result[girls[0].pk].total) == (1, 4)
    assert result[girls[1].pk].done == 0
    assert result[girls[0].pk].percent == 25


def test_core_lessons_completed_counts_only_core_lessons(curriculum, girls):
    lessons = curriculum["lessons"]["ky"]
    LessonPage.objects.filter(
        translation_key__in=[lessons[0].translation_key, lessons[3].translation_key]
    ).update(is_core=True)
    finish(girls[0], lessons[0])
    finish(girls[0], lessons[1])
    # Either language's curriculum counts the same lessons: they are one lesson.
    for language in ("ru", "ky"):
        result = progress_for([girls[0].pk, girls[1].pk], curriculum["curricula"][language])
        assert (result[girls[0].pk].core_done, result[girls[0].pk].core_total) == (1, 2)
        assert (result[girls[1].pk].core_done, result[girls[1].pk].core_total) == (0, 2)


def test_progress_for_a_group_takes_the_same_queries_for_three_or_thirty_girls(
    curriculum
):
    girls = [make_user(f"g{n}", "learner") for n in range(30)]
    for girl in girls:
        finish(girl, curriculum["lessons"]["ky"][0])
    with CaptureQueriesContext(connection) as few_queries:
        few = progress_for(girls[:3], curriculum["curricula"]["ky"])
    with CaptureQueriesContext(connection) as many_queries:
        many = progress_for(girls, curriculum["curricula"]["ky"])
    assert len(few_queries) == len(many_queries) <= 3
    assert len(few) == 3 and len(many) == 30
    assert all(item.done == 1 for item in many.values())


def test_next_lesson_is_the_first_not_done(curriculum, girls):
    lessons = curriculum["lessons"]["ru"]
    finish(girls[0], lessons[0])
    finish(girls[0], lessons[2])
    days = outline(curriculum["curricula"]["ru"])
    assert [len(day.lessons) for day in days] == [2, 2]
    assert next_lesson(days, completed_lesson_keys(girls[0])) == lessons[1]
