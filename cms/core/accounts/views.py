"""Kernel views of accounts: sign-in with a PIN, placeholder role homes, the audit log."""

from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from cms.core import signin
from cms.core.forms import PinSignInForm
from cms.core.homes import home_url
from cms.core.models import AuditEvent, Role
from cms.core.permissions import require


def sign_in_girl(request, user) -> None:
    """Sign a girl in on this phone (whoever was signed in before is signed out).

    ``user`` comes from ``cms.core.signin.check_pin``, which authenticated her."""
    login(request, user)


@never_cache
@require_http_methods(["GET", "POST"])
def pin_sign_in(request):
    """A girl signs in with her username and PIN (her login card's QR code leads here)."""
    form = PinSignInForm(request.POST or None, initial={"username": request.GET.get("u", "")})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            user = signin.check_pin(
                request, form.cleaned_data["username"], form.cleaned_data["pin"]
            )
        except signin.SignInRefused as refused:
            form.add_error(None, refused.message)
            status = 429 if refused.limited else 200
        else:
            sign_in_girl(request, user)
            return redirect(home_url(user))
    return render(request, "cms/pin_sign_in.html", {"form": form}, status=status)


def role_names(user) -> list[str]:
    labels = dict(Role.choices)
    names = [str(labels[name]) for name in sorted(user.roles) if name in labels]
    if user.is_superuser:
        names.insert(0, _("Administrator"))
    return names


@login_required
def role_home(request, area: str):
    """Until the page of this area is built: who is signed in, and in which role."""
    require(request.user, "cms.view_home")
    titles = {
        "learn": _("My lessons"),
        "teach": _("My camps"),
        "family": _("My family"),
        "impact": _("The programme's impact"),
    }
    return render(request, "cms/role_home.html", {
        "title": titles[area],
        "roles": role_names(request.user),
    })


@login_required
def audit_log(request):
    """Who viewed, changed, exported or anonymised a child's or family's record."""
    require(request.user, "cms.view_audit_log")
    events = AuditEvent.objects.select_related("actor")
    action = request.GET.get("action", "")
    if action in AuditEvent.Action.values:
        events = events.filter(action=action)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "cms/audit_log.html", {
        "page": page, "actions": AuditEvent.Action.choices, "action": action,
    })
