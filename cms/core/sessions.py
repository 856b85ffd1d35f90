"""How long a sign-in lasts, by role.

Girls share phones: a girl's session (PIN page, camp sign-in, or the password form)
ends when the browser closes and at the end of the camp day (``GIRL_SESSION_DAY_END``,
18:00 Asia/Bishkek by default), so the next person to pick up the phone does not find
her signed in. It never ends in the middle of her work: a girl who signs in close to
the day's end (or in the evening) keeps her session for ``GIRL_SESSION_MIN_MINUTES``
after signing in. The phone's list of names (camp sign-in) has its own cookie and
lifetime (``CAMP_SIGNIN_MAX_AGE``). Staff and parents keep Django's usual length
(``SESSION_COOKIE_AGE``).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth import logout
from django.utils import timezone

from .models import Role

ENDS_AT = "girl_session_ends_at"


def girls_session_end(signed_in: datetime.datetime) -> datetime.datetime:
    """When a girl's session that began at ``signed_in`` ends."""
    local = timezone.localtime(signed_in)
    hour, minute = (int(part) for part in settings.GIRL_SESSION_DAY_END.split(":"))
    day_end = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
    at_least = local + datetime.timedelta(minutes=settings.GIRL_SESSION_MIN_MINUTES)
    return max(day_end, at_least)


def on_sign_in(sender, request, user, **kwargs) -> None:
    """``user_logged_in``: a girl's session ends with the browser and the camp day."""
    if request is None or not hasattr(request, "session") or not user.has_role(Role.LEARNER):
        return
    request.session.set_expiry(0)  # a cookie that the browser forgets when it closes
    request.session[ENDS_AT] = girls_session_end(timezone.now()).timestamp()


class GirlSessionMiddleware:
    """Sign a girl out once her session's end has passed (after AuthenticationMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        ends_at = session.get(ENDS_AT) if session is not None else None
        if ends_at and timezone.now().timestamp() >= ends_at:
            logout(request)
        return self.get_response(request)
