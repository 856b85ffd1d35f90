"""A girl's record of a lesson is kept in the cache between her visits, and every change
to it shows on her next visit: her own writes, a facilitator's change of consent, a new
day, on any server (the counter lives in the shared cache)."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from cms.core.consent import withdraw_consent
from cms.core.models import Consent
from courses.models import LessonProgress
from tests.courses.helpers import give_consent
from tests.courses.test_lesson_pages import GIRL_LESSON_QUERY_BUDGET

UPLOAD = 'name="photo"'


@pytest.fixture
def lesson(world):
    return world.curriculum["lessons"]["ky"][0]


def test_her_lesson_done_shows_on_the_next_visit_though_the_page_was_kept(
    client, girl, lesson, django_assert_max_num_queries
):
    assert 'data-learning="lesson"' in client.get(lesson.url).content.decode()  # kept now
    with django_assert_max_num_queries(GIRL_LESSON_QUERY_BUDGET):
        client.get(lesson.url)
    with translation.override("ky"):
        done = reverse("courses:lesson_done", args=[lesson.translation_key])
    client.post(done, {"client_id": str(uuid.uuid4())})
    assert LessonProgress.objects.filter(learner=girl).count() == 1
    html = client.get(lesson.url).content.decode()
    assert 'data-learning="lesson"' not in html  # the "I have done it" form is gone
    assert 'class="message message-success">✓' in html


def test_a_withdrawn_photo_consent_hides_the_upload_at_once(client, girl, lesson, world):
    give_consent(girl)
    assert UPLOAD in client.get(lesson.url).content.decode()
    withdraw_consent(girl, Consent.Scope.PHOTOS, Consent.Kind.GUARDIAN, by=world.facilitator_a)
    assert UPLOAD not in client.get(lesson.url).content.decode()


def test_a_record_deleted_behind_her_back_is_not_shown(client, girl, lesson):
    LessonProgress.objects.create(learner=girl, lesson_key=lesson.translation_key,
                                  completed_at=timezone.now(), client_id=uuid.uuid4())
    assert 'class="message message-success">✓' in client.get(lesson.url).content.decode()
    LessonProgress.objects.filter(learner=girl).delete()
    assert 'class="message message-success">✓' not in client.get(lesson.url).content.decode()


def test_a_consent_that_starts_tomorrow_counts_tomorrow_without_a_write(
    client, girl, lesson, monkeypatch
):
    today = timezone.localdate()
    for kind in (Consent.Kind.GUARDIAN, Consent.Kind.ASSENT):
        Consent.objects.create(learner=girl, scope=Consent.Scope.PHOTOS, kind=kind,
                               given_on=today + datetime.timedelta(days=1))
    assert UPLOAD not in client.get(lesson.url).content.decode()
    monkeypatch.setattr(timezone, "localdate", lambda *a: today + datetime.timedelta(days=1))
    assert UPLOAD in client.get(lesson.url).content.decode()


def test_one_girls_record_is_never_shown_to_another(client, world, lesson):
    LessonProgress.objects.create(learner=world.girl_a, lesson_key=lesson.translation_key,
                                  completed_at=timezone.now(), client_id=uuid.uuid4())
    client.force_login(world.girl_a)
    assert 'class="message message-success">✓' in client.get(lesson.url).content.decode()
    client.force_login(world.girl_b)
    assert 'class="message message-success">✓' not in client.get(lesson.url).content.decode()


#: Her next lesson after she answered and finished one, as in a camp morning: her
#: progress (lessons done, ticks and answers of the new lesson) is read again; her
#: consent and photos, which those writes do not touch, are not.
PROGRESS_QUERIES = 3


def test_her_next_lesson_after_a_write_reads_her_progress_but_not_her_consent_again(
    client, girl, world, django_assert_max_num_queries
):
    give_consent(girl)
    first, second = world.curriculum["lessons"]["ky"][:2]
    client.get(first.url)
    client.get(second.url)  # both kept, with her consent
    with translation.override("ky"):
        done = reverse("courses:lesson_done", args=[first.translation_key])
    client.post(done, {"client_id": str(uuid.uuid4())})
    with django_assert_max_num_queries(GIRL_LESSON_QUERY_BUDGET + PROGRESS_QUERIES) as queries:
        html = client.get(second.url).content.decode()
    tables = " ".join(query["sql"] for query in queries.captured_queries)
    assert "courses_lessonprogress" in tables and "cms_consent" not in tables
    assert UPLOAD in html  # her consent still shows


def test_her_photo_shows_on_its_own_lesson_at_once_and_not_on_another(client, girl, world):
    from courses.models import ProjectPhoto

    give_consent(girl)
    first, second = world.curriculum["lessons"]["ky"][:2]
    client.get(first.url)
    client.get(second.url)  # both kept before the photo
    photo = ProjectPhoto.objects.create(
        learner=girl, lesson_key=first.translation_key, caption="Менин схемам",
        image="projects/x.webp", width=10, height=10, created_at=timezone.now(),
        client_id=uuid.uuid4())
    assert f'alt="{photo.caption}"' in client.get(first.url).content.decode()
    assert f'alt="{photo.caption}"' not in client.get(second.url).content.decode()
