"""Forms of guardian invitations: what the facilitator chooses, what the parent types."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gals.models import HouseholdMember


class InviteForm(forms.Form):
    girl = forms.ModelChoiceField(queryset=None, label=_("Girl"), empty_label=None)
    family_role = forms.ChoiceField(
        label=_("Who is invited"),
        choices=[
            c for c in HouseholdMember.FamilyRole.choices
            if c[0] != HouseholdMember.FamilyRole.GIRL
        ],
    )

    def __init__(self, *args, household, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["girl"].queryset = household.girls.order_by("first_name")
        self.fields["girl"].label_from_instance = lambda girl: girl.display_name


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Invitation code"), max_length=30,
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off"}),
    )


class JoinForm(forms.Form):
    first_name = forms.CharField(label=_("Your first name"), max_length=50)
    phone = forms.CharField(
        label=_("Phone number"), max_length=24, required=False,
        help_text=_("You will sign in with this number."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("Email (if you have no phone)"), required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password1 = forms.CharField(
        label=_("Password"), strip=False,
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
        if not data.get("phone") and not data.get("email") and not self.errors.get("email"):
            raise forms.ValidationError(_("Write a phone number or an email address."))
        return data
