"""Forms of families' data requests and parents' password codes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gals.models import DataRequest


class DataRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("What you ask for"), choices=DataRequest.Kind.choices)


class ResetCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Password code"), max_length=30,
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off"}),
    )


class NewPasswordForm(forms.Form):
    password1 = forms.CharField(
        label=_("New password"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Password again"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords are not the same."))
        return data
