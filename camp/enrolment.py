"""Enrolment: who has a place in a camp, who waits for one, and who left.

The one place that decides places. A camp never holds more enrolled girls than its
capacity; the others wait in the order they came and move up on their own as soon
as a place frees (a withdrawal, or more places). Every change is in the audit log.

Public API (used by the camp pages and by the bulk creation of girls' accounts):

    enrol(camp, learner, by) -> Enrolment          # a place, or the waiting list
    withdraw(enrolment, reason, by) -> Enrolment    # frees the place, moves the list up
    fill_free_places(camp, by) -> list[Enrolment]   # after the capacity grew
    enrolled_count(camp) -> int

Errors are ``EnrolmentError`` (a ValidationError with a translated message);
when one is raised, nothing was changed.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.core.audit import record
from cms.core.models import AuditEvent, Role

from .models import Camp, Enrolment

CLOSED_STATUSES = {Camp.Status.FINISHED, Camp.Status.CANCELLED}
REASON_MAX_LENGTH = 300


class EnrolmentError(ValidationError):
    """A rule of enrolment said no; the message is for the facilitator to read."""


def enrolled_count(camp: Camp) -> int:
    return camp.enrolments.enrolled().count()


def _locked(camp: Camp) -> Camp:
    """The camp row, locked for this transaction: two enrolments at once cannot
    both take the last place (PostgreSQL; SQLite writes one at a time anyway)."""
    return Camp.objects.select_for_update().get(pk=camp.pk)


def _check_can_enrol(camp: Camp, learner) -> None:
    if camp.status in CLOSED_STATUSES:
        raise EnrolmentError(
            _("This camp is %(status)s: nobody can be enrolled any more.")
            % {"status": camp.get_status_display()}
        )
    if learner is None or not learner.pk or not learner.is_active:
        raise EnrolmentError(_("This account does not exist or is switched off."))
    if not learner.has_role(Role.LEARNER):
        raise EnrolmentError(
            _("%(name)s has no learner account: only girls' accounts can be enrolled.")
            % {"name": learner.display_name}
        )


@transaction.atomic
def enrol(camp: Camp, learner, by) -> Enrolment:
    """Give ``learner`` a place in ``camp``, or a place on its waiting list when full.

    Enrolling a girl who is already enrolled or waiting changes nothing and returns
    her enrolment, so a repeated form or a re-imported list is harmless. A girl who
    had withdrawn comes back (to a place if there is one, else to the list).
    """
    camp = _locked(camp)  # the status checked is the one no one can change meanwhile
    _check_can_enrol(camp, learner)
    existing = Enrolment.objects.filter(camp=camp, learner=learner).first()
    if existing is not None and existing.status != Enrolment.Status.WITHDRAWN:
        return existing
    has_place = enrolled_count(camp) < camp.capacity
    status = Enrolment.Status.ENROLLED if has_place else Enrolment.Status.WAITING
    waiting_since = None if has_place else timezone.now()
    if existing is None:
        try:
            with transaction.atomic():
                enrolment = Enrolment.objects.create(
                    camp=camp, learner=learner, status=status, waiting_since=waiting_since
                )
        except IntegrityError:
            # Another request enrolled her a moment ago: hers stands.
            return Enrolment.objects.get(camp=camp, learner=learner)
        record(by, AuditEvent.Action.CREATED, enrolment, status=status, camp=camp.pk)
        return enrolment
    previous = existing.status
    existing.status = status
    existing.waiting_since = waiting_since
    existing.withdrawal_reason = ""
    existing.save(update_fields=["status", "waiting_since", "withdrawal_reason"])
    record(by, AuditEvent.Action.CHANGED, existing, before=previous, after=status, camp=camp.pk)
    return existing


@transaction.atomic
def enrol_all(camp: Camp, learners, by) -> list[Enrolment]:
    """Enrol a class: every girl, or (when one cannot be enrolled) none of them, so a
    facilitator who mends the bad line and sends the list again enrols nobody twice."""
    return [enrol(camp, learner, by) for learner in learners]


@transaction.atomic
def withdraw(enrolment: Enrolment, reason: str, by) -> Enrolment:
    """Take a girl out of the camp (or off its waiting list), with the reason why.

    Her place goes at once to the first girl on the waiting list.
    """
    reason = (reason or "").strip()
    if not reason:
        raise EnrolmentError(_("Write the reason for the withdrawal."))
    if len(reason) > REASON_MAX_LENGTH:
        raise EnrolmentError(
            _("The reason is too long: at most %(count)d characters.")
            % {"count": REASON_MAX_LENGTH}
        )
    camp = _locked(enrolment.camp)
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status == Enrolment.Status.WITHDRAWN:
        raise EnrolmentError(_("This girl has already been withdrawn."))
    previous = enrolment.status
    enrolment.status = Enrolment.Status.WITHDRAWN
    enrolment.withdrawal_reason = reason
    enrolment.waiting_since = None
    enrolment.save(update_fields=["status", "withdrawal_reason", "waiting_since"])
    record(
        by, AuditEvent.Action.CHANGED, enrolment,
        before=previous, after=Enrolment.Status.WITHDRAWN, reason=reason, camp=camp.pk,
    )
    fill_free_places(camp, by)
    return enrolment


def waiting_list(camp: Camp):
    """The girls waiting for a place, first come first."""
    return camp.enrolments.filter(status=Enrolment.Status.WAITING).order_by(
        "waiting_since", "pk"
    )


@transaction.atomic
def fill_free_places(camp: Camp, by) -> list[Enrolment]:
    """Move girls up from the waiting list while the camp has free places.

    Called after a withdrawal and after the capacity grew; returns who moved up.
    """
    camp = _locked(camp)
    if camp.status in CLOSED_STATUSES:
        return []
    free = camp.capacity - enrolled_count(camp)
    moved = []
    if free <= 0:
        return moved
    for enrolment in waiting_list(camp)[:free]:
        enrolment.status = Enrolment.Status.ENROLLED
        enrolment.waiting_since = None
        enrolment.save(update_fields=["status", "waiting_since"])
        record(
            by, AuditEvent.Action.CHANGED, enrolment,
            before=Enrolment.Status.WAITING, after=Enrolment.Status.ENROLLED,
            reason="place freed", camp=camp.pk,
        )
        moved.append(enrolment)
    return moved
