"""Writing the restricted care records: each write is atomic, with its audit row.

The audit rows name the record by type and number (``care.concern #12``) and carry
no text of it, so the log never repeats what a concern says."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.core.audit import record
from cms.core.models import AuditEvent, Consent

from .models import Concern, EmergencyCard, FollowUp, HealthFact, HelpRequest


def _text(value: str | None, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(message)
    return value


@transaction.atomic
def record_concern(enrolment, by, *, what: str, happened_on: datetime.date, told: str = "",
                   action_taken: str = "") -> Concern:
    """A concern about the girl of ``enrolment``, written by ``by``."""
    what = _text(what, _("Write what was seen or said."))
    if happened_on is None:
        raise ValidationError(_("Write when it happened."))
    if happened_on > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."))
    concern = Concern.objects.create(
        learner=enrolment.learner, camp=enrolment.camp, recorded_by=by, what=what,
        happened_on=happened_on, told=(told or "").strip(),
        action_taken=(action_taken or "").strip(),
    )
    record(by, AuditEvent.Action.CREATED, concern)
    return concern


@transaction.atomic
def follow_up(concern: Concern, by, *, text: str, close: bool = False) -> FollowUp | None:
    """The lead's note on a concern; ``close`` closes it after the note. A closed
    concern takes no more notes."""
    if concern.status == Concern.Status.CLOSED:
        raise ValidationError(_("This concern is closed."))
    text = (text or "").strip()
    if not text and not close:
        raise ValidationError(_("Write what was done."))
    note = None
    if text:
        note = FollowUp.objects.create(concern=concern, author=by, text=text)
        record(by, AuditEvent.Action.CHANGED, concern, follow_up=note.pk)
    if close:
        concern.status = Concern.Status.CLOSED
        concern.closed_at = timezone.now()
        concern.closed_by = by
        concern.save(update_fields=["status", "closed_at", "closed_by"])
        record(by, AuditEvent.Action.CHANGED, concern, status=Concern.Status.CLOSED)
    return note


def viewed(user, subject) -> None:
    """A concern or a help request was opened."""
    record(user, AuditEvent.Action.VIEWED, subject)


def refused(user, action: str, subject) -> None:
    """An attempt to open a restricted record without the right: kept in the audit log
    (by the record's type and number) before the translated refusal is shown."""
    if subject is None or getattr(subject, "pk", None) is None:
        return
    record(user if getattr(user, "is_authenticated", False) else None,
           AuditEvent.Action.REFUSED, subject, asked=action)


def open_concerns():
    return (
        Concern.objects.filter(status=Concern.Status.OPEN)
        .select_related("learner", "camp", "recorded_by").order_by("created_at")
    )


def concerns_recorded_by(user):
    return Concern.objects.filter(recorded_by=user).select_related("learner", "camp")


# --- A girl's request for help ---------------------------------------------------------


@transaction.atomic
def ask_for_help(girl, *, message: str, share_with_facilitator: bool = False,
                 client_id=None) -> tuple[HelpRequest, bool]:
    """Her message to the safeguarding leads; the same ``client_id`` again (a retry)
    adds nothing. The audit row names the request, not her: the log's readers do not
    learn who asked."""
    message = (message or "").strip()
    if not message:
        raise ValidationError(_(
            "Write a few words, even one line, so that we know how to help you. "
            "You can also call %(number)s."
        ) % {"number": settings.CHILD_HELPLINE})
    if client_id is not None:
        existing = HelpRequest.objects.filter(client_id=client_id).first()
        if existing is not None:
            if existing.learner_id != girl.pk:
                raise ValidationError(_("This was saved on the phone by another person."))
            return existing, False
    help_request = HelpRequest.objects.create(
        learner=girl, message=message, share_with_facilitator=share_with_facilitator,
        **({"client_id": client_id} if client_id is not None else {}),
    )
    record(None, AuditEvent.Action.CREATED, help_request)
    return help_request, True


@transaction.atomic
def mark_answered(help_request: HelpRequest, by) -> None:
    if help_request.status == HelpRequest.Status.ANSWERED:
        return
    help_request.status = HelpRequest.Status.ANSWERED
    help_request.answered_at = timezone.now()
    help_request.answered_by = by
    help_request.save(update_fields=["status", "answered_at", "answered_by"])
    record(by, AuditEvent.Action.CHANGED, help_request, status=HelpRequest.Status.ANSWERED)


def open_help_requests():
    return HelpRequest.objects.filter(status=HelpRequest.Status.OPEN).select_related(
        "learner").order_by("created_at")


def help_requests_shared_with(user):
    """Requests the girls of her camps chose to share with their facilitator."""
    from ..models import Enrolment

    girls = Enrolment.objects.in_camps_run_by(user).values("learner")
    return HelpRequest.objects.filter(
        share_with_facilitator=True, learner__in=girls
    ).select_related("learner")


# --- The emergency card ----------------------------------------------------------------

#: (health fact, track or None for every day) -> what to prepare.
DAY_ADVICE = [
    (HealthFact.ASTHMA, "soldering",
     gettext_lazy("Soldering day: turn the fume fan on, seat her away from the smoke, "
           "keep her inhaler at hand.")),
    (HealthFact.ASTHMA, "modelling",
     gettext_lazy("3D printing: keep the room aired; her inhaler at hand.")),
    (HealthFact.EPILEPSY, "programming",
     gettext_lazy("Screens all day: no flashing lights, breaks every half hour.")),
    (HealthFact.EPILEPSY, "soldering",
     gettext_lazy("Soldering day: she works with a partner and the iron in its stand.")),
    (HealthFact.ALLERGY, None, gettext_lazy("Check lunch and materials against her allergy.")),
    (HealthFact.DIABETES, None, gettext_lazy("Snacks and breaks on time.")),
    (HealthFact.MEDICINES, None, gettext_lazy("Her medicines at the right times.")),
]


def health_consent(girl) -> bool:
    """The guardian's consent to keep health facts on the card stands today."""
    today = timezone.localdate()
    return Consent.objects.filter(
        learner=girl, scope=Consent.Scope.HEALTH, kind=Consent.Kind.GUARDIAN,
        given_on__lte=today,
    ).filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=today)).exists()


def card_of(girl) -> EmergencyCard:
    card, _created = EmergencyCard.objects.get_or_create(learner=girl)
    return card


def card_viewed(user, card: EmergencyCard, **detail) -> None:
    record(user, AuditEvent.Action.VIEWED, card, **detail)


@transaction.atomic
def save_card(girl, by, *, contact_name: str, contact_phone: str, health: list[str],
              health_note: str) -> EmergencyCard:
    """Health facts are kept only with the guardian's consent (refused otherwise)."""
    health = [code for code in health if code in HealthFact.values]
    health_note = (health_note or "").strip()
    if (health or health_note) and not health_consent(girl):
        raise ValidationError(_(
            "Record the guardian's consent for health facts on her page first."
        ))
    card = card_of(girl)
    card.contact_name = (contact_name or "").strip()
    card.contact_phone = (contact_phone or "").strip()
    card.health = health
    card.health_note = health_note
    card.updated_by = by
    card.save()
    record(by, AuditEvent.Action.CHANGED, card)
    return card


def day_needs(camp, day) -> list[dict]:
    """Girls of the camp with health facts (consent standing), and what the day's
    lessons ask of them. Read only by the camp's facilitators (audited by the view)."""
    from courses.models import LessonPage

    tracks = set()
    if day.day_page_id:
        tracks = set(LessonPage.objects.child_of(day.day_page).values_list("track", flat=True))
    girls = [e.learner for e in camp.enrolments.enrolled()
             .select_related("learner").order_by("learner__first_name", "learner__pk")]
    cards = {c.learner_id: c for c in EmergencyCard.objects.filter(learner__in=girls)}
    consenting = set(Consent.objects.filter(
        learner__in=girls, scope=Consent.Scope.HEALTH, kind=Consent.Kind.GUARDIAN,
        given_on__lte=timezone.localdate(),
    ).filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=timezone.localdate()))
        .values_list("learner_id", flat=True))
    rows = []
    for girl in girls:
        card = cards.get(girl.pk)
        if card is None or girl.pk not in consenting or not (card.health or card.health_note):
            continue
        advice = [str(text) for fact, track, text in DAY_ADVICE
                  if fact in card.health and (track is None or track in tracks)]
        rows.append({"girl": girl, "card": card, "advice": advice})
    return rows
