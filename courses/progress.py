"""How far a girl (or a group) has come through a curriculum.

Read-only questions that the camp dashboard and the certificates ask. Progress is
stored by a lesson's ``translation_key``, so a curriculum page of either language
can be passed in: the Kyrgyz and the Russian lesson are one lesson.

Every function here runs a fixed number of queries, however many girls or lessons.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from wagtail.models import Page

from cms.core import content_cache

from .access import camp_day_today
from .models import CampDayPage, LessonPage, LessonProgress


@dataclass(frozen=True)
class OutlineLesson:
    key: uuid.UUID
    page: LessonPage
    is_core: bool


@dataclass(frozen=True)
class OutlineDay:
    number: int
    page: CampDayPage
    lessons: list[OutlineLesson]


@dataclass(frozen=True)
class Progress:
    """One girl in one curriculum. ``completed`` holds lesson translation keys."""

    done: int
    total: int
    core_done: int
    core_total: int
    completed: frozenset = field(default_factory=frozenset)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def core_percent(self) -> int:
        return round(100 * self.core_done / self.core_total) if self.core_total else 100


#: What a link to a page needs (its title and address), and nothing of its body: an
#: outline kept in the cache and read on every lesson page stays a few kilobytes.
LINK_FIELDS = ("id", "path", "depth", "title", "url_path", "locale_id", "translation_key",
               "live", "content_type_id")


def _lessons(curriculum, *, links_only: bool = False) -> list[LessonPage]:
    """The live lessons of ``curriculum`` in order (one query)."""
    lessons = LessonPage.objects.descendant_of(curriculum).live().public().order_by("path")
    if links_only:
        lessons = lessons.only(*LINK_FIELDS, "is_core")
    return list(lessons)


def outline(curriculum, *, links_only: bool = False) -> list[OutlineDay]:
    """Days and their lessons in order, in the curriculum page's own language: two queries.
    ``links_only``: the pages hold what a link shows, not their bodies (for the cache)."""
    days = CampDayPage.objects.child_of(curriculum).live().public().order_by("path")
    if links_only:
        days = days.only(*LINK_FIELDS, "day_number", "theme")
    days = list(days)
    by_parent: dict[str, list[OutlineLesson]] = {}
    for lesson in _lessons(curriculum, links_only=links_only):
        by_parent.setdefault(lesson.path[: -LessonPage.steplen], []).append(
            OutlineLesson(lesson.translation_key, lesson, lesson.is_core)
        )
    return [OutlineDay(day.day_number, day, by_parent.get(day.path, [])) for day in days]


def completed_lesson_keys(learner) -> set[uuid.UUID]:
    """The translation keys of every lesson she has finished, in any language."""
    return set(
        LessonProgress.objects.filter(learner=learner).values_list("lesson_key", flat=True)
    )


def progress_for(learners: Iterable, curriculum) -> dict[int, Progress]:
    """Each girl's progress through ``curriculum``, by user id: two queries in all.

    ``learners`` are users or user ids. A girl with no progress is in the result too.
    """
    learner_ids = [getattr(learner, "pk", learner) for learner in learners]
    lessons = _lessons(curriculum)
    keys = {lesson.translation_key for lesson in lessons}
    core_keys = {lesson.translation_key for lesson in lessons if lesson.is_core}
    completed: dict[int, set] = {learner_id: set() for learner_id in learner_ids}
    if learner_ids and keys:
        rows = LessonProgress.objects.filter(
            learner_id__in=learner_ids, lesson_key__in=keys
        ).values_list("learner_id", "lesson_key")
        for learner_id, key in rows:
            completed[learner_id].add(key)
    return {
        learner_id: Progress(
            done=len(done),
            total=len(keys),
            core_done=len(done & core_keys),
            core_total=len(core_keys),
            completed=frozenset(done),
        )
        for learner_id, done in completed.items()
    }


def in_camp_order(days: list[OutlineDay], today: int | None) -> list[OutlineDay]:
    """The days as a girl meets them on a camp day: today first, then the earlier days
    (what is left of them), then the later ones. Curriculum order when no day is today."""
    if today is None or not any(day.number == today for day in days):
        return list(days)
    return ([day for day in days if day.number == today]
            + [day for day in days if day.number < today]
            + [day for day in days if day.number > today])


def next_lesson(days: list[OutlineDay], completed: set,
                today: int | None = None) -> LessonPage | None:
    """The first lesson she has not finished yet: today's before those left from earlier
    days, and a later day's only when both are done (curriculum order outside camp days)."""
    for day in in_camp_order(days, today):
        for lesson in day.lessons:
            if lesson.key not in completed:
                return lesson.page
    return None


@dataclass(frozen=True)
class LessonLink:
    """What a link to a lesson shows: its address and title, and its key."""

    key: uuid.UUID
    url: str
    title: str


@dataclass(frozen=True)
class Route:
    """A curriculum's lessons as links, day by day, in order. Read on every lesson page
    and "done", so it holds strings and numbers only: a copy is quick to read from the
    cache, and no page asks the cache for the site's addresses again. It stands for the
    curriculum where only its ``translation_key`` is asked (``camp_day_today``)."""

    translation_key: uuid.UUID
    days: tuple  # ((day number, (LessonLink, ...)), ...)

    def previous(self, lesson) -> LessonLink | None:
        """The lesson before ``lesson`` in the curriculum, in this day or the day before."""
        before = None
        for _number, lessons in self.days:
            for link in lessons:
                if link.key == lesson.translation_key:
                    return before
                before = link
        return None


def route_of(lesson) -> Route | None:
    """The route of ``lesson``'s curriculum, kept until the content changes."""
    return content_cache.kept(f"route:{lesson.path[: -2 * lesson.steplen]}",
                              lambda: _route(lesson))


def _route(lesson) -> Route | None:
    curriculum = Page.objects.filter(path=lesson.path[: -2 * lesson.steplen]).only(
        *LINK_FIELDS).first()
    if curriculum is None:
        return None
    return Route(curriculum.translation_key, tuple(
        (day.number, tuple(LessonLink(item.key, item.page.get_url(), item.page.title)
                           for item in day.lessons))
        for day in outline(curriculum, links_only=True)))


def her_next_lesson(learner, lesson, completed: set) -> LessonLink | None:
    """Where to go after ``lesson``, for a girl who has finished ``completed``: her next
    lesson in the lesson's curriculum, today's first (``next_lesson``), in the lesson's
    language; never ``lesson`` itself, so the page of a lesson she has not finished yet
    also points onwards. The route of the curriculum is kept until the content changes,
    so this asks only which day of her camp is today (kept too)."""
    route = route_of(lesson)
    if route is None:
        return None
    done = set(completed) | {lesson.translation_key}
    today = camp_day_today(learner, route)
    days = [OutlineDay(number, None, [OutlineLesson(link.key, link, False) for link in links])
            for number, links in route.days]
    return next_lesson(days, done, today)
