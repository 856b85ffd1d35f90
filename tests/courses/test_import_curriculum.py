"""The content files (courses/content) and import_curriculum: the shipped files pass the
check, a broken file is named with its line, an editor's published change survives a
re-import, and an unchanged file makes no new revision."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Revision

from courses import content_files
from courses.content_files import read_content
from courses.models import ContentImport, LessonPage

LESSON = """\
---
type: lesson
slug: test-lesson
track: soldering
duration: 30
core: true
title: {title}
summary: A short lesson.
objectives:
- Hold the iron by its handle
---

The iron is **hot**: always put it back in its stand.

```image
image: d1-iron-stand
alt: An iron in its stand.
caption: The stand.
```

```quiz
question: Where does the iron go when you put it down?
choices:
- On the table
- In its stand
- On the floor
correct: 2
explanation: The stand keeps the hot tip away from hands and the table.
```
"""

DAY = """\
---
type: day
slug: test-day
number: 1
title: Day {language}
theme: Soldering
intro: The first day.
goals:
- Solder safely
materials:
- One iron per two girls
timetable:
- 09:00-09:30 Opening
---
"""

CURRICULUM = """\
---
type: curriculum
slug: test-camp
title: Camp {language}
intro: Six days.
---
"""


def make_content(root: Path) -> Path:
    """A small content tree: a curriculum with one day and one lesson, in ky and ru."""
    day = root / "01-curriculum" / "day-1"
    day.mkdir(parents=True)
    for language in ("ky", "ru"):
        (root / "01-curriculum" / f"index.{language}.md").write_text(
            CURRICULUM.format(language=language), encoding="utf-8")
        (day / f"day.{language}.md").write_text(DAY.format(language=language), encoding="utf-8")
        (day / f"01-test-lesson.{language}.md").write_text(
            LESSON.format(title=f"Safety {language}"), encoding="utf-8")
    return root


def check(root: Path) -> str:
    """The problems --check reports for root (it must fail)."""
    errors = StringIO()
    with pytest.raises(CommandError):
        call_command("import_curriculum", str(root), check=True, stderr=errors,
                     stdout=StringIO())
    return errors.getvalue()


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_shipped_files_pass_the_check():
    out = StringIO()
    call_command("import_curriculum", check=True, stdout=out)
    assert "no problems" in out.getvalue()


def test_the_check_can_give_the_curriculum_s_figures(tmp_path):
    out = StringIO()
    call_command("import_curriculum", str(make_content(tmp_path)), check=True, stats=True,
                 stdout=out)
    assert "1 days, 1 lessons" in out.getvalue()
    assert "ky: 1 lesson quizzes, right answer at choice 2: 1" in out.getvalue()
    assert "ky: words per lesson: mean 60, median 60" in out.getvalue()


def test_a_small_tree_passes_the_check(tmp_path):
    out = StringIO()
    call_command("import_curriculum", str(make_content(tmp_path)), check=True, stdout=out)
    assert "3 pages checked" in out.getvalue()


@pytest.mark.parametrize(("old", "new", "line", "message"), [
    ("track: soldering", "track: knitting", 4, "unknown track 'knitting'"),
    ("image: d1-iron-stand", "image: no-such-drawing", 16, "unknown drawing 'no-such-drawing'"),
    ("correct: 2\n", "", 21, "the quiz has no right answer"),
    ("correct: 2", "correct: 4", 27, "right answer 4 is not one of its 3 choices"),
    ("duration: 30", "duration: [30", 6, "YAML"),
    ("```quiz", "```puzzle", 21, "unknown block ```puzzle"),
    ("The iron is", "## The iron is", 13, "only paragraphs"),
    ("summary: A short lesson.", "summary: 2026", 8, "summary must be text"),
])
def test_a_broken_file_is_named_with_its_line(tmp_path, old, new, line, message):
    root = make_content(tmp_path)
    lesson = root / "01-curriculum" / "day-1" / "01-test-lesson.ky.md"
    replace(lesson, old, new)
    errors = check(root)
    assert f"01-test-lesson.ky.md:{line}: " in errors, errors
    assert message in errors, errors


def test_a_missing_translation_is_named(tmp_path):
    root = make_content(tmp_path)
    (root / "01-curriculum" / "day-1" / "01-test-lesson.ru.md").unlink()
    errors = check(root)
    assert "01-test-lesson.ky.md:1: no ru translation" in errors, errors


def test_a_download_of_an_unknown_file_is_named(tmp_path):
    root = make_content(tmp_path)
    lesson = root / "01-curriculum" / "day-1" / "01-test-lesson.ru.md"
    lesson.write_text(lesson.read_text(encoding="utf-8")
                      + "\n```download\nfile: no-such-file\ntitle: Sketch\n```\n",
                      encoding="utf-8")
    errors = check(root)
    assert "01-test-lesson.ru.md:" in errors and "unknown file 'no-such-file'" in errors, errors


def test_the_command_exits_non_zero_on_a_problem(tmp_path):
    root = make_content(tmp_path)
    replace(root / "01-curriculum" / "day-1" / "day.ru.md", "number: 1", "number: [1")
    done = subprocess.run(
        [sys.executable, "manage.py", "import_curriculum", str(root), "--check"],
        capture_output=True, text=True, check=False,
        cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test"},
    )
    assert done.returncode != 0
    assert "day.ru.md:" in done.stderr


def test_the_files_round_trip_through_the_writer():
    """Writing a page's data back as Markdown and reading it again gives the same data:
    the format keeps every block and every piece of text."""
    content, problems = read_content()
    assert not problems
    for page in content.pages:
        for language, source in page.sources.items():
            written = content_files.page_to_markdown(
                source.meta, [{"type": b["type"], "value": b["value"]} for b in source.body])
            again = content_files.parse_body(
                written.split("\n---\n", 1)[1], source.path, 1, problems,
                content.root / content_files.FILES_FOLDER)
            assert not problems, problems
            assert [(b["type"], b["value"]) for b in again] == [
                (b["type"], b["value"]) for b in source.body], (page.label(), language)


def test_the_shipped_curriculum_has_its_lessons_quizzes_and_pictures():
    days = content_files.curriculum()
    assert [day["number"] for day in days] == [1, 2, 3, 4, 5, 6]
    lessons = [lesson for day in days for lesson in day["lessons"]]
    assert len(lessons) >= 25
    for lesson in lessons:
        for language in ("ky", "ru"):
            kinds = [block["type"] for block in lesson[language]["body"]]
            assert "quiz" in kinds, (lesson["slug"], language)
            assert "paragraph" in kinds, (lesson["slug"], language)
    pictures = [block for lesson in lessons for block in lesson["ky"]["body"]
                if block["type"] == "image"]
    assert len(pictures) >= 20


def run_import(root: Path) -> str:
    out = StringIO()
    call_command("import_curriculum", str(root), stdout=out)
    return out.getvalue()


def lesson_page(language="ky") -> LessonPage:
    return LessonPage.objects.get(slug="test-lesson", locale__language_code=language)


@pytest.mark.django_db
def test_the_import_builds_the_pages_with_their_blocks(tmp_path):
    output = run_import(make_content(tmp_path))
    assert "6 created" in output
    page = lesson_page()
    assert page.live and page.title == "Safety ky"
    assert page.track == "soldering" and page.duration_minutes == 30 and page.is_core
    kinds = [block.block_type for block in page.body]
    assert kinds == ["paragraph", "image", "quiz"]
    assert page.body[0].value.source == (
        "<p>The iron is <b>hot</b>: always put it back in its stand.</p>")
    assert page.body[1].value["image"].title == "d1-iron-stand"
    assert page.body[2].value["correct"] == 2
    assert page.get_parent().specific.day_number == 1
    assert lesson_page("ru").translation_key == page.translation_key


@pytest.mark.django_db
def test_an_unchanged_file_makes_no_new_revision(tmp_path):
    root = make_content(tmp_path)
    run_import(root)
    revisions = Revision.objects.count()
    output = run_import(root)
    assert Revision.objects.count() == revisions
    assert "0 created, 0 updated, 0 left as drafts, 6 unchanged" in output


@pytest.mark.django_db
def test_a_changed_file_is_published_as_a_new_revision(tmp_path):
    root = make_content(tmp_path)
    run_import(root)
    replace(root / "01-curriculum" / "day-1" / "01-test-lesson.ky.md",
            "title: Safety ky", "title: Safety first")
    output = run_import(root)
    assert "updated   01-curriculum/day-1/01-test-lesson.ky.md" in output
    page = lesson_page()
    assert page.title == "Safety first" and not page.has_unpublished_changes
    assert lesson_page("ru").title == "Safety ru"


@pytest.mark.django_db
def test_an_editors_published_change_survives_a_re_import(tmp_path, django_user_model):
    root = make_content(tmp_path)
    run_import(root)
    editor = django_user_model.objects.create(username="editor")
    page = lesson_page()
    page.title = "The editor's title"
    page.save_revision(user=editor).publish()
    replace(root / "01-curriculum" / "day-1" / "01-test-lesson.ky.md",
            "title: Safety ky", "title: Safety from the file")

    output = run_import(root)

    assert ("draft     01-curriculum/day-1/01-test-lesson.ky.md: left as a draft because "
            "an editor published revision") in output
    page = lesson_page()
    assert page.title == "The editor's title" and page.live
    assert page.has_unpublished_changes
    draft = page.get_latest_revision_as_object()
    assert draft.title == "Safety from the file"
    record = ContentImport.objects.get(page=page)
    assert record.draft_revision_id == page.latest_revision_id
    # Running again with the same files leaves her page and the draft as they are.
    revisions = Revision.objects.count()
    assert "0 left as drafts, 6 unchanged" in run_import(root)
    assert Revision.objects.count() == revisions
    assert lesson_page().title == "The editor's title"
