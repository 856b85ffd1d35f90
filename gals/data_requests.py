"""A family's request for a daughter's data: a copy of it, or its erasure.

A guardian asks from her family page; the request is due ``DATA_REQUEST_DAYS`` days
later (seven by default: Kyrgyz law on personal information wants it answered in
time) and stays on the list of those who answer it until one of them does. Those are
the people who may export or anonymise the girl (``camp.export_girl`` and
``camp.anonymise_girl``): the administrators and her camp's own facilitators, never a
programme manager, who may not see a child's record. Answering *is* the export or the
anonymisation (``cms.core.personal_data``), with its written reason in the audit log.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from camp.models import Enrolment
from cms.core.audit import clean_reason, record
from cms.core.models import AuditEvent
from cms.core.permissions import can
from cms.core.personal_data import anonymise_girl, export_girl

from .models import DataRequest

#: The rule that answering each kind of request needs, on one of the girl's enrolments.
ANSWER_RULES = {
    DataRequest.Kind.EXPORT: "camp.export_girl",
    DataRequest.Kind.ERASE: "camp.anonymise_girl",
}


def due_on(today: datetime.date | None = None) -> datetime.date:
    return (today or timezone.localdate()) + datetime.timedelta(
        days=settings.DATA_REQUEST_DAYS
    )


def ask(girl, kind: str, by) -> tuple[DataRequest, bool]:
    """The guardian's request; (the request, True) when new, or the one already open
    for the same thing (False): asking twice makes one request, not two."""
    if kind not in DataRequest.Kind.values:
        raise ValidationError(_("Choose what you ask for."))
    if girl.anonymised_at:
        raise ValidationError(_("Her data is already erased."))
    with transaction.atomic():
        existing = DataRequest.objects.select_for_update().filter(
            girl=girl, kind=kind, answered_at__isnull=True
        ).first()
        if existing:
            return existing, False
        data_request = DataRequest.objects.create(
            girl=girl, kind=kind, requested_by=by, due_on=due_on()
        )
        record(by, AuditEvent.Action.CREATED, data_request, kind=kind)
    return data_request, True


def requests_of(girl) -> list[DataRequest]:
    """Her family's requests, newest first (shown on the family page)."""
    return list(DataRequest.objects.filter(girl=girl).order_by("-requested_at"))


def may_answer(user, data_request: DataRequest) -> bool:
    """The one definition: whoever may export (or anonymise) the girl in one of her camps;
    an administrator also when she is in no camp."""
    if data_request is None or not getattr(user, "pk", None):
        return False
    if user.is_superuser:
        return True
    action = ANSWER_RULES[data_request.kind]
    enrolments = Enrolment.objects.filter(learner_id=data_request.girl_id).select_related(
        "camp"
    )
    return any(can(user, action, enrolment) for enrolment in enrolments)


def answerable(user) -> QuerySet[DataRequest]:
    """The requests ``user`` answers: the queryset twin of ``may_answer`` (both rules
    there are ``camp.accounts.rules.looks_after``: her camp's facilitators)."""
    if not getattr(user, "pk", None):
        return DataRequest.objects.none()
    if user.is_superuser:
        return DataRequest.objects.all()
    return DataRequest.objects.filter(
        girl__in=Enrolment.objects.looked_after_by(user).values("learner")
    )


def open_requests(user) -> list[DataRequest]:
    """Unanswered requests ``user`` answers: overdue first, then by due date."""
    return list(
        answerable(user).filter(answered_at__isnull=True)
        .select_related("girl", "requested_by").order_by("due_on", "requested_at", "pk")
    )


def _reason(data_request: DataRequest, reason: str) -> str:
    return clean_reason(f"data request #{data_request.pk}: {clean_reason(reason)}")


def _answered(data_request: DataRequest, by) -> None:
    data_request.answered_at = timezone.now()
    data_request.answered_by = by
    data_request.save(update_fields=["answered_at", "answered_by"])
    record(by, AuditEvent.Action.CHANGED, data_request, answered=data_request.kind)


def _open(data_request: DataRequest) -> DataRequest:
    locked = DataRequest.objects.select_for_update().get(pk=data_request.pk)
    if not locked.is_open:
        raise ValidationError(_("This request is already answered."))
    return locked


@transaction.atomic
def answer_export(data_request: DataRequest, by, *, reason: str) -> bytes:
    """The ZIP of everything about her (``cms.core.personal_data.export_girl``), and the
    request marked answered; the reason names the request."""
    if data_request.kind != DataRequest.Kind.EXPORT:
        raise ValidationError(_("This request asks for something else."))
    data_request = _open(data_request)
    data = export_girl(data_request.girl, by, reason=_reason(data_request, reason))
    _answered(data_request, by)
    return data


@transaction.atomic
def answer_erasure(data_request: DataRequest, by, *, reason: str) -> dict:
    """Anonymise her (``cms.core.personal_data.anonymise_girl``) and mark the request answered."""
    if data_request.kind != DataRequest.Kind.ERASE:
        raise ValidationError(_("This request asks for something else."))
    data_request = _open(data_request)
    report = anonymise_girl(data_request.girl, by, reason=_reason(data_request, reason))
    _answered(data_request, by)
    return report
