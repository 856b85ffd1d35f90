"""The camp's part of a girl's data: her places in camps and her attendance.

Registered with ``cms.personal_data`` (found at start-up). Anonymising keeps her
enrolments and attendance marks (the programme's counts) and removes the free
text a facilitator may have written about her.
"""

import datetime

from django.db.models import Max

from cms.personal_data import register, register_retention

from .models import Attendance, Enrolment


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
    }


def anonymise(girl) -> dict:
    reasons = Enrolment.objects.filter(learner=girl).exclude(withdrawal_reason="").update(
        withdrawal_reason=""
    )
    return {
        "enrolments_kept": Enrolment.objects.filter(learner=girl).count(),
        "attendance_kept": Attendance.objects.filter(learner=girl).count(),
        "reasons_removed": reasons,
    }


def girls_whose_last_camp_ended_before(cutoff: datetime.date) -> set[int]:
    """Girls all of whose camps (by their last day) ended before ``cutoff``.

    A camp without days counts from its start date; a girl with a camp still to
    come or running is kept.
    """
    last_days = (
        Enrolment.objects.values("learner_id")
        .annotate(last_day=Max("camp__days__date"), last_start=Max("camp__start_date"))
    )
    return {
        row["learner_id"] for row in last_days
        if max(filter(None, [row["last_day"], row["last_start"]])) < cutoff
    }


register("camp", export=export, anonymise=anonymise)
register_retention(girls_whose_last_camp_ended_before)
