"""The plan of one camp day for its facilitators: the timetable at the camp's own hours,
each lesson with its facilitator's guide and answer keys, the equipment to bring counted
for the camp's girls, and a safety card; on the screen and as an A4 PDF to print the
evening before (``day_plan_pdf``, in the camp's language).

Read-only. Who may see it is decided by the rule ``camp.day_plan`` (camp/rules.py): the
guides are for the camp's facilitators, never for girls.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from cms.core import pdf
from cms.core.translations import for_reader
from courses.guides import LessonGuide, lesson_guide, quantity, teams_for
from courses.models import LessonPage

from .models import Camp, CampDay
from .scheduling import today

DESIGN = pdf.Design(Path(settings.BASE_DIR) / "templates" / "camp" / "day_plan")


@dataclass
class Slot:
    start: datetime.time
    end: datetime.time
    activity: str


@dataclass
class ChecklistItem:
    item: str
    quantity: int
    per: str  # "team", "girl" or "camp": how it was counted
    amount: float  # per team, per girl or for the camp, as the guide says


@dataclass
class DayPlan:
    camp: Camp
    day: CampDay
    page: object | None  # the CampDayPage in the reader's language
    girls: int
    girls_enrolled: bool  # False: nobody is enrolled yet, counted for the camp's places
    teams: int
    timetable: list[Slot] = field(default_factory=list)
    lessons: list[tuple[object, LessonGuide | None]] = field(default_factory=list)
    checklist: list[ChecklistItem] = field(default_factory=list)
    safety: list[str] = field(default_factory=list)


def _shifted(value: datetime.time, minutes: int) -> datetime.time:
    moment = datetime.datetime.combine(datetime.date(2000, 1, 1), value)
    return (moment + datetime.timedelta(minutes=minutes)).time()


def timetable(page, day: CampDay) -> list[Slot]:
    """The curriculum day's timetable moved to the camp day's start (a camp that starts at
    10:00 has every line an hour later than the curriculum's 09:00)."""
    slots = [block.value for block in (page.timetable if page else [])]
    if not slots:
        return []
    first = slots[0]["start"]
    offset = (day.starts_at.hour * 60 + day.starts_at.minute) - (first.hour * 60 + first.minute)
    return [Slot(_shifted(slot["start"], offset), _shifted(slot["end"], offset),
                 slot["activity"]) for slot in slots]


def checklist(guides: list[LessonGuide], *, girls: int, teams: int) -> list[ChecklistItem]:
    """Every material of the day's lessons, counted for the camp. Tools are used again
    from one lesson to the next: an item named in several lessons is counted once, at its
    largest number."""
    items: dict[str, ChecklistItem] = {}
    for guide in guides:
        for material in guide.materials:
            count = quantity(material["quantity"], material["per"], girls=girls, teams=teams)
            known = items.get(material["item"])
            if known is None or count > known.quantity:
                items[material["item"]] = ChecklistItem(material["item"], count,
                                                        material["per"], material["quantity"])
    return list(items.values())


def day_plan(camp: Camp, day: CampDay, language: str) -> DayPlan:
    """The plan of ``day`` for a reader of ``language``."""
    enrolled = camp.enrolments.enrolled().count()
    girls = enrolled or camp.capacity
    teams = teams_for(girls)
    page = day.day_page
    lessons = list(LessonPage.objects.child_of(page).live().order_by("path")) if page else []
    shown = for_reader([page, *lessons], language)
    page = shown.get(page.pk) if page else None
    lessons = [shown[lesson.pk] for lesson in lessons]
    pairs = [(lesson, lesson_guide(lesson)) for lesson in lessons]
    guides = [guide for _lesson, guide in pairs if guide]
    safety: list[str] = []
    for guide in guides:
        safety.extend(line for line in guide.safety if line not in safety)
    return DayPlan(
        camp=camp, day=day, page=page, girls=girls, girls_enrolled=bool(enrolled),
        teams=teams, timetable=timetable(page, day), lessons=pairs,
        checklist=checklist(guides, girls=girls, teams=teams), safety=safety,
    )


def next_day(camp: Camp, on: datetime.date | None = None) -> CampDay | None:
    """The camp's first day after ``on`` (today): the one to prepare this evening."""
    on = on or today()
    return next((day for day in sorted(camp.days.all(), key=lambda d: d.date)
                 if day.date > on), None)


def day_plan_pdf(camp: Camp, day: CampDay) -> bytes:
    """The day plan as an A4 PDF in the camp's language."""
    with translation.override(camp.language):
        plan = day_plan(camp, day, camp.language)
        html = render_to_string("camp/day_plan/day_plan_pdf.html", {
            "plan": plan, "LANGUAGE_CODE": camp.language,
        })
    return pdf.render(html, DESIGN)[0]
