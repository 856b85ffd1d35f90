"""Lessons that need the internet say so, with what to do without it: the front-matter
flag is imported and checked, the day page, the lesson page and the facilitator's day show
it in both languages, and the shipped lessons that use Tinkercad or Wokwi carry it."""

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from courses import content_files
from courses.models import LessonPage
from tests.courses.test_import_curriculum import check, make_content, replace

OFFLINE = {"ky": "SimulIDE мурунку күнү орнотулат.", "ru": "SimulIDE ставим накануне."}


def flag(root: Path, languages=("ky", "ru"), offline=True) -> None:
    for language in languages:
        extra = "needs_connection: true\n"
        if offline:
            extra += f"offline_path: {OFFLINE[language]}\n"
        replace(root / "01-curriculum" / "day-1" / f"01-test-lesson.{language}.md",
                "core: true\n", "core: true\n" + extra)


def run_import(root: Path) -> None:
    call_command("import_curriculum", str(root), stdout=StringIO())


def lesson(language: str) -> LessonPage:
    return LessonPage.objects.get(slug="test-lesson", locale__language_code=language)


@pytest.mark.django_db
def test_the_import_stores_the_flag_and_the_offline_path_in_each_language(tmp_path):
    root = make_content(tmp_path)
    flag(root)
    run_import(root)
    for language in ("ky", "ru"):
        page = lesson(language)
        assert page.needs_connection
        assert page.offline_path == OFFLINE[language]


@pytest.mark.django_db
def test_a_lesson_without_the_flag_needs_no_connection_and_a_re_import_clears_it(tmp_path):
    root = make_content(tmp_path)
    run_import(root)
    assert not lesson("ky").needs_connection and lesson("ky").offline_path == ""
    flag(root)
    run_import(root)
    assert lesson("ru").needs_connection
    for language in ("ky", "ru"):
        path = root / "01-curriculum" / "day-1" / f"01-test-lesson.{language}.md"
        replace(path, "needs_connection: true\n", "needs_connection: false\n")
        replace(path, f"offline_path: {OFFLINE[language]}\n", "")
    run_import(root)
    assert not lesson("ru").needs_connection and lesson("ru").offline_path == ""


def test_the_check_says_when_the_languages_disagree_on_the_flag(tmp_path):
    root = make_content(tmp_path)
    flag(root, languages=("ky",), offline=False)
    errors = check(root)
    assert "01-test-lesson.ru.md:1: needs_connection differs from 01-test-lesson.ky.md" in errors


def test_the_check_says_when_only_one_language_has_an_offline_path(tmp_path):
    root = make_content(tmp_path)
    flag(root, offline=False)
    replace(root / "01-curriculum" / "day-1" / "01-test-lesson.ky.md",
            "needs_connection: true\n", f"needs_connection: true\noffline_path: {OFFLINE['ky']}\n")
    assert "offline_path is in one language only" in check(root)


@pytest.mark.parametrize("value, message", [
    ("needs_connection: sometimes", "needs_connection is true or false"),
    ("offline_path: Paper", "offline_path is only for a lesson with needs_connection: true"),
])
def test_the_check_names_a_wrong_value_with_its_line(tmp_path, value, message):
    root = make_content(tmp_path)
    for language in ("ky", "ru"):
        replace(root / "01-curriculum" / "day-1" / f"01-test-lesson.{language}.md",
                "core: true\n", f"core: true\n{value}\n")
    assert f"01-test-lesson.ky.md:7: {message}" in check(root)


def flag_page(page: LessonPage, offline: str) -> None:
    page.needs_connection = True
    page.offline_path = offline
    page.save_revision().publish()


@pytest.fixture
def flagged(curriculum):
    """The first lesson of day 1 needs the internet, in both languages."""
    for language in ("ky", "ru"):
        flag_page(curriculum["lessons"][language][0], OFFLINE[language])
    return curriculum


@pytest.mark.parametrize("language, says", [("ky", "Интернет керек."),
                                            ("ru", "Нужен интернет.")])
def test_the_day_page_marks_the_lesson_that_needs_the_internet(client, flagged, language,
                                                               says):
    first, second = flagged["lessons"][language][:2]
    html = client.get(first.get_parent().url).content.decode()
    items = re.findall(r"<li>(.*?)</li>", html, re.S)
    marked = [item for item in items if first.url in item]
    unmarked = [item for item in items if second.url in item]
    assert marked and unmarked
    assert says in marked[0] and OFFLINE[language] in marked[0]
    assert says not in unmarked[0]


@pytest.mark.parametrize("language, says", [("ky", "Интернет керек."),
                                            ("ru", "Нужен интернет.")])
def test_the_lesson_page_says_so_near_the_top(client, flagged, language, says):
    first, second = flagged["lessons"][language][:2]
    html = client.get(first.url).content.decode()
    assert says in html and OFFLINE[language] in html
    assert 0 < html.index(says) - html.index("</h1>") < 600  # right under the title
    assert says not in client.get(second.url).content.decode()


def test_the_shipped_lessons_that_use_tinkercad_or_wokwi_say_they_need_the_internet():
    named = []
    for day in content_files.curriculum():
        for item in day["lessons"]:
            texts = {language: json.dumps(item[language], ensure_ascii=False)
                     for language in ("ky", "ru")}
            if any(re.search(r"tinkercad|wokwi", text, re.I) for text in texts.values()):
                named.append(item["slug"])
                assert item["needs_connection"], item["slug"]
            if item["needs_connection"]:
                for language in ("ky", "ru"):
                    path = item[language].get("offline_path", "")
                    assert len(path) > 40, (item["slug"], language)
                    assert not re.search(r"freecad|blender", path, re.I)
    assert {"day2-modelling-basics", "day2-name-keychain", "day3-simulator",
            "d4-measure-design-case"} <= set(named)


def test_the_shipped_day_pages_no_longer_send_beginners_to_freecad_or_blender():
    for day in content_files.curriculum():
        for language in ("ky", "ru"):
            text = json.dumps(day[language], ensure_ascii=False)
            assert not re.search(r"freecad|blender", text, re.I), (day["slug"], language)
