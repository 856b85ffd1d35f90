"""What courses needs to know about camps: her curricula and her facilitators.

Registered with ``courses.access`` (found at start-up by the courses app).
"""

import uuid

from django.utils import timezone

from cms.core import content_cache
from cms.core.data_versions import DataVersion
from courses.models import CurriculumPage

from .models import Camp, CampDay, Enrolment

ACTIVE = [Camp.Status.PUBLISHED, Camp.Status.RUNNING, Camp.Status.FINISHED]


def enrolments_of(learner):
    """Her places in camps that are on (or were): the camps whose lessons she follows."""
    return Enrolment.objects.enrolled().filter(learner_id=learner.pk, camp__status__in=ACTIVE)


#: Moves on when any camp, camp day or enrolment is saved or deleted (``CampConfig.ready``).
ENROLMENTS = DataVersion("camp:enrolments")
#: How long a girl's camps are kept at most. Every lesson page, answer and tick asks
#: for them, and the site writes camps, days and places only through models that move
#: ``ENROLMENTS`` on; the time bounds what a write without signals (a bulk update by
#: hand) leaves. At a minute, a camp morning read them again every sixth request.
CURRICULA_SECONDS = 10 * 60


def read_with_account(user_id) -> DataVersion:
    """The counter read with a person's account counter (``cms.core.signed_in``)."""
    return ENROLMENTS


def curricula_of(learner) -> set[uuid.UUID]:
    if not getattr(learner, "pk", None):
        return set()
    return ENROLMENTS.kept(
        f"curricula-of:{learner.pk}:{content_cache.CONTENT.current()}",
        lambda: set(
            CurriculumPage.objects.filter(
                pk__in=enrolments_of(learner).values("camp__curriculum_id")
            ).values_list("translation_key", flat=True)
        ),
        CURRICULA_SECONDS,
    )


def on_camp_write(sender, **kwargs) -> None:
    """Receiver of post_save and post_delete of camps and enrolments."""
    ENROLMENTS.changed()


def facilitates(user, learner) -> bool:
    """A facilitator of a camp she is enrolled in or waits for (not one she left)."""
    if not getattr(user, "pk", None) or not getattr(learner, "pk", None):
        return False
    return Enrolment.objects.current().in_camps_run_by(user).filter(learner_id=learner.pk).exists()


def camp_day_today(learner, curriculum) -> int | None:
    """The number of today's day in her camp of ``curriculum`` (either language).

    Every lesson page and "done" asks; kept per girl and date until a camp, a camp day
    or an enrolment changes (and ten minutes at most, like ``curricula_of``).
    """
    if not getattr(learner, "pk", None):
        return None
    on = timezone.localdate()

    def number() -> tuple[int | None]:
        return (CampDay.objects.filter(
            camp__in=enrolments_of(learner).values("camp_id"),
            camp__curriculum__translation_key=curriculum.translation_key,
            date=on,
        ).values_list("number", flat=True).first(),)

    key = f"camp-day:{learner.pk}:{curriculum.translation_key}:{on.isoformat()}"
    return ENROLMENTS.kept(key, number, CURRICULA_SECONDS)[0]
