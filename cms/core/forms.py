"""Kernel forms: what a girl types to sign in, and the admin's sign-in."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm

from . import signin
from .permissions import can


class PinSignInForm(forms.Form):
    username = forms.CharField(
        label=_("Username"), max_length=150,
        widget=forms.TextInput(attrs={
            "autocomplete": "username", "autocapitalize": "none", "spellcheck": "false",
        }),
    )
    pin = forms.CharField(
        label=_("PIN"), max_length=64, strip=True,
        widget=forms.PasswordInput(attrs={
            "autocomplete": "current-password", "inputmode": "numeric",
        }),
    )


class AdminLoginForm(LoginForm):
    """Wagtail's sign-in (``WAGTAILADMIN_USER_LOGIN_FORM``) with the site's limits said
    in words, and closed to everyone who does not work in the admin."""

    error_messages = {
        **LoginForm.error_messages,
        "not_for_admin": _(
            "This sign-in is for the site's editors only. Girls and parents sign in on "
            "the site itself."
        ),
    }

    def clean(self):
        try:
            return super().clean()
        except ValidationError as error:
            message = signin.refusal(self.request, self.cleaned_data.get("username", ""))
            if message:
                raise ValidationError(message, code="locked") from error
            raise

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not can(user, "cms.use_admin"):
            raise ValidationError(self.error_messages["not_for_admin"], code="not_for_admin")
