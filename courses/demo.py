"""Demo curriculum, role-model stories and the university guide, in both languages."""

import json
from importlib import import_module

from cms.demo import LANGUAGE_CODES, Assets, ensure_page, home_pages, items
from cms.models import StandardPage

from . import demo_learning
from .models import (
    CampDayPage,
    CurriculumPage,
    LessonPage,
    RoleModelPage,
    UniversityGuidePage,
    UniversityPage,
)

CONTENT = "courses.demo_content"
DAY_MODULES = [f"{CONTENT}.day{number}" for number in range(1, 7)]
ART_MODULES = [f"{CONTENT}.art_days_1_3", f"{CONTENT}.art_days_4_6", f"{CONTENT}.art_pages"]
ROLE_MODELS_INDEX = {
    "ky": {
        "title": "STEMде иштеген аялдар",
        "intro": "Айылдан чыгып, инженер, программист жана куруучу болгон кыздардын жолу.",
    },
    "ru": {
        "title": "Женщины в STEM",
        "intro": "Путь девушек из сёл, которые стали инженерами, программистами и строителями.",
    },
}


def _https(domain: str) -> str:
    return f"https://{domain}/" if domain and "://" not in domain else domain


def demo_assets() -> Assets:
    drawings: dict = {}
    files: dict = {}
    for name in ART_MODULES:
        module = import_module(name)
        drawings.update(module.DRAWINGS)
        files.update(getattr(module, "FILES", {}))
    return Assets(drawings, files)


def _fill_home(homes, home_content, assets: Assets) -> None:
    """Give each home page its text, unless an editor already wrote one."""
    hero_key = next((key for key in assets.drawings if "hero" in key), None)
    for code, home in homes.items():
        if home.intro or home.body:
            continue
        text = home_content[code]
        home.title = text["title"]
        home.intro = text["intro"]
        home.body = assets.stream(text["body"])
        used_in_body = any(
            block["type"] == "image" and block["value"]["image"] == hero_key
            for block in text["body"]
        )
        home.hero_image = None if used_in_body else assets.image(hero_key)
        home.save_revision().publish()


def _load_day(curricula, day: dict, assets: Assets) -> int:
    day_fields = {
        code: {
            "title": day[code]["title"],
            "day_number": day["number"],
            "theme": day[code]["theme"],
            "intro": day[code]["intro"],
            "goals": items(day[code]["goals"], "goal"),
            "materials": items(day[code]["materials"], "item"),
            "timetable": json.dumps(
                [
                    {"type": "slot", "value": {"start": start, "end": end, "activity": what}}
                    for start, end, what in day[code]["timetable"]
                ],
                ensure_ascii=False,
            ),
        }
        for code in LANGUAGE_CODES
    }
    day_pages = ensure_page(curricula, CampDayPage, day["slug"], day_fields)
    for lesson in day["lessons"]:
        lesson_fields = {
            code: {
                "title": lesson[code]["title"],
                "intro": lesson[code]["summary"],
                "track": lesson["track"],
                "duration_minutes": lesson["duration"],
                "is_core": lesson.get("core", False),
                "objectives": items(lesson[code]["objectives"], "objective"),
                "body": assets.stream(lesson[code]["body"]),
            }
            for code in LANGUAGE_CODES
        }
        ensure_page(day_pages, LessonPage, lesson["slug"], lesson_fields)
    return len(day["lessons"])


def load(out) -> None:
    homes = home_pages()
    assets = demo_assets()
    pages = import_module(f"{CONTENT}.pages")
    _fill_home(homes, pages.HOME, assets)

    curricula = ensure_page(homes, CurriculumPage, pages.CURRICULUM["slug"], {
        code: {"title": pages.CURRICULUM[code]["title"], "intro": pages.CURRICULUM[code]["intro"]}
        for code in LANGUAGE_CODES
    })
    lessons = sum(
        _load_day(curricula, import_module(name).DAY, assets) for name in DAY_MODULES
    )

    stories_index = ensure_page(homes, StandardPage, "role-models", ROLE_MODELS_INDEX)
    for story in pages.ROLE_MODELS:
        ensure_page(stories_index, RoleModelPage, story["slug"], {
            code: {
                "title": story[code]["title"],
                "name": story[code]["name"],
                "profession": story[code]["profession"],
                "quote": story[code]["quote"],
                "intro": story[code]["intro"],
                "portrait": assets.image(story.get("image")),
                "body": assets.stream(story[code]["body"]),
            }
            for code in LANGUAGE_CODES
        })

    guide = pages.ORT_GUIDE
    guides = ensure_page(homes, UniversityGuidePage, guide["slug"], {
        code: {
            "title": guide[code]["title"],
            "intro": guide[code]["intro"],
            "body": assets.stream(guide[code]["body"]),
            "key_dates": json.dumps([
                {"type": "date", "value": {
                    "key": date["key"], "label": date[code],
                    "start": date["start"], "end": date.get("end"),
                }}
                for date in guide.get("dates", [])
            ], ensure_ascii=False),
        }
        for code in LANGUAGE_CODES
    })
    for university in pages.UNIVERSITIES:
        ensure_page(guides, UniversityPage, university["slug"], {
            code: {
                "title": university[code]["title"],
                "intro": university[code]["intro"],
                "city": university["city"][code],
                "website": _https(university.get("website", "")),
                "ort_subjects": university.get("ort_subjects", []),
                "programmes": items(university[code]["programmes"], "programme"),
                "body": assets.stream(university[code]["body"]),
            }
            for code in LANGUAGE_CODES
        })
    out(
        f"Curriculum: 6 days, {lessons} lessons; {len(pages.ROLE_MODELS)} role-model stories; "
        f"{len(pages.UNIVERSITIES)} universities, in {', '.join(LANGUAGE_CODES)}."
    )
    added = demo_learning.ensure_survey_items()
    out(f"Confidence survey: {len(demo_learning.SURVEY_ITEMS)} statements ({added} added).")
    demo_learning.load_learner(out, pages.CURRICULUM["slug"])
