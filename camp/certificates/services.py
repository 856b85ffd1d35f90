"""Issuing, overriding, revoking and reissuing certificates; looking one up by code.

Every change is checked here and refused with a translated ``ValidationError`` that
changes nothing; every change is written to the audit log.

A reissue keeps the code: the paper already handed out (and its QR code) stays
valid and shows what is true now; ``version`` counts the reissues. A certificate
that must stop being valid is revoked instead; revoking is final.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import Enum

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import hooks

from camp.models import Camp
from cms.core import audit
from cms.core.models import AuditEvent

from . import codes, signing
from .eligibility import Standing, standing_of, standings
from .models import Certificate, Override

LANGUAGES = {code for code, _name in settings.LANGUAGES}


_clean_reason = audit.clean_reason


def _check_language(language: str | None, camp: Camp) -> str:
    language = language or camp.language
    if language not in LANGUAGES:
        raise ValidationError(_("Choose Kyrgyz or Russian."))
    return language


@transaction.atomic
def grant_override(camp: Camp, learner, reason: str, *, by) -> Override:
    """She gets a certificate although she missed the rules; the reason is audited."""
    reason = _clean_reason(reason)
    standing = standing_of(camp, learner)
    if standing is None:
        raise ValidationError(_("She is not enrolled in this camp."))
    if standing.meets_rules:
        raise ValidationError(_("She already meets the rules: no override is needed."))
    if standing.override is not None:
        raise ValidationError(_("A certificate was already granted to her by override."))
    override = Override.objects.create(camp=camp, learner=learner, reason=reason, decided_by=by)
    audit.record(
        by, AuditEvent.Action.OVERRIDE, override, camp=camp.pk, learner=learner.pk,
        reason=reason, missed=standing.reasons,
    )
    return override


def _create(camp: Camp, standing: Standing, *, by, language: str) -> Certificate | None:
    try:
        with transaction.atomic():
            certificate = Certificate(
                camp=camp,
                learner=standing.learner,
                language=language,
                issued_on=timezone.localdate(),
                issued_by=by,
                days_attended=standing.days_attended,
                tracks=standing.tracks,
                overridden=not standing.meets_rules,
            )
            signing.sign(certificate, today=certificate.issued_on)
            certificate.save(force_insert=True)
    except IntegrityError:
        # Issued a moment ago by someone else (or a double click): nothing to add.
        return None
    audit.record(
        by, AuditEvent.Action.CREATED, certificate, camp=camp.pk,
        learner=standing.learner.pk, override=certificate.overridden,
    )
    return certificate


def issue_for_camp(camp: Camp, *, by, language: str | None = None) -> list[Certificate]:
    """A certificate for every girl who may receive one and has none yet.

    Running it twice adds nothing; girls who do not meet the rules (and have no
    override) get nothing. Returns the certificates made now.
    """
    language = _check_language(language, camp)
    made = []
    for standing in standings(camp):
        if standing.may_receive and standing.certificate is None:
            certificate = _create(camp, standing, by=by, language=language)
            if certificate:
                made.append(certificate)
    return made


@transaction.atomic
def grant_override_and_issue(camp: Camp, learner, reason: str, *, by,
                             language: str | None = None) -> Certificate:
    """The override and her certificate in one step, from the override screen: both or
    neither."""
    grant_override(camp, learner, reason, by=by)
    return issue_one(camp, learner, by=by, language=language)


def issue_one(camp: Camp, learner, *, by, language: str | None = None) -> Certificate:
    """One girl's certificate, refused with the reasons when she may not receive it."""
    language = _check_language(language, camp)
    standing = standing_of(camp, learner)
    if standing is None:
        raise ValidationError(_("She is not enrolled in this camp."))
    if standing.certificate is not None:
        return standing.certificate
    if not standing.may_receive:
        raise ValidationError(standing.reasons)
    return _create(camp, standing, by=by, language=language) or Certificate.objects.get(
        camp=camp, learner=learner
    )


@transaction.atomic
def revoke(certificate, reason: str, *, by):
    """It stops being valid; the verification page says so, with the date.

    Also revokes a family's certificate (``gals.certificates.revoke``, after its own
    rule): any model with ``revoked_on``, ``revoked_reason`` and ``is_revoked``.
    """
    reason = _clean_reason(reason)
    certificate = type(certificate).objects.select_for_update().get(pk=certificate.pk)
    if certificate.is_revoked:
        raise ValidationError(_("This certificate is already revoked."))
    certificate.revoked_on = timezone.localdate()
    certificate.revoked_reason = reason
    certificate.save(update_fields=["revoked_on", "revoked_reason"])
    audit.record(by, AuditEvent.Action.CHANGED, certificate, change="revoked", reason=reason)
    return certificate


@transaction.atomic
def reissue(certificate: Certificate, *, by, language: str | None = None) -> Certificate:
    """Print it again with today's facts (days, tracks, name, language); same code."""
    certificate = Certificate.objects.select_for_update().select_related("camp").get(
        pk=certificate.pk
    )
    if certificate.is_revoked:
        raise ValidationError(_("A revoked certificate cannot be reissued."))
    language = _check_language(language or certificate.language, certificate.camp)
    standing = standing_of(certificate.camp, certificate.learner)
    before = {"language": certificate.language, "days": certificate.days_attended,
              "tracks": certificate.tracks, "version": certificate.version}
    if standing is not None:
        certificate.days_attended = standing.days_attended
        certificate.tracks = standing.tracks
    certificate.language = language
    certificate.version += 1
    signing.sign(certificate, today=timezone.localdate())
    certificate.save(update_fields=["days_attended", "tracks", "language", "version",
                                    *signing.SIGNATURE_FIELDS])
    audit.record(
        by, AuditEvent.Action.CHANGED, certificate, change="reissued", before=before,
        version=certificate.version, language=language,
    )
    return certificate


# --- Verification -------------------------------------------------------------------


class Outcome(Enum):
    VALID = "valid"
    REVOKED = "revoked"
    #: Found, but its stored facts do not match its signature (changed in the database).
    NOT_VALID = "not_valid"
    #: Signed with a key this site does not publish.
    UNKNOWN_KEY = "unknown_key"
    NOT_FOUND = "not_found"
    MALFORMED = "malformed"
    TYPO = "typo"


@dataclass
class Verification:
    outcome: Outcome
    certificate: Certificate | None = None
    first_day: datetime.date | None = None
    last_day: datetime.date | None = None
    #: "camp" for a girl's camp certificate, "family" for a household's GALS one.
    kind: str = "camp"
    #: The published key whose signature matches (a camp certificate that is valid).
    key: signing.PublicKey | None = None


#: Other certificates checked on the same page (a household's GALS certificate):
#: camp may not import gals, so gals answers through this Wagtail hook, a lookup
#: ``code -> Verification | None`` (gals/wagtail_hooks.py).
OTHER_LOOKUPS = "camp_certificate_lookups"


def verify(typed: str) -> Verification:
    """What the verification page says about ``typed``: nothing but the outcome and
    the few facts a reader may see."""
    code, problem = codes.parse(typed)
    if problem is codes.Problem.MALFORMED:
        return Verification(Outcome.MALFORMED)
    if problem is codes.Problem.TYPO:
        return Verification(Outcome.TYPO)
    certificate = (
        Certificate.objects.select_related("learner", "camp__school__district__region")
        .filter(code=code)
        .first()
    )
    if certificate is None:
        for lookup in hooks.get_hooks(OTHER_LOOKUPS):
            found = lookup(code)
            if found is not None:
                return found
        return Verification(Outcome.NOT_FOUND)
    span = camp_span(certificate.camp)
    if certificate.is_revoked:
        return Verification(Outcome.REVOKED, certificate, *span)
    signed, key = signing.check(certificate)
    if signed is signing.Check.SIGNED:
        return Verification(Outcome.VALID, certificate, *span, key=key)
    if signed is signing.Check.UNKNOWN_KEY:
        return Verification(Outcome.UNKNOWN_KEY, certificate, *span)
    return Verification(Outcome.NOT_VALID, certificate, *span)


def camp_span(camp: Camp) -> tuple[datetime.date, datetime.date]:
    """The camp's first and last day (its start date when it has no days)."""
    span = camp.days.aggregate(first=Min("date"), last=Max("date"))
    return span["first"] or camp.start_date, span["last"] or camp.start_date
