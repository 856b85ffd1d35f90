"""django-allauth wiring: nobody signs up from the street; accounts are made for people.

Failed sign-ins are limited per account, in the shared cache (``cms.accounts``),
not per IP address: a whole camp signs in through one school connection.
"""

import re

import phonenumbers
from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import ValidationError

from . import accounts
from .homes import home_url


def _login_of(credentials) -> str:
    return credentials.get("username") or credentials.get("email") or ""


def phone_as_username(login: str) -> str:
    """Parents sign in with their phone number, typed any way: "0700 123 456" is the
    username "+996700123456" (how ``gals.invites`` stores it)."""
    if not re.fullmatch(r"[+\d\s()-]{6,24}", login or ""):
        return login
    try:
        number = phonenumbers.parse(login, "KG")
    except phonenumbers.NumberParseException:
        return login
    if not phonenumbers.is_valid_number(number):
        return login
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        # Girls' and guardians' accounts are created by facilitators or by invitation.
        return False

    def get_login_redirect_url(self, request):
        """Each role lands on its own page (girls on /learn/, facilitators on /teach/...)."""
        return home_url(request.user)

    def pre_authenticate(self, request, **credentials):
        wait = accounts.seconds_locked(_login_of(credentials))
        if wait:
            raise ValidationError(accounts.locked_message(wait))

    def authentication_failed(self, request, **credentials):
        accounts.note_failure(_login_of(credentials))

    def authenticate(self, request, **credentials):
        if credentials.get("username"):
            credentials["username"] = phone_as_username(credentials["username"])
        user = super().authenticate(request, **credentials)
        if user is not None:
            accounts.clear_failures(_login_of(credentials))
        return user
