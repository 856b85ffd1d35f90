"""Certificates as Open Badges 3.0 credentials: the holder's download, the public copy
linked from the verification page, and the issuer's published documents.

Access: the download by id is for whoever may download the PDF
(``certificates.download``: her, her guardians, her camp's adults; never a revoked
one). The public copy is found by the certificate's code, the one already printed on
the paper and in its QR code; it says no more than the verification page does (first
name and initial, camp, village, region, dates) and shares that page's limit of
look-ups per address, so it opens no new way to guess at children's data.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cms.core import audit, throttle
from cms.core.client_address import client_ip
from cms.core.models import AuditEvent
from cms.core.permissions import require

from . import openbadges, published, services
from .models import Certificate

PROFILE_MAX_AGE = published.KEYS_MAX_AGE
STATUS_LIST_MAX_AGE = published.STATUS_MAX_AGE
#: The verification page's limit (``views.VERIFY_LIMIT``), counted under the same key.
VERIFY_LIMIT = getattr(settings, "CERTIFICATE_VERIFY_LIMIT", 60)
VERIFY_WINDOW = getattr(settings, "CERTIFICATE_VERIFY_WINDOW", 10 * 60)


def _language() -> str:
    language = get_language() or settings.LANGUAGE_CODE
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _credential_response(body: bytes, filename: str | None = None) -> HttpResponse:
    response = HttpResponse(body, content_type=openbadges.MEDIA_TYPE)
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
def download(request, certificate_id: int):
    """Her certificate as a signed credential, in the language of the page."""
    certificate = get_object_or_404(
        Certificate.objects.select_related("camp__school__district__region", "learner"),
        pk=certificate_id,
    )
    if certificate.is_revoked:
        raise Http404
    require(request.user, "certificates.download", certificate)
    try:
        document = openbadges.credential(certificate, _language())
    except openbadges.Unavailable:
        messages.error(request, _("This certificate cannot be saved as a digital badge "
                                  "now. Ask the programme for help."))
        return redirect("certificates:mine")
    if request.user.pk != certificate.learner_id:
        audit.record(request.user, AuditEvent.Action.EXPORTED, certificate, what="credential")
    response = _credential_response(openbadges.encode(document),
                                    f"certificate-{certificate.code}.json")
    response["Cache-Control"] = "private, no-store"
    return response


def _refusal(message: str, status: int) -> JsonResponse:
    response = JsonResponse({"error": message}, status=status,
                            json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "no-store"
    return response


def public(request, code: str):
    """The credential of a valid or revoked certificate (a revoked one says so through
    the status list), for anyone holding the code; nothing for any other code."""
    if throttle.over_limit(f"certificates:verify:{client_ip(request) or 'unknown'}",
                           VERIFY_LIMIT, VERIFY_WINDOW):
        return _refusal(_("Too many checks from this connection. Please wait ten minutes "
                          "and try again."), 429)
    result = services.verify(code)
    outcome = services.Outcome
    if result.outcome in (outcome.VALID, outcome.REVOKED) and isinstance(
            result.certificate, Certificate):
        try:
            document = openbadges.credential(result.certificate, _language())
        except openbadges.Unavailable:
            pass
        else:
            response = _credential_response(openbadges.encode(document))
            response["Cache-Control"] = "no-store"
            response["Access-Control-Allow-Origin"] = "*"
            return response
    messages_by_outcome = {
        outcome.MALFORMED: _("This is not a certificate code. A code has 11 letters and "
                             "digits, for example 7KQ2M-X9D4R-R."),
        outcome.TYPO: _("This code has a typing mistake: one character is wrong or two are "
                        "swapped. Compare it with the certificate once more."),
    }
    message = messages_by_outcome.get(
        result.outcome, _("No digital badge can be given for this code."))
    return _refusal(message, 404)


def _published_json(request, document: dict, max_age: int, content_type: str):
    body = openbadges.encode(document)
    tag = published.etag(body)
    if tag in request.headers.get("If-None-Match", ""):
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(body, content_type=content_type)
    response["ETag"] = tag
    response["Cache-Control"] = f"public, max-age={max_age}"
    response["Access-Control-Allow-Origin"] = "*"
    return response


def issuer_profile(request):
    """Who issues the credentials, with every public key that signs them."""
    return _published_json(request, openbadges.issuer_profile(), PROFILE_MAX_AGE,
                           "application/ld+json")


def achievement(request, language: str):
    """What a camp certificate stands for, in Kyrgyz or Russian."""
    if language not in dict(settings.LANGUAGES):
        raise Http404
    document = {"@context": openbadges.CONTEXT, **openbadges.achievement(language)}
    return _published_json(request, document, PROFILE_MAX_AGE, "application/ld+json")


def status_list(request):
    """The signed revocation list the credentials point at."""
    return _published_json(request, openbadges.status_list_credential(),
                           STATUS_LIST_MAX_AGE, openbadges.MEDIA_TYPE)
