"""Does a girl have the consent (and her own assent) that a feature needs?"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .audit import record
from .models import AuditEvent, Consent


def has_consent(learner, scope: str) -> bool:
    """True when both the guardian's consent and the girl's assent for ``scope`` stand."""
    today = timezone.localdate()
    kinds = set(
        Consent.objects.filter(learner=learner, scope=scope, given_on__lte=today)
        .filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=today))
        .values_list("kind", flat=True)
    )
    return kinds >= {Consent.Kind.GUARDIAN, Consent.Kind.ASSENT}


def record_consent(learner, scope: str, kind: str, given_on, by) -> Consent:
    """Record (or renew) the guardian's consent or the girl's assent for ``scope``.

    A consent given again after a withdrawal stands again from ``given_on``.
    The date is the day it was given on paper, never in the future.
    """
    if scope not in Consent.Scope.values or kind not in Consent.Kind.values:
        raise ValidationError(_("Choose what the consent is for and who gave it."))
    if given_on > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."))
    consent, _created = Consent.objects.update_or_create(
        learner=learner, scope=scope, kind=kind,
        defaults={"given_on": given_on, "recorded_by": by, "withdrawn_on": None},
    )
    record(by, AuditEvent.Action.CONSENT, learner, scope=scope, kind=kind,
           given_on=given_on.isoformat())
    return consent


def withdraw_consent(learner, scope: str, kind: str, by) -> Consent | None:
    """Withdraw a standing consent or assent from today; returns it, or None if none stood."""
    today = timezone.localdate()
    consent = Consent.objects.filter(
        learner=learner, scope=scope, kind=kind, withdrawn_on__isnull=True
    ).first()
    if consent is None:
        return None
    consent.withdrawn_on = today
    consent.recorded_by = by
    consent.save(update_fields=["withdrawn_on", "recorded_by"])
    record(by, AuditEvent.Action.CONSENT, learner, scope=scope, kind=kind,
           withdrawn_on=today.isoformat())
    return consent


def consent_table(learner) -> list[dict]:
    """For each scope: the guardian's consent and the girl's assent as they stand."""
    today = timezone.localdate()
    found = {(c.scope, c.kind): c for c in Consent.objects.filter(learner=learner)}
    table = []
    for scope, scope_label in Consent.Scope.choices:
        row = {"scope": scope, "label": scope_label, "kinds": []}
        for kind, kind_label in Consent.Kind.choices:
            consent = found.get((scope, kind))
            standing = bool(
                consent and consent.given_on <= today
                and (consent.withdrawn_on is None or consent.withdrawn_on > today)
            )
            row["kinds"].append(
                {"kind": kind, "label": kind_label, "consent": consent, "standing": standing}
            )
        row["complete"] = all(k["standing"] for k in row["kinds"])
        table.append(row)
    return table


def standing_by_girl(learners) -> dict[int, set[tuple[str, str]]]:
    """Per girl: the (scope, kind) pairs that stand today (one query, for a class)."""
    today = timezone.localdate()
    found: dict[int, set[tuple[str, str]]] = {learner.pk: set() for learner in learners}
    for learner_id, scope, kind in (
        Consent.objects.filter(learner__in=list(found), given_on__lte=today)
        .filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=today))
        .values_list("learner_id", "scope", "kind")
    ):
        found[learner_id].add((scope, kind))
    return found


@transaction.atomic
def record_consents(learners, ticks: set[tuple[int, str, str]], given_on, by) -> int:
    """A whole sheet at once: each ticked (girl, scope, kind) that does not stand yet is
    recorded with ``given_on``; all or nothing. Returns how many were recorded."""
    by_pk = {learner.pk: learner for learner in learners}
    if any(learner_id not in by_pk for learner_id, _scope, _kind in ticks):
        raise ValidationError(_("This girl is not enrolled in this camp."))
    standing = standing_by_girl(by_pk.values())
    count = 0
    for learner_id, scope, kind in sorted(ticks):
        if (scope, kind) not in standing[learner_id]:
            record_consent(by_pk[learner_id], scope, kind, given_on, by)
            count += 1
    return count


def guardian_consents(learner) -> list[dict]:
    """For the family's page: each scope with the guardian's consent as it stands, its
    date and who recorded it (or withdrew it)."""
    return [
        # The scope's label (photos, surveys...) names the row, not the kind's own label
        # ("guardian's consent"), which every row would share.
        {**row["kinds"][0], "scope": row["scope"], "label": row["label"]}
        for row in consent_table(learner)
    ]
