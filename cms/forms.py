"""Kernel forms: what a girl types to sign in."""

from django import forms
from django.utils.translation import gettext_lazy as _


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
