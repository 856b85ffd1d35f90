"""Views of guardian invitations: thin - parse, ask the rules, call gals.invites."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from cms.core import signin
from cms.core.homes import home_url
from cms.core.models import Role
from cms.core.permissions import require
from gals import code_tries, invites
from gals.invites.forms import CodeForm, InviteForm, JoinForm
from gals.models import GuardianInvite, Household


@login_required
@require_http_methods(["GET", "POST"])
def invite_new(request, household_id):
    household = get_object_or_404(Household, pk=household_id)
    require(request.user, "gals.invite_guardian", household)
    form = InviteForm(request.POST or None, household=household)
    if request.method == "POST" and form.is_valid():
        try:
            invite = invites.create_invite(
                household, form.cleaned_data["girl"], form.cleaned_data["family_role"],
                request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("gals:invite", invite_id=invite.pk)
    return render(request, "gals/invites/invite_new.html", {"form": form, "household": household})


@login_required
def invite_detail(request, invite_id):
    invite = get_object_or_404(GuardianInvite.objects.select_related("household", "girl"),
                               pk=invite_id)
    require(request.user, "gals.invite_guardian", invite.household)
    link = request.build_absolute_uri(reverse("gals:join_code", args=[invite.code]))
    return render(request, "gals/invites/invite_detail.html", {"invite": invite, "link": link})


@never_cache
@require_http_methods(["GET", "POST"])
def join(request):
    """A parent types the code from her paper slip."""
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return redirect("gals:join_code", code=invites.normalise_code(form.cleaned_data["code"]))
    return render(request, "gals/invites/join.html", {"form": form})


@never_cache
@require_http_methods(["GET", "POST"])
def join_code(request, code):
    """Make a parent's account from an invitation (or link a parent's existing account)."""
    if code_tries.too_many_tries(request):
        return render(request, "gals/invites/join_refused.html",
                      {"reason": code_tries.TOO_MANY}, status=429)
    try:
        invites.find_invite(code)
    except invites.InviteError as error:
        return render(request, "gals/invites/join_refused.html", {"reason": error.messages[0]})
    user = request.user
    existing = user.is_authenticated and user.has_role(Role.GUARDIAN)
    if user.is_authenticated and not existing:
        return render(request, "gals/invites/join_refused.html", {"reason": _(
            "You are signed in with another account. Sign out, then open the invitation again."
        )})
    form = JoinForm(None if existing else (request.POST or None))
    if request.method == "POST":
        try:
            if existing:
                invites.link_existing_guardian(code, user)
                messages.success(request, _("Your daughter is now linked to your account."))
                return redirect(home_url(user))
            if form.is_valid():
                data = form.cleaned_data
                user = invites.accept_invite(
                    code, first_name=data["first_name"], phone=data["phone"],
                    email=data["email"], password=data["password1"],
                )
                login(request, user, backend=signin.NEW_ACCOUNT_BACKEND)
                messages.success(request, _("Welcome! Your account is ready."))
                return redirect(home_url(user))
        except invites.InviteError as error:
            return render(request, "gals/invites/join_refused.html",
                          {"reason": error.messages[0]})
        except ValidationError as error:
            form.add_error(None, error)
    return render(request, "gals/invites/join_code.html",
                  {"form": form, "code": code, "existing": existing})
