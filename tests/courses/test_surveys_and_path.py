"""The confidence survey (pseudonymous, once per round, reverse scoring) and "my path"."""

import json
import uuid

import pytest
from django.urls import reverse
from django.utils import translation

from cms.core.models import Consent
from courses.models import (
    PathChoice,
    SurveyAnswer,
    SurveyCode,
    SurveyResponse,
    UniversityGuidePage,
    UniversityPage,
)
from courses.surveys import group_change, results_for
from tests.courses.helpers import give_consent, make_survey_items, survey_answers
from tests.world import make_user


@pytest.fixture
def items(world):
    return make_survey_items()


@pytest.fixture
def girl(client, world, items):
    give_consent(world.girl_a, Consent.Scope.SURVEYS)
    client.force_login(world.girl_a)
    return world.girl_a


def survey_url(round_, language="ky"):
    with translation.override(language):
        return reverse("courses:survey", args=[round_])


def test_the_survey_is_stored_under_a_code_not_her_name_and_counts_once(client, girl, items):
    data = survey_answers(items, [2, 4, 3, 0])
    first = client.post(survey_url("pre"), {**data, "client_id": str(uuid.uuid4())})
    assert first.status_code == 302
    again = client.post(survey_url("pre"), {**data, "client_id": str(uuid.uuid4())}, follow=True)
    assert "мурун эле жооп бергенсиң" in again.content.decode()
    response = SurveyResponse.objects.get()
    assert response.code == SurveyCode.objects.get(learner=girl).code
    assert girl.username not in response.code and str(girl.pk) != response.code
    assert SurveyAnswer.objects.count() == 4


def test_russian_statements_are_the_same_items_as_kyrgyz(client, girl, items):
    client.post(
        survey_url("pre", "ru"),
        {**survey_answers(items, [5, 1, 5, 1]), "client_id": str(uuid.uuid4())},
    )
    assert SurveyResponse.objects.get().language == "ru"
    assert set(SurveyAnswer.objects.values_list("item_key", flat=True)) == {
        item.translation_key for item in items
    }


def test_a_missing_answer_is_refused_with_a_message_and_nothing_is_stored(client, girl, items):
    data = survey_answers(items[:3], [3, 3, 3])
    response = client.post(survey_url("pre"), {**data, "client_id": str(uuid.uuid4())})
    assert response.status_code == 400
    assert "Ар бир билдирүүгө жооп бер" in response.content.decode()
    assert not SurveyResponse.objects.exists() and not SurveyCode.objects.filter(
        code__in=SurveyResponse.objects.values("code")
    ).exists()


def test_an_impossible_value_is_refused(client, girl, items):
    data = survey_answers(items, [9, 3, 3, 1])
    response = client.post(survey_url("pre"), {**data, "client_id": str(uuid.uuid4())})
    assert response.status_code == 400
    assert not SurveyAnswer.objects.exists()


def test_without_survey_consent_nothing_is_stored(client, world, items):
    client.force_login(world.girl_a)
    data = survey_answers(items, [3, 3, 3, 1])
    response = client.post(survey_url("pre"), {**data, "client_id": str(uuid.uuid4())})
    assert response.status_code == 400
    assert not SurveyResponse.objects.exists()


def test_reverse_scored_items_and_looking_back_give_her_results(client, girl, items):
    # maths: "I understand maths" 2, "maths is too hard" 4 (reverse: 2) -> 2.0 before the camp
    pre = survey_answers(items, [2, 4, 3, 0])
    client.post(survey_url("pre"), {**pre, "client_id": str(uuid.uuid4())})
    # after: 4 and 2 (reverse: 4) -> 4.0; looking back she rates maths 1 before the camp
    post = survey_answers(items, [4, 2, 5, 1], before=[1, None, 2])
    response = client.post(survey_url("post"), {**post, "client_id": str(uuid.uuid4())})
    assert response.status_code == 302
    results = {result.area: result for result in results_for(girl)}
    assert (results["maths"].pre, results["maths"].post, results["maths"].change) == (2.0, 4.0, 2.0)
    assert results["maths"].before == 1.0
    assert (results["role_model"].pre, results["role_model"].post) == (0.0, 1.0)
    page = client.get(survey_url("post")).content.decode()
    assert "Менин жыйынтыктарым" in page
    assert ">4.0" in page or ">4,0" in page


def test_the_post_survey_needs_the_looking_back_rating(client, girl, items):
    post = survey_answers(items, [4, 2, 5, 1])
    response = client.post(survey_url("post"), {**post, "client_id": str(uuid.uuid4())})
    assert response.status_code == 400


def test_group_change_counts_only_girls_who_answered_both_times(world, items):
    from courses.models import SurveyRound
    from courses.surveys import submit

    girls = [make_user(f"g{n}", "learner") for n in range(3)]
    for girl in girls:
        give_consent(girl, Consent.Scope.SURVEYS)
    submit(girls[0], SurveyRound.PRE, survey_answers(items, [2, 4, 2, 0]), uuid.uuid4(), items)
    submit(girls[0], SurveyRound.POST, survey_answers(items, [4, 2, 4, 1], [2, None, 2]),
           uuid.uuid4(), items)
    submit(girls[1], SurveyRound.PRE, survey_answers(items, [1, 5, 1, 0]), uuid.uuid4(), items)
    change = {result.area: result for result in group_change(girls)}
    assert change["maths"].girls == 1
    assert (change["maths"].pre, change["maths"].post) == (2.0, 4.0)
    assert change["engineering"].change == 2.0


def test_my_path_lists_chosen_universities_their_ort_tests_and_the_dates_from_content(
    client, world
):
    from cms.core.demo import ensure_page

    homes = world.curriculum["homes"]
    guides = ensure_page(homes, UniversityGuidePage, "ort", {
        code: {"title": title, "key_dates": json.dumps([
            {"type": "date", "value": {"key": "registration", "label": label,
                                       "start": "2099-02-20", "end": "2099-04-05"}},
            {"type": "date", "value": {"key": "old", "label": "Өткөн", "start": "2001-05-01"}},
        ], ensure_ascii=False)}
        for code, title, label in (("ky", "ЖРТ", "Каттоо"), ("ru", "ОРТ", "Регистрация"))
    })
    university = ensure_page(guides, UniversityPage, "kstu", {
        code: {"title": title, "city": "Бишкек", "ort_subjects": ["maths", "physics"]}
        for code, title in (("ky", "КМТУ"), ("ru", "КГТУ"))
    })["ky"]
    client.force_login(world.girl_a)
    with translation.override("ky"):
        address = reverse("courses:path")
    client.post(address, {"university": str(university.translation_key)})
    client.post(address, {"university": str(university.translation_key)})
    assert PathChoice.objects.count() == 1
    page = client.get(address).content.decode()
    steps = page.split("Менин кийинки кадамдарым")[1].split("</section>")[0]
    assert "Физика" in page and "Каттоо" in steps and "2099" in steps
    assert "Өткөн" not in page.split("Менин кийинки кадамдарым")[1].split("</section>")[0]
    refused = client.post(address, {"university": str(uuid.uuid4())}, follow=True)
    assert "колдонмодо жок" in refused.content.decode()
    assert PathChoice.objects.count() == 1


def test_her_scores_per_area_are_kept_as_she_answers(world, items):
    """The programme's figures read SurveyScore: each submitted survey updates her row
    per area (a reverse-scored statement counts 6 minus the answer; yes/no is not
    reversed)."""
    from courses.models import SurveyRound, SurveyScore
    from courses.surveys import code_for, submit

    girl = make_user("scored", "learner")
    give_consent(girl, Consent.Scope.SURVEYS)
    submit(girl, SurveyRound.PRE, survey_answers(items, [2, 4, 3, 0]), uuid.uuid4(), items)

    def scores():
        rows = SurveyScore.objects.filter(code=code_for(girl))
        return {row.area: (row.pre, row.post, row.back) for row in rows}

    assert scores() == {"maths": (2.0, None, None), "engineering": (3.0, None, None),
                        "role_model": (0.0, None, None)}
    submit(girl, SurveyRound.POST, survey_answers(items, [5, 2, 4, 1], [2, None, 1]),
           uuid.uuid4(), items)
    assert scores() == {"maths": (2.0, 4.5, 2.0), "engineering": (3.0, 4.0, 1.0),
                        "role_model": (0.0, 1.0, None)}
