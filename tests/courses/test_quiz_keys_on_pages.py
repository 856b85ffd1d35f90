"""Which answer keys reach a page: a lesson question's own key rides on its form, so the
phone can say right or wrong without signal (the key is public on the lesson's page
anyway, under "Show the answer"); the girls' survey - the only other questions she
answers - has no right answers, and nothing on its page looks like one."""

import re

from django.urls import reverse
from django.utils import translation

from cms.core.models import Consent
from tests.courses.helpers import give_consent, make_survey_items


def test_a_lesson_question_carries_only_its_own_key(client, world):
    client.force_login(world.girl_a)
    lesson = world.curriculum["lessons"]["ky"][0]
    html = client.get(lesson.url).content.decode()
    forms = re.findall(r'<form[^>]*data-learning="quiz"[^>]*>', html, re.S)
    assert len(forms) == 1
    assert 'data-correct="2"' in forms[0]
    assert 'data-explanation="Кепшерлөө: үйрөнөбүз, көрөбүз"' in forms[0]
    assert html.count("data-correct=") == 1


def test_the_survey_page_carries_no_answer_key(client, world):
    make_survey_items()
    give_consent(world.girl_a, Consent.Scope.SURVEYS)
    client.force_login(world.girl_a)
    with translation.override("ky"):
        address = reverse("courses:survey", args=["pre"])
    html = client.get(address).content.decode()
    assert 'name="client_id"' in html  # the survey form itself is on the page
    for marker in ("data-correct", "data-explanation", "data-right"):
        assert marker not in html
