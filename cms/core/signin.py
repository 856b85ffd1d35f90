"""Sign-in limits: one count per account on every path, and a limit per address.

Every way into the site (the PIN page, a camp's shared phone, the staff and parents'
sign-in, Wagtail's /admin/login/) authenticates through Django's ``authenticate``,
whose first backend is django-axes: a locked account is refused before any password
is checked, and each failure is written to the database (``axes.AccessAttempt``), so
the counts are shared by every app server and survive Redis being away.

Two limits, both settable:

* **per account** (``AXES_FAILURE_LIMIT`` wrong tries, then ``AXES_COOLOFF_TIME``):
  the count is kept under the account, whatever identifier was typed (username in any
  case, email, a phone number written any way), so a username and an email never
  give twice the tries. An unknown identifier has a count of its own, so the answer
  never tells whether an account exists.
* **per address** (``SIGNIN_ADDRESS_MAX_USERNAMES`` distinct usernames failed within
  ``SIGNIN_ADDRESS_WINDOW``): stops a spray of guesses over many usernames. A camp's
  girls share one school connection, so successes never count, the same username
  mistyped again counts once, and the limit is far above a camp's typos.
"""

from __future__ import annotations

from datetime import timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import adapters

KEY_LENGTH = 255  # axes.AccessAttempt.username

#: The backend that signs in an account made a moment ago (a parent's invitation): one
#: of ``AUTHENTICATION_BACKENDS``, or the session would not find the user again.
NEW_ACCOUNT_BACKEND = "allauth.account.auth_backends.AuthenticationBackend"


def account_for(identifier: str):
    """The one account an identifier names: a username (any case), an email address,
    or a phone number written any way ("0700 123 456" is "+996700123456"); or None.

    The one place where what a person typed becomes an account, for signing in and for
    counting her failures.
    """
    identifier = (identifier or "").strip()
    if not identifier:
        return None
    users = get_user_model().objects.all()
    if "@" in identifier:
        matches = list(users.filter(email__iexact=identifier)[:2])
        if len(matches) == 1:
            return matches[0]
    as_phone = adapters.phone_as_username(identifier)
    matches = list(users.filter(username__iexact=as_phone)[:2])
    if not matches and as_phone.startswith("+"):
        # A parent whose username is not her number signs in with the number she gave.
        matches = list(users.filter(phone=as_phone)[:2])
    return matches[0] if len(matches) == 1 else None


def identifier_of(credentials: dict | None) -> str:
    credentials = credentials or {}
    return str(credentials.get("username") or credentials.get("email") or "")


def login_key(request, credentials: dict | None) -> str | None:
    """What failures are counted under (django-axes' ``AXES_USERNAME_CALLABLE``): the
    account's username when the identifier names one, else the identifier itself."""
    identifier = identifier_of(credentials)
    if not identifier.strip():
        return None
    known = getattr(request, "_signin_keys", None) if request is not None else None
    if known is None:
        known = {}
        if request is not None:
            request._signin_keys = known
    if identifier not in known:
        account = account_for(identifier)
        key = account.get_username() if account else adapters.phone_as_username(
            identifier.strip()).lower()
        known[identifier] = key[:KEY_LENGTH]
    return known[identifier]


def log_label(username, ip_address, user_agent, path_info, request) -> str:
    """How axes names an attempt in the logs: the path only, never a child's username
    or an address (``AXES_CLIENT_STR_CALLABLE``)."""
    return f"a sign-in at {path_info}"


# --- The per-address limit ---------------------------------------------------------------


def address_limit() -> int:
    return int(getattr(settings, "SIGNIN_ADDRESS_MAX_USERNAMES", 20))


def address_window() -> timedelta:
    window = getattr(settings, "SIGNIN_ADDRESS_WINDOW", timedelta(minutes=10))
    return window if isinstance(window, timedelta) else timedelta(seconds=int(window))


def address_seconds_left(ip_address: str | None) -> int:
    """How long this address must wait because of failures on too many usernames (0:
    not blocked). Failures are kept no longer than the cool-off, so the window is
    bounded by it."""
    if not ip_address:
        return 0
    limit, window, now = address_limit(), address_window(), timezone.now()
    latest = sorted(
        AccessAttempt.objects.filter(ip_address=ip_address, attempt_time__gte=now - window)
        .values("username").annotate(last=Max("attempt_time")).values_list("last", flat=True)
    )
    if len(latest) < limit:
        return 0
    # Blocked until enough of the usernames' last failures leave the window.
    frees_at = latest[len(latest) - limit] + window
    return max(1, int((frees_at - now).total_seconds()))


def account_seconds_left(key: str | None) -> int:
    """How long this account must wait (0: it may try now)."""
    cool_off = get_cool_off()
    if not key or cool_off is None:
        return 0
    found = AccessAttempt.objects.filter(
        username=key, attempt_time__gte=timezone.now() - cool_off
    ).aggregate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
    if (found["failures"] or 0) < settings.AXES_FAILURE_LIMIT:
        return 0
    return max(1, int((found["last"] + cool_off - timezone.now()).total_seconds()))


class SignInLimits(AxesDatabaseHandler):
    """django-axes' database handler with the per-address limit added."""

    def is_locked(self, request, credentials: dict | None = None) -> bool:
        return super().is_locked(request, credentials) or bool(
            address_seconds_left(getattr(request, "axes_ip_address", None))
        )


def clear_failures(user) -> None:
    """Lift an account's lock (a facilitator gave the girl a new PIN)."""
    reset(username=user.get_username()[:KEY_LENGTH])


# --- What the person reads ----------------------------------------------------------------


def _minutes(seconds: int) -> int:
    return max(1, -(-seconds // 60))


def locked_message(seconds: int) -> str:
    minutes = _minutes(seconds)
    return ngettext(
        "Too many wrong tries. Wait %(minutes)d minute and try again, "
        "or ask your facilitator for a new PIN.",
        "Too many wrong tries. Wait %(minutes)d minutes and try again, "
        "or ask your facilitator for a new PIN.",
        minutes,
    ) % {"minutes": minutes}


def address_message(seconds: int) -> str:
    minutes = _minutes(seconds)
    return ngettext(
        "Too many wrong sign-ins from this connection. Wait %(minutes)d minute "
        "and try again.",
        "Too many wrong sign-ins from this connection. Wait %(minutes)d minutes "
        "and try again.",
        minutes,
    ) % {"minutes": minutes}


def refusal(request, identifier: str) -> str | None:
    """The message for a sign-in the limits refused (None: it was only wrong).

    Called by each sign-in page after ``authenticate`` failed; the page shows the
    message in its own form, and ``lockout_response`` then leaves the page as it is.
    """
    if not getattr(request, "axes_locked_out", False):
        return None
    seconds = account_seconds_left(login_key(request, {"username": identifier}))
    if seconds:
        message = locked_message(seconds)
    else:
        seconds = address_seconds_left(getattr(request, "axes_ip_address", None))
        cool_off = get_cool_off() or timedelta(minutes=15)
        message = (address_message(seconds) if seconds
                   else locked_message(int(cool_off.total_seconds())))
    request.signin_refusal_shown = True
    return message


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer to a refused sign-in (``AXES_LOCKOUT_CALLABLE``): the page
    itself when it already said why, else a page of our own in the reader's language."""
    if original_response is not None and getattr(request, "signin_refusal_shown", False):
        return original_response
    message = refusal(request, identifier_of(credentials))
    return render(request, "cms/signin_refused.html", {"message": message}, status=429)


# --- Girls' sign-in with a PIN ------------------------------------------------------------


class SignInRefused(Exception):
    """A wrong PIN or a refused sign-in; ``message`` is for the girl to read."""

    def __init__(self, message: str, *, limited: bool = False):
        super().__init__(message)
        self.message = message
        self.limited = limited


def check_pin(request, username: str, pin: str, *, wrong: str | None = None):
    """The girl whose username and PIN match, or ``SignInRefused``.

    Through ``authenticate``: the limits above apply, and an unknown username runs
    the same password hasher as a real one. The same words (``wrong``) answer an
    unknown username and a wrong PIN.
    """
    username = (username or "").strip()[:150]
    user = authenticate(request, username=username, password=pin)
    if user is not None and not user.anonymised_at:
        return user
    limited = refusal(request, username)
    if limited:
        raise SignInRefused(limited, limited=True)
    raise SignInRefused(wrong or _("The username or PIN is wrong. Check them and try again."))
