"""Who earns the camp certificate, and - for the others - why not.

A girl earns it when she came on enough days (present or late) and finished enough
of the curriculum's core lessons; both thresholds are the camp's own. A facilitator
may grant it anyway with a written reason (an ``Override``). Every question here is
answered for a whole camp in a fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext as _

from camp.models import Attendance, Camp, Enrolment
from courses.models import LessonPage, Track
from courses.progress import progress_for

from .models import Certificate, Override

COUNTED = [Attendance.Status.PRESENT, Attendance.Status.LATE]
TRACK_ORDER = [value for value, _label in Track.choices]


@dataclass
class Standing:
    """One enrolled girl of a camp, measured against its certificate rules."""

    learner: object
    days_attended: int
    days_needed: int
    days_total: int
    core_done: int
    core_total: int
    core_percent: int
    core_percent_needed: int
    tracks: list[str]
    override: Override | None = None
    certificate: Certificate | None = None
    reasons: list[str] = field(default_factory=list)

    @property
    def meets_rules(self) -> bool:
        return not self.reasons

    @property
    def may_receive(self) -> bool:
        """She meets the rules, or a facilitator decided she gets it anyway."""
        return self.meets_rules or self.override is not None


def _curriculum_tracks(curriculum) -> dict:
    """Each lesson's translation key -> its track (one query)."""
    return dict(
        LessonPage.objects.descendant_of(curriculum).live().values_list("translation_key", "track")
    )


def _ordered(tracks: set[str]) -> list[str]:
    return sorted(tracks, key=lambda t: TRACK_ORDER.index(t) if t in TRACK_ORDER else 99)


def standings(camp: Camp) -> list[Standing]:
    """Every enrolled girl of ``camp`` with her days, core lessons and what she lacks."""
    enrolments = list(
        Enrolment.objects.enrolled().filter(camp=camp)
        .select_related("learner")
        .order_by("learner__first_name", "learner__last_name", "learner_id")
    )
    learners = [e.learner for e in enrolments]
    ids = [girl.pk for girl in learners]
    days_total = camp.days.count()
    days = dict(
        Attendance.objects.filter(camp_day__camp=camp, learner_id__in=ids, status__in=COUNTED)
        .values("learner_id")
        .annotate(n=Count("camp_day", distinct=True))
        .values_list("learner_id", "n")
    )
    progress = progress_for(ids, camp.curriculum)
    lesson_tracks = _curriculum_tracks(camp.curriculum)
    all_tracks = _ordered(set(lesson_tracks.values()))
    overrides = {o.learner_id: o for o in Override.objects.filter(camp=camp, learner_id__in=ids)}
    certificates = {
        c.learner_id: c for c in Certificate.objects.filter(camp=camp, learner_id__in=ids)
    }
    result = []
    for girl in learners:
        mine = progress[girl.pk]
        covered = _ordered({lesson_tracks[k] for k in mine.completed if k in lesson_tracks})
        standing = Standing(
            learner=girl,
            days_attended=days.get(girl.pk, 0),
            days_needed=camp.min_days_for_certificate,
            days_total=days_total,
            core_done=mine.core_done,
            core_total=mine.core_total,
            core_percent=(100 * mine.core_done // mine.core_total) if mine.core_total else 100,
            core_percent_needed=camp.min_core_lessons_percent,
            tracks=covered or all_tracks,
            override=overrides.get(girl.pk),
            certificate=certificates.get(girl.pk),
        )
        if standing.days_attended < standing.days_needed:
            standing.reasons.append(
                _("Came on %(days)d of the %(needed)d days needed.")
                % {"days": standing.days_attended, "needed": standing.days_needed}
            )
        # Exact arithmetic: 199 of 200 is not 100 %, whatever rounding would say.
        if standing.core_done * 100 < standing.core_percent_needed * standing.core_total:
            standing.reasons.append(
                _(
                    "Finished %(done)d of %(total)d core lessons "
                    "(%(percent)d%%; %(needed)d%% needed)."
                ) % {
                    "done": standing.core_done, "total": standing.core_total,
                    "percent": standing.core_percent, "needed": standing.core_percent_needed,
                }
            )
        result.append(standing)
    return result


def standing_of(camp: Camp, learner) -> Standing | None:
    """One girl's standing (None when she is not enrolled in the camp)."""
    for standing in standings(camp):
        if standing.learner.pk == learner.pk:
            return standing
    return None
