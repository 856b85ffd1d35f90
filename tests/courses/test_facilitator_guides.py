"""A facilitator's guide per lesson (``<lesson>.guide.<lang>.md``): the check reads it
(timing adds up to the lesson, both languages, quantities are numbers), the import keeps
it on the lesson, every shipped lesson has one, and no girl or visitor ever reads it."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from courses import content_files
from courses.models import LessonPage
from tests.courses.test_import_curriculum import check, make_content, replace

GUIDE = """\
---
timing:
- 10 {word} opening round
- 20 Teams solder their first joint
preparation:
- Test every iron the day before.
materials:
- item: Iron in its stand {word}
  per_team: 2
- item: Safety glasses
  per_girl: 1
- item: First aid kit
  per_camp: 1
mistakes:
- seen: A round drop of solder
  do: Heat the pad and the leg together.
fast_team: They help a slow team with advice, never with their hands.
slow_team: Sit with them for one joint, counting aloud.
safety:
- The tip is 350 degrees {word}.
---
"""
WORDS = {"ky": "Кепшерлегич", "ru": "Спокойно"}


def guide_path(root: Path, language: str) -> Path:
    return root / "01-curriculum" / "day-1" / f"01-test-lesson.guide.{language}.md"


def with_guides(root: Path, languages=("ky", "ru")) -> Path:
    for language in languages:
        guide_path(root, language).write_text(GUIDE.format(word=WORDS[language]),
                                              encoding="utf-8")
    return root


def test_a_lesson_with_its_guide_in_both_languages_passes_the_check(tmp_path):
    out = StringIO()
    call_command("import_curriculum", str(with_guides(make_content(tmp_path))), check=True,
                 stdout=out)
    assert "no problems" in out.getvalue()


def test_the_check_says_when_the_timing_does_not_add_up_to_the_lesson(tmp_path):
    root = with_guides(make_content(tmp_path))
    replace(guide_path(root, "ru"), "- 20 Teams", "- 25 Teams")
    errors = check(root)
    assert "01-test-lesson.guide.ru.md:2: the timing adds up to 35 minutes; the lesson " \
           "lasts 30 (duration)" in errors


def test_the_check_says_when_a_guide_has_one_language_only(tmp_path):
    root = with_guides(make_content(tmp_path), languages=("ky",))
    assert "no ru translation of the guide (01-test-lesson.guide.ru.md is missing)" \
        in check(root)


@pytest.mark.parametrize("old, new, message", [
    ("per_team: 2", "per_team: two", "material 'Iron in its stand Кепшерлегич': per_team "
                                     "must be a number, not 'two'"),
    ("per_girl: 1", "per_girl: 1\n  per_team: 1", "exactly one of per_team, per_girl"),
    ("- 10 Кепшерлегич", "- ten Кепшерлегич", "is not '10 what happens'"),
    ("fast_team:", "quick_team:", "unknown guide key 'quick_team'"),
])
def test_the_check_names_a_wrong_guide_with_its_file(tmp_path, old, new, message):
    root = with_guides(make_content(tmp_path))
    replace(guide_path(root, "ky"), old, new)
    errors = check(root)
    assert "01-test-lesson.guide.ky.md" in errors and message in errors


def test_the_check_says_when_the_languages_count_different_quantities(tmp_path):
    root = with_guides(make_content(tmp_path))
    replace(guide_path(root, "ru"), "per_team: 2", "per_team: 3")
    assert "the materials' quantities differ from 01-test-lesson.guide.ky.md" in check(root)


def test_a_guide_without_its_lesson_is_refused(tmp_path):
    root = with_guides(make_content(tmp_path))
    for language in ("ky", "ru"):
        guide_path(root, language).rename(guide_path(root, language).with_name(
            f"02-nothing.guide.{language}.md"))
    assert "a guide belongs to a lesson: there is no lesson 02-nothing.ky.md" in check(root)


@pytest.mark.django_db
def test_the_import_keeps_the_guide_on_the_lesson_in_each_language(tmp_path):
    root = with_guides(make_content(tmp_path))
    call_command("import_curriculum", str(root), stdout=StringIO())
    for language in ("ky", "ru"):
        guide = LessonPage.objects.get(slug="test-lesson",
                                       locale__language_code=language).facilitator_guide
        assert guide["timing"][1] == {"start": 10, "end": 30,
                                      "text": "Teams solder their first joint"}
        assert guide["materials"][0] == {"item": f"Iron in its stand {WORDS[language]}",
                                         "per": "team", "quantity": 2}
        assert guide["safety"] == [f"The tip is 350 degrees {WORDS[language]}."]
    # A changed guide is a changed lesson: the next import publishes it.
    replace(guide_path(root, "ru"), "Test every iron", "Check every iron")
    call_command("import_curriculum", str(root), stdout=StringIO())
    lesson = LessonPage.objects.get(slug="test-lesson", locale__language_code="ru")
    assert lesson.facilitator_guide["preparation"] == ["Check every iron the day before."]


def test_every_shipped_lesson_has_its_guide_in_both_languages():
    days = content_files.curriculum()
    lessons = [lesson for day in days for lesson in day["lessons"]]
    assert len(lessons) == 26
    for lesson in lessons:
        for language in ("ky", "ru"):
            guide = lesson[language].get("guide")
            assert guide, (lesson["slug"], language)
            assert guide["timing"][-1]["end"] == lesson["duration"], lesson["slug"]
            assert guide["materials"] and guide["mistakes"] and guide["safety"]
            assert content_files._words(guide) >= 150, (lesson["slug"], language)


def test_the_guides_are_not_counted_as_what_a_girl_reads(tmp_path):
    root = make_content(tmp_path)
    before, _ = content_files.read_content(root)
    words = content_files.stats(before)[1]
    with_guides(root)
    after, _ = content_files.read_content(root)
    assert content_files.stats(after)[1] == words


GUIDE_ON_PAGE = {
    "timing": [{"start": 0, "end": 30, "text": "Гидтин жашыруун сабы"}],
    "preparation": ["Даярдык жашыруун"], "materials": [], "fast_team": "Тез жашыруун",
    "mistakes": [{"seen": "Ката жашыруун", "do": "Оңдо жашыруун"}],
    "slow_team": "Жай жашыруун", "safety": ["Коопсуздук жашыруун"],
}


@pytest.mark.django_db
def test_no_girl_and_no_visitor_reads_the_guide_on_the_lesson_page(client, curriculum):
    from tests.camp.factories import make_girl

    lesson = curriculum["lessons"]["ky"][0]
    lesson.facilitator_guide = GUIDE_ON_PAGE
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    assert lesson.facilitator_guide == GUIDE_ON_PAGE
    secrets = ["жашыруун"]
    visitor = client.get(lesson.url).content.decode()
    assert lesson.title in visitor
    client.force_login(make_girl("girl-guide"))
    girl = client.get(lesson.url).content.decode()
    day = client.get(lesson.get_parent().url).content.decode()
    assert lesson.title in girl
    for html in (visitor, girl, day):
        for secret in secrets:
            assert secret not in html


@pytest.mark.django_db
def test_an_editor_reads_the_guide_in_the_lesson_s_editor_and_cannot_change_it(client,
                                                                              curriculum):
    from tests.world import make_user

    lesson = curriculum["lessons"]["ru"][0]
    lesson.facilitator_guide = GUIDE_ON_PAGE
    lesson.save_revision().publish()
    client.force_login(make_user("redaktor-guide", "editor"))
    html = client.get(f"/admin/pages/{lesson.pk}/edit/").content.decode()
    assert "Гидтин жашыруун сабы" in html and "Оңдо жашыруун" in html
    assert 'name="facilitator_guide"' not in html  # written in the files, not here
