"""What a family sees: the daughter's camp and progress, the next session, the
family's commitments and, once issued, her certificate.

The same overview fills the guardian's page and the printed A4 family sheet for
families without an account.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from django.apps import apps
from django.utils import timezone, translation

from camp.models import Camp, CampDay, Enrolment
from camp.personal_data import anonymisation_notices
from cms.core.translations import for_reader
from courses.progress import progress_for

from . import services
from .models import FamilyCertificate, GalsSession, Household


@dataclass
class GirlCamp:
    camp: Camp
    days: list[CampDay]
    progress: object | None


@dataclass
class GirlOverview:
    girl: object
    camps: list[GirlCamp] = field(default_factory=list)
    certificates: list = field(default_factory=list)
    #: The day her data is anonymised, once it is near enough for the family to be told.
    anonymise_on: object | None = None


@dataclass
class FamilyOverview:
    household: Household
    girls: list[GirlOverview]
    next_session: GalsSession | None
    commitments: list[services.CommitmentState]
    sessions_attended: int
    family_certificate: FamilyCertificate | None = None


@lru_cache(maxsize=1)
def _certificate_model():
    """The camp certificate model (camp.certificates), when it is installed."""
    for label in ("certificates", "camp"):
        try:
            return apps.get_model(label, "Certificate")
        except LookupError:
            continue
    return None


def certificates_of(girl) -> list:
    """Her issued, unrevoked certificates (empty when certificates are not in use)."""
    model = _certificate_model()
    if model is None:
        return []
    names = {f.name for f in model._meta.get_fields()}
    owner = "learner" if "learner" in names else "girl" if "girl" in names else None
    if owner is None:
        return []
    found = model.objects.filter(**{owner: girl})
    for revoked in ("revoked_on", "revoked_at"):
        if revoked in names:
            found = found.filter(**{f"{revoked}__isnull": True})
    return list(found)


def overview(household: Household) -> FamilyOverview:
    """Everything the family may see about its daughters and its GALS work."""
    girls = []
    enrolments = (
        Enrolment.objects.current().filter(learner__in=household.girls.all())
        .select_related("camp", "camp__school", "camp__curriculum", "learner")
        .order_by("camp__start_date")
    )
    household_girls = list(household.girls.order_by("first_name"))
    notices = anonymisation_notices(household_girls)
    by_girl: dict[int, list[Enrolment]] = {}
    for enrolment in enrolments:
        by_girl.setdefault(enrolment.learner_id, []).append(enrolment)
    for girl in household_girls:
        entry = GirlOverview(girl=girl, certificates=certificates_of(girl),
                             anonymise_on=notices.get(girl.pk))
        latest_of_curriculum = {
            enrolment.camp.curriculum.translation_key: enrolment.camp_id
            for enrolment in by_girl.get(girl.pk, [])  # by start date: the last one wins
        }
        for enrolment in by_girl.get(girl.pk, []):
            camp = enrolment.camp
            # Lessons count once, whichever camp she did them in: the figure goes with
            # her latest camp of that curriculum, not again with each earlier one.
            progress = None
            if latest_of_curriculum[camp.curriculum.translation_key] == camp.pk:
                progress = progress_for([girl], camp.curriculum).get(girl.pk)
            days = list(camp.days.select_related("day_page").order_by("number"))
            shown = for_reader([day.day_page for day in days],
                               translation.get_language() or camp.language)
            for day in days:
                day.shown_page = shown.get(day.day_page_id)
            entry.camps.append(GirlCamp(camp=camp, days=days, progress=progress))
        girls.append(entry)
    return FamilyOverview(
        household=household,
        girls=girls,
        next_session=services.next_session(household),
        commitments=services.commitment_states(household.commitments.all()),
        sessions_attended=services.sessions_attended(household),
        family_certificate=FamilyCertificate.objects.filter(
            household=household, revoked_on__isnull=True).first(),
    )


def today():
    return timezone.localdate()
