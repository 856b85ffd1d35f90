"""Planning a camp's days, and the rules that keep plans possible.

Dates come from the server's clock in Asia/Bishkek: phones in villages often show a
wrong date, so nothing here trusts the device. Every function either does what it
is asked or raises ``ScheduleError`` with a message for the facilitator and changes
nothing.
"""

import datetime
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cms.core.audit import record
from cms.core.models import AuditEvent
from cms.core.permissions import can
from courses.models import CampDayPage, CurriculumPage

from .enrolment import CLOSED_STATUSES, fill_free_places
from .models import DAY_ENDS_AFTER_IT_STARTS, Attendance, CalendarFeed, Camp, CampDay, School

# A camp of six days with days off in between; longer than this is a typing mistake.
MAX_SPAN_DAYS = 28


class ScheduleError(ValidationError):
    """A scheduling rule said no; the message is for the facilitator to read."""


def today() -> datetime.date:
    """The server's date in the site's time zone (Asia/Bishkek), never the phone's."""
    return timezone.localdate()


def show_date(day: datetime.date) -> str:
    return date_format(day, "DATE_FORMAT")


def plan_dates(start: datetime.date, count: int, days_off: Iterable[int]) -> list[datetime.date]:
    """``count`` dates from ``start`` on, skipping the weekdays in ``days_off``."""
    days_off = set(days_off)
    if len(days_off) >= 7:
        raise ScheduleError(_("A camp needs at least one weekday that is not a day off."))
    dates: list[datetime.date] = []
    day = start
    while len(dates) < count:
        if day.weekday() not in days_off:
            dates.append(day)
        day += datetime.timedelta(days=1)
    return dates


def curriculum_days(camp: Camp) -> list[CampDayPage]:
    """The curriculum's day pages in the camp's language (the curriculum's own if it
    has no translation yet), in order."""
    curriculum = camp.curriculum
    translated = (
        CurriculumPage.objects.filter(
            translation_key=curriculum.translation_key, locale__language_code=camp.language
        ).first()
        or curriculum
    )
    return list(
        CampDayPage.objects.child_of(translated).live().order_by("day_number", "path")
    )


def check_start_not_past(start: datetime.date) -> None:
    if start < today():
        raise ScheduleError(
            _("Today is %(today)s: a new camp cannot start in the past.")
            % {"today": show_date(today())}
        )


def check_facilitators_free(camp: Camp, facilitators, dates: Iterable[datetime.date]) -> None:
    """A facilitator runs one camp a day: refuse dates she already has elsewhere."""
    dates = list(dates)
    ids = [getattr(f, "pk", f) for f in facilitators]
    if not ids or not dates:
        return
    clash = (
        CampDay.objects.filter(date__in=dates, camp__facilitators__in=ids)
        .exclude(camp__status=Camp.Status.CANCELLED)
        .exclude(camp_id=camp.pk)
        .select_related("camp")
        .order_by("date")
        .first()
    )
    if clash is None:
        return
    busy = clash.camp.facilitators.filter(pk__in=ids).first()
    raise ScheduleError(
        _("%(name)s already works in the camp «%(camp)s» on that day: %(date)s")
        % {
            "name": busy.display_name if busy else "",
            "camp": clash.camp.title,
            "date": show_date(clash.date),
        }
    )


def check_capacity(camp: Camp, capacity: int) -> None:
    enrolled = camp.enrolments.enrolled().count() if camp.pk else 0
    if capacity < enrolled:
        raise ScheduleError(
            _("%(enrolled)d girls are enrolled already: places cannot be fewer than that.")
            % {"enrolled": enrolled}
        )


@dataclass
class DayPlan:
    number: int
    date: datetime.date
    page: CampDayPage | None


def plan(camp: Camp, start: datetime.date) -> list[DayPlan]:
    """The days a camp starting on ``start`` would have, one per curriculum day."""
    pages = curriculum_days(camp)
    if not pages:
        raise ScheduleError(_("This curriculum has no days yet: choose another one."))
    dates = plan_dates(start, len(pages), camp.days_off or [])
    return [DayPlan(n, d, p) for n, (d, p) in enumerate(zip(dates, pages, strict=True), start=1)]


def add_school(school: School, by) -> School:
    """Keep a school that was not in the list, typed in while planning a camp. A
    facilitator's waits for a programme manager's approval (docs/places.md); it
    serves her camp at once. Call inside the camp's transaction."""
    school.approved = can(by, "camp.approve_schools")
    school.added_by = by
    school.full_clean()
    school.save()
    record(by, AuditEvent.Action.CREATED, school, approved=school.approved)
    return school


@transaction.atomic
def renew_camp_calendar(camp: Camp, *, by) -> Camp:
    """Give the camp's calendar feed a new private address: the old one stops working
    at once, which is how an address shared too widely is closed."""
    camp.calendar_token = uuid.uuid4()
    camp.save(update_fields=["calendar_token"])
    record(by, AuditEvent.Action.CHANGED, camp, calendar="new address")
    return camp


@transaction.atomic
def renew_personal_calendar(*, by) -> CalendarFeed:
    """Her own feed of the camps she runs at a new private address (made on first use)."""
    feed, created = CalendarFeed.objects.select_for_update().get_or_create(user=by)
    if not created:
        feed.token = uuid.uuid4()
        feed.save(update_fields=["token"])
    return feed


@transaction.atomic
def create_camp(camp: Camp, facilitators, by, new_school: School | None = None) -> Camp:
    """Save a new camp with its planned days. ``camp`` is unsaved, its fields filled;
    ``new_school``, if given, is kept first and becomes the camp's school."""
    if new_school is not None:
        camp.school = add_school(new_school, by)
    check_start_not_past(camp.start_date)
    days = plan(camp, camp.start_date)
    check_facilitators_free(camp, facilitators, [d.date for d in days])
    camp.save()
    camp.facilitators.set(facilitators)
    CampDay.objects.bulk_create(
        CampDay(
            camp=camp, number=d.number, date=d.date, day_page=d.page,
            starts_at=camp.day_starts_at, ends_at=camp.day_ends_at,
        )
        for d in days
    )
    record(by, AuditEvent.Action.CREATED, camp, start=camp.start_date.isoformat())
    return camp


@transaction.atomic
def update_camp(camp: Camp, facilitators, by, replan: bool = False,
                new_school: School | None = None) -> Camp:
    """Save changes to a camp. A new start date or new days off re-plan every day;
    a camp whose roll has been taken keeps its days."""
    if new_school is not None:
        camp.school = add_school(new_school, by)
    before = Camp.objects.select_for_update().get(pk=camp.pk)
    check_capacity(camp, camp.capacity)
    moved = replan or before.start_date != camp.start_date or sorted(
        before.days_off or []
    ) != sorted(camp.days_off or [])
    if moved:
        if Attendance.objects.filter(camp_day__camp=camp).exists():
            raise ScheduleError(
                _("The roll has been taken in this camp: its days can no longer move.")
            )
        if camp.start_date != before.start_date:
            check_start_not_past(camp.start_date)
        days = plan(camp, camp.start_date)
        dates = [d.date for d in days]
    else:
        dates = list(camp.days.values_list("date", flat=True))
    check_facilitators_free(camp, facilitators, dates)
    camp.save()
    camp.facilitators.set(facilitators)
    if moved:
        existing = {day.number: day for day in camp.days.all()}
        for d in days:
            day = existing.pop(d.number, None) or CampDay(camp=camp, number=d.number)
            day.date, day.day_page = d.date, d.page
            if day.pk is None:
                day.starts_at, day.ends_at = camp.day_starts_at, camp.day_ends_at
            day.save()
        CampDay.objects.filter(pk__in=[day.pk for day in existing.values()]).delete()
    record(
        by, AuditEvent.Action.CHANGED, camp,
        start=camp.start_date.isoformat(), capacity=camp.capacity, replanned=moved,
    )
    # More places, or a camp open again after girls withdrew while it was closed (a
    # closed camp moves no one up): the first girls waiting get the free places.
    reopened = before.status in CLOSED_STATUSES and camp.status not in CLOSED_STATUSES
    if camp.capacity > before.capacity or reopened:
        fill_free_places(camp, by)
    return camp


@transaction.atomic
def move_day(
    day: CampDay, date: datetime.date, starts_at: datetime.time, ends_at: datetime.time, by
) -> CampDay:
    """Give one day a new date or new hours. It stays between the days before and
    after it (a day cannot fall outside its camp); day 1 moves with the start date."""
    camp = day.camp
    if starts_at >= ends_at:
        raise ScheduleError(DAY_ENDS_AFTER_IT_STARTS)
    if date != day.date:
        if day.number == 1:
            raise ScheduleError(
                _("Day 1 is the camp's start date: change the start date of the camp instead.")
            )
        if date < today():
            raise ScheduleError(
                _("Today is %(today)s: a day cannot be moved into the past.")
                % {"today": show_date(today())}
            )
        days = {d.number: d for d in camp.days.all()}
        before, after = days.get(day.number - 1), days.get(day.number + 1)
        last_allowed = camp.start_date + datetime.timedelta(days=MAX_SPAN_DAYS - 1)
        if before and date <= before.date:
            raise ScheduleError(
                _("Day %(number)d must come after day %(other)d of this camp (%(date)s).")
                % {"number": day.number, "other": before.number, "date": show_date(before.date)}
            )
        if after and date >= after.date:
            raise ScheduleError(
                _("Day %(number)d must come before day %(other)d of this camp (%(date)s).")
                % {"number": day.number, "other": after.number, "date": show_date(after.date)}
            )
        if date > last_allowed:
            raise ScheduleError(
                _("A camp runs within %(count)d days of its start; the last possible date: "
                  "%(date)s") % {"count": MAX_SPAN_DAYS, "date": show_date(last_allowed)}
            )
        check_facilitators_free(camp, camp.facilitators.all(), [date])
    previous = day.date
    day.date, day.starts_at, day.ends_at = date, starts_at, ends_at
    day.save(update_fields=["date", "starts_at", "ends_at"])
    record(by, AuditEvent.Action.CHANGED, day, before=previous.isoformat(), after=date.isoformat())
    return day


def phase(days: list[CampDay], on: datetime.date | None = None) -> str:
    """"upcoming", "running" or "finished", by the server's date and the camp's days."""
    on = on or today()
    if not days:
        return "upcoming"
    first, last = min(d.date for d in days), max(d.date for d in days)
    if on < first:
        return "upcoming"
    if on > last:
        return "finished"
    return "running"
