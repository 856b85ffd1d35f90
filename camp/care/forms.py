"""Forms of the care records."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ConcernForm(forms.Form):
    what = forms.CharField(
        label=_("What was seen or said"), max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Write the facts and the words used, as they were said."),
        error_messages={"required": _("Write what was seen or said.")},
    )
    happened_on = forms.DateField(
        label=_("When"), widget=forms.DateInput(attrs={"type": "date"}),
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
