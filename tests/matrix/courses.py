"""Role-matrix rows of the learning record (courses) and the girl's page (camp:learn)."""

import uuid

from django.urls import reverse

from courses.models import KnowledgeResponse, LessonProgress, ProjectPhoto, QuizAttempt
from tests.courses.helpers import photo_of

from . import PUBLIC, Row

LEARNERS = {"girl", "other_girl"}
CARERS_OF_GIRL_A = {"girl", "guardian", "facilitator"}


def lesson_key(w):
    return w.curriculum["lessons"]["ky"][0].translation_key


ROWS = [
    Row("camp:learn", lambda w: reverse("camp:learn"), LEARNERS),
    Row(
        "courses:lesson_done",
        lambda w: reverse("courses:lesson_done", args=[lesson_key(w)]),
        LEARNERS,
        method="post",
        data=lambda w: {"client_id": str(uuid.uuid4())},
        ok=(302,),
        unchanged=lambda w: LessonProgress.objects.count(),
    ),
    Row(
        "courses:quiz_answer",
        lambda w: reverse("courses:quiz_answer", args=[lesson_key(w), 1]),
        LEARNERS,
        method="post",
        data=lambda w: {"client_id": str(uuid.uuid4()), "answer": "2"},
        ok=(302,),
        unchanged=lambda w: QuizAttempt.objects.count(),
    ),
    Row("courses:photos", lambda w: reverse("courses:photos"), LEARNERS),
    Row(
        "courses:photo_file",
        lambda w: reverse("courses:photo_file", args=[photo_of(w.girl_a).pk]),
        CARERS_OF_GIRL_A,
    ),
    Row(
        "courses:learner_photos",
        lambda w: reverse("courses:learner_photos", args=[photo_of(w.girl_a).learner_id]),
        CARERS_OF_GIRL_A,
    ),
    Row(
        "courses:photo_delete",
        lambda w: reverse("courses:photo_delete", args=[photo_of(w.girl_a).pk]),
        {"girl"},
        method="post",
        ok=(302,),
        unchanged=lambda w: ProjectPhoto.objects.count(),
    ),
    Row("courses:survey", lambda w: reverse("courses:survey", args=["pre"]), LEARNERS),
    Row("courses:knowledge_test", lambda w: reverse("courses:knowledge_test", args=["pre"]),
        LEARNERS),
    Row(
        "courses:knowledge_answer",
        lambda w: reverse("courses:knowledge_answer", args=["pre", "soldering"]),
        LEARNERS,
        method="post",
        # Without the survey consent a girl's answers are refused and she is sent back.
        data=lambda w: {"client_id": str(uuid.uuid4()), "q-1": "1"},
        ok=(302,),
        unchanged=lambda w: KnowledgeResponse.objects.count(),
    ),
    Row("courses:path", lambda w: reverse("courses:path"), LEARNERS),
    Row("courses:worksheet", lambda w: reverse("courses:worksheet", args=["joints"]),
        {"facilitator", "other_facilitator", "editor", "admin"}),
    Row("courses:glossary", lambda w: reverse("courses:glossary"), PUBLIC),
]
