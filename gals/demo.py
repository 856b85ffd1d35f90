"""Demo GALS content: the families' introduction page, the five tool guides, the
parents' survey, and demo-guardian's household with sessions and commitments."""

import datetime
import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from cms.core.demo import LANGUAGE_CODES, ensure_demo_user, ensure_page, home_pages, items, locale
from cms.core.models import Role, StandardPage
from courses.content_files import load_content
from courses.curriculum_import import content_assets, page_fields

from .demo_content import SURVEY_ITEMS, TOOLS
from .models import (
    AttitudeItem,
    BalanceReading,
    Commitment,
    FollowUp,
    GalsSession,
    GalsToolPage,
    GuardianInvite,
    Household,
    HouseholdMember,
    SessionAttendance,
    SessionRecord,
    SessionReply,
    Tool,
)


def load(out) -> None:
    homes = home_pages()
    content = load_content()
    intro = content.page("gals")
    assets = content_assets(content)
    # Made by the curriculum import (courses/content); made here if that did not run.
    gals_pages = ensure_page(homes, StandardPage, intro.slug, {
        code: page_fields(intro, code, assets) for code in LANGUAGE_CODES
    })
    out("GALS: the families' introduction page, in both languages.")
    for tool in TOOLS:
        ensure_page(gals_pages, GalsToolPage, tool["slug"], {
            code: {
                "title": tool[code]["title"],
                "intro": tool[code]["intro"],
                "tool": tool["tool"],
                "purpose": tool[code]["purpose"],
                "time_needed": tool[code]["time_needed"],
                "illustration_alt": tool[code]["illustration_alt"],
                "materials": items(tool[code]["materials"], "item"),
                "steps": items(tool[code]["steps"], "step"),
                "tips": items(tool[code]["tips"], "tip"),
            }
            for code in LANGUAGE_CODES
        })
    out(f"GALS: {len(TOOLS)} tool guides, in both languages.")
    ensure_survey_items()
    if settings.DEMO_ACCOUNTS_ALLOWED:
        household = ensure_demo_household()
        out(f"GALS: demo-guardian's household {household.code}, with sessions and commitments.")
        certificate = ensure_demo_family_certificate(household)
        if certificate is not None:
            out(f"GALS: its family certificate {certificate.display_code} "
                f"(http://127.0.0.1:8000/ky/verify/{certificate.code}/), for demo-guardian "
                f"and demo-facilitator.")
        expired = ensure_expired_invite(household)
        out(f"GALS: an expired invitation, code {expired.code} (the join page refuses it).")


def ensure_demo_family_certificate(household: Household):
    """demo-guardian's family came to one more session three weeks ago and holds its GALS
    certificate, so the family, its facilitator and a checker of its QR code see one."""
    from . import certificates
    from .models import FamilyCertificate

    existing = FamilyCertificate.objects.filter(household=household).first()
    if existing is not None:
        return existing
    facilitator = get_user_model().objects.filter(username="demo-facilitator").first()
    if not certificates.standing_of(household).eligible:
        session = GalsSession.objects.create(
            starts_at=_at(timezone.localdate() - datetime.timedelta(days=21)),
            tools=[Tool.BALANCE_TREE],
            camp=household.camp, facilitator=facilitator, venue="Мектептин чоң залы",
            community="" if household.camp else "Көк-Сай",
        )
        if household.camp is None:
            session.households.add(household)
        for member in household.members.all():
            SessionAttendance.objects.create(session=session, member=member, present=True,
                                             marked_by=facilitator, marked_at=session.starts_at)
    if not certificates.standing_of(household).eligible:
        return None
    return certificates.issue(household, by=facilitator, language="ky")


def ensure_survey_items() -> None:
    """The parents' survey statements in both languages, linked by translation key."""
    for order, statement in enumerate(SURVEY_ITEMS, start=1):
        first = AttitudeItem.objects.filter(
            text=statement["ky"], locale__language_code="ky"
        ).first()
        key = first.translation_key if first else uuid.uuid4()
        for code in LANGUAGE_CODES:
            if not AttitudeItem.objects.filter(translation_key=key, locale=locale(code)).exists():
                AttitudeItem.objects.create(
                    translation_key=key, locale=locale(code), text=statement[code],
                    reverse_scored=statement["reverse"], sort_order=order,
                )


def _demo_user(username: str, role: str, **fields):
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        user = ensure_demo_user(username, **fields)
        user.groups.add(Group.objects.get(name=role))
    return user


def _demo_camp(learner):
    """The demo camp demo-learner is in (the running one first), if camp/demo.py made one."""
    from camp.models import Camp

    camps = Camp.objects.filter(enrolments__learner=learner).order_by("start_date")
    return camps.filter(status=Camp.Status.RUNNING).first() or camps.last()


def _at(day: datetime.date, hour: int = 18) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


#: The code of the demo's expired invitation: shows a parent what a late code gets.
EXPIRED_INVITE_CODE = "DEMOEXPIRED"


def ensure_expired_invite(household: Household) -> GuardianInvite:
    """An invitation for the father of the demo family that ran out a week ago."""
    invite = GuardianInvite.objects.filter(code=EXPIRED_INVITE_CODE).first()
    if invite is None:
        invite = GuardianInvite.objects.create(
            code=EXPIRED_INVITE_CODE, household=household, girl=household.girls.first(),
            family_role=HouseholdMember.FamilyRole.FATHER,
            expires_at=timezone.now() - datetime.timedelta(days=7),
        )
    return invite


def ensure_demo_household() -> Household:
    """demo-guardian's family of four, two past sessions with attendance, one to come."""
    guardian = _demo_user("demo-guardian", Role.GUARDIAN, first_name="Жаңыл")
    existing = Household.objects.filter(members__user=guardian).first()
    if existing is not None:
        if existing.camp_id is None:  # the demo camp came later: link the family to it
            camp = _demo_camp(existing.girls.first())
            if camp is not None:
                existing.camp = camp
                existing.save(update_fields=["camp"])
                GalsSession.objects.filter(households=existing, camp__isnull=True).update(
                    camp=camp, community=""
                )
        return existing
    learner = _demo_user(
        "demo-learner", Role.LEARNER, first_name="Айгүл", last_name="К", birth_year=2010,
        school_grade=9,
    )
    camp = _demo_camp(learner)
    facilitator = get_user_model().objects.filter(username="demo-facilitator").first()
    if facilitator is None and camp is not None:
        facilitator = camp.facilitators.first()
    household = Household.objects.create(camp=camp)
    household.girls.add(learner)
    role, band = HouseholdMember.FamilyRole, HouseholdMember.AgeBand
    mother = HouseholdMember.objects.create(
        household=household, family_role=role.MOTHER, name="Жаңыл", age_band=band.MIDDLE,
        user=guardian,
    )
    father = HouseholdMember.objects.create(
        household=household, family_role=role.FATHER, name="Бакыт", age_band=band.MIDDLE
    )
    grandmother = HouseholdMember.objects.create(
        household=household, family_role=role.GRANDMOTHER, name="Сайра", age_band=band.ELDER
    )
    brother = HouseholdMember.objects.create(
        household=household, family_role=role.BROTHER, name="Эрлан", age_band=band.UNDER_18
    )
    today = timezone.localdate()
    common = {"camp": camp, "facilitator": facilitator, "venue": "Мектептин чоң залы",
              "community": "" if camp else "Көк-Сай"}
    first = GalsSession.objects.create(
        starts_at=_at(today - datetime.timedelta(days=35)),
        tools=[Tool.VISION_JOURNEY, Tool.BALANCE_TREE], **common,
    )
    second = GalsSession.objects.create(
        starts_at=_at(today - datetime.timedelta(days=3)),
        tools=[Tool.CHALLENGE_TREE, Tool.LEADERSHIP_MAP], **common,
    )
    upcoming = GalsSession.objects.create(
        starts_at=_at(today + datetime.timedelta(days=4)), tools=[Tool.DIAMOND], **common,
    )
    if camp is None:
        for session in (first, second, upcoming):
            session.households.add(household)
    for session, present in ((first, [mother, father, grandmother]),
                             (second, [mother, father, brother])):
        for member in (mother, father, grandmother, brother):
            SessionAttendance.objects.create(
                session=session, member=member, present=member in present,
                marked_by=facilitator, marked_at=session.starts_at,
            )
    SessionRecord.objects.create(
        household=household, session=first, held_on=first.starts_at.date(),
        tool=Tool.VISION_JOURNEY, recorded_by=facilitator,
        vision="Беш жылдан кийин Айгүл Бишкекте инженерликке окуйт, үйдө жумуш тең бөлүнөт.",
        discussion="Атасы кыздын алыска окууга кетишинен кооптонот; чоң энеси колдойт.",
        shared_with="Апасы эжесине жана кошунасына «Кыялга саякатты» үйрөтөт.",
    )
    SessionRecord.objects.create(
        household=household, session=second, held_on=second.starts_at.date(),
        tool=Tool.CHALLENGE_TREE, recorded_by=facilitator,
        vision="Айгүл ЖРТга даярданат; үй-бүлө окуу акысына акча чогултат.",
        discussion="Атасы идиш-аяк жууганын айтты; Эрлан суу ташууга жардам бере баштады.",
    )
    BalanceReading.objects.create(
        household=household, session=first, recorded_on=first.starts_at.date(),
        housework=BalanceReading.Share.WOMEN, money=BalanceReading.Share.MEN,
        education=BalanceReading.Education.FATHER, recorded_by=facilitator,
        client_id=uuid.uuid4(),
    )
    BalanceReading.objects.create(
        household=household, session=second, recorded_on=second.starts_at.date(),
        housework=BalanceReading.Share.MOSTLY_WOMEN, money=BalanceReading.Share.SHARED,
        education=BalanceReading.Education.WITH_GIRL, recorded_by=facilitator,
        client_id=uuid.uuid4(),
    )
    made = first.starts_at.date()
    dishes = Commitment.objects.create(
        household=household, session=first, what="Жумасына эки жолу кечки идиш-аякты жууйт",
        who=father, due_on=made + datetime.timedelta(days=30), made_on=made,
        created_by=facilitator, client_id=uuid.uuid4(),
    )
    Commitment.objects.create(
        household=household, session=first, what="Эжесине суу ташууга жардам берет",
        who=brother, due_on=made + datetime.timedelta(days=30), made_on=made,
        created_by=facilitator, client_id=uuid.uuid4(),
    )
    made = second.starts_at.date()
    Commitment.objects.create(
        household=household, session=second,
        what="Айгүлгө күн сайын сабак даярдоого бир саат бош убакыт беребиз",
        who=None, due_on=made + datetime.timedelta(days=30), made_on=made,
        created_by=facilitator, client_id=uuid.uuid4(),
    )
    FollowUp.objects.create(
        commitment=dishes, status=FollowUp.Status.ACHIEVED,
        reason="Атасы айтканын аткарды; Айгүлдүн сабакка убактысы көбөйдү.",
        checked_on=second.starts_at.date(), recorded_by=facilitator, client_id=uuid.uuid4(),
    )
    reply = SessionReply.objects.create(
        session=upcoming, household=household, coming=True, answered_by=guardian,
        answered_at=timezone.now(), client_id=uuid.uuid4(),
    )
    reply.members.set([mother, father, grandmother])
    return household
