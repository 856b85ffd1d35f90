"""Views of families' data requests and parents' password codes. Thin: parse, ask
``cms.core.permissions``, call ``gals.data_requests`` / ``gals.reset_codes``, render."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from camp.accounts.forms import AnonymiseForm, RequestForm
from cms.core import signin
from cms.core.audit import record
from cms.core.homes import home_url
from cms.core.models import AuditEvent
from cms.core.permissions import require
from gals import code_tries, data_requests, reset_codes
from gals.invites import InviteError, normalise_code
from gals.models import DataRequest, HouseholdMember, PasswordResetCode
from gals.rights.forms import DataRequestForm, NewPasswordForm, ResetCodeForm

User = get_user_model()



# --- A family asks; those who answer see the list ------------------------------------------


@login_required
@require_POST
def data_request_new(request, girl_id: int):
    """A guardian asks for a copy of her daughter's data, or its erasure."""
    girl = get_object_or_404(User, pk=girl_id)
    require(request.user, "gals.request_data", girl)
    form = DataRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what you ask for."))
        return redirect("gals:family")
    try:
        data_request, new = data_requests.ask(girl, form.cleaned_data["kind"], request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        date = data_request.due_on.strftime("%d.%m.%Y")
        if new:
            messages.success(request, _("Your request is sent. It will be answered by "
                                        "%(date)s.") % {"date": date})
        else:
            messages.success(request, _("You have already asked for this. It will be "
                                        "answered by %(date)s.") % {"date": date})
    return redirect("gals:family")


@login_required
def data_request_list(request):
    """Open requests of the families whose girls this person answers for, overdue first."""
    require(request.user, "gals.data_requests")
    today = timezone.localdate()
    rows = [(item, item.is_overdue(today)) for item in data_requests.open_requests(request.user)]
    return render(request, "gals/rights/data_requests.html", {
        "rows": rows, "settings_days": settings.DATA_REQUEST_DAYS,
    })


def _answerable(request, request_id) -> DataRequest:
    data_request = get_object_or_404(
        DataRequest.objects.select_related("girl", "requested_by"), pk=request_id
    )
    require(request.user, "gals.answer_data_request", data_request)
    return data_request


def _answer_form(data_request, data=None):
    """The girl's record's own forms: a reason for an export; a reason and a tick that
    says "for ever" for an erasure."""
    if data_request.kind == DataRequest.Kind.ERASE:
        return AnonymiseForm(data)
    return RequestForm(data)


def _answer_page(request, data_request, form=None, status=200):
    return render(request, "gals/rights/data_request.html", {
        "data_request": data_request, "girl": data_request.girl,
        "form": form or _answer_form(data_request),
        "overdue": data_request.is_overdue(timezone.localdate()),
        "enrolments": data_request.girl.enrolments.select_related("camp"),
    }, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def data_request_detail(request, request_id: int):
    """One request and its answer: the export's ZIP, or the erasure (with a reason)."""
    data_request = _answerable(request, request_id)
    if request.method == "GET":
        record(request.user, AuditEvent.Action.VIEWED, data_request)
        return _answer_page(request, data_request)
    form = _answer_form(data_request, request.POST)
    if form.is_valid():
        reason = form.cleaned_data["reason"]
        try:
            if data_request.kind == DataRequest.Kind.EXPORT:
                data = data_requests.answer_export(data_request, request.user, reason=reason)
                response = HttpResponse(data, content_type="application/zip")
                response["Content-Disposition"] = (
                    f'attachment; filename="data-request-{data_request.pk}.zip"'
                )
                return response
            data_requests.answer_erasure(data_request, request.user, reason=reason)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("She was anonymised: her name and details are "
                                        "gone, the counts remain."))
            return redirect("gals:data_requests")
    return _answer_page(request, data_request, form=form, status=400)


# --- A way back in without email -----------------------------------------------------------


@login_required
@require_POST
def reset_code_new(request, household_id: int, member_id: int):
    """A facilitator of the daughter's camp gives a parent a one-time password code."""
    member = get_object_or_404(
        HouseholdMember.objects.select_related("household", "user"),
        pk=member_id, household_id=household_id,
    )
    require(request.user, "gals.give_reset_code", member)
    try:
        code = reset_codes.give_code(member, request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("gals:household", household_id=household_id)
    return redirect("gals:reset_code", code_id=code.pk)


@login_required
@never_cache
def reset_code_detail(request, code_id: int):
    """The code to hand over (on paper or read out) and its link."""
    code = get_object_or_404(PasswordResetCode.objects.select_related("household"),
                             pk=code_id)
    member = HouseholdMember.objects.filter(household=code.household, user=code.user).first()
    require(request.user, "gals.give_reset_code", member)
    link = request.build_absolute_uri(reverse("gals:reset_password", args=[code.code]))
    return render(request, "gals/rights/reset_code_detail.html", {
        "code": code, "member": member, "link": link,
    })


def _refused(request, reason, status=400):
    return render(request, "gals/rights/reset_refused.html", {"reason": reason},
                  status=status)


def _too_many(request):
    return _refused(request, code_tries.TOO_MANY, status=429)


@never_cache
@require_http_methods(["GET", "POST"])
def reset(request):
    """A parent types the password code the facilitator gave her."""
    form = ResetCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        return redirect("gals:reset_password", code=normalise_code(form.cleaned_data["code"]))
    return render(request, "gals/rights/reset.html", {"form": form},
                  status=400 if form.errors else 200)


@never_cache
@require_http_methods(["GET", "POST"])
def reset_password(request, code):
    """The code checked (wrong, used, expired: refused, translated); a new password."""
    if code_tries.too_many_tries(request):
        return _too_many(request)
    try:
        reset_codes.find_code(code)
    except InviteError as error:
        return _refused(request, error.messages[0])
    if request.user.is_authenticated:
        return _refused(request, _(
            "You are signed in with an account. Sign out, then open the code again."
        ), status=403)
    form = NewPasswordForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            user = reset_codes.set_password(code, form.cleaned_data["password1"])
        except InviteError as error:
            return _refused(request, error.messages[0])
        except ValidationError as error:
            form.add_error("password1", error)
        else:
            login(request, user, backend=signin.NEW_ACCOUNT_BACKEND)
            messages.success(request, _("Your new password is set. Sign in with it next "
                                        "time."))
            return redirect(home_url(user))
    return render(request, "gals/rights/reset_password.html", {"form": form, "code": code},
                  status=400 if form.errors else 200)
