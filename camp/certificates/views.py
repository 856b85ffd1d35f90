"""Certificate pages: a camp's eligibility and issuing, PDFs, and public verification.

Thin: parse the request, ask ``can``, call a service, render.
"""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from camp.shortcuts import camp_or_404
from cms.core import audit, throttle
from cms.core.client_address import client_ip
from cms.core.models import AuditEvent
from cms.core.permissions import can, require

from . import batches, published, qr, services
from .eligibility import standings
from .forms import LanguageForm, ReasonForm, VerifyForm
from .models import Batch, Certificate, CertificateSettings
from .rendering import certificate_pdf

logger = logging.getLogger(__name__)

#: Look-ups per address in the window; a school shares one address, so not too few.
VERIFY_LIMIT = getattr(settings, "CERTIFICATE_VERIFY_LIMIT", 60)
VERIFY_WINDOW = getattr(settings, "CERTIFICATE_VERIFY_WINDOW", 10 * 60)


def _certificate(pk: int) -> Certificate:
    return get_object_or_404(Certificate.objects.select_related("camp", "learner"), pk=pk)


def _say(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
def camp_certificates(request, pk: int):
    """Who is eligible and why not, the issued certificates and the camp's PDF."""
    camp = camp_or_404(request.user, pk, "certificates.view_camp")
    rows = standings(camp)
    batch = Batch.objects.filter(camp=camp).first()
    issued = [row for row in rows if row.certificate]
    return render(request, "certificates/camp.html", {
        "camp": camp,
        "rows": rows,
        "issued": issued,
        "waiting": sum(1 for r in rows if r.may_receive and not r.certificate),
        "batch": batch,
        "batch_current": batches.is_current(batch, camp),
        "can_issue": can(request.user, "certificates.issue", camp),
        "language_form": LanguageForm(initial={"language": camp.language}),
        "certificate_languages": settings.LANGUAGES,
    })


@login_required
@require_POST
def issue(request, pk: int):
    camp = camp_or_404(request.user, pk, "certificates.issue")
    form = LanguageForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose Kyrgyz or Russian."))
        return redirect("certificates:camp", pk=camp.pk)
    try:
        made = services.issue_for_camp(
            camp, by=request.user, language=form.cleaned_data["language"]
        )
    except ValidationError as error:
        _say(request, error)
    else:
        if made:
            messages.success(request, _("Certificates issued: %(count)d.") % {"count": len(made)})
        else:
            messages.info(request, _("Nobody is waiting for a certificate."))
    return redirect("certificates:camp", pk=camp.pk)


@login_required
def override(request, pk: int, learner_id: int):
    """Grant a certificate to a girl who missed the rules, with a reason."""
    camp = camp_or_404(request.user, pk, "certificates.issue")
    learner = get_object_or_404(get_user_model(), pk=learner_id, enrolments__camp=camp)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        issue_now = request.POST.get("issue") == "now"
        try:
            if issue_now:
                services.grant_override_and_issue(camp, learner, form.cleaned_data["reason"],
                                                  by=request.user)
            else:
                services.grant_override(camp, learner, form.cleaned_data["reason"],
                                        by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Her certificate is issued.") if issue_now else
                             _("She will receive a certificate when you issue them."))
            return redirect("certificates:camp", pk=camp.pk)
    standing = next((s for s in standings(camp) if s.learner.pk == learner.pk), None)
    return render(request, "certificates/override.html", {
        "camp": camp, "learner": learner, "form": form, "standing": standing,
    })


@login_required
@require_POST
def make_batch(request, pk: int):
    camp = camp_or_404(request.user, pk, "certificates.view_camp")
    try:
        batch = batches.request_batch(camp)
    except ValidationError as error:
        _say(request, error)
    else:
        if batch.state == Batch.State.READY:
            messages.success(request, _("The PDF of the camp is ready."))
        elif batch.state == Batch.State.FAILED:
            messages.error(request, _("The PDF could not be made. Try again later."))
        else:
            messages.info(request, _("The PDF is being made. This page shows when it is ready."))
    return redirect("certificates:camp", pk=camp.pk)


@login_required
def batch_pdf(request, pk: int):
    camp = camp_or_404(request.user, pk, "certificates.view_camp")
    batch = Batch.objects.filter(camp=camp, state=Batch.State.READY).exclude(file="").first()
    if batch is None:
        raise Http404
    audit.record(request.user, AuditEvent.Action.EXPORTED, camp, what="certificates",
                 pages=batch.pages)
    response = FileResponse(batch.file.open("rb"), content_type="application/pdf",
                            filename=f"certificates-camp-{camp.pk}.pdf")
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def download(request, certificate_id: int):
    """One girl's certificate, for her, her guardians and her camp's adults."""
    certificate = _certificate(certificate_id)
    if certificate.is_revoked:
        raise Http404
    require(request.user, "certificates.download", certificate)
    if request.user.pk != certificate.learner_id:
        audit.record(request.user, AuditEvent.Action.EXPORTED, certificate, what="pdf")
    response = HttpResponse(certificate_pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificate-{certificate.code}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def revoke(request, certificate_id: int):
    certificate = _certificate(certificate_id)
    require(request.user, "certificates.revoke", certificate)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.revoke(certificate, form.cleaned_data["reason"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The certificate is revoked."))
            return redirect("certificates:camp", pk=certificate.camp_id)
    return render(request, "certificates/revoke.html", {"certificate": certificate, "form": form})


@login_required
@require_POST
def reissue(request, certificate_id: int):
    certificate = _certificate(certificate_id)
    require(request.user, "certificates.issue", certificate.camp)
    form = LanguageForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose Kyrgyz or Russian."))
    else:
        try:
            services.reissue(certificate, by=request.user, language=form.cleaned_data["language"])
        except ValidationError as error:
            _say(request, error)
        else:
            messages.success(request, _("The certificate is reissued with the same code."))
    return redirect("certificates:camp", pk=certificate.camp_id)


@login_required
def mine(request):
    """A girl's certificates, or - for a guardian - her daughters'."""
    require(request.user, "certificates.mine")
    user = request.user
    candidates = (
        Certificate.objects.filter(revoked_on__isnull=True)
        .filter(learner__in=_learners_of(user))
        .select_related("camp", "learner")
        .order_by("-issued_on")
    )
    certificates = [c for c in candidates if can(user, "certificates.download", c)]
    return render(request, "certificates/mine.html", {"certificates": certificates})


def _learners_of(user):
    """Herself, and the girls of households where the user is a member with an account."""
    User = get_user_model()
    return User.objects.filter(pk=user.pk) | User.objects.filter(
        households__members__user=user
    )


# --- Public verification ---------------------------------------------------------------


def _too_many(request) -> bool:
    """Count one look-up for this address; True when it is over the limit."""
    key = f"certificates:verify:{client_ip(request) or 'unknown'}"
    return throttle.over_limit(key, VERIFY_LIMIT, VERIFY_WINDOW)


def _verification_page(request, form, typed: str | None):
    context = {"form": form, "result": None, "state": None}
    status = 200
    if typed is not None:
        if _too_many(request):
            context["limited"] = True
            status = 429
        else:
            result = services.verify(typed)
            context.update(result=result, state=result.outcome.value)
            if result.key:
                context["programme"] = (
                    CertificateSettings.for_request(request).organisation
                    or _("the Tech Camp programme")
                )
    context["texts"] = _checker_texts(request)
    result = context["result"]
    if result and result.kind == "camp" and result.certificate is not None:
        certificate = result.certificate
        context["anonymised"] = bool(certificate.learner.anonymised_at)
        if context["state"] in ("valid", "revoked"):
            # Today's printed facts, for the page's script to compare with the paper's
            # QR code (only what the page shows already; no name once it was removed).
            today = qr.facts(certificate, (result.first_day, result.last_day))
            if context["anonymised"]:
                today.pop("first_name"), today.pop("initial")
            context["today_facts"] = today
    elif result and result.kind == "family" and context["state"] in ("valid", "revoked"):
        context["today_facts"] = result.certificate.paper  # what its QR code carries today
    response = render(request, "certificates/verify.html", context, status=status)
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def _checker_texts(request) -> dict:
    """What the browser's checker (static/js/verify-scan.js) says, in the page's language."""
    from courses.models import Track

    return {
        "programme": CertificateSettings.for_request(request).organisation
        or _("the Tech Camp programme"),
        "valid": _("Valid: signed by %(programme)s with key %(key)s."),
        "valid_paper": _("The QR code on this paper is genuine: signed by %(programme)s "
                         "with key %(key)s."),
        "tampered": _("Not valid: the facts in this QR code were changed after it was "
                      "signed. Do not accept it."),
        "unknown_key": _("Not valid: signed by a key this site does not know (%(key)s). "
                         "Do not accept it."),
        "not_a_certificate": _("This is not a certificate of this programme."),
        "cannot_check": _("This browser cannot check signatures. Open the link with a "
                          "connection, or use another browser."),
        "revoked": _("Revoked on %(date)s. It is no longer valid."),
        "not_revoked": _("Not revoked as of %(date)s."),
        "never_synced": _("The list of revoked certificates is not on this phone yet: "
                          "open this page once with a connection."),
        "code_only": _("A code without its QR code is checked by the site: connect to "
                       "the internet and check it there."),
        "differs": _("This paper differs from the certificate as it is today (reissued): "
                     "%(fields)s."),
        "same": _("This paper shows the certificate as it is today."),
        "family": _("Family: %(girls)s"),
        "family_programme": _("GALS family sessions of the STEM camp"),
        "labels": {
            "first_name": _("Holder"), "camp": _("Camp"), "village": _("Village"),
            "dates": _("Dates"), "days_attended": _("Days attended"), "tracks": _("Tracks"),
            "code": _("Code"), "version": _("Version"), "language": _("Language"),
            "programme": _("Programme"), "sessions_attended": _("Sessions attended"),
        },
        "tracks": {value: str(label) for value, label in Track.choices},
        "languages": {code: str(name) for code, name in settings.LANGUAGES},
        "camera_none": _("This browser cannot read QR codes with the camera: choose a photo "
                         "of the QR code, type the code or paste the link the QR code opens."),
        "photo_reading": _("Reading the photo…"),
        "photo_none": _("No QR code was found in this photo. Take it again closer, in focus "
                        "and in good light, or type the code."),
        "camera_failed": _("The camera could not be opened. Type the code or paste the link."),
        "camera_stop": _("Stop the camera"),
        "camera_start": _("Scan the QR code"),
    }


def verify_scan(request):
    """The offline checker: reads a certificate's QR code (camera, or a pasted link) and
    checks its proof in the browser against the published keys and revocation list,
    which the service worker keeps with this page."""
    return render(request, "certificates/verify_scan.html", {
        "texts": _checker_texts(request),
        "decoder": _decoder_url(),
    })


#: jsQR (package.json), which `make setup` puts where collectstatic finds it.
QR_DECODER = "vendor/jsqr/jsQR.js"


def _decoder_url() -> str:
    """The QR decoder the checker loads where the browser has no BarcodeDetector; empty
    where static files were collected without it (the checker then reads typed codes
    and links only, and says so)."""
    try:
        return static(QR_DECODER)
    except ValueError:  # not in the manifest of the collected files
        logger.error("The QR decoder %s is not among the static files: run make setup.",
                     QR_DECODER)
        return ""


def verify(request):
    """The form: type the code printed on the certificate."""
    form = VerifyForm(request.GET or None)
    typed = None
    if request.GET and form.is_valid():
        typed = form.cleaned_data["code"]
    return _verification_page(request, form, typed)


def verify_code(request, code: str):
    """What the QR code opens."""
    return _verification_page(request, VerifyForm(initial={"code": code}), code)


# --- Published keys and revocations (no language prefix, anyone) ---------------------


def _published(request, body: bytes, max_age: int) -> HttpResponse:
    """A public JSON document with an ETag: an unchanged one answers 304, no body."""
    tag = published.etag(body)
    if tag in request.headers.get("If-None-Match", ""):
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(body, content_type="application/json")
    response["ETag"] = tag
    response["Cache-Control"] = f"public, max-age={max_age}"
    response["Access-Control-Allow-Origin"] = "*"
    return response


def published_keys(request):
    """The public keys that sign certificates, with their validity."""
    return _published(request, published.keys_document(), published.KEYS_MAX_AGE)


def published_status(request):
    """The revoked certificates' codes and dates."""
    return _published(request, published.status_document(), published.STATUS_MAX_AGE)
