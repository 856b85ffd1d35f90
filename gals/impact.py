"""GALS figures for the programme's impact report (registered in ``GalsConfig.ready``).

Counts and means only: no note, drawing, name or household code leaves here. Each
figure says how many families it is built from, so the report can suppress it.
Seven queries, however many families.
"""

from __future__ import annotations

from django.db.models import (
    Avg,
    Case,
    Count,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from camp.impact.services import spread
from camp.impact.sources import Figure, Section

from .models import (
    AttitudeAnswer,
    AttitudeItem,
    AttitudeResponse,
    Commitment,
    FollowUp,
    GalsSession,
    Household,
    SessionAttendance,
)


def _percent(part, whole):
    return round(100 * part / whole, 1) if whole else None


def _attitude(households: QuerySet[Household]) -> dict:
    """Families who answered before and after: mean score (5 is the most supportive),
    its change and spread. A reverse-scored statement counts 6 minus the answer."""
    reverse = list(AttitudeItem.objects.filter(reverse_scored=True).values_list(
        "translation_key", flat=True).distinct())
    score = Case(
        When(item_key__in=reverse, then=Value(6.0) - F("value")),
        default=F("value") * Value(1.0), output_field=FloatField(),
    )
    per_family = (
        AttitudeAnswer.objects.filter(
            response__household_code__in=households.values("code")
        )
        .values("response__household_code")
        .annotate(
            before=Avg(score, filter=Q(response__phase=AttitudeResponse.Phase.BEFORE)),
            after=Avg(score, filter=Q(response__phase=AttitudeResponse.Phase.AFTER)),
        )
        .annotate(change=F("after") - F("before"))
        .annotate(matched_before=F("after") - F("change"), square=F("change") * F("change"))
    )
    found = per_family.aggregate(
        all_n=Count("change"),
        all_before=Avg("matched_before"),
        all_after=Avg("after", filter=Q(change__isnull=False)),
        all_change=Avg("change"),
        all_squares=Sum("square"),
    )
    found = {key.removeprefix("all_"): value for key, value in found.items()}
    found["spread"] = spread(found["n"], found["change"], found["squares"])
    return found


def impact_figures(camps) -> Section:
    households = Household.objects.filter(camp__in=camps)
    reach = households.aggregate(
        households=Count("pk", distinct=True), members=Count("members", distinct=True)
    )
    came = (
        SessionAttendance.objects.filter(member__household__in=households, present=True)
        .aggregate(members=Count("member_id", distinct=True),
                   households=Count("member__household_id", distinct=True))
    )
    sessions = GalsSession.objects.filter(camp__in=camps, starts_at__lte=timezone.now())
    held = sessions.count()
    marks = SessionAttendance.objects.filter(session__in=sessions).aggregate(
        marks=Count("pk"), present=Count("pk", filter=Q(present=True)),
        households=Count("member__household_id", distinct=True),
    )
    last = FollowUp.objects.filter(commitment=OuterRef("pk")).order_by(
        "-checked_on", "-pk").values("status")[:1]
    promises = (
        Commitment.objects.filter(household__in=households)
        .annotate(last=Subquery(last))
        .aggregate(
            made=Count("pk"),
            families=Count("household_id", distinct=True),
            followed=Count("pk", filter=Q(last__isnull=False)),
            achieved=Count("pk", filter=Q(last=FollowUp.Status.ACHIEVED)),
            partly=Count("pk", filter=Q(last=FollowUp.Status.PARTLY)),
        )
    )
    attitude = _attitude(households)

    def mean(value):
        return None if value is None else round(value, 2)

    families = promises["families"]
    return Section(
        key="gals",
        title=_("Families (GALS)"),
        note=_("Counts and means only: the families' notes and drawings stay with the "
               "families and their facilitators. Parents' attitudes run from 1 to 5; 5 is "
               "the most supportive of a daughter in STEM."),
        figures=[
            Figure("households", _("Households"), reach["households"]),
            Figure("members", _("Family members"), reach["members"],
                   basis=reach["households"]),
            Figure("members_came", _("Family members who came to a session"),
                   came["members"], basis=came["households"]),
            Figure("sessions", _("Sessions held"), held, people=False),
            Figure("attendance", _("Attendance of invited family members"),
                   _percent(marks["present"], marks["marks"]), kind="percent",
                   basis=marks["households"]),
            Figure("commitments", _("Commitments made"), promises["made"], basis=families),
            Figure("followed", _("Commitments followed up"), promises["followed"],
                   basis=families),
            Figure("achieved", _("Achieved at the last follow-up"), promises["achieved"],
                   basis=families, whole="followed"),
            Figure("partly", _("Partly achieved"), promises["partly"], basis=families,
                   whole="followed"),
            Figure("attitude_n", _("Families who answered before and after"), attitude["n"],
                   basis=attitude["n"]),
            Figure("attitude_before", _("Parents' attitude before"),
                   mean(attitude["before"]), kind="mean", basis=attitude["n"]),
            Figure("attitude_after", _("Parents' attitude after"),
                   mean(attitude["after"]), kind="mean", basis=attitude["n"]),
            Figure("attitude_change", _("Change in parents' attitude"),
                   mean(attitude["change"]), kind="mean", basis=attitude["n"]),
            Figure("attitude_spread", _("Spread of the change (standard deviation)"),
                   mean(attitude["spread"]), kind="mean", basis=attitude["n"]),
        ],
    )


# --- Synthetic families for the programme-scale benchmark (camp.impact.synthetic) ------


SYNTHETIC_CODE = "SYN"


def remove_programme_families() -> None:
    AttitudeResponse.objects.filter(household_code__startswith=SYNTHETIC_CODE).delete()
    Household.objects.filter(code__startswith=SYNTHETIC_CODE).delete()


def make_programme_families(programme, rng, *, households: int = 5000) -> dict:
    """Households for the synthetic camps: members, a session per camp that has begun,
    who came, commitments with follow-ups, and the parents' survey before and after."""
    import datetime
    import uuid

    from django.db.models import Max
    from wagtail.models import Locale

    from camp.impact.synthetic import BATCH
    from camp.models import Camp

    from .models import AttitudeAnswer, HouseholdMember

    counts: dict[str, int] = {}

    def bulk(model, objects, key):
        made = model.objects.bulk_create(objects, batch_size=BATCH)
        counts[key] = len(made)
        return made

    def uid():
        return uuid.UUID(int=rng.getrandbits(128), version=4)

    now = timezone.now()
    camps = [camp for camp in programme.camps if programme.girls_by_camp.get(camp.pk)]
    made = bulk(Household, [
        Household(code=f"{SYNTHETIC_CODE}{number:06d}", camp=rng.choice(camps))
        for number in range(households)
    ], "households")
    through = Household.girls.through
    pairs = set()
    for household in made:
        pairs.add((household.pk, rng.choice(programme.girls_by_camp[household.camp_id])))
    bulk(through, [through(household_id=h, user_id=g) for h, g in pairs], "household girls")
    roles = [HouseholdMember.FamilyRole.MOTHER, HouseholdMember.FamilyRole.FATHER,
             HouseholdMember.FamilyRole.GRANDMOTHER, HouseholdMember.FamilyRole.BROTHER]
    members = bulk(HouseholdMember, [
        HouseholdMember(household=household, family_role=role,
                        age_band=HouseholdMember.AgeBand.ADULT)
        for household in made for role in roles[: rng.randint(1, 4)]
    ], "family members")
    begun = [camp for camp in camps if camp.status != Camp.Status.PUBLISHED]
    sessions = bulk(GalsSession, [
        GalsSession(camp=camp, starts_at=now - datetime.timedelta(days=(
            timezone.localdate() - camp.start_date).days - 3), venue=camp.school.name,
            facilitator_id=programme.facilitators[0].pk, tools=["balance_tree"])
        for camp in begun
    ], "GALS sessions")
    session_of = {session.camp_id: session for session in sessions}
    bulk(SessionAttendance, [
        SessionAttendance(session=session_of[member.household.camp_id], member=member,
                          present=rng.random() < 0.7, marked_at=now)
        for member in members if member.household.camp_id in session_of
    ], "GALS attendance")
    promises = bulk(Commitment, [
        Commitment(household=household, session=session_of.get(household.camp_id),
                   what="Кызыбыздын окуусуна убакыт беребиз",
                   due_on=timezone.localdate(), made_on=timezone.localdate(),
                   client_id=uid())
        for household in made for _ in range(rng.randint(1, 2))
    ], "commitments")
    statuses = [FollowUp.Status.ACHIEVED, FollowUp.Status.ACHIEVED, FollowUp.Status.PARTLY,
                FollowUp.Status.NOT_YET]
    bulk(FollowUp, [
        FollowUp(commitment=promise, status=rng.choice(statuses),
                 checked_on=timezone.localdate(), client_id=uid())
        for promise in promises if rng.random() < 0.7
    ], "follow-ups")
    items = sorted(set(AttitudeItem.objects.filter(active=True).values_list(
        "translation_key", flat=True)))  # one key per statement, whatever its languages
    if not items:
        locale = Locale.get_default()
        start = (AttitudeItem.objects.aggregate(n=Max("sort_order"))["n"] or 0) + 1
        texts = ["Техника кыз үчүн да ылайыктуу кесип.",
                 "Кыздын окуусуна акча коротуу пайдалуу.",
                 "Үй жумушу аялдардын гана иши."]
        made_items = AttitudeItem.objects.bulk_create([
            AttitudeItem(locale=locale, text=text, sort_order=start + index,
                         reverse_scored=index == 2)
            for index, text in enumerate(texts)
        ])
        items = [item.translation_key for item in made_items]
    responses, plans = [], []
    for household in made:
        if rng.random() > 0.6:
            continue
        base = rng.randint(2, 4)
        for phase, value in (("before", base), ("after", min(5, base + rng.choice([0, 1, 1])))):
            responses.append(AttitudeResponse(
                household_code=household.code, phase=phase,
                respondent_role=HouseholdMember.FamilyRole.MOTHER, submitted_at=now,
                client_id=uid()))
            plans.append(value)
    saved = bulk(AttitudeResponse, responses, "parents' surveys")
    bulk(AttitudeAnswer, [
        AttitudeAnswer(response=response, item_key=key, value=value)
        for response, value in zip(saved, plans, strict=True) for key in items
    ], "parents' answers")
    return counts
