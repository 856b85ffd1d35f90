"""Forms of girls' accounts in a camp: one girl, a list, consent, export, anonymising."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.core.audit import REASON_MAX_LENGTH
from cms.core.models import Consent


class GirlForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=50)
    initial = forms.CharField(
        label=_("First letter of the last name"), max_length=50,
        help_text=_("One letter only: we never keep a surname."),
    )
    birth_year = forms.IntegerField(label=_("Birth year"))
    school_grade = forms.IntegerField(label=_("School grade"))


class BulkForm(forms.Form):
    lines = forms.CharField(
        label=_("List of girls"), required=False, max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("One girl per line: first name, first letter of the last name, "
                    "birth year, grade. For example: Айгүл, К, 2010, 9"),
    )
    file = forms.FileField(
        label=_("Or a CSV file with the same four columns"), required=False,
    )

    def clean(self):
        data = super().clean()
        if not (data.get("lines") or "").strip() and not data.get("file"):
            raise forms.ValidationError(_("Paste the list or choose a CSV file."))
        return data


class ConsentForm(forms.Form):
    scope = forms.ChoiceField(label=_("For what"), choices=Consent.Scope.choices)
    kind = forms.ChoiceField(label=_("Given by"), choices=Consent.Kind.choices)
    given_on = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        initial=timezone.localdate,
    )


class SheetDateForm(forms.Form):
    given_on = forms.DateField(
        label=_("Date the forms were signed"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        initial=timezone.localdate,
    )


class RequestForm(forms.Form):
    """Exporting or anonymising a girl: the written reason goes to the audit log."""

    reason = forms.CharField(
        label=_("Reason"), max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept in the audit log: whose request, and when. Do not write her name."),
        error_messages={"required": _("Write the reason: it is kept in the audit log.")},
    )


class AnonymiseForm(RequestForm):
    confirm = forms.BooleanField(
        label=_("I understand: her name, birth year and account are removed for ever; "
                "only counts stay."),
    )
