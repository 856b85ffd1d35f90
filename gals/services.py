"""GALS work with families: sessions, replies, roll calls, records and follow-ups.

Every write that can come from a phone carries a client-made UUID: a retry or a
replay of the same form changes nothing. Every write is checked here, not in the
view, and refused with a translated message (``ValidationError``) that changes nothing.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from camp.models import Camp
from cms.core import audit
from cms.core.consent import has_consent
from cms.core.images import clean_image
from cms.core.models import AuditEvent, Consent

from . import access
from .models import (
    CAMP_OR_COMMUNITY,
    AttitudeAnswer,
    AttitudeItem,
    AttitudeResponse,
    BalanceReading,
    Commitment,
    DrawingPhoto,
    FollowUp,
    GalsSession,
    Household,
    HouseholdMember,
    RollCall,
    SessionAttendance,
    SessionRecord,
    SessionReply,
)

#: The first commitment of a family falls about a month after the session.
FIRST_COMMITMENT_DAYS = 30
#: A commitment is "due" this many days before its date, so the facilitator plans a visit.
DUE_SOON_DAYS = 7
#: Photos of drawings: a sheet must stay readable, so a little larger than a phone photo.
DRAWING_MAX_SIDE = 1600


# --- Calendar and certificates (other apps read these) -------------------------------


def sessions_for_camp(camp: Camp) -> QuerySet[GalsSession]:
    """A camp's family sessions, for its calendar feed."""
    return GalsSession.objects.filter(camp=camp).order_by("starts_at")


def sessions_for_facilitator(user) -> QuerySet[GalsSession]:
    """Every session a facilitator leads or that belongs to one of her camps."""
    return access.facilitated_sessions(user).order_by("starts_at")


def sessions_attended(household: Household) -> int:
    """How many sessions at least one member of the household came to."""
    return (
        SessionAttendance.objects.filter(member__household=household, present=True)
        .values("session_id")
        .distinct()
        .count()
    )


def session_end(session: GalsSession) -> datetime.datetime:
    return session.starts_at + datetime.timedelta(minutes=session.duration_minutes)


# --- Sessions -------------------------------------------------------------------------


@transaction.atomic
def create_session(*, by, camp: Camp | None, community: str, starts_at, duration_minutes: int,
                   venue: str, tools: list[str], households: Iterable[Household] = ()
                   ) -> GalsSession:
    """A session belongs to a camp or to a community: one of the two must be named."""
    community = community.strip()
    if camp is None and not community:
        raise ValidationError(CAMP_OR_COMMUNITY)
    session = GalsSession.objects.create(
        camp=camp, community=community, starts_at=starts_at, duration_minutes=duration_minutes,
        venue=venue, facilitator=by, tools=list(tools),
    )
    session.households.set(households)
    audit.record(by, AuditEvent.Action.CREATED, session)
    return session


@transaction.atomic
def create_household(*, by, camp: Camp, girls: Iterable) -> Household:
    """A family of girls of one camp, with the audit row in the same transaction: a
    household is never kept without its girls or its record of who made it."""
    household = Household.objects.create(camp=camp)
    household.girls.set(girls)
    audit.record(by, AuditEvent.Action.CREATED, household)
    return household


@transaction.atomic
def add_member(household: Household, *, by, family_role: str, name: str, age_band: str
               ) -> HouseholdMember:
    member = HouseholdMember.objects.create(
        household=household, family_role=family_role, name=name.strip(), age_band=age_band,
    )
    audit.record(by, AuditEvent.Action.CHANGED, household, member_added=True)
    return member


@transaction.atomic
def delete_session(session: GalsSession, *, by) -> int:
    """Delete a session; the families' records and commitments made in it stay.

    Returns the number of commitments kept, to tell the facilitator.
    """
    kept = Commitment.objects.filter(session=session).count()
    audit.record(by, AuditEvent.Action.DELETED, session, commitments_kept=kept)
    session.delete()
    return kept


def next_session(household: Household, now=None) -> GalsSession | None:
    """The household's next session that has not ended yet."""
    now = now or timezone.now()
    candidates = GalsSession.objects.inviting(household).order_by("starts_at")
    for session in candidates.filter(starts_at__gte=now - datetime.timedelta(hours=6)):
        if session_end(session) >= now:
            return session
    return None


# --- Replies and the headcount --------------------------------------------------------


def _members_of(household: Household, member_ids: Iterable) -> list[HouseholdMember]:
    """The members of ``household`` with these ids; a stranger's id is refused."""
    ids = {int(member_id) for member_id in member_ids}
    members = list(HouseholdMember.objects.filter(household=household, pk__in=ids))
    if len(members) != len(ids):
        raise ValidationError(
            _("Only members of this household can be chosen. Nothing was saved.")
        )
    return members


@transaction.atomic
def reply(session: GalsSession, household: Household, *, coming: bool, member_ids: Iterable,
          by, client_id: uuid.UUID) -> SessionReply:
    """Record "we will come" (and who) or "we cannot come" for a family.

    The latest answer counts; the same ``client_id`` sent twice counts once.
    """
    existing = SessionReply.objects.filter(client_id=client_id).first()
    if existing is not None:
        return existing
    if not access.is_invited(session, household):
        raise ValidationError(_("This household is not invited to this session."))
    members = _members_of(household, member_ids) if coming else []
    if coming and not members:
        raise ValidationError(_("Tick at least one family member who will come."))
    answer, _created = SessionReply.objects.update_or_create(
        session=session, household=household,
        defaults={"coming": coming, "answered_by": by, "answered_at": timezone.now(),
                  "client_id": client_id},
    )
    answer.members.set(members)
    audit.record(by, AuditEvent.Action.CHANGED, household, reply_to_session=session.pk,
                 coming=coming, people=len(members))
    return answer


@dataclass
class Headcount:
    households: int
    people: int
    not_coming: int
    not_answered: int

    @property
    def sheets(self) -> int:
        """Each family draws on its own sheet; two spare for mistakes."""
        return self.households + 2 if self.households else 0


def headcount(session: GalsSession) -> Headcount:
    """How many chairs and sheets of paper to bring."""
    invited = access.invited_households(session).count()
    replies = SessionReply.objects.filter(session=session).annotate(people=Count("members"))
    coming = [r for r in replies if r.coming]
    return Headcount(
        households=len(coming),
        people=sum(r.people for r in coming),
        not_coming=sum(1 for r in replies if not r.coming),
        not_answered=max(invited - len(replies), 0),
    )


# --- Roll call ------------------------------------------------------------------------


@transaction.atomic
def mark_roll(session: GalsSession, household: Household, *, present_ids: Iterable, by,
              client_id: uuid.UUID) -> bool:
    """Mark who of one household came. The others of the household are marked absent.

    A member of another household cannot be marked present. Returns False when the
    same roll call (``client_id``) was already saved.
    """
    if RollCall.objects.filter(client_id=client_id).exists():
        return False
    if not access.is_invited(session, household):
        raise ValidationError(_("This household is not invited to this session."))
    present = {member.pk for member in _members_of(household, present_ids)}
    now = timezone.now()
    for member in household.members.all():
        SessionAttendance.objects.update_or_create(
            session=session, member=member,
            defaults={"present": member.pk in present, "marked_by": by, "marked_at": now},
        )
    RollCall.objects.create(client_id=client_id, session=session, household=household)
    audit.record(by, AuditEvent.Action.CHANGED, household, roll_call_session=session.pk,
                 present=len(present))
    return True


def roll(session: GalsSession) -> list[dict]:
    """Each invited household with its members and whether each was marked present."""
    households = list(
        access.invited_households(session).prefetch_related("members", "girls").order_by("pk")
    )
    marks = dict(
        SessionAttendance.objects.filter(session=session).values_list("member_id", "present")
    )
    replies = {r.household_id: r for r in SessionReply.objects.filter(session=session)
               .prefetch_related("members")}
    rows = []
    for household in households:
        answer = replies.get(household.pk)
        coming_ids = {m.pk for m in answer.members.all()} if answer else set()
        rows.append({
            "household": household,
            "reply": answer,
            "members": [
                {"member": m, "present": marks.get(m.pk), "coming": m.pk in coming_ids}
                for m in household.members.all()
            ],
        })
    return rows


# --- Records, drawings, commitments, follow-ups, indicators ---------------------------


def _replayed(model, client_id):
    return model.objects.filter(client_id=client_id).first()


def _check_session_household(session: GalsSession | None, household: Household) -> None:
    if session is not None and not access.is_invited(session, household):
        raise ValidationError(_("This household is not invited to this session."))


def save_record(household: Household, session: GalsSession | None, *, by, **fields
                ) -> SessionRecord:
    """The household's notes and vision for one session (one record each, updated)."""
    _check_session_household(session, household)
    held_on = timezone.localdate(session.starts_at) if session else timezone.localdate()
    record, created = SessionRecord.objects.update_or_create(
        household=household, session=session,
        defaults={**fields, "held_on": held_on, "recorded_by": by},
    )
    audit.record(by, AuditEvent.Action.CREATED if created else AuditEvent.Action.CHANGED,
                 household, session_record=record.pk)
    return record


def missing_photo_consent(household: Household) -> list[str]:
    """The girls of the household whose photo consent (or own assent) is not on record."""
    return [
        girl.display_name
        for girl in household.girls.all()
        if not has_consent(girl, Consent.Scope.PHOTOS)
    ]


@transaction.atomic
def add_photo(record: SessionRecord, upload, *, caption: str, by, client_id: uuid.UUID
              ) -> DrawingPhoto:
    """Store a photo of a drawing: consent first, then EXIF removed and resized."""
    existing = _replayed(DrawingPhoto, client_id)
    if existing is not None:
        return existing
    household = record.household
    if not household.girls.exists():
        raise ValidationError(
            _("No girl is linked to this household, so there is no photo consent on record.")
        )
    missing = missing_photo_consent(household)
    if missing:
        raise ValidationError(
            _("Photo consent (the guardian's consent and the girl's own assent for photos) "
              "is missing for: %(names)s. The photo was not saved.")
            % {"names": ", ".join(missing)}
        )
    clean = clean_image(upload, max_side=DRAWING_MAX_SIDE, output_format="JPEG")
    photo = DrawingPhoto(record=record, caption=caption, uploaded_by=by, client_id=client_id)
    photo.image.save(clean.name, clean, save=False)
    photo.save()
    audit.record(by, AuditEvent.Action.CREATED, household, drawing_photo=photo.pk)
    return photo


def first_due_date(made_on: datetime.date) -> datetime.date:
    return made_on + datetime.timedelta(days=FIRST_COMMITMENT_DAYS)


@transaction.atomic
def add_commitment(household: Household, session: GalsSession | None, *, what: str,
                   who_id, due_on: datetime.date | None, by, client_id: uuid.UUID
                   ) -> Commitment:
    """A concrete action: what, who in the family (or everyone), by when."""
    existing = _replayed(Commitment, client_id)
    if existing is not None:
        return existing
    _check_session_household(session, household)
    what = what.strip()
    if not what:
        raise ValidationError(_("Write what the family will do."))
    who = _members_of(household, [who_id])[0] if who_id else None
    made_on = timezone.localdate(session.starts_at) if session else timezone.localdate()
    due_on = due_on or first_due_date(made_on)
    if due_on < made_on:
        raise ValidationError(_("The date must be after the session, not before it."))
    commitment = Commitment.objects.create(
        household=household, session=session, what=what, who=who, due_on=due_on,
        made_on=made_on, created_by=by, client_id=client_id,
    )
    audit.record(by, AuditEvent.Action.CREATED, household, commitment=commitment.pk)
    return commitment


@transaction.atomic
def record_follow_up(commitment: Commitment, *, status: str, reason: str, by,
                     client_id: uuid.UUID, checked_on: datetime.date | None = None
                     ) -> FollowUp:
    """The facilitator's check: achieved, partly or not yet. No status, no follow-up."""
    existing = _replayed(FollowUp, client_id)
    if existing is not None:
        return existing
    if status not in FollowUp.Status.values:
        raise ValidationError(
            _("Choose how far the family got: achieved, partly or not yet. Nothing was saved.")
        )
    follow_up = FollowUp.objects.create(
        commitment=commitment, status=status, reason=reason.strip(),
        checked_on=checked_on or timezone.localdate(), recorded_by=by, client_id=client_id,
    )
    audit.record(by, AuditEvent.Action.CHANGED, commitment.household,
                 follow_up=follow_up.pk, status=status)
    return follow_up


@transaction.atomic
def record_balance(household: Household, session: GalsSession | None, *, housework: str,
                   money: str, education: str, by, client_id: uuid.UUID) -> BalanceReading:
    """The Gender Balance Tree indicators: the first reading is the baseline."""
    existing = _replayed(BalanceReading, client_id)
    if existing is not None:
        return existing
    _check_session_household(session, household)
    try:
        reading = BalanceReading(
            household=household, session=session, housework=housework, money=money,
            education=education, recorded_by=by, client_id=client_id,
            recorded_on=timezone.localdate(session.starts_at) if session
            else timezone.localdate(),
        )
        reading.full_clean(exclude=["household", "session", "recorded_by", "client_id"])
    except ValidationError as error:
        raise ValidationError(
            _("Choose an answer for each of the three questions. Nothing was saved.")
        ) from error
    reading.save()
    audit.record(by, AuditEvent.Action.CREATED, household, balance_reading=reading.pk)
    return reading


# --- What a facilitator and a family see ----------------------------------------------


@dataclass
class CommitmentState:
    commitment: Commitment
    last: FollowUp | None
    today: datetime.date

    @property
    def status(self) -> str:
        return self.last.status if self.last else ""

    @property
    def open(self) -> bool:
        return self.status != FollowUp.Status.ACHIEVED

    @property
    def overdue(self) -> bool:
        return self.open and self.commitment.due_on < self.today

    @property
    def due(self) -> bool:
        soon = self.today + datetime.timedelta(days=DUE_SOON_DAYS)
        return self.open and self.today <= self.commitment.due_on <= soon


def commitment_states(commitments: QuerySet[Commitment], today=None) -> list[CommitmentState]:
    """Each commitment with its latest follow-up: two queries whatever the number."""
    today = today or timezone.localdate()
    commitments = list(commitments.select_related("who", "household")
                       .prefetch_related("follow_ups"))
    return [
        CommitmentState(c, (list(c.follow_ups.all()) or [None])[-1], today) for c in commitments
    ]


def balance_history(household: Household) -> list[dict]:
    """Baseline first, then each review, with labels for the three indicators."""
    rows = []
    for number, reading in enumerate(household.balance_readings.all()):
        rows.append({
            "reading": reading,
            "label": _("Baseline") if number == 0 else _("Review %(number)s") % {"number": number},
        })
    return rows


def facilitator_overview(user, today=None) -> dict:
    """Per camp (and community): households, who came to which session, what is due."""
    today = today or timezone.localdate()
    households = list(
        access.facilitated_households(user)
        .select_related("camp").prefetch_related("girls", "members").order_by("camp_id", "pk")
    )
    sessions = list(access.facilitated_sessions(user).select_related("camp"))
    present = set(
        SessionAttendance.objects.filter(session__in=sessions, present=True)
        .values_list("session_id", "member__household_id")
    )
    states = commitment_states(Commitment.objects.filter(household__in=households), today)
    by_household: dict[int, list[CommitmentState]] = {}
    for state in states:
        by_household.setdefault(state.commitment.household_id, []).append(state)
    groups: dict[object, dict] = {}
    for household in households:
        key = household.camp_id or 0
        group = groups.setdefault(key, {
            "camp": household.camp,
            "sessions": [s for s in sessions if (s.camp_id or 0) == key] if key else
            [s for s in sessions if not s.camp_id],
            "households": [],
        })
        own = by_household.get(household.pk, [])
        group["households"].append({
            "household": household,
            "came": [(s, (s.pk, household.pk) in present) for s in group["sessions"]],
            "due": [s for s in own if s.due],
            "overdue": [s for s in own if s.overdue],
        })
    open_states = sorted((s for s in states if s.open), key=lambda s: s.commitment.due_on)
    return {
        "groups": list(groups.values()),
        "next_follow_up": open_states[0] if open_states else None,
        "due": [s for s in states if s.due],
        "overdue": [s for s in states if s.overdue],
        "upcoming": [s for s in sessions if session_end(s) >= timezone.now()],
    }


def programme_numbers(camps: QuerySet[Camp] | None = None) -> dict:
    """Counts and rates only: what a programme manager may see. No note, no name."""
    households = Household.objects.all()
    sessions = GalsSession.objects.all()
    if camps is not None:
        households = households.filter(camp__in=camps)
        sessions = sessions.filter(camp__in=camps)
    household_count = households.count()
    attended = (
        SessionAttendance.objects.filter(member__household__in=households, present=True)
        .values("member__household_id").distinct().count()
    )
    marks = SessionAttendance.objects.filter(session__in=sessions)
    present = marks.filter(present=True).count()
    commitments = Commitment.objects.filter(household__in=households)
    followed = FollowUp.objects.filter(commitment__in=commitments)
    last_status: dict[int, str] = {}
    for commitment_id, status in followed.order_by("checked_on", "pk").values_list(
        "commitment_id", "status"
    ):
        last_status[commitment_id] = status
    achieved = sum(1 for s in last_status.values() if s == FollowUp.Status.ACHIEVED)
    partly = sum(1 for s in last_status.values() if s == FollowUp.Status.PARTLY)

    def rate(part: int, whole: int) -> int | None:
        return round(100 * part / whole) if whole else None

    return {
        "households": household_count,
        "sessions": sessions.count(),
        "households_attended": attended,
        "attendance_rate": rate(present, marks.count()),
        "commitments": commitments.count(),
        "followed_up": len(last_status),
        "achieved": achieved,
        "achieved_rate": rate(achieved, len(last_status)),
        "partly": partly,
        "shared_housework": _shared_housework(households),
    }


def _shared_housework(households) -> dict:
    """How many households share housework equally: at baseline and at the latest review."""
    readings = BalanceReading.objects.filter(household__in=households).order_by(
        "household_id", "recorded_on", "pk"
    ).values_list("household_id", "housework")
    first: dict[int, str] = {}
    last: dict[int, str] = {}
    for household_id, housework in readings:
        first.setdefault(household_id, housework)
        last[household_id] = housework
    return {
        "households": len(first),
        "baseline": sum(1 for h in first.values() if h == BalanceReading.Share.SHARED),
        "latest": sum(1 for h in last.values() if h == BalanceReading.Share.SHARED),
    }


# --- Parents' attitude survey ----------------------------------------------------------


def survey_items(language: str) -> list[AttitudeItem]:
    """The statements in use, in the reader's language (or the other, when untranslated)."""
    items = AttitudeItem.objects.filter(active=True).select_related("locale")
    chosen: dict = {}
    for item in items.order_by("sort_order", "pk"):
        key = item.translation_key
        if key not in chosen or item.locale.language_code == language:
            chosen[key] = item
    return sorted(chosen.values(), key=lambda item: (item.sort_order, item.pk))


@transaction.atomic
def submit_survey(household: Household, *, phase: str, respondent_role: str,
                  answers: dict, client_id: uuid.UUID, by) -> AttitudeResponse:
    """Store the answers under the household's code. Every statement needs an answer."""
    existing = _replayed(AttitudeResponse, client_id)
    if existing is not None:
        return existing
    if phase not in AttitudeResponse.Phase.values:
        raise ValidationError(_("Choose whether this is before or after the camp."))
    if respondent_role not in HouseholdMember.FamilyRole.values:
        raise ValidationError(_("Choose who in the family answers."))
    keys = {item.translation_key for item in AttitudeItem.objects.filter(active=True)}
    if set(answers) != keys or not all(value in range(1, 6) for value in answers.values()):
        raise ValidationError(_("Answer every statement from 1 to 5. Nothing was saved."))
    try:
        with transaction.atomic():
            response = AttitudeResponse.objects.create(
                household_code=household.code, phase=phase, respondent_role=respondent_role,
                submitted_at=timezone.now(), client_id=client_id,
            )
    except IntegrityError as error:
        raise ValidationError(
            _("This family member has already answered this survey. Nothing was changed.")
        ) from error
    AttitudeAnswer.objects.bulk_create(
        AttitudeAnswer(response=response, item_key=key, value=value)
        for key, value in answers.items()
    )
    audit.record(by, AuditEvent.Action.CREATED, household, attitude_survey=phase)
    return response


# --- Calendar feeds (registered with camp.calendar_sources in GalsConfig.ready) --------


def calendar_events(*, camp=None, facilitator=None) -> list:
    """Family sessions as calendar events: no family's name or data, only when and where."""
    from camp.calendar_sources import CalendarEvent

    if camp is not None:
        sessions = sessions_for_camp(camp)
    elif facilitator is not None:
        sessions = sessions_for_facilitator(facilitator)
    else:
        return []
    events = []
    for session in sessions.select_related("camp"):
        where = session.camp.title if session.camp_id else session.community
        events.append(CalendarEvent(
            uid=f"gals-session-{session.pk}",
            starts_at=session.starts_at,
            ends_at=session_end(session),
            summary=_("Family session (GALS): %(where)s") % {"where": where},
            location=session.venue,
            description=", ".join(session.tool_labels()),
        ))
    return events


def guardian_contacts(girl) -> list[tuple[str, str]]:
    """(name and role, phone) of the adults of her households who have an account with
    a phone number: offered as the emergency contact on her card (camp.care)."""
    members = HouseholdMember.objects.filter(
        household__girls=girl, user__isnull=False,
    ).exclude(family_role=HouseholdMember.FamilyRole.GIRL).exclude(user__phone="").select_related(
        "user").order_by("pk")
    return [
        (f"{member.name or member.user.first_name} ({member.get_family_role_display()})",
         member.user.phone)
        for member in members
    ]
