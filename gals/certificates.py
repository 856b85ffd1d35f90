"""A household's GALS participation certificate: who earns it, issuing, its PDF and its
line on the public verification page.

A household earns it after attending the number of family sessions set in the
certificate settings (3 unless an administrator changes it). It is printed in the
girls' certificate design and checked on the same page with the same kind of code.

Signed as a girl's certificate is (``camp.certificates.signing``: the same key, the same
published keys, the same answers on the verification page): an Ed25519 signature over a
fixed-order compact JSON array of what the page and the paper show,
``["tc-family-1","<key id>","<code>",["<girl>",...],"<village>","<region ky>",
"<region ru>","<first session>","<last session>",<sessions>,"<language>","<issued on>",
"<signed on>"]`` (the order of ``FIELDS``).

Its QR code carries a second signature over what the paper prints (``FAMILY_QR``: the
girls' first names and initials as the paper writes them, the village, the sessions and
their dates), packed after ``#`` as a girl's is (``camp.certificates.qr``), so the
offline checker reads both kinds.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Min
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from camp.certificates import qr, rendering, signing
from camp.certificates import services as certificate_services
from camp.certificates.services import Outcome, Verification
from cms.core import audit, pdf
from cms.core.models import AuditEvent
from cms.core.permissions import require

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
    first, last = session_span(household)
    try:
        with transaction.atomic():
            certificate = FamilyCertificate(
                household=household, language=language, issued_on=timezone.localdate(),
                issued_by=by, sessions_attended=standing.attended,
                first_session=first, last_session=last,
            )
            sign(certificate, today=timezone.localdate())
            certificate.save()
            audit.record(by, AuditEvent.Action.CREATED, certificate,
                         household=household.pk)
    except IntegrityError:  # issued at the same moment by another facilitator
        return FamilyCertificate.objects.get(household=household)
    return certificate


@transaction.atomic
def revoke(certificate: FamilyCertificate, reason: str, *, by) -> FamilyCertificate:
    """It stops being valid, as a girl's certificate does (the same steps and audit row):
    the verification page, the published status list and the offline checker say so.
    Refused, changing nothing, without ``gals.revoke_certificate``, without a reason or
    when it is already revoked."""
    require(by, "gals.revoke_certificate", certificate)
    return certificate_services.revoke(certificate, reason, by=by)


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
    first, last = certificate.first_session, certificate.last_session
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
            "qr": pdf.qr_src(address, fragment(certificate),
                             max_version=rendering.QR_MAX_VERSION),
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
    #: What its QR code carries today, for the page's script to compare with the paper's.
    paper: dict | None = None


def lookup(code: str) -> Verification | None:
    """The verification page's answer for a family certificate code (None: not ours)."""
    certificate = (FamilyCertificate.objects.select_related(
        "household__camp__school__district__region").filter(code=code).first())
    if certificate is None:
        return None
    household = certificate.household
    first, last = certificate.first_session, certificate.last_session
    facts = FamilyFacts(holder_name(household), place_of(household),
                        certificate.sessions_attended, certificate.revoked_on,
                        certificate.display_code,
                        compact_facts(signed_facts(certificate)))
    if certificate.is_revoked:
        return Verification(Outcome.REVOKED, facts, first, last, kind="family")
    signed, key = check(certificate)
    if signed is signing.Check.SIGNED:
        return Verification(Outcome.VALID, facts, first, last, kind="family", key=key)
    if signed is signing.Check.UNKNOWN_KEY:
        return Verification(Outcome.UNKNOWN_KEY, facts, kind="family")
    return Verification(Outcome.NOT_VALID, facts, kind="family")


def revoked() -> list[tuple[str, datetime.date]]:
    """The revoked family certificates' codes and days, for the published status list
    the offline checker keeps."""
    return list(FamilyCertificate.objects.filter(revoked_on__isnull=False)
                .values_list("code", "revoked_on"))


# --- The signature ------------------------------------------------------------------

#: Changes when the list of signed facts changes; old signatures keep their own tag.
FORMAT = "tc-family-1"
FIELDS = (
    "code", "girls", "village", "region_ky", "region_ru", "first_day", "last_day",
    "sessions_attended", "language", "issued_on", "signed_on",
)
SIGNATURE_FIELDS = ["signed_on", "key_id", "signature", "qr_signature"]

#: What the QR code carries, signed on its own: only what the paper prints. Frozen once
#: papers are printed with it; a change is a new tag and byte.
FAMILY_QR = qr.Layout(
    kind="family", tag="tc-fqr-1", byte=2,
    fields=("code", "girls", "village", "first_day", "last_day", "sessions_attended",
            "language", "signed_on"),
    head=("flags", "sessions_attended"), days=("first_day", "last_day", "signed_on"),
    texts=("girls", "village"),
)
qr.register(FAMILY_QR)
#: Longest texts carried; longer ones end in "…" so the code stays at version 10.
QR_LIMITS = {"girls": 60, "village": 24}


def signed_facts(certificate: FamilyCertificate) -> dict:
    """What the signature covers: what the verification page and the paper show (the
    girls' first names and initials, the place, the sessions), never a surname."""
    household = certificate.household
    camp = household.camp
    school = camp.school if camp is not None else None
    region = school.district.region if school is not None else None
    return {
        "code": certificate.code,
        "girls": [_girl_name(girl) for girl in household.girls.order_by("first_name", "pk")],
        "village": school.village if school is not None else "",
        "region_ky": region.name_ky if region is not None else "",
        "region_ru": region.name_ru if region is not None else "",
        "first_day": _iso(certificate.first_session),
        "last_day": _iso(certificate.last_session),
        "sessions_attended": certificate.sessions_attended,
        "language": certificate.language,
        "issued_on": _iso(certificate.issued_on),
        "signed_on": _iso(certificate.signed_on),
    }


def compact_facts(full: dict) -> dict:
    """``signed_facts`` cut down to what the QR code carries: the girls as the paper
    names them ("Айгүл К., Бегимай Т."), no region, no issuing day."""
    return {
        "code": full["code"],
        "girls": qr.cut(", ".join(full["girls"]), QR_LIMITS["girls"]),
        "village": qr.cut(full["village"], QR_LIMITS["village"]),
        "first_day": full["first_day"],
        "last_day": full["last_day"],
        "sessions_attended": full["sessions_attended"],
        "language": full["language"],
        "signed_on": full["signed_on"],
    }


def fragment(certificate: FamilyCertificate) -> str:
    """What follows ``#`` in the QR code's address; empty without a compact signature
    or when a fact does not fit the carried form (no session dates)."""
    if not certificate.qr_signature or not certificate.key_id:
        return ""
    try:
        return qr.pack(certificate.key_id, signing.unb64(certificate.qr_signature),
                       compact_facts(signed_facts(certificate)), FAMILY_QR)
    except (ValueError, TypeError):
        return ""


def _girl_name(girl) -> str:
    """As ``User.display_name`` prints it, from the fields alone (a migration signs too)."""
    initial = f" {girl.last_name[:1]}." if girl.last_name else ""
    return f"{girl.first_name or girl.username}{initial}"


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def canonical(key_id: str, values: dict) -> bytes:
    return json.dumps(
        [FORMAT, key_id, *(values[name] for name in FIELDS)],
        ensure_ascii=False, separators=(",", ":"),
    ).encode("utf-8")


def sign(certificate: FamilyCertificate, *, today: datetime.date) -> None:
    """Fill in ``signed_on``, ``key_id``, ``signature`` and the QR code's
    ``qr_signature`` with the site's key (the one that signs the girls' certificates);
    the caller saves."""
    key = signing.private_key()
    certificate.signed_on = today
    certificate.key_id = signing.key_id_of(key.public_key())
    values = signed_facts(certificate)
    certificate.signature = signing.b64(key.sign(canonical(certificate.key_id, values)))
    certificate.qr_signature = signing.b64(
        key.sign(qr.canonical(certificate.key_id, compact_facts(values), FAMILY_QR)))


def check(certificate: FamilyCertificate) -> tuple[signing.Check, signing.PublicKey | None]:
    """Do the stored facts match the stored signature, under a key the site publishes?
    The same answers as a girl's certificate (``signing.check``)."""
    if not certificate.signature or not certificate.signed_on:
        return signing.Check.UNSIGNED, None
    key = signing.public_keys().get(certificate.key_id)
    if key is None:
        return signing.Check.UNKNOWN_KEY, None
    if not key.covers(certificate.signed_on):
        return signing.Check.TAMPERED, key
    values = signed_facts(certificate)
    try:
        key.public.verify(signing.unb64(certificate.signature),
                          canonical(certificate.key_id, values))
        # The paper's QR code carries the compact form: it must match too.
        key.public.verify(signing.unb64(certificate.qr_signature),
                          qr.canonical(certificate.key_id, compact_facts(values), FAMILY_QR))
    except (InvalidSignature, ValueError):
        return signing.Check.TAMPERED, key
    return signing.Check.SIGNED, key
