"""GALS pages: the parents' view, the facilitator's sessions and family records.

Thin: parse, ask ``can()``, call a service, render. Every view of a family's notes
or drawings is written to the audit log.
"""

import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from camp.certificates.forms import ReasonForm
from camp.models import Camp
from camp.shortcuts import camp_or_404
from cms.core import audit
from cms.core import consent as consent_service
from cms.core.consent import guardian_consents
from cms.core.models import AuditEvent, Consent, User
from cms.core.permissions import can, require

from . import access, data_requests, services
from . import certificates as family_certificates
from .family import overview
from .forms import (
    BalanceForm,
    CommitmentForm,
    FollowUpForm,
    HouseholdForm,
    MemberForm,
    PhoneForm,
    PhotoForm,
    RecordForm,
    ReplyForm,
    SessionForm,
    SurveyForm,
)
from .models import (
    AttitudeResponse,
    Commitment,
    DrawingPhoto,
    FamilyCertificate,
    GalsSession,
    Household,
    SessionRecord,
)
from .sheet import camp_sheets_pdf, family_sheet_pdf


def _show_errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _form_errors(request, form) -> None:
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, message)


def _my_camps(user):
    return Camp.objects.run_by(user).order_by("-start_date")


# --- Parents ---------------------------------------------------------------------------


@login_required
def family(request):
    """The guardian's page: each of her households, as the family sees it."""
    require(request.user, "gals.view_family")
    households = access.guardian_households(request.user).order_by("pk")
    families = []
    for household in households:
        family_view = overview(household)
        audit.record(request.user, AuditEvent.Action.VIEWED, household, page="family")
        reply_form = None
        if family_view.next_session:
            reply_form = ReplyForm(household=household)
        for entry in family_view.girls:
            entry.consents = guardian_consents(entry.girl)
            entry.data_requests = data_requests.requests_of(entry.girl)
        families.append({"view": family_view, "reply_form": reply_form})
    return render(request, "gals/family.html", {
        "families": families, "request_days": settings.DATA_REQUEST_DAYS,
    })


@login_required
@require_POST
def withdraw_consent(request, girl_id: int):
    """A guardian withdraws a consent for her daughter: it stops standing today, so
    photos, surveys and galleries that ask for it change at once."""
    girl = get_object_or_404(User, pk=girl_id)
    require(request.user, "gals.withdraw_consent", girl)
    scope = request.POST.get("scope", "")
    if scope not in Consent.Scope.values:
        messages.error(request, _("Choose what the consent is for and who gave it."))
    elif consent_service.withdraw_consent(girl, scope, Consent.Kind.GUARDIAN, request.user):
        messages.success(request, _("The consent was withdrawn from today."))
    return redirect("gals:family")


@login_required
def family_sheet(request, household_id: int):
    """The printable A4 sheet: for the family's facilitator (or its own guardian)."""
    household = get_object_or_404(Household, pk=household_id)
    require(request.user, "gals.view_household", household)
    pdf = family_sheet_pdf(household, get_language(), by=request.user,
                           join_url=_join_address(request))
    audit.record(request.user, AuditEvent.Action.EXPORTED, household, page="family_sheet")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="family-{household.code}.pdf"'
    return response


def _join_address(request) -> str:
    """Where a parent types the printed code: the page's address without the scheme."""
    return request.build_absolute_uri(reverse("gals:join")).split("://", 1)[-1]


@login_required
def camp_sheets(request, camp_id: int):
    """Every household sheet of one camp in one PDF, for the camp's facilitators."""
    camp = camp_or_404(request.user, camp_id, "gals.print_camp_sheets")
    pdf, households = camp_sheets_pdf(camp, get_language(), request.user,
                                      join_url=_join_address(request))
    for household in households:
        audit.record(request.user, AuditEvent.Action.EXPORTED, household,
                     page="camp_family_sheets")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="family-sheets-camp-{camp.pk}.pdf"'
    return response


@login_required
@require_POST
def family_certificate_issue(request, household_id: int):
    """The facilitator issues the family's GALS certificate once it has come to enough
    sessions; otherwise she is told how many are still missing."""
    household = get_object_or_404(Household.objects.select_related("camp"), pk=household_id)
    require(request.user, "gals.record", household)
    language = household.camp.language if household.camp_id else get_language()
    try:
        certificate = family_certificates.issue(household, by=request.user, language=language)
    except ValidationError as error:
        _show_errors(request, error)
    else:
        messages.success(request, _("The family's certificate is issued: code %(code)s.")
                         % {"code": certificate.display_code})
    return redirect("gals:household", household_id=household.pk)


@login_required
@require_POST
def family_certificate_revoke(request, household_id: int):
    """The form on the household page: the family's certificate stops being valid, with
    the reason in the audit log (as a girl's, ``certificates:revoke``)."""
    certificate = get_object_or_404(
        FamilyCertificate.objects.select_related("household__camp"), household_id=household_id)
    require(request.user, "gals.revoke_certificate", certificate)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect("gals:household", household_id=household_id)
    try:
        family_certificates.revoke(certificate, form.cleaned_data["reason"], by=request.user)
    except ValidationError as error:
        _show_errors(request, error)
    else:
        messages.success(request, _("The certificate is revoked."))
    return redirect("gals:household", household_id=household_id)


@login_required
def family_certificate(request, household_id: int):
    """The family's certificate as a PDF, for the family and its facilitators; never a
    revoked one (as a girl's)."""
    household = get_object_or_404(Household, pk=household_id)
    require(request.user, "gals.view_household", household)
    certificate = FamilyCertificate.objects.filter(household=household).first()
    if certificate is None or certificate.is_revoked:
        raise Http404
    pdf = family_certificates.certificate_pdf(certificate)
    audit.record(request.user, AuditEvent.Action.EXPORTED, household, page="family_certificate")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="family-certificate-{certificate.display_code}.pdf"')
    return response


@login_required
def reply(request, session_id: int, household_id: int):
    """"We will come": the guardian answers, or the facilitator records the answer."""
    session = get_object_or_404(GalsSession, pk=session_id)
    household = get_object_or_404(Household, pk=household_id)
    require(request.user, "gals.reply", (session, household))
    form = ReplyForm(request.POST or None, household=household)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.reply(
                    session, household, coming=form.cleaned_data["coming"],
                    member_ids=form.cleaned_data["members"], by=request.user,
                    client_id=form.cleaned_data["client_id"],
                )
            except ValidationError as error:
                _show_errors(request, error)
            else:
                messages.success(request, _("Thank you: your answer is saved."))
                if can(request.user, "gals.manage_session", session):
                    return redirect("gals:session", session_id=session.pk)
                return redirect("gals:family")
        else:
            _form_errors(request, form)
    return render(request, "gals/reply.html", {
        "session": session, "household": household, "form": form,
        "members": household.members.all(),
    })


@login_required
def survey(request, household_id: int, phase: str):
    """The parents' attitude survey, before or after; stored under the household code."""
    household = get_object_or_404(Household, pk=household_id)
    require(request.user, "gals.view_household", household)
    if phase not in AttitudeResponse.Phase.values:
        raise Http404
    items = services.survey_items(get_language())
    form = SurveyForm(request.POST or None, items=items)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.submit_survey(
                    household, phase=phase, respondent_role=form.cleaned_data["respondent_role"],
                    answers=form.answers(), client_id=form.cleaned_data["client_id"],
                    by=request.user,
                )
            except ValidationError as error:
                _show_errors(request, error)
            else:
                messages.success(request, _("Thank you: the answers are saved."))
                if can(request.user, "gals.record", household):
                    return redirect("gals:household", household_id=household.pk)
                return redirect("gals:family")
        else:
            _form_errors(request, form)
    phase_label = AttitudeResponse.Phase(phase).label
    return render(request, "gals/survey.html", {
        "household": household, "form": form, "phase": phase_label, "items": items,
    })


# --- Facilitators ----------------------------------------------------------------------


@login_required
def facilitator(request):
    """Her households per camp, who came when, commitments due and overdue."""
    require(request.user, "gals.run_sessions")
    data = services.facilitator_overview(request.user)
    return render(request, "gals/facilitator.html", data)


@login_required
def numbers(request):
    """Counts and rates for programme managers: no note, photo or name."""
    require(request.user, "gals.view_numbers")
    return render(request, "gals/numbers.html", {"numbers": services.programme_numbers()})


@login_required
def session_new(request):
    require(request.user, "gals.run_sessions")
    camps = _my_camps(request.user)
    form = SessionForm(request.POST or None, camps=camps)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                session = services.create_session(
                    by=request.user, camp=data["camp"], community=data["community"],
                    starts_at=data["starts_at"], duration_minutes=data["duration_minutes"],
                    venue=data["venue"], tools=data["tools"],
                )
            except ValidationError as error:
                _show_errors(request, error)
            else:
                messages.success(request, _("The session is planned."))
                return redirect("gals:session", session_id=session.pk)
        else:
            _form_errors(request, form)
    return render(request, "gals/session_form.html", {"form": form})


@login_required
def session_detail(request, session_id: int):
    """The session on her phone: headcount, replies, roll call and each family's record."""
    session = get_object_or_404(GalsSession.objects.select_related("camp"), pk=session_id)
    require(request.user, "gals.manage_session", session)
    return render(request, "gals/session.html", {
        "session": session,
        "headcount": services.headcount(session),
        "rows": services.roll(session),
    })


@login_required
def roll_call(request, session_id: int):
    """Who came, household by household: one small form per family, for a phone."""
    session = get_object_or_404(GalsSession, pk=session_id)
    require(request.user, "gals.manage_session", session)
    if request.method == "POST":
        household = Household.objects.filter(pk=request.POST.get("household") or 0).first()
        form = PhoneForm(request.POST)
        if household is None or not form.is_valid():
            messages.error(request, _("Choose a household. Nothing was saved."))
        else:
            try:
                services.mark_roll(
                    session, household, present_ids=request.POST.getlist("present"),
                    by=request.user, client_id=form.cleaned_data["client_id"],
                )
            except ValidationError as error:
                _show_errors(request, error)
            except ValueError:
                messages.error(request, _("Choose a household. Nothing was saved."))
            else:
                messages.success(request, _("Saved."))
        return redirect(reverse("gals:roll_call", args=[session.pk]) + f"#h{household.pk}"
                        if household else reverse("gals:roll_call", args=[session.pk]))
    rows = services.roll(session)
    for row in rows:
        row["client_id"] = uuid.uuid4()  # one per family's form: each save counts once
    return render(request, "gals/roll_call.html", {"session": session, "rows": rows})


@login_required
@require_POST
def session_delete(request, session_id: int):
    session = get_object_or_404(GalsSession, pk=session_id)
    require(request.user, "gals.manage_session", session)
    kept = services.delete_session(session, by=request.user)
    messages.success(
        request,
        _("The session is deleted. Commitments kept: %(count)s.") % {"count": kept},
    )
    return redirect("gals:facilitator")


@login_required
def household_new(request):
    require(request.user, "gals.run_sessions")
    camps = _my_camps(request.user)
    girls = User.objects.filter(enrolments__camp__in=camps).distinct().order_by("first_name")
    form = HouseholdForm(request.POST or None, camps=camps, girls=girls)
    if request.method == "POST":
        if form.is_valid():
            household = services.create_household(
                by=request.user, camp=form.cleaned_data["camp"], girls=form.cleaned_data["girls"])
            messages.success(request, _("The household is added. Now add its members."))
            return redirect("gals:household", household_id=household.pk)
        _form_errors(request, form)
    return render(request, "gals/household_form.html", {"form": form})


@login_required
def household(request, household_id: int):
    """A family's private record: notes, drawings, commitments, indicators. Audited."""
    household = get_object_or_404(Household.objects.select_related("camp"), pk=household_id)
    require(request.user, "gals.view_household", household)
    audit.record(request.user, AuditEvent.Action.VIEWED, household, page="household")
    records = household.records.select_related("session").prefetch_related("photos")
    can_record = can(request.user, "gals.record", household)
    certificate = FamilyCertificate.objects.filter(household=household).first()
    return render(request, "gals/household.html", {
        "household": household,
        "members": household.members.all(),
        "records": records,
        "commitments": services.commitment_states(household.commitments.all()),
        "balance": services.balance_history(household),
        "can_record": can_record,
        "member_form": MemberForm() if can_record else None,
        "follow_up_form": FollowUpForm() if can_record else None,
        "sessions_attended": services.sessions_attended(household),
        "certificate": certificate,
        "revoke_form": (ReasonForm() if certificate and not certificate.is_revoked
                        and can(request.user, "gals.revoke_certificate", certificate)
                        else None),
        "standing": family_certificates.standing_of(household),
        "missing_consent": services.missing_photo_consent(household) if can_record else [],
    })


@login_required
@require_POST
def member_add(request, household_id: int):
    household = get_object_or_404(Household, pk=household_id)
    require(request.user, "gals.record", household)
    form = MemberForm(request.POST)
    if form.is_valid():
        services.add_member(
            household, by=request.user, family_role=form.cleaned_data["family_role"],
            name=form.cleaned_data["name"], age_band=form.cleaned_data["age_band"],
        )
        messages.success(request, _("The family member is added."))
    else:
        _form_errors(request, form)
    return redirect("gals:household", household_id=household.pk)


def _session_household(request, session_id: int, household_id: int):
    session = get_object_or_404(GalsSession, pk=session_id)
    household = get_object_or_404(Household, pk=household_id)
    require(request.user, "gals.record", household)
    if not access.is_invited(session, household):  # a fact about the pair, not a permission
        raise Http404
    return session, household


@login_required
def record(request, session_id: int, household_id: int):
    """One family at one session, on a phone: notes and vision, commitments,
    the balance-tree indicators and photos of the drawings."""
    session, household = _session_household(request, session_id, household_id)
    existing = SessionRecord.objects.filter(household=household, session=session).first()
    form = RecordForm(request.POST or None, instance=existing)
    if request.method == "POST":
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in RecordForm.Meta.fields}
            services.save_record(household, session, by=request.user, **fields)
            messages.success(request, _("The notes are saved."))
            return redirect("gals:record", session_id=session.pk, household_id=household.pk)
        _form_errors(request, form)
    else:
        audit.record(request.user, AuditEvent.Action.VIEWED, household, page="session_record")
    return render(request, "gals/record.html", {
        "session": session, "household": household, "form": form, "record": existing,
        "commitment_form": CommitmentForm(household=household),
        "balance_form": BalanceForm(),
        "photo_form": PhotoForm(),
        "commitments": services.commitment_states(household.commitments.filter(session=session)),
        "missing_consent": services.missing_photo_consent(household),
        "has_girls": household.girls.exists(),
    })


def _back_to_record(session, household):
    return redirect("gals:record", session_id=session.pk, household_id=household.pk)


@login_required
@require_POST
def commitment_add(request, session_id: int, household_id: int):
    session, household = _session_household(request, session_id, household_id)
    form = CommitmentForm(request.POST, household=household)
    if form.is_valid():
        try:
            services.add_commitment(
                household, session, what=form.cleaned_data["what"],
                who_id=form.cleaned_data["who"] or None, due_on=form.cleaned_data["due_on"],
                by=request.user, client_id=form.cleaned_data["client_id"],
            )
        except ValidationError as error:
            _show_errors(request, error)
        else:
            messages.success(request, _("The commitment is saved."))
    else:
        _form_errors(request, form)
    return _back_to_record(session, household)


@login_required
@require_POST
def balance(request, session_id: int, household_id: int):
    session, household = _session_household(request, session_id, household_id)
    form = BalanceForm(request.POST)
    if form.is_valid():
        try:
            services.record_balance(
                household, session, housework=form.cleaned_data["housework"],
                money=form.cleaned_data["money"], education=form.cleaned_data["education"],
                by=request.user, client_id=form.cleaned_data["client_id"],
            )
        except ValidationError as error:
            _show_errors(request, error)
        else:
            messages.success(request, _("The indicators are saved."))
    else:
        _form_errors(request, form)
    return _back_to_record(session, household)


@login_required
@require_POST
def photo_add(request, session_id: int, household_id: int):
    session, household = _session_household(request, session_id, household_id)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            held = SessionRecord.objects.filter(household=household, session=session).first()
            if held is None:
                held = services.save_record(household, session, by=request.user)
            services.add_photo(
                held, form.cleaned_data["photo"], caption=form.cleaned_data["caption"],
                by=request.user, client_id=form.cleaned_data["client_id"],
            )
        except ValidationError as error:
            _show_errors(request, error)
        else:
            messages.success(request, _("The photo is saved."))
    else:
        _form_errors(request, form)
    return _back_to_record(session, household)


@login_required
def follow_up(request, commitment_id: int):
    """Achieved, partly or not yet, and why: recorded by the family's facilitator."""
    commitment = get_object_or_404(Commitment.objects.select_related("household"),
                                   pk=commitment_id)
    require(request.user, "gals.record", commitment.household)
    form = FollowUpForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.record_follow_up(
                    commitment, status=form.cleaned_data["status"],
                    reason=form.cleaned_data["reason"], by=request.user,
                    client_id=form.cleaned_data["client_id"],
                )
            except ValidationError as error:
                _show_errors(request, error)
            else:
                messages.success(request, _("The follow-up is saved."))
                return redirect("gals:household", household_id=commitment.household_id)
        else:
            _form_errors(request, form)
    return render(request, "gals/follow_up.html", {
        "commitment": commitment, "form": form,
        "history": commitment.follow_ups.all(),
    })


@login_required
def photo(request, photo_id: int):
    """A drawing's photo, only for the family and its facilitators; every view audited."""
    drawing = get_object_or_404(DrawingPhoto.objects.select_related("record__household"),
                                pk=photo_id)
    household = drawing.record.household
    require(request.user, "gals.view_household", household)
    audit.record(request.user, AuditEvent.Action.VIEWED, household, drawing_photo=drawing.pk)
    try:
        handle = drawing.image.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    return response

