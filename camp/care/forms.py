"""Forms of the care records."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import HealthFact


class ConcernForm(forms.Form):
    what = forms.CharField(
        label=_("What was seen or said"), max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Write the facts and the words used, as they were said."),
        error_messages={"required": _("Write what was seen or said.")},
    )
    happened_on = forms.DateField(
        label=_("When"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        initial=timezone.localdate,
        error_messages={"required": _("Write when it happened.")},
    )
    told = forms.CharField(label=_("Who was told"), max_length=300, required=False)
    action_taken = forms.CharField(
        label=_("What was done"), max_length=2000, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FollowUpForm(forms.Form):
    text = forms.CharField(
        label=_("Follow-up"), max_length=2000, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What you did, whom you spoke to, what happens next."),
    )
    close = forms.BooleanField(label=_("Close the concern"), required=False)


class HelpForm(forms.Form):
    """What a girl writes to the safeguarding lead. An empty message is refused by the
    service, kindly, with the helpline number."""

    message = forms.CharField(
        label=_("Write what happened or what worries you"), max_length=2000, required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    share_with_facilitator = forms.BooleanField(
        label=_("My facilitator may read it too"), required=False,
        help_text=_("If you leave this empty, only the safeguarding lead reads it. "
                    "Your family never sees it."),
    )
    client_id = forms.UUIDField(required=False, widget=forms.HiddenInput)


class CardForm(forms.Form):
    """Her emergency card. A guardian of her household can be picked as the contact,
    or a contact entered by hand."""

    guardian = forms.ChoiceField(label=_("Her family's contact"), required=False)
    contact_name = forms.CharField(label=_("Emergency contact"), max_length=100,
                                   required=False)
    contact_phone = forms.CharField(label=_("Contact's phone"), max_length=20, required=False)
    health = forms.MultipleChoiceField(
        label=_("Health facts (with the guardian's consent)"), required=False,
        choices=HealthFact.choices, widget=forms.CheckboxSelectMultiple,
    )
    health_note = forms.CharField(
        label=_("Short note"), max_length=200, required=False,
        help_text=_("Only what a facilitator must know in the camp: no diagnosis history."),
    )

    def __init__(self, *args, contacts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.contacts = list(contacts)
        self.fields["guardian"].choices = [("", _("entered below"))] + [
            (str(index), f"{name}, {phone}") for index, (name, phone) in enumerate(self.contacts)
        ]

    def clean(self):
        data = super().clean()
        chosen = data.get("guardian")
        if chosen:
            data["contact_name"], data["contact_phone"] = self.contacts[int(chosen)]
        data.pop("guardian", None)
        return data
