"""What a facilitator needs to see at a glance: her camps, and today in each running one.

Read-only. The number of queries does not grow with the number of girls: the roll,
the progress and the lesson list are each read in one go.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import translation

from cms.core.translations import for_reader
from courses.models import CampDayPage, CurriculumPage
from courses.progress import outline, progress_for

from .attendance import roll
from .models import Attendance, Camp, CampDay, Enrolment
from .scheduling import phase, today


@dataclass
class GirlToday:
    enrolment: Enrolment
    mark: Attendance | None
    done: int
    expected: int

    @property
    def behind(self) -> bool:
        return self.done < self.expected


@dataclass
class CampToday:
    camp: Camp
    day: CampDay
    page: CampDayPage | None
    lessons: list = field(default_factory=list)
    girls: list[GirlToday] = field(default_factory=list)

    @property
    def marked(self) -> int:
        return sum(1 for girl in self.girls if girl.mark is not None)

    @property
    def behind(self) -> list[GirlToday]:
        return [girl for girl in self.girls if girl.behind]


def my_camps(user) -> dict[str, list[Camp]]:
    """The camps she sees (``Camp.objects.viewable_by``, the list of ``camp.view``) by
    phase (upcoming, running, finished) and the cancelled ones: two queries.

    A programme manager's are every camp."""
    camps = (
        Camp.objects.viewable_by(user)
        .select_related("school__district__region")
        .prefetch_related("days")
        .order_by("start_date", "pk")
    )
    grouped: dict[str, list[Camp]] = {
        "running": [], "upcoming": [], "finished": [], "cancelled": []
    }
    on = today()
    for camp in camps:
        days = list(camp.days.all())
        camp.first_day = min((d.date for d in days), default=camp.start_date)
        camp.last_day = max((d.date for d in days), default=camp.start_date)
        key = "cancelled" if camp.status == Camp.Status.CANCELLED else phase(days, on)
        grouped[key].append(camp)
    grouped["finished"].reverse()
    return grouped


def curriculum_in(camp: Camp) -> CurriculumPage:
    """The camp's curriculum in its language of instruction, if translated."""
    return (
        CurriculumPage.objects.filter(
            translation_key=camp.curriculum.translation_key,
            locale__language_code=camp.language,
        ).first()
        or camp.curriculum
    )


def camp_today(camp: Camp, on: datetime.date | None = None) -> CampToday | None:
    """Today's day of a running camp (None on a day off): lessons, materials, roll and
    each girl's progress against the lessons of the days already past."""
    on = on or today()
    day = next((d for d in camp.days.all() if d.date == on), None)
    if day is None:
        return None
    curriculum = curriculum_in(camp)
    days = outline(curriculum)
    page_by_id = {d.page.pk: d for d in days}
    current = page_by_id.get(day.day_page_id)
    past_pages = {d.day_page_id for d in camp.days.all() if d.date < on}
    expected = {
        lesson.key for d in days if d.page.pk in past_pages for lesson in d.lessons
    }
    rows = roll(day)
    progress = progress_for([e.learner_id for e, _m in rows], curriculum)
    girls = [
        GirlToday(
            enrolment=enrolment,
            mark=mark,
            done=len(progress[enrolment.learner_id].completed & expected),
            expected=len(expected),
        )
        for enrolment, mark in rows
    ]
    page = current.page if current else None
    lessons = [lesson.page for lesson in current.lessons] if current else []
    shown = for_reader([page, *lessons], translation.get_language() or camp.language)
    return CampToday(
        camp=camp,
        day=day,
        page=shown.get(page.pk) if page else None,
        lessons=[shown[lesson.pk] for lesson in lessons],
        girls=girls,
    )
