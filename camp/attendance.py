"""The daily roll call: one mark per girl and day, the last one counts.

Each tap carries a client id made by the phone (or by the page, for the form
without JavaScript). A tap whose id was seen before changes nothing, so a retry,
a double submit or an offline replay counts once, even when another facilitator
marked the same girl in between. Every mark, and every correction with the mark it
replaced, goes to the audit log.
"""

import uuid
from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.core.audit import record, record_many
from cms.core.models import AuditEvent

from .impact import cache as impact_cache
from .models import Attendance, AttendanceMark, Camp, CampDay, Enrolment
from .scheduling import show_date, today

STATUSES = set(Attendance.Status.values)


class AttendanceError(ValidationError):
    """The mark was refused; the message says why. Nothing was saved."""


@dataclass
class MarkResult:
    attendance: Attendance | None
    changed: bool


def needs_confirmation(day: CampDay) -> bool:
    """A roll call for any day but today (by the server's clock) is asked about first."""
    return day.date != today()


def enrolled_ids(camp: Camp) -> set[int]:
    return set(
        camp.enrolments.enrolled().values_list(
            "learner_id", flat=True
        )
    )


def _check(day: CampDay, status: str, other_day_confirmed: bool) -> None:
    if status not in STATUSES:
        raise AttendanceError(_("Choose present, late or absent."))
    if needs_confirmation(day) and not other_day_confirmed:
        raise AttendanceError(
            _("This roll call is for another day (%(day)s; today: %(today)s). Confirm that "
              "you mean that day.") % {"day": show_date(day.date), "today": show_date(today())}
        )


def parse_client_id(value) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError):
        raise AttendanceError(
            _("This tap has no valid id: reload the page and tap again.")
        ) from None


def _save(day: CampDay, learner_id: int, status: str, by, client_id: uuid.UUID) -> MarkResult:
    now = timezone.now()
    try:
        with transaction.atomic():
            AttendanceMark.objects.create(
                client_id=client_id, camp_day=day, learner_id=learner_id, status=status,
                marked_by=by, marked_at=now,
            )
    except IntegrityError:
        # This tap was saved before: it counts once.
        return MarkResult(
            Attendance.objects.filter(camp_day=day, learner_id=learner_id).first(), False
        )
    attendance = (
        Attendance.objects.select_for_update().filter(camp_day=day, learner_id=learner_id).first()
    )
    previous = attendance.status if attendance else None
    if attendance is None:
        try:
            with transaction.atomic():
                attendance = Attendance.objects.create(
                    camp_day=day, learner_id=learner_id, status=status, marked_by=by,
                    marked_at=now, client_id=client_id,
                )
        except IntegrityError:
            # Another facilitator marked her at the same moment: ours comes last.
            attendance = Attendance.objects.select_for_update().get(
                camp_day=day, learner_id=learner_id
            )
            previous = attendance.status
    if attendance.client_id != client_id:
        attendance.status, attendance.marked_by = status, by
        attendance.marked_at, attendance.client_id = now, client_id
        attendance.save(update_fields=["status", "marked_by", "marked_at", "client_id"])
    record(
        by,
        AuditEvent.Action.CREATED if previous is None else AuditEvent.Action.CHANGED,
        attendance,
        before=previous, after=status, day=day.number, camp=day.camp_id,
        learner=learner_id, client_id=str(client_id),
    )
    return MarkResult(attendance, True)


@transaction.atomic
def mark(
    day: CampDay, learner_id: int, status: str, by, client_id, *, other_day_confirmed=False
) -> MarkResult:
    """Mark one girl present, late or absent on ``day``. Only girls enrolled in the
    day's camp can be marked."""
    _check(day, status, other_day_confirmed)
    client_id = parse_client_id(client_id)
    if not day.camp.enrolments.enrolled().filter(learner_id=learner_id).exists():
        raise AttendanceError(_("This girl is not enrolled in this camp."))
    return _save(day, learner_id, status, by, client_id)


@transaction.atomic
def mark_many(
    day: CampDay, marks: list[tuple[int, str, str]], by, *, other_day_confirmed=False
) -> int:
    """The whole roll at once (the form without JavaScript): all marks or none.

    ``marks`` are (learner id, status, client id); returns how many changed.
    """
    enrolled = enrolled_ids(day.camp)
    checked = []
    for learner_id, status, client_id in marks:
        _check(day, status, other_day_confirmed)
        if learner_id not in enrolled:
            raise AttendanceError(_("This girl is not enrolled in this camp."))
        checked.append((learner_id, status, parse_client_id(client_id)))
    try:
        with transaction.atomic():
            return _save_together(day, checked, by)
    except IntegrityError:
        # A tap of this roll was saved meanwhile, or another facilitator marked one of
        # these girls at the same moment: nothing of the batch stays, and each mark is
        # saved on its own, with the same outcome as taps sent one by one.
        return sum(_save(day, lid, status, by, cid).changed for lid, status, cid in checked)


def _save_together(day: CampDay, checked: list[tuple[int, str, uuid.UUID]], by) -> int:
    """What ``_save`` does for each mark, for a whole roll in a handful of queries
    whatever the class size (30 girls one at a time took about 200 round trips, the
    slowest request of a camp morning). Raises IntegrityError on any conflict."""
    seen = set(AttendanceMark.objects.filter(
        client_id__in=[client_id for _l, _s, client_id in checked]
    ).values_list("client_id", flat=True))
    fresh = [mark for mark in checked if mark[2] not in seen]
    if not fresh:
        return 0
    now = timezone.now()
    AttendanceMark.objects.bulk_create([
        AttendanceMark(client_id=client_id, camp_day=day, learner_id=learner_id,
                       status=status, marked_by=by, marked_at=now)
        for learner_id, status, client_id in fresh
    ])
    current = {a.learner_id: a for a in Attendance.objects.select_for_update().filter(
        camp_day=day, learner_id__in=[learner_id for learner_id, _s, _c in fresh])}
    added, changed, entries = [], [], []
    for learner_id, status, client_id in fresh:
        attendance = current.get(learner_id)
        previous = attendance.status if attendance else None
        if attendance is None:
            attendance = Attendance(camp_day=day, learner_id=learner_id)
            added.append(attendance)
        else:
            changed.append(attendance)
        attendance.status, attendance.marked_by = status, by
        attendance.marked_at, attendance.client_id = now, client_id
        entries.append((previous, status, attendance, learner_id, client_id))
    Attendance.objects.bulk_create(added)
    Attendance.objects.bulk_update(changed, ["status", "marked_by", "marked_at", "client_id"])
    record_many(by, [
        (AuditEvent.Action.CREATED if previous is None else AuditEvent.Action.CHANGED,
         attendance,
         {"before": previous, "after": status, "day": day.number, "camp": day.camp_id,
          "learner": learner_id, "client_id": str(client_id)})
        for previous, status, attendance, learner_id, client_id in entries
    ])
    impact_cache.changed()  # bulk writes send no signal: kept reports are out of date
    return len(fresh)


@transaction.atomic
def mark_everyone_present(day: CampDay, by, *, other_day_confirmed=False) -> int:
    """"Everyone is here": each girl not marked yet is marked present, in one tap, before
    the facilitator taps the exceptions. Marks already taken stay as they are, so the
    same tap again changes nothing. Returns how many were marked."""
    marks = [(enrolment.learner_id, Attendance.Status.PRESENT, str(uuid.uuid4()))
             for enrolment, mark in roll(day) if mark is None]
    return mark_many(day, marks, by, other_day_confirmed=other_day_confirmed)


def roll(day: CampDay) -> list[tuple[Enrolment, Attendance | None]]:
    """The girls of the day's camp with their mark: two queries, whatever the class size."""
    marks = {a.learner_id: a for a in Attendance.objects.filter(camp_day=day)}
    enrolments = (
        day.camp.enrolments.enrolled()
        .select_related("learner")
        .order_by("learner__first_name", "learner__last_name", "learner_id")
    )
    return [(e, marks.get(e.learner_id)) for e in enrolments]


def _totals(camp: Camp, by: str) -> dict[int, Counter]:
    """Marks of the camp counted per ``by`` (a girl's or a day's id) and status, in one
    query."""
    totals: dict[int, Counter] = {}
    rows = (
        Attendance.objects.filter(camp_day__camp=camp)
        .values_list(by, "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    for key, status, n in rows:
        totals.setdefault(key, Counter())[status] = n
    return totals


def totals_by_girl(camp: Camp) -> dict[int, Counter]:
    """Per girl: how many days present, late and absent."""
    return _totals(camp, "learner_id")


def totals_by_day(camp: Camp) -> dict[int, Counter]:
    """Per camp day id: how many girls present, late and absent."""
    return _totals(camp, "camp_day_id")
