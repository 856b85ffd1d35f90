"""Writing the audit log: one function, so every part of the site records alike."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import AuditEvent

REASON_MAX_LENGTH = 300


def clean_reason(reason: str | None) -> str:
    """The written reason for an act on a child's record, as the audit log keeps it;
    refused (translated) when there is none."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Write the reason: it is kept in the audit log."))
    return reason[:REASON_MAX_LENGTH]


def record(actor, action: str, subject, **detail) -> AuditEvent:
    """Log that ``actor`` did ``action`` to ``subject`` (any model instance).

    The label is the record's type and id, never a child's name, so the log can
    outlive the anonymisation of the person it is about.
    """
    event = _event(actor, action, subject, detail)
    event.save(force_insert=True)
    return event


def record_many(actor, entries: list[tuple[str, object, dict]]) -> list[AuditEvent]:
    """``record`` for many acts of one person at once, in one insert: a whole roll call
    of 30 girls is 30 rows written together, not 30 round trips. ``entries`` are
    (action, subject, detail)."""
    return AuditEvent.objects.bulk_create(
        [_event(actor, action, subject, detail) for action, subject, detail in entries]
    )


def _event(actor, action: str, subject, detail: dict) -> AuditEvent:
    return AuditEvent(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        subject_type=subject._meta.label_lower,
        subject_id=str(subject.pk),
        subject_label=f"{subject._meta.verbose_name} #{subject.pk}",
        detail=detail,
    )
