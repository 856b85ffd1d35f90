"""django-allauth wiring: nobody signs up from the street; accounts are made for people.

Failed sign-ins are limited by ``cms.core.signin`` (django-axes, in the database): per
account whatever identifier was typed, and per address far above a camp's typos.
"""

import re

import phonenumbers
from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import ValidationError

from . import signin
from .client_address import client_ip
from .homes import home_url


def phone_as_username(login: str) -> str:
    """Parents sign in with their phone number, typed any way: "0700 123 456" is the
    username "+996700123456" (how ``gals.invites`` stores it)."""
    if not re.fullmatch(r"[+\d\s()-]{6,24}", login or ""):
        return login
    digits = re.sub(r"\D", "", login)
    # "996700123456": the country code typed without its plus.
    written = "+" + digits if len(digits) == 12 and digits.startswith("996") else login
    try:
        number = phonenumbers.parse(written, "KG")
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

    def authentication_failed(self, request, **credentials):
        """A refusal by the limits says so (and for how long), in the reader's language."""
        message = signin.refusal(request, signin.identifier_of(credentials))
        if message:
            raise ValidationError(message)

    def authenticate(self, request, **credentials):
        """Whatever names the account (username, email, phone written any way) signs in
        as that account: ``cms.core.signin.account_for`` decides, for every sign-in path."""
        if credentials.get("username"):
            account = signin.account_for(credentials["username"])
            credentials["username"] = (
                account.get_username() if account else phone_as_username(credentials["username"])
            )
        return super().authenticate(request, **credentials)

    def get_client_ip(self, request):
        """allauth's own limits count per address as every other limit does."""
        return client_ip(request) or "0.0.0.0"  # noqa: S104 - unknown, never a 403
