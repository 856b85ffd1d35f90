"""The camp's part of a girl's data: her places in camps and her attendance.

Registered with ``cms.core.personal_data`` (found at start-up). Anonymising keeps her
enrolments and attendance marks (the programme's counts) and removes the free
text a facilitator may have written about her.
"""

import datetime

from django.db.models import Max

from cms.core.personal_data import Section, anonymised_on, notice_due

from .models import Attendance, Enrolment, UnconfirmedWrite


def export(girl) -> dict:
    return {
        "enrolments": [
            {
                "camp": enrolment.camp.title,
                "school": str(enrolment.camp.school),
                "start_date": enrolment.camp.start_date,
                "status": enrolment.status,
                "withdrawal_reason": enrolment.withdrawal_reason,
                "since": enrolment.created_at,
            }
            for enrolment in Enrolment.objects.filter(learner=girl)
            .select_related("camp__school").order_by("created_at")
        ],
        "attendance": [
            {
                "camp": mark.camp_day.camp.title,
                "day": mark.camp_day.number,
                "date": mark.camp_day.date,
                "status": mark.status,
            }
            for mark in Attendance.objects.filter(learner=girl)
            .select_related("camp_day__camp").order_by("camp_day__date")
        ],
        # Made on a shared phone under her name, never confirmed by her PIN.
        "unconfirmed_writes": [
            {
                "camp": write.camp.title,
                "kind": write.kind,
                "lesson": write.label,
                "answer": write.answer,
                "made_at": write.made_at,
            }
            for write in UnconfirmedWrite.objects.filter(learner=girl).select_related("camp")
        ],
    }


def anonymise(girl) -> dict:
    reasons = Enrolment.objects.filter(learner=girl).exclude(withdrawal_reason="").update(
        withdrawal_reason=""
    )
    # Never hers for certain, and not counted: nothing of them needs to stay.
    unconfirmed, _kinds = UnconfirmedWrite.objects.filter(learner=girl).delete()
    return {
        "unconfirmed_writes_removed": unconfirmed,
        "enrolments_kept": Enrolment.objects.filter(learner=girl).count(),
        "attendance_kept": Attendance.objects.filter(learner=girl).count(),
        "reasons_removed": reasons,
    }


def last_camp_days(girl_ids=None) -> dict[int, datetime.date]:
    """Each girl's last camp day (over all her camps), by girl id.

    A camp without days counts from its start date, so a girl with a camp still to
    come or running has a day in the future.
    """
    rows = Enrolment.objects.all()
    if girl_ids is not None:
        rows = rows.filter(learner_id__in=list(girl_ids))
    last_days = rows.values("learner_id").annotate(
        last_day=Max("camp__days__date"), last_start=Max("camp__start_date"))
    return {
        row["learner_id"]: max(filter(None, [row["last_day"], row["last_start"]]))
        for row in last_days
    }


def girls_whose_last_camp_ended_before(cutoff: datetime.date) -> set[int]:
    """Girls all of whose camps (by their last day) ended before ``cutoff``."""
    return {girl_id for girl_id, day in last_camp_days().items() if day < cutoff}


def anonymisation_days(girls) -> dict[int, datetime.date]:
    """The day each girl's data is anonymised by the retention job, by girl id
    (girls already anonymised, or in no camp, are left out)."""
    waiting = [girl.pk for girl in girls if getattr(girl, "anonymised_at", None) is None]
    return {girl_id: anonymised_on(day) for girl_id, day in last_camp_days(waiting).items()}


def anonymisation_notices(girls, today: datetime.date | None = None
                          ) -> dict[int, datetime.date]:
    """The girls among ``girls`` whose families and facilitators are told now that her
    data is soon anonymised, with the day, by girl id."""
    return {girl_id: day for girl_id, day in anonymisation_days(girls).items()
            if notice_due(day, today)}


def section() -> Section:
    return Section("camp", export=export, anonymise=anonymise)
