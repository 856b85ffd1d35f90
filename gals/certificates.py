"""A household's GALS participation certificate: who earns it, issuing, its PDF and its
line on the public verification page.

A household earns it after attending the number of family sessions set in the
certificate settings (3 unless an administrator changes it). It is printed in the
girls' certificate design and checked on the same page with the same kind of code.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Min
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from camp.certificates import rendering
from camp.certificates.services import Outcome, Verification
from cms import audit, pdf
from cms.models import AuditEvent

from .models import FamilyCertificate, Household, SessionAttendance


@dataclass(frozen=True)
class FamilyStanding:
    attended: int
    required: int

    @property
    def eligible(self) -> bool:
        return self.attended >= self.required


def required_sessions() -> int:
    return rendering.site_settings().family_sessions_required


def standing_of(household: Household) -> FamilyStanding:
    from . import services

    return FamilyStanding(services.sessions_attended(household), required_sessions())


def holder_name(household: Household) -> str:
    """"Family: Айгүл К." - the girls' first names and initials, never a surname."""
    girls = ", ".join(girl.display_name for girl in household.girls.order_by("first_name", "pk"))
    return _("Family: %(girls)s") % {"girls": girls or household.code}


def issue(household: Household, *, by, language: str) -> FamilyCertificate:
    """Issue the household's certificate, once; refused (nothing changes) when the family
    has not attended enough sessions yet."""
    existing = FamilyCertificate.objects.filter(household=household).first()
    if existing is not None:
        return existing
    standing = standing_of(household)
    if not standing.eligible:
        raise ValidationError(
            _("This family has attended %(attended)d of the %(required)d sessions needed "
              "for a certificate.") % {"attended": standing.attended,
                                       "required": standing.required})
    try:
        with transaction.atomic():
            certificate = FamilyCertificate.objects.create(
                household=household, language=language, issued_on=timezone.localdate(),
                issued_by=by, sessions_attended=standing.attended,
            )
            audit.record(by, AuditEvent.Action.CREATED, certificate,
                         household=household.pk)
    except IntegrityError:  # issued at the same moment by another facilitator
        return FamilyCertificate.objects.get(household=household)
    return certificate


def session_span(household: Household) -> tuple[datetime.date | None, datetime.date | None]:
    """The dates of the first and last session the family attended."""
    span = SessionAttendance.objects.filter(
        member__household=household, present=True
    ).aggregate(first=Min("session__starts_at"), last=Max("session__starts_at"))
    local = [timezone.localtime(value).date() if value else None
             for value in (span["first"], span["last"])]
    return local[0], local[1]


def place_of(household: Household) -> str:
    camp = household.camp
    if camp is None:
        return ""
    school = camp.school
    return ", ".join(p for p in (school.village, school.district.region.name) if p)


def certificate_pdf(certificate: FamilyCertificate) -> bytes:
    """The family's certificate, A4 landscape, in its language."""
    household = certificate.household
    setting = rendering.site_settings()
    first, last = session_span(household)
    address = rendering.verify_url(certificate)
    with translation.override(certificate.language):
        page = render_to_string("certificates/pdf_family_page.html", {
            "language": certificate.language,
            "organisation": setting.organisation,
            "logos": [rendering.logo_uri(image) for image in setting.logos()],
            "name": holder_name(household),
            "name_size": rendering.name_size(holder_name(household)),
            "place": place_of(household),
            "first_day": first, "last_day": last,
            "sessions": certificate.sessions_attended,
            "facilitator": _facilitator_name(certificate),
            "partner_name": setting.partner_name,
            "partner_signatory": setting.partner_signatory,
            "issued_on": certificate.issued_on,
            "code": certificate.display_code,
            "verify_url": address,
            "qr": pdf.qr_src(address),
        })
    return rendering.print_pages([page], certificate.display_code)[0]


def _facilitator_name(certificate: FamilyCertificate) -> str:
    person = certificate.issued_by
    if person is None:
        return ""
    return person.get_full_name() or person.display_name


@dataclass
class FamilyFacts:
    """What the verification page may show about a family's certificate."""

    holder: str
    place: str
    sessions_attended: int
    revoked_on: datetime.date | None
    display_code: str


def lookup(code: str) -> Verification | None:
    """The verification page's answer for a family certificate code (None: not ours)."""
    certificate = (FamilyCertificate.objects.select_related(
        "household__camp__school__district__region").filter(code=code).first())
    if certificate is None:
        return None
    household = certificate.household
    first, last = session_span(household)
    facts = FamilyFacts(holder_name(household), place_of(household),
                        certificate.sessions_attended, certificate.revoked_on,
                        certificate.display_code)
    outcome = Outcome.REVOKED if certificate.is_revoked else Outcome.VALID
    return Verification(outcome, facts, first, last, kind="family")
