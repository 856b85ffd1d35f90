"""Forms of the camp pages: they parse and check input; the services decide."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cms.core.models import Role
from cms.core.permissions import can
from courses.models import CurriculumPage

from .enrolment import REASON_MAX_LENGTH
from .models import DAY_ENDS_AFTER_IT_STARTS, NEEDS_A_PLACE, Camp, CampDay, District, School


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

    new_school_name = forms.CharField(
        label=_("A school not in the list"), max_length=200, required=False,
        help_text=_("Only when the school is not in the list. A programme manager "
                    "approves it later; your camp can use it at once."),
    )
    new_school_village = forms.CharField(
        label=_("The new school's village"), max_length=150, required=False)
    new_school_district = forms.ModelChoiceField(
        label=_("The new school's district"), required=False,
        queryset=District.objects.select_related("region"),
    )

    field_order = (
        "title", "school", "new_school_name", "new_school_village", "new_school_district",
    )

    class Meta:
        model = Camp
        fields = [
            "title", "school", "new_school_name", "new_school_village",
            "new_school_district", "curriculum", "language", "start_date", "capacity",
            "days_off", "day_starts_at", "day_ends_at", "status",
        ]
        widgets = {
            "start_date": DateInput(),
            "day_starts_at": TimeInput(),
            "day_ends_at": TimeInput(),
        }

    def __init__(self, *args, choose_facilitators: bool = False, user=None,
                 add_school: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        schools = School.objects.select_related("district")
        if user is not None and not can(user, "camp.approve_schools"):
            # A school waiting for approval is offered only to the one who added it
            # (and stays in a camp that already uses it).
            schools = schools.filter(
                Q(approved=True) | Q(added_by=user) | Q(pk=self.instance.school_id))
        self.fields["school"].queryset = schools
        self.fields["school"].label_from_instance = school_label
        self.fields["new_school_district"].label_from_instance = (
            lambda d: f"{d.name} ({d.region.name})")
        if add_school:
            self.fields["school"].required = False
        else:
            for name in NEW_SCHOOL_FIELDS:
                del self.fields[name]
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
            raise forms.ValidationError(NEEDS_A_PLACE)
        return capacity

    def new_school(self) -> School | None:
        """The unsaved school typed into the form, if one was (after ``is_valid``)."""
        data = self.cleaned_data
        if not data.get("new_school_name"):
            return None
        return School(name=data["new_school_name"], village=data["new_school_village"],
                      district=data["new_school_district"])

    def clean(self):
        cleaned = super().clean()
        if "new_school_name" in self.fields:
            self._clean_school(cleaned)
        starts, ends = cleaned.get("day_starts_at"), cleaned.get("day_ends_at")
        if starts and ends and starts >= ends:
            self.add_error("day_ends_at", DAY_ENDS_AFTER_IT_STARTS)
        return cleaned


    def _clean_school(self, cleaned):
        name = cleaned.get("new_school_name", "").strip()
        cleaned["new_school_name"] = name
        if "school" in self.errors:
            return
        if cleaned.get("school") and name:
            self.add_error("new_school_name", _(
                "Choose a school from the list or add a new one, not both."))
        elif not cleaned.get("school") and not name:
            self.add_error("school", _("Choose a school from the list or add a new one."))
        elif name:
            if not cleaned.get("new_school_village", "").strip():
                self.add_error("new_school_village", _("Write the new school's village."))
            if not cleaned.get("new_school_district"):
                self.add_error("new_school_district", _("Choose the new school's district."))


NEW_SCHOOL_FIELDS = ("new_school_name", "new_school_village", "new_school_district")


def school_label(school: School) -> str:
    if school.approved:
        return str(school)
    return _("%(school)s, waiting for approval") % {"school": school}


class DayForm(forms.ModelForm):
    class Meta:
        model = CampDay
        fields = ["date", "starts_at", "ends_at"]
        widgets = {"date": DateInput(), "starts_at": TimeInput(), "ends_at": TimeInput()}

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and starts >= ends:
            self.add_error("ends_at", DAY_ENDS_AFTER_IT_STARTS)
        return cleaned


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
