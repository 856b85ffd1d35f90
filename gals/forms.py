"""Forms of the GALS pages. Each phone form carries a client-made id (``client_id``),
made when the form is shown, so sending it twice saves once."""

import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from camp.models import Camp

from .models import (
    CAMP_OR_COMMUNITY,
    BalanceReading,
    FollowUp,
    HouseholdMember,
    SessionRecord,
    Tool,
)


class PhoneForm(forms.Form):
    # No id: a page holds several phone forms, and nothing labels or points at this field.
    client_id = forms.UUIDField(widget=forms.HiddenInput(attrs={"id": False}),
                                initial=uuid.uuid4)


class SessionForm(forms.Form):
    camp = forms.ModelChoiceField(
        Camp.objects.none(), label=_("Camp"), required=False,
        help_text=_("Leave empty for a community session."),
    )
    community = forms.CharField(label=_("Community (village)"), max_length=150, required=False)
    starts_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration in minutes"), min_value=30, max_value=480, initial=120
    )
    venue = forms.CharField(label=_("Venue"), max_length=200)
    tools = forms.MultipleChoiceField(
        label=_("Tools used"), choices=Tool.choices, widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, camps=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["camp"].queryset = camps if camps is not None else Camp.objects.none()

    def clean_starts_at(self):
        starts_at = self.cleaned_data["starts_at"]
        if starts_at < timezone.now() - timezone.timedelta(days=1):
            raise forms.ValidationError(_("A new session cannot be in the past."))
        return starts_at

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("camp") and not (cleaned.get("community") or "").strip():
            raise forms.ValidationError(CAMP_OR_COMMUNITY)
        return cleaned


class HouseholdForm(forms.Form):
    camp = forms.ModelChoiceField(Camp.objects.none(), label=_("Camp"))
    girls = forms.ModelMultipleChoiceField(
        queryset=None, label=_("Girls of this family"), widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, camps, girls, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["camp"].queryset = camps
        self.fields["girls"].queryset = girls
        self.fields["girls"].label_from_instance = lambda girl: girl.display_name

    def clean(self):
        cleaned = super().clean()
        camp, girls = cleaned.get("camp"), cleaned.get("girls")
        if camp and girls:
            enrolled = set(camp.enrolments.values_list("learner_id", flat=True))
            if any(girl.pk not in enrolled for girl in girls):
                raise forms.ValidationError(_("Choose girls enrolled in this camp."))
        return cleaned


class MemberForm(PhoneForm):
    family_role = forms.ChoiceField(
        label=_("Role in the family"), choices=HouseholdMember.FamilyRole.choices
    )
    name = forms.CharField(
        label=_("Name (optional)"), max_length=100, required=False,
        help_text=_("A first name is enough."),
    )
    age_band = forms.ChoiceField(
        label=_("Age"), choices=[("", "—")] + list(HouseholdMember.AgeBand.choices),
        required=False,
    )


class ReplyForm(PhoneForm):
    coming = forms.TypedChoiceField(
        label=_("Will the family come?"),
        choices=[("yes", _("Yes, we will come")), ("no", _("No, we cannot come"))],
        coerce=lambda value: value == "yes", widget=forms.RadioSelect, initial="yes",
    )
    members = forms.MultipleChoiceField(
        label=_("Who will come"), widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, household, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].choices = [
            (member.pk, member_label(member)) for member in household.members.all()
        ]


def member_label(member: HouseholdMember) -> str:
    role = member.get_family_role_display()
    return f"{member.name} ({role})" if member.name else str(role).capitalize()


class RecordForm(forms.ModelForm):
    class Meta:
        model = SessionRecord
        fields = ["tool", "vision", "discussion", "concerns", "shared_with"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ["vision", "discussion", "concerns", "shared_with"]
        }


class CommitmentForm(PhoneForm):
    what = forms.CharField(label=_("What the family will do"), max_length=300)
    who = forms.ChoiceField(label=_("Who in the family"), required=False)
    due_on = forms.DateField(
        label=_("By when"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Empty: about a month after the session."),
    )

    def __init__(self, *args, household, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["who"].choices = [("", _("the whole family"))] + [
            (member.pk, member_label(member)) for member in household.members.all()
        ]


class FollowUpForm(PhoneForm):
    # Not required here: the service refuses a missing status with its own message.
    status = forms.ChoiceField(
        label=_("How far did the family get?"), choices=FollowUp.Status.choices,
        widget=forms.RadioSelect, required=False,
    )
    reason = forms.CharField(
        label=_("Why (what helped or what stood in the way)"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class BalanceForm(PhoneForm):
    housework = forms.ChoiceField(
        label=_("Who does the housework?"), choices=BalanceReading.Share.choices,
        widget=forms.RadioSelect, required=False,
    )
    money = forms.ChoiceField(
        label=_("Who decides about money?"), choices=BalanceReading.Share.choices,
        widget=forms.RadioSelect, required=False,
    )
    education = forms.ChoiceField(
        label=_("Who decides about the girl's education?"),
        choices=BalanceReading.Education.choices, widget=forms.RadioSelect, required=False,
    )


class PhotoForm(PhoneForm):
    photo = forms.FileField(label=_("Photo of the drawing"))
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)


class SurveyForm(PhoneForm):
    respondent_role = forms.ChoiceField(
        label=_("Who answers"), choices=HouseholdMember.FamilyRole.choices
    )

    SCALE = [
        (1, _("1: I fully disagree")),
        (2, _("2: I rather disagree")),
        (3, _("3: I am not sure")),
        (4, _("4: I rather agree")),
        (5, _("5: I fully agree")),
    ]

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            self.fields[f"item_{item.translation_key}"] = forms.TypedChoiceField(
                label=item.text, choices=self.SCALE, coerce=int, widget=forms.RadioSelect,
                required=False,
            )

    def answers(self) -> dict:
        return {
            item.translation_key: self.cleaned_data.get(f"item_{item.translation_key}")
            for item in self.items
            if self.cleaned_data.get(f"item_{item.translation_key}") not in (None, "")
        }
