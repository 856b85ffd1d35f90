"""The knowledge test of each track: the shipped files pass the check, the test is scored
on the server (its right answers never reach the phone), counts once per track and
round, and a girl meets a different form after the camp than before it."""

import json
import re
import shutil
import uuid
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from cms.core.models import Consent
from courses import knowledge
from courses.content_files import CONTENT_ROOT
from courses.models import (
    KnowledgeAnswer,
    KnowledgeItem,
    KnowledgeResponse,
    SurveyCode,
    Track,
)
from courses.surveys import code_for
from tests.courses.helpers import give_consent


@pytest.fixture
def tests_imported(db):
    tests, problems = knowledge.read_tests()
    assert not problems
    knowledge.import_tests(tests)
    return tests


@pytest.fixture
def girl(client, world, tests_imported):
    give_consent(world.girl_a, Consent.Scope.SURVEYS)
    client.force_login(world.girl_a)
    return world.girl_a


def page_url(round_="pre", language="ky"):
    with translation.override(language):
        return reverse("courses:knowledge_test", args=[round_])


def answer_url(track, round_="pre", language="ky"):
    with translation.override(language):
        return reverse("courses:knowledge_answer", args=[round_, track])


def her_items(girl, track, round_="pre"):
    code = code_for(girl)
    return knowledge.test_for(track, knowledge.form_for(code, round_))


def answers(items, right: int):
    """The first ``right`` questions answered right, the others wrong."""
    data = {}
    for index, item in enumerate(items):
        wrong = 1 if item.correct != 1 else 2
        data[f"q-{item.number}"] = str(item.correct if index < right else wrong)
    return data


# --- The files ---------------------------------------------------------------------------


def test_every_track_has_two_forms_of_five_to_eight_questions_in_both_languages():
    tests, problems = knowledge.read_tests()
    assert not problems, "\n".join(str(p) for p in problems)
    assert sorted(test.track for test in tests) == sorted(Track.values)
    for test in tests:
        for form in ("a", "b"):
            assert 5 <= len(test.forms[form]["ky"]) <= 8
            assert len(test.forms[form]["ky"]) == len(test.forms[form]["ru"])
    # The right answers are spread over the choices, as the lesson quizzes' are.
    places = knowledge.positions(tests)
    assert max(places.values()) - min(places.values()) <= 3


def test_no_question_of_form_a_is_repeated_in_form_b():
    for test in knowledge.read_tests()[0]:
        for language in ("ky", "ru"):
            first = {item["question"] for item in test.forms["a"][language]}
            second = {item["question"] for item in test.forms["b"][language]}
            assert not first & second


@pytest.fixture
def content_copy(tmp_path):
    target = tmp_path / "content"
    target.mkdir()
    shutil.copytree(Path(CONTENT_ROOT) / knowledge.FOLDER, target / knowledge.FOLDER)
    return target


def _rewrite(path: Path, old: str, new: str, count: int = 1):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_the_check_names_a_right_answer_that_differs_between_languages(content_copy):
    path = content_copy / knowledge.FOLDER / "soldering.ru.yaml"
    _rewrite(path, "correct: 2", "correct: 3")
    _tests, problems = knowledge.read_tests(content_copy)
    assert any("differ between ky and ru" in problem.message for problem in problems)


def test_the_check_names_a_missing_language_and_a_short_form(content_copy):
    (content_copy / knowledge.FOLDER / "modelling.ru.yaml").unlink()
    path = content_copy / knowledge.FOLDER / "programming.ky.yaml"
    text = path.read_text(encoding="utf-8")
    head, form_b = text.split("\nb:\n")
    path.write_text(head + "\nb:\n" + form_b.split("\n- question")[0] + "\n", encoding="utf-8")
    _tests, problems = knowledge.read_tests(content_copy)
    messages = [problem.message for problem in problems]
    assert "the modelling test has no ru file" in messages
    assert "form b: 5 to 8 questions" in messages


def test_the_check_refuses_a_right_answer_out_of_range(content_copy):
    for language in ("ky", "ru"):
        _rewrite(content_copy / knowledge.FOLDER / f"university.{language}.yaml",
                 "correct: 3", "correct: 7")
    _tests, problems = knowledge.read_tests(content_copy)
    assert any("is not one of its 4 choices" in problem.message for problem in problems)


def test_import_curriculum_check_reads_the_tests(content_copy):
    from io import StringIO

    from django.core.management import CommandError, call_command

    # The shipped files: the check counts the tests and their answer places.
    out = StringIO()
    call_command("import_curriculum", "--check", "--stats", stdout=out)
    assert "5 knowledge tests checked" in out.getvalue()
    assert "knowledge tests: right answer at choice 1:" in out.getvalue()
    _rewrite(content_copy / knowledge.FOLDER / "softskills.ky.yaml", "correct: 2", "correct: 9")
    with pytest.raises(CommandError):
        call_command("import_curriculum", str(content_copy), "--check", stdout=StringIO(),
                     stderr=StringIO())


def test_import_is_idempotent_and_follows_a_changed_file(db, content_copy):
    tests, _problems = knowledge.read_tests(content_copy)
    assert knowledge.import_tests(tests) == 50
    assert knowledge.import_tests(tests) == 0
    path = content_copy / knowledge.FOLDER / "soldering.ru.yaml"
    _rewrite(path, "Что нужно, чтобы по цепи пошёл ток?", "Когда по цепи идёт ток?")
    tests, _problems = knowledge.read_tests(content_copy)
    assert knowledge.import_tests(tests) == 1
    assert KnowledgeItem.objects.get(track="soldering", form="a", number=2).question_ru == (
        "Когда по цепи идёт ток?")


# --- Taking it -----------------------------------------------------------------------------


def test_the_forms_are_counterbalanced_and_never_repeat_for_a_girl():
    codes = [f"CODE{number:04d}" for number in range(400)]
    first = [knowledge.form_for(code, "pre") for code in codes]
    assert 160 < first.count("a") < 240  # about half start with each form
    assert all(knowledge.form_for(code, "post") != form for code, form in zip(codes, first,
                                                                               strict=True))


def test_the_page_and_every_answer_carry_no_right_answer(client, girl):
    page = client.get(page_url("pre"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "data-correct" not in html and "correct" not in html.lower()
    for track in Track.values:
        items = her_items(girl, track)
        section = html.split(f'id="test-{track}"')[1].split("</section>")[0]
        assert all(item.question_ky in section for item in items)
        # The choices are numbered as written: the value says nothing about the key.
        for item in items:
            values = re.findall(rf'name="q-{item.number}" value="(\d+)"', section)
            assert values == [str(n) for n in range(1, len(item.choices_ky) + 1)]
    response = client.post(
        answer_url("soldering"),
        {**answers(her_items(girl, "soldering"), 2), "client_id": str(uuid.uuid4())},
        HTTP_ACCEPT="application/json",
    )
    data = json.loads(response.content)
    assert data["ok"] is True
    assert set(data) == {"ok", "message"}  # no score, no right answer, no verdict
    assert "сакталды" in data["message"]


def test_the_test_is_scored_on_the_server_and_counts_once(client, girl):
    items = her_items(girl, "programming")
    data = {**answers(items, 3), "client_id": str(uuid.uuid4())}
    assert client.post(answer_url("programming"), data).status_code == 302
    # The same write again (a queued copy arriving twice) and a second try both count once.
    client.post(answer_url("programming"), data, HTTP_ACCEPT="application/json")
    client.post(answer_url("programming"),
                {**answers(items, 5), "client_id": str(uuid.uuid4())})
    taken = KnowledgeResponse.objects.get()
    assert (taken.score, taken.items, taken.percent) == (3, len(items), round(300 / len(items), 1))
    assert taken.code == SurveyCode.objects.get(learner=girl).code
    assert KnowledgeAnswer.objects.filter(response=taken, is_correct=True).count() == 3
    # Her chosen option is kept by its number as written, whatever the page's language.
    chosen = dict(KnowledgeAnswer.objects.values_list("number", "choice"))
    assert chosen == {item.number: int(answers(items, 3)[f"q-{item.number}"]) for item in items}
    page = client.get(page_url("pre")).content.decode()
    assert 'action="' + answer_url("programming") + '"' not in page


def test_after_the_camp_she_gets_the_other_form(client, girl):
    before = her_items(girl, "modelling", "pre")
    after_page = client.get(page_url("post", "ru")).content.decode()
    after = her_items(girl, "modelling", "post")
    assert {item.form for item in before} != {item.form for item in after}
    assert all(item.question_ru in after_page for item in after)
    assert not any(item.question_ru in after_page for item in before)


def test_a_missing_answer_is_refused_and_nothing_is_kept(client, girl):
    items = her_items(girl, "university")
    data = answers(items, 5)
    data.pop(f"q-{items[-1].number}")
    response = client.post(answer_url("university"), {**data, "client_id": str(uuid.uuid4())},
                           HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert json.loads(response.content)["ok"] is False
    assert not KnowledgeResponse.objects.exists()


def test_without_consent_there_is_no_test(client, world, tests_imported):
    client.force_login(world.girl_b)
    page = client.get(page_url("pre")).content.decode()
    assert "q-1" not in page
    response = client.post(answer_url("soldering"), {"client_id": str(uuid.uuid4())},
                           HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert not KnowledgeResponse.objects.exists()


def test_her_learn_page_links_the_test_before_the_camp(client, girl):
    page = client.get(reverse("camp:learn")).content.decode()
    assert page_url("pre") in page
