"""Every public page type of the site, in Kyrgyz and Russian, made by the factories.

The browser tests visit these pages; a new page type gets a line in ``page_types`` (and
its pages here), and then the accessibility and HTML checks cover it in both languages.
"""

import json
from dataclasses import dataclass, field

from cms.core.demo import ensure_page, items
from cms.core.models import StandardPage
from courses.models import CampDayPage, RoleModelPage, UniversityGuidePage, UniversityPage
from tests.factories import every_block, make_curriculum, png_bytes, sample_assets

LANGUAGES = ("ky", "ru")
PAGE_TYPES = (
    "home", "curriculum", "day", "lesson", "role model", "university guide", "university",
    "standard page", "search", "404", "sign-in",
)


@dataclass
class Site:
    """URLs of one page of each type, by language; and the pages a journey walks."""

    urls: dict[str, dict[str, str]] = field(default_factory=dict)
    curriculum: dict = field(default_factory=dict)

    def url(self, page_type: str, language: str) -> str:
        return self.urls[language][page_type]


def _timetable() -> str:
    slots = [("09:00:00", "10:30:00", "Кандоо"), ("10:45:00", "12:00:00", "3D басып чыгаруу")]
    return json.dumps([
        {"type": "slot", "value": {"start": start, "end": end, "activity": activity}}
        for start, end, activity in slots
    ], ensure_ascii=False)


def build_site() -> Site:
    """A bilingual site with one page of every public type (a curriculum of 2 x 2 lessons)."""
    pages = make_curriculum(days=2, lessons_per_day=2)
    homes = pages["homes"]
    assets = sample_assets()
    assets.drawings["portrait"] = lambda: png_bytes(120, 120, (11, 122, 117))
    for code, day in pages_of(CampDayPage, "day-1").items():
        day.timetable = _timetable()
        day.intro = {"ky": "Биринчи күн.", "ru": "Первый день."}[code]
        day.save_revision().publish()

    stories = ensure_page(homes, StandardPage, "stories", {
        "ky": {"title": "Илимдеги кыздар", "intro": "Алардын жолу.",
               "body": every_block(assets, "ky")},
        "ru": {"title": "Девушки в науке", "intro": "Их путь.",
               "body": every_block(assets, "ru")},
    })
    role_models = ensure_page(stories, RoleModelPage, "engineer", {
        "ky": {"title": "Инженер болгон кыз", "name": "Бурул", "profession": "инженер",
               "quote": "Баары мүмкүн.", "portrait": assets.image("portrait"),
               "body": assets.stream([{"type": "paragraph", "value": "<p>Мектептен кийин.</p>"}])},
        "ru": {"title": "Девушка-инженер", "name": "Бурул", "profession": "инженер",
               "quote": "Всё возможно.", "portrait": assets.image("portrait"),
               "body": assets.stream([{"type": "paragraph", "value": "<p>После школы.</p>"}])},
    })
    guides = ensure_page(homes, UniversityGuidePage, "university", {
        code: {"title": title, "intro": intro, "key_dates": json.dumps([{
            "type": "date", "value": {"key": "ort", "label": label,
                                      "start": "2026-05-10", "end": "2026-05-20"}}],
            ensure_ascii=False)}
        for code, title, intro, label in (
            ("ky", "Университетке кантип өтөм", "ЖРТ жана грант.", "ЖРТ тести"),
            ("ru", "Как поступить в университет", "ОРТ и гранты.", "Тест ОРТ"),
        )
    })
    universities = ensure_page(guides, UniversityPage, "kstu", {
        code: {"title": title, "city": city, "website": "https://example.org/",
               "ort_subjects": ["maths", "physics"],
               "programmes": items([programme], "programme")}
        for code, title, city, programme in (
            ("ky", "Техникалык университет", "Бишкек", "Программалоо"),
            ("ru", "Технический университет", "Бишкек", "Программирование"),
        )
    })
    site = Site(curriculum=pages)
    for code in LANGUAGES:
        site.urls[code] = {
            "home": homes[code].url,
            "curriculum": pages["curricula"][code].url,
            "day": pages_of(CampDayPage, "day-1")[code].url,
            "lesson": pages["lessons"][code][0].url,
            "standard page": stories[code].url,
            "role model": role_models[code].url,
            "university guide": guides[code].url,
            "university": universities[code].url,
            "search": f"/{code}/search/?q=" + {"ky": "Сабак", "ru": "Урок"}[code],
            "404": f"/{code}/no-such-page/",
            "sign-in": f"/{code}/accounts/login/",
        }
    return site


def pages_of(model, slug: str) -> dict:
    """The live pages of ``model`` with ``slug``, by language."""
    return {
        page.locale.language_code: page
        for page in model.objects.filter(slug=slug).select_related("locale")
    }
