"""Views of the care records. Thin: parse, ask ``can`` (a refusal is audited), call
``camp.care.services``, render. Every page here is private: never cached."""

import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from cms.core.permissions import can, require

from .. import accounts
from ..models import Camp, CampDay
from . import contacts, services
from .forms import CardForm, ConcernForm, FollowUpForm, HelpForm
from .models import Concern, HelpRequest


def _require(request, action, obj) -> None:
    """The translated refusal, with the attempt in the audit log."""
    if not can(request.user, action, obj):
        services.refused(request.user, action, obj)
        raise PermissionDenied


def _enrolment(request, pk, girl_id, action):
    camp = get_object_or_404(Camp, pk=pk)
    enrolment = accounts.enrolment_of(camp, girl_id)
    if enrolment is None:
        raise Http404
    _require(request, action, enrolment)
    return enrolment


@login_required
@never_cache
def concern_new(request, pk, girl_id):
    """A facilitator records a concern about a girl of her camp."""
    enrolment = _enrolment(request, pk, girl_id, "care.record_concern")
    form = ConcernForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                concern = services.record_concern(enrolment, request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _(
                    "The concern is recorded. The safeguarding lead will read it."
                ))
                return redirect("care:concern", concern_id=concern.pk)
        status = 400
    return render(request, "care/concern_form.html", {
        "form": form, "enrolment": enrolment, "girl": enrolment.learner,
        "camp": enrolment.camp,
    }, status=status)


@login_required
@never_cache
def concern(request, concern_id):
    """A concern with its follow-ups; the lead writes follow-ups and closes it here."""
    concern = get_object_or_404(
        Concern.objects.select_related("learner", "camp", "recorded_by", "closed_by"),
        pk=concern_id,
    )
    _require(request, "care.view_concern", concern)
    may_follow_up = can(request.user, "care.follow_up_concern", concern)
    form = FollowUpForm(request.POST or None)
    status = 200
    if request.method == "POST":
        _require(request, "care.follow_up_concern", concern)
        if form.is_valid():
            try:
                services.follow_up(concern, request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("care:concern", concern_id=concern.pk)
        status = 400
    services.viewed(request.user, concern)
    return render(request, "care/concern.html", {
        "concern": concern, "follow_ups": concern.follow_ups.select_related("author"),
        "form": form, "may_follow_up": may_follow_up,
    }, status=status)


@login_required
@never_cache
def lead_home(request):
    """The safeguarding lead's page: open concerns of every camp."""
    require(request.user, "care.lead")
    return render(request, "care/lead.html", {
        "concerns": services.open_concerns(),
        "help_requests": services.open_help_requests(),
    })


@login_required
@never_cache
def my_concerns(request):
    """The concerns she recorded herself (a facilitator reads only her own)."""
    require(request.user, "care.my_concerns")
    return render(request, "care/my_concerns.html", {
        "concerns": services.concerns_recorded_by(request.user),
        "help_requests": services.help_requests_shared_with(request.user),
    })


@login_required
@never_cache
def help_page(request):
    """"You are not alone": the helpline and a short form to the safeguarding lead.

    Never kept: ``never_cache`` sends ``Cache-Control: no-store`` and the service
    worker leaves this address alone, so a shared phone keeps no copy of it."""
    require(request.user, "care.ask_for_help")
    form = HelpForm(request.POST or None, initial={"client_id": uuid.uuid4()})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.ask_for_help(request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _(
                    "Your message is sent. The safeguarding lead will read it and find you."
                ))
                return redirect("care:help")
        status = 400
    return render(request, "care/help.html", {
        "form": form, "helpline": settings.CHILD_HELPLINE,
    }, status=status)


@login_required
@never_cache
def help_request(request, request_id):
    """A girl's request for help; the lead marks it answered here."""
    help_request = get_object_or_404(HelpRequest.objects.select_related("learner"),
                                     pk=request_id)
    _require(request, "care.view_help_request", help_request)
    if request.method == "POST":
        _require(request, "care.answer_help_request", help_request)
        services.mark_answered(help_request, request.user)
        messages.success(request, _("Saved."))
        return redirect("care:help_request", request_id=help_request.pk)
    services.viewed(request.user, help_request)
    return render(request, "care/help_request.html", {
        "help_request": help_request,
        "may_answer": can(request.user, "care.answer_help_request", help_request),
    })


@login_required
@never_cache
def card(request, pk, girl_id):
    """Her emergency card: contact, and health facts while the guardian's consent
    stands. Every opening is in the audit log."""
    enrolment = _enrolment(request, pk, girl_id, "care.view_card")
    girl = enrolment.learner
    if request.method == "POST":
        _require(request, "care.edit_card", enrolment)
    card = services.card_of(girl)
    may_edit = can(request.user, "care.edit_card", enrolment)
    consent = services.health_consent(girl)
    initial = {"contact_name": card.contact_name, "contact_phone": card.contact_phone}
    if consent:  # without the guardian's consent (or after it is withdrawn) none is shown
        initial.update(health=card.health, health_note=card.health_note)
    form = CardForm(request.POST or None, contacts=contacts.guardian_contacts(girl),
                    initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.save_card(girl, request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("care:card", pk=pk, girl_id=girl_id)
        status = 400
    services.card_viewed(request.user, card)
    return render(request, "care/card.html", {
        "enrolment": enrolment, "girl": girl, "camp": enrolment.camp, "card": card,
        "consent": consent, "form": form, "may_edit": may_edit,
    }, status=status)


@login_required
@never_cache
def day_needs(request, pk, number):
    """"Who needs what" on one camp day: private to the camp's facilitators, never on
    a printed sheet, never kept on the phone."""
    camp = get_object_or_404(Camp, pk=pk)
    day = get_object_or_404(CampDay, camp=camp, number=number)
    _require(request, "care.day_needs", camp)
    rows = services.day_needs(camp, day)
    for row in rows:
        services.card_viewed(request.user, row["card"], day=day.number)
    return render(request, "care/day_needs.html", {"camp": camp, "day": day, "rows": rows})
