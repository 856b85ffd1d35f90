"""Views of girls' accounts in a camp, her record, and the shared phone's sign-in.

Thin: parse, ask ``cms.core.permissions``, call ``camp.accounts`` / ``cms.core.accounts`` /
``cms.core.personal_data`` / ``cms.core.consent``, render.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from camp import accounts, shared_phone
from camp.accounts.forms import (
    AnonymiseForm,
    BulkForm,
    ConsentForm,
    GirlForm,
    RequestForm,
    SheetDateForm,
)
from camp.enrolment import EnrolmentError
from camp.models import Camp, Enrolment, UnconfirmedWrite
from camp.shortcuts import camp_or_404
from cms.core import accounts as kernel_accounts
from cms.core import consent as consent_service
from cms.core.accounts.views import sign_in_girl
from cms.core.audit import record
from cms.core.homes import home_url
from cms.core.models import AuditEvent, Consent
from cms.core.permissions import can, require
from cms.core.personal_data import anonymise_girl, export_girl
from cms.core.signin import SignInRefused, check_pin


def _enrolment(request, pk, girl_id, action) -> Enrolment:
    camp = get_object_or_404(Camp, pk=pk)
    enrolment = accounts.enrolment_of(camp, girl_id)
    if enrolment is None:
        raise Http404
    require(request.user, action, enrolment)
    return enrolment


def _accounts_page(request, camp, girl_form=None, bulk_form=None, status=200):
    girls = (
        Enrolment.objects.filter(camp=camp).select_related("learner")
        .order_by("learner__first_name", "learner__pk")
    )
    return render(request, "camp/accounts/accounts.html", {
        "camp": camp,
        "enrolments": girls,
        "girl_form": girl_form or GirlForm(),
        "bulk_form": bulk_form or BulkForm(),
        "fresh_count": len(accounts.fresh_pins(request, camp)),
    }, status=status)


@login_required
def camp_accounts(request, pk):
    """The camp's girls with their usernames; forms to add one girl or a list."""
    camp = camp_or_404(request.user, pk, "camp.manage_accounts")
    return _accounts_page(request, camp)


def _created(request, camp, created) -> HttpResponse:
    response = redirect("camp:new_pins", pk=camp.pk)
    accounts.remember_pins(request, response, camp, {a.user.pk: a.pin for a in created})
    return response


@login_required
@require_POST
def account_new(request, pk):
    camp = camp_or_404(request.user, pk, "camp.manage_accounts")
    form = GirlForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            row = kernel_accounts.validate_girl(
                data["first_name"], data["initial"], data["birth_year"], data["school_grade"]
            )
            return _created(request, camp, accounts.add_girls(camp, [row], request.user))
        except (ValidationError, EnrolmentError) as error:
            form.add_error(None, error)
    return _accounts_page(request, camp, girl_form=form, status=400)


@login_required
@require_POST
def accounts_bulk(request, pk):
    camp = camp_or_404(request.user, pk, "camp.manage_accounts")
    form = BulkForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            text = form.cleaned_data["lines"] or ""
            if form.cleaned_data.get("file"):
                text = kernel_accounts.read_csv_upload(form.cleaned_data["file"])
            rows = kernel_accounts.parse_girls(text)
            return _created(request, camp, accounts.add_girls(camp, rows, request.user))
        except (ValidationError, EnrolmentError) as error:
            for message in error.messages:
                form.add_error(None, message)
    return _accounts_page(request, camp, bulk_form=form, status=400)


@login_required
@never_cache
def new_pins(request, pk):
    """The PINs just made, shown once; print the cards from here."""
    camp = camp_or_404(request.user, pk, "camp.manage_accounts")
    return render(request, "camp/accounts/new_pins.html", {
        "camp": camp, "pins": accounts.fresh_pins(request, camp),
    })


@login_required
@require_POST
def forget_pins(request, pk):
    camp = camp_or_404(request.user, pk, "camp.manage_accounts")
    messages.success(request, _("The PINs are no longer shown."))
    response = redirect("camp:accounts", pk=camp.pk)
    accounts.forget_pins(request.session, camp, response)
    return response


@login_required
@never_cache
def login_cards(request, pk):
    """A4 cards of the girls whose PINs were just made (a PIN is shown only once).

    Once the cards are made, the PINs are forgotten: the paper is now their only copy."""
    camp = camp_or_404(request.user, pk, "camp.manage_accounts")
    pins = accounts.fresh_pins(request, camp)
    if not pins:
        messages.error(request, _(
            "No new PINs to print. Cards are printed right after creating girls or "
            "resetting a PIN."
        ))
        return redirect("camp:accounts", pk=camp.pk)

    def sign_in_url(girl):
        path = f"/{camp.language}/pin/?u={girl.username}"
        return request.build_absolute_uri(path)

    pdf = accounts.login_cards_pdf(camp, pins, sign_in_url)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="login-cards-{camp.pk}.pdf"'
    accounts.forget_pins(request.session, camp, response)
    return response


@login_required
@require_POST
def reset_pin(request, pk, girl_id):
    enrolment = _enrolment(request, pk, girl_id, "camp.reset_pin")
    if enrolment.learner.anonymised_at:
        raise Http404
    pin = accounts.reset_pin(enrolment, request.user)
    response = redirect("camp:new_pins", pk=enrolment.camp_id)
    accounts.remember_pins(request, response, enrolment.camp, {enrolment.learner_id: pin})
    return response


# --- One girl's record -------------------------------------------------------------------


def _girl_page(request, enrolment, consent_form=None, export_form=None, anonymise_form=None,
               status=200):
    return render(request, "camp/accounts/girl.html", {
        "camp": enrolment.camp,
        "enrolment": enrolment,
        "girl": enrolment.learner,
        "consents": consent_service.consent_table(enrolment.learner),
        "consent_form": consent_form or ConsentForm(),
        "sheet_form": SheetDateForm(auto_id="sheet_%s"),
        "export_form": export_form or RequestForm(prefix="export"),
        "anonymise_form": anonymise_form or AnonymiseForm(prefix="anonymise"),
        "may": {action: can(request.user, f"camp.{action}", enrolment) for action in
                ("record_consent", "reset_pin", "export_girl", "anonymise_girl")},
    }, status=status)


@login_required
def girl_record(request, pk, girl_id):
    """Her account, consent and assent, and what can be done on her behalf."""
    enrolment = _enrolment(request, pk, girl_id, "camp.view_girl")
    record(request.user, AuditEvent.Action.VIEWED, enrolment.learner, camp=enrolment.camp_id)
    return _girl_page(request, enrolment)


def _ticks(post) -> set[tuple[int, str, str]]:
    """(girl, scope, kind) of each ticked box ``tick-<girl>-<scope>:<kind>``."""
    ticks = set()
    for key in post:
        name, _sep, rest = key.partition("-")
        girl_id, _sep, pair = rest.partition("-")
        scope, _sep, kind = pair.partition(":")
        if name == "tick" and girl_id.isdigit():
            ticks.add((int(girl_id), scope, kind))
    return ticks


@login_required
@require_http_methods(["GET", "POST"])
def consent_sheet(request, pk):
    """The camp's consent sheet: girls x (scope, guardian or girl), ticked and saved once
    from the signed paper forms."""
    camp = camp_or_404(request.user, pk, "camp.consent_sheet")
    girls = [e.learner for e in Enrolment.objects.enrolled().filter(
        camp=camp, learner__anonymised_at__isnull=True,
    ).select_related("learner").order_by("learner__first_name", "learner__pk")]
    columns = [(scope, scope_label, kind, kind_label)
               for scope, scope_label in Consent.Scope.choices
               for kind, kind_label in Consent.Kind.choices]
    form = SheetDateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ticks = _ticks(request.POST)
        try:
            count = consent_service.record_consents(
                girls, ticks, form.cleaned_data["given_on"], request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Consents recorded: %(count)d.") % {"count": count})
            return redirect("camp:consent_sheet", pk=camp.pk)
    standing = consent_service.standing_by_girl(girls)
    rows = [(girl, [(f"{scope}:{kind}", (scope, kind) in standing[girl.pk],
                     f"{scope_label}: {kind_label}")
                    for scope, scope_label, kind, kind_label in columns]) for girl in girls]
    return render(request, "camp/accounts/consent_sheet.html", {
        "camp": camp, "columns": columns, "rows": rows, "form": form,
    }, status=400 if form.errors else 200)


@login_required
def consent_forms(request, pk, language):
    """The camp's paper consent forms, one page a girl, in the family's language (the
    consent sheet links both): printed, signed at home, brought back and ticked."""
    camp = camp_or_404(request.user, pk, "camp.consent_sheet")
    if language not in dict(settings.LANGUAGES):
        raise Http404
    body = accounts.consent_forms_pdf(camp, language, by=request.user)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="consent-forms-camp-{camp.pk}-{language}.pdf"')
    return response


@login_required
@require_POST
def consent(request, pk, girl_id):
    enrolment = _enrolment(request, pk, girl_id, "camp.record_consent")
    girl = enrolment.learner
    if girl.anonymised_at:
        raise Http404
    if "withdraw" in request.POST:
        scope, _sep, kind = request.POST["withdraw"].partition(":")
        if consent_service.withdraw_consent(girl, scope, kind, request.user):
            messages.success(request, _("The consent was withdrawn from today."))
        return redirect("camp:girl", pk=pk, girl_id=girl_id)
    ticks = _ticks(request.POST)
    if ticks:  # her page: every scope and signer at once, from the signed forms
        sheet_form = SheetDateForm(request.POST)
        if sheet_form.is_valid():
            try:
                count = consent_service.record_consents(
                    [girl], ticks, sheet_form.cleaned_data["given_on"], request.user)
            except ValidationError as error:
                messages.error(request, error.messages[0])
            else:
                messages.success(request, _("Consents recorded: %(count)d.")
                                 % {"count": count})
                return redirect("camp:girl", pk=pk, girl_id=girl_id)
        else:
            for errors in sheet_form.errors.values():
                for message in errors:
                    messages.error(request, message)
        return redirect("camp:girl", pk=pk, girl_id=girl_id)
    form = ConsentForm(request.POST)
    if form.is_valid():
        try:
            consent_service.record_consent(
                girl, form.cleaned_data["scope"], form.cleaned_data["kind"],
                form.cleaned_data["given_on"], request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The consent was recorded."))
            return redirect("camp:girl", pk=pk, girl_id=girl_id)
    return _girl_page(request, enrolment, consent_form=form, status=400)


@login_required
@require_POST
def export(request, pk, girl_id):
    """Everything about her, as JSON in a ZIP with her uploads (audited, with the reason)."""
    enrolment = _enrolment(request, pk, girl_id, "camp.export_girl")
    form = RequestForm(request.POST, prefix="export")
    if not form.is_valid():
        return _girl_page(request, enrolment, export_form=form, status=400)
    data = export_girl(enrolment.learner, request.user, reason=form.cleaned_data["reason"])
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="girl-{girl_id}.zip"'
    return response


@login_required
@require_POST
def anonymise(request, pk, girl_id):
    enrolment = _enrolment(request, pk, girl_id, "camp.anonymise_girl")
    form = AnonymiseForm(request.POST, prefix="anonymise")
    if not form.is_valid():
        return _girl_page(request, enrolment, anonymise_form=form, status=400)
    anonymise_girl(enrolment.learner, request.user, reason=form.cleaned_data["reason"])
    messages.success(request, _("She was anonymised: her name and details are gone, "
                                "the counts remain."))
    return redirect("camp:accounts", pk=pk)


# --- The shared phone --------------------------------------------------------------------


@login_required
@require_POST
def signin_device(request, pk):
    """Turn this phone's camp sign-in on (for this camp) or off."""
    camp = camp_or_404(request.user, pk, "camp.signin_device")
    if request.POST.get("turn") == "off":
        response = redirect("camp:accounts", pk=camp.pk)
        accounts.turn_off_signin(response)
        messages.success(request, _("Camp sign-in is off on this device."))
        return response
    response = redirect("camp:signin")
    accounts.turn_on_signin(response, request, camp)
    # The facilitator hands the phone over: she is signed out, the list stays.
    logout(request)
    return response


@never_cache
def signin(request):
    """The camp's list of girls on a shared phone: tap your name."""
    camp = accounts.signin_camp(request)
    girls = accounts.camp_girls(camp) if camp else []
    return render(request, "camp/accounts/signin.html", {"signin_camp": camp, "girls": girls})


@never_cache
@require_http_methods(["GET", "POST"])
def signin_pin(request, girl_id):
    """She typed her PIN; on a wrong one she is told so, and tries are limited."""
    camp = accounts.signin_camp(request)
    if camp is None:
        raise Http404
    girl = get_object_or_404(accounts.camp_girls(camp), pk=girl_id)
    error, status = None, 200
    if request.method == "POST":
        try:
            user = check_pin(
                request, girl.username, request.POST.get("pin", "")[:64],
                wrong=_("The PIN is wrong. Check it and try again."),
            )
        except SignInRefused as refused:
            error, status = refused.message, 429 if refused.limited else 400
        else:
            sign_in_girl(request, user)
            return redirect(home_url(user, camp.language))
    return render(request, "camp/accounts/signin_pin.html", {
        "signin_camp": camp, "girl": girl, "error": error,
    }, status=status)


@require_POST
def switch_user(request):
    """One tap: sign out and back to the camp's list for the next girl."""
    logout(request)
    return redirect(reverse("camp:signin"))


@login_required
@require_POST
def hand_over(request):
    """The shared phone's writes of names picked without signal and never confirmed,
    handed over by a facilitator signed in on it (JSON in the form field ``items``).
    Kept apart from the girls' progress; the phone forgets those kept."""
    require(request.user, "camp.receive_unconfirmed")
    try:
        items = shared_phone.read_items(request.POST.get("items", ""))
    except ValidationError as error:
        return JsonResponse({"ok": False, "message": error.messages[0]}, status=400)
    result = shared_phone.hand_over(items, by=request.user)
    return JsonResponse({"ok": True, "kept": result.kept, "refused": result.refused})


@login_required
@require_POST
def discard_unconfirmed(request, pk, write_id):
    camp = camp_or_404(request.user, pk, "camp.unconfirmed_writes")
    write = get_object_or_404(UnconfirmedWrite, pk=write_id, camp=camp)
    shared_phone.discard(write, by=request.user)
    messages.success(request, _("The unconfirmed write was discarded."))
    return redirect(reverse("camp:camp_detail", args=[camp.pk]) + "#unconfirmed")
