"""The certificate PDF (WeasyPrint): one girl's, or a whole camp's in one document.

WeasyPrint is fast when a process keeps its font configuration, its parsed
stylesheet and its image cache, and when a batch is one document of many pages;
this module keeps all three for the life of the process. Fonts are the system's
DejaVu Sans, embedded (subset) in every PDF, so ң ө ү print and copy as text.
Only our own files and data: URIs are ever fetched while rendering.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.db.models import Max, Min
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from camp.models import Camp, CampDay
from cms.core import pdf
from courses.models import Track

from . import qr
from .models import Certificate, CertificateSettings

ASSETS = Path(__file__).resolve().parent / "assets"
BASE_URL = ASSETS.as_uri() + "/"
#: Bump when the drawing of the page changes in a way the files below do not show.
DESIGN_VERSION = "2"

DESIGN = pdf.Design(ASSETS, stylesheet="certificate.css", user_agent="user-agent.css")
_logo_uris: dict[str, str] = {}


@lru_cache(maxsize=1)
def design_fingerprint() -> str:
    """A hash of everything that draws the page, so a kept batch goes stale with it."""
    digest = hashlib.sha256(DESIGN_VERSION.encode())
    for path in sorted(ASSETS.iterdir()):
        digest.update(path.read_bytes())
    for name in ("certificates/pdf_page.html", "certificates/pdf_document.html",
                 "certificates/_pdf_head.html", "certificates/_pdf_verify.html"):
        digest.update(Path(get_template(name).origin.name).read_bytes())
    return digest.hexdigest()


def name_size(name: str) -> float:
    """Large for a usual name; smaller as the name grows, so it always fits its box."""
    length = len(name)
    if length <= 24:
        return 36
    return max(13.0, round(36 * 24 / length, 1))


def verify_url(certificate) -> str:
    """The address the QR code opens, in the certificate's language (a girl's or a
    family's certificate: both have ``code`` and ``language``)."""
    with translation.override(certificate.language):
        path = reverse("certificates:verify_code", kwargs={"code": certificate.code})
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


#: The QR code's limits on paper: at most version 10 (57 modules), printed 30 mm wide
#: (templates' stylesheet), so a module is at least 0.52 mm.
QR_MAX_VERSION = 10


def qr_code(address: str, proof: str):
    """The QR code of the address and, after ``#``, the compact signed facts, at version
    10 or lower (``cms.core.pdf.qr_code``: without the proof if even error correction L does
    not fit it)."""
    return pdf.qr_code(address, proof, max_version=QR_MAX_VERSION)


def logo_uri(image) -> str:
    """A small PNG of an uploaded logo, as a data: URI, kept per process for the
    uploaded file (a new file is a new key), so that a certificate reads no rendition."""
    key = f"{image.pk}:{image.file.name}:{image.file_hash}"
    if key not in _logo_uris:
        rendition = image.get_rendition("max-600x240|format-png")
        with rendition.file.open("rb") as handle:
            data = base64.b64encode(handle.read()).decode()
        _logo_uris[key] = f"data:image/png;base64,{data}"
    return _logo_uris[key]


def site_settings() -> CertificateSettings:
    """The default site's certificate settings (a blank one when nothing is set): one
    query once they exist, as they do after the first certificate."""
    from wagtail.models import Site

    kept = CertificateSettings.objects.filter(site__is_default_site=True).order_by("pk").first()
    if kept is not None:
        return kept
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    if site is None:
        return CertificateSettings()
    return CertificateSettings.for_site(site)


def _load(certificates: Iterable[Certificate]) -> list[Certificate]:
    """The certificates with their girls, camps and places, each camp's first and last
    day and number of days, and its first facilitator, in three plain queries however
    many certificates. (One query with six subqueries was slower: Django spends more
    time writing its SQL than the three take together.)"""
    ids = [c.pk for c in certificates]
    rows = (
        Certificate.objects.filter(pk__in=ids)
        .select_related("learner", "camp__school__district__region")
        .order_by()  # put in the callers' order below, without the default's join
    )
    by_id = {c.pk: c for c in rows}
    camp_ids = {c.camp_id for c in by_id.values()}
    spans = {
        camp: (first, last, total) for camp, first, last, total in
        CampDay.objects.filter(camp_id__in=camp_ids).order_by().values("camp_id")
        .annotate(first=Min("date"), last=Max("date"), total=Max("number"))
        .values_list("camp_id", "first", "last", "total")
    }
    facilitators: dict[int, str] = {}
    for camp, first_name, last_name, username in (
        Camp.facilitators.through.objects.filter(camp_id__in=camp_ids).order_by("user_id")
        .values_list("camp_id", "user__first_name", "user__last_name", "user__username")
    ):
        # The first by account, as ``User.get_full_name`` or else the account's name.
        facilitators.setdefault(camp, f"{first_name} {last_name}".strip() or username)
    for certificate in by_id.values():
        start = certificate.camp.start_date
        first, last, total = spans.get(certificate.camp_id, (None, None, None))
        certificate.span = (first or start, last or start, total or 0)
        certificate.facilitator_name = facilitators.get(certificate.camp_id, "")
    return [by_id[pk] for pk in ids if pk in by_id]


def _facts(certificate: Certificate, options) -> dict:
    """What is printed on one certificate, independent of language (for the hash)."""
    camp = certificate.camp
    school = camp.school
    region = school.district.region
    first_day, last_day, days_total = certificate.span
    return {
        "code": certificate.code,
        "name": certificate.learner.display_name,
        "language": certificate.language,
        "camp_title": camp.title,
        "school": school.name,
        "village": school.village,
        "region": [region.name_ky, region.name_ru],
        "first_day": first_day.isoformat(),
        "last_day": last_day.isoformat(),
        "days_total": days_total,
        "days_attended": certificate.days_attended,
        "tracks": list(certificate.tracks),
        "issued_on": certificate.issued_on.isoformat(),
        "version": certificate.version,
        "facilitator": certificate.facilitator_name,
        "revoked": certificate.is_revoked,
        # The QR code's proof: a new signature is a new QR code.
        "proof": [certificate.key_id, certificate.qr_signature],
        **options,
    }


def _options(setting: CertificateSettings) -> dict:
    return {
        "organisation": setting.organisation,
        "partner_name": setting.partner_name,
        "partner_signatory": setting.partner_signatory,
        "logos": [logo.file.name for logo in setting.logos()],
        "base_url": settings.WAGTAILADMIN_BASE_URL,
    }


def _prepare(certificates: Iterable[Certificate], setting: CertificateSettings | None = None,
             ) -> tuple[list[Certificate], list[dict]]:
    certificates = _load(certificates)
    options = _options(setting or site_settings())
    return certificates, [_facts(certificate, options) for certificate in certificates]


def content_hash(certificates: Iterable[Certificate]) -> str:
    """Changes whenever anything printed on these certificates changes."""
    _certs, facts = _prepare(certificates)
    digest = hashlib.sha256(design_fingerprint().encode())
    digest.update(json.dumps(facts, sort_keys=True, ensure_ascii=False).encode())
    return digest.hexdigest()


def _page(certificate: Certificate, facts: dict, logos: list[str]) -> str:
    labels = dict(Track.choices)
    school = certificate.camp.school
    address = verify_url(certificate)
    span = (datetime.date.fromisoformat(facts["first_day"]),
            datetime.date.fromisoformat(facts["last_day"]))
    proof = qr.fragment(certificate, span)
    with translation.override(facts["language"]):
        region = school.district.region.name
        return render_to_string("certificates/pdf_page.html", {
            "language": facts["language"],
            "organisation": facts["organisation"],
            "logos": logos,
            "name": facts["name"],
            "name_size": name_size(facts["name"]),
            "camp_title": facts["camp_title"],
            "place": ", ".join(p for p in (school.name, school.village, region) if p),
            "first_day": datetime.date.fromisoformat(facts["first_day"]),
            "last_day": datetime.date.fromisoformat(facts["last_day"]),
            "days_attended": facts["days_attended"],
            "days_total": facts["days_total"],
            "tracks": [str(labels.get(t, t)) for t in facts["tracks"]],
            "facilitator": facts["facilitator"],
            "partner_name": facts["partner_name"],
            "partner_signatory": facts["partner_signatory"],
            "issued_on": certificate.issued_on,
            "version": facts["version"],
            "code": certificate.display_code,
            "verify_url": address,
            "qr": pdf.qr_src(address, proof, max_version=QR_MAX_VERSION),
        })


def pages(certificates: Iterable[Certificate]) -> list[str]:
    """Each certificate's page as HTML, in its own language."""
    setting = site_settings()  # read once: a query or two every time
    certificates, facts = _prepare(certificates, setting)
    logos = [logo_uri(image) for image in setting.logos()]
    return [_page(c, f, logos) for c, f in zip(certificates, facts, strict=True)]


def render(certificates: Iterable[Certificate], title: str = "", *,
           stats: pdf.PartStats | None = None) -> tuple[bytes, int]:
    """One PDF with a page for each certificate, in each one's own language."""
    return print_pages(pages(certificates), title or _("Certificates"), stats=stats)


def print_pages(pages: list[str], title: str, *, stats: pdf.PartStats | None = None,
                ) -> tuple[bytes, int]:
    """Pages drawn in the certificate design, as one PDF (the girls' and the families'
    certificates); a camp's batch is laid out in parts on every core."""

    def document(some_pages: list[str]) -> str:
        return render_to_string("certificates/pdf_document.html",
                                {"pages": some_pages, "title": title})

    return pdf.render_pages(pages, document, DESIGN, title=title, stats=stats)


def certificate_pdf(certificate: Certificate) -> bytes:
    return render([certificate], title=certificate.display_code)[0]
