"""The content files give the pages exactly the data the Python content gave."""

from importlib import import_module

import pytest

from courses import content_files as cf
from courses.demo import DAY_MODULES, ROLE_MODELS_INDEX

CONTENT = cf.load_content()
PAGES = import_module("courses.demo_content.pages")


def data(slug, language):
    return cf.page_data(CONTENT.page(slug), language)


@pytest.mark.parametrize("language", ["ky", "ru"])
@pytest.mark.parametrize("module", DAY_MODULES)
def test_days_and_lessons(module, language):
    day = import_module(module).DAY
    got = data(day["slug"], language)
    for key in ("title", "theme", "intro", "goals", "materials"):
        assert got[key] == day[language][key], key
    assert got["number"] == day["number"]
    assert got["timetable"] == [tuple(slot) for slot in day[language]["timetable"]]
    assert "body" not in got
    for lesson in day["lessons"]:
        got = data(lesson["slug"], language)
        page = CONTENT.page(lesson["slug"])
        assert CONTENT.parent_of(page).slug == day["slug"]
        assert (got["track"], got["duration"], got["core"]) == (
            lesson["track"], lesson["duration"], lesson.get("core", False))
        for key in ("title", "summary", "objectives"):
            assert got[key] == lesson[language][key]
        assert got["body"] == lesson[language]["body"], lesson["slug"]
    slugs = [p.slug for p in CONTENT.of_type("lesson")
             if CONTENT.parent_of(p).slug == day["slug"]]
    assert slugs == [lesson["slug"] for lesson in day["lessons"]]


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_site_pages(language):
    home = cf.page_data(next(iter(CONTENT.of_type("home"))), language)
    assert (home["title"], home["intro"], home["body"]) == (
        PAGES.HOME[language]["title"], PAGES.HOME[language]["intro"], PAGES.HOME[language]["body"])
    got = data(PAGES.CURRICULUM["slug"], language)
    assert (got["title"], got["intro"]) == (
        PAGES.CURRICULUM[language]["title"], PAGES.CURRICULUM[language]["intro"])
    got = data("role-models", language)
    assert (got["title"], got["intro"]) == (
        ROLE_MODELS_INDEX[language]["title"], ROLE_MODELS_INDEX[language]["intro"])
    assert [p.slug for p in CONTENT.of_type("role-model")] == [s["slug"] for s in PAGES.ROLE_MODELS]
    for story in PAGES.ROLE_MODELS:
        got = data(story["slug"], language)
        assert got.get("image") == story.get("image")
        for key in ("title", "name", "profession", "quote", "intro", "body"):
            assert got[key] == story[language][key], key
    guide = PAGES.ORT_GUIDE
    got = data(guide["slug"], language)
    for key in ("title", "intro", "body"):
        assert got[key] == guide[language][key], key
    assert got["dates"] == [
        {"key": d["key"], "label": d[language], "start": d["start"],
         **({"end": d["end"]} if d.get("end") else {})} for d in guide["dates"]]
    assert [p.slug for p in CONTENT.of_type("university")] == [u["slug"] for u in PAGES.UNIVERSITIES]
    for university in PAGES.UNIVERSITIES:
        got = data(university["slug"], language)
        for key in ("title", "intro", "programmes", "body"):
            assert got[key] == university[language][key], key
        assert got["city"] == university["city"][language]
        assert got.get("website", "") == university.get("website", "")
        assert got.get("ort_subjects", []) == university.get("ort_subjects", [])
    got = data(PAGES.GALS_INTRO["slug"], language)
    for key in ("title", "intro", "body"):
        assert got[key] == PAGES.GALS_INTRO[language][key], key


def test_download_files_are_the_same_bytes():
    from courses.demo import demo_assets

    files = demo_assets().files
    assert set(CONTENT.files) == set(files)
    for key, (name, path) in CONTENT.files.items():
        assert (name, path.read_bytes()) == files[key], key
