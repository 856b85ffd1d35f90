"""Forms of the camp pages: they parse and check input; the services decide."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from cms.models import Role
from courses.models import CurriculumPage

from .enrolment import REASON_MAX_LENGTH
from .models import Camp, CampDay, School


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class CampForm(forms.ModelForm):
    """A camp's plan. Facilitators are chosen only by those who may place them."""

    facilitators = forms.ModelMultipleChoiceField(
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("facilitators"),
    )

    class Meta:
        model = Camp
        fields = [
            "title", "school", "curriculum", "language", "start_date", "capacity",
            "days_off", "day_starts_at", "day_ends_at", "status",
        ]
        widgets = {
            "start_date": DateInput(),
            "day_starts_at": TimeInput(),
            "day_ends_at": TimeInput(),
        }

    def __init__(self, *args, choose_facilitators: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = School.objects.select_related("district")
        self.fields["curriculum"].queryset = CurriculumPage.objects.live().order_by("title")
        self.fields["capacity"].min_value = 1
        if self.instance.pk is None:
            del self.fields["status"]
        if choose_facilitators:
            self.fields["facilitators"].queryset = (
                get_user_model()
                .objects.filter(groups__name=Role.FACILITATOR, is_active=True)
                .order_by("first_name", "username")
            )
            self.fields["facilitators"].label_from_instance = lambda u: u.display_name
            if self.instance.pk:
                self.initial["facilitators"] = list(self.instance.facilitators.all())
        else:
            del self.fields["facilitators"]

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if capacity < 1:
            raise forms.ValidationError(_("A camp needs at least one place."))
        return capacity

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("day_starts_at"), cleaned.get("day_ends_at")
        if starts and ends and starts >= ends:
            self.add_error("day_ends_at", _("The day must end after it starts."))
        return cleaned


class DayForm(forms.ModelForm):
    class Meta:
        model = CampDay
        fields = ["date", "starts_at", "ends_at"]
        widgets = {"date": DateInput(), "starts_at": TimeInput(), "ends_at": TimeInput()}


class EnrolForm(forms.Form):
    """Girls to enrol by their usernames (printed on their login cards), one a line."""

    usernames = forms.CharField(
        label=_("Usernames of the girls, one on each line"),
        widget=forms.Textarea(attrs={"rows": 4, "autocapitalize": "off", "spellcheck": "false"}),
        max_length=20000,
    )

    def clean_usernames(self):
        User = get_user_model()
        lines = [
            (number, line.strip())
            for number, line in enumerate(self.cleaned_data["usernames"].splitlines(), start=1)
        ]
        lines = [(n, name) for n, name in lines if name]
        if not lines:
            raise forms.ValidationError(_("Write at least one username."))
        found = {
            u.username.lower(): u
            for u in User.objects.filter(
                username__in=[name for _n, name in lines], groups__name=Role.LEARNER
            )
        }
        for _n, name in lines:
            if name.lower() not in found:  # typed in another case: rare, one query each
                user = User.objects.filter(
                    username__iexact=name, groups__name=Role.LEARNER
                ).first()
                if user is not None:
                    found[name.lower()] = user
        for number, name in lines:
            if name.lower() not in found:
                raise forms.ValidationError(
                    _("Line %(line)d: there is no girl's account «%(name)s». Nobody was "
                      "enrolled.") % {"line": number, "name": name}
                )
        return list(dict.fromkeys(found[name.lower()] for _n, name in lines))


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the withdrawal"), max_length=REASON_MAX_LENGTH, strip=True
    )
