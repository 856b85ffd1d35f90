"""The dashboard's filters: region, period, language. A bad value is a message, never
an error page; the figures are then empty."""

from __future__ import annotations

import datetime

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from camp.models import Region

from .services import Filters

EARLIEST = datetime.date(2000, 1, 1)
LATEST = datetime.date(2100, 12, 31)


class FilterForm(forms.Form):
    region = forms.ModelChoiceField(
        label=gettext_lazy("Region"), queryset=Region.objects.all(), to_field_name="code",
        required=False, empty_label=gettext_lazy("All regions"),
        error_messages={"invalid_choice": gettext_lazy(
            "There is no such region. Choose one from the list.")},
    )
    start = forms.DateField(
        label=gettext_lazy("Camps starting from"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": gettext_lazy("Write the date as year-month-day.")},
    )
    end = forms.DateField(
        label=gettext_lazy("up to"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": gettext_lazy("Write the date as year-month-day.")},
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language of the camp"), required=False,
        choices=[("", gettext_lazy("Both languages")), *settings.LANGUAGES],
        error_messages={"invalid_choice": gettext_lazy(
            "There is no such language. Choose Kyrgyz or Russian.")},
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        for day in (start, end):
            if day and not EARLIEST <= day <= LATEST:
                raise forms.ValidationError(
                    _("The period must lie between the years 2000 and 2100."))
        if start and end and start > end:
            raise forms.ValidationError(
                _("The period ends before it begins. Check the two dates."))
        return data

    def filters(self) -> Filters:
        if not self.is_valid():
            messages = []
            for errors in self.errors.values():
                messages.extend(str(error) for error in errors)
            return Filters(errors=tuple(messages))
        data = self.cleaned_data
        return Filters(
            region=data.get("region"),
            date_from=data.get("start"),
            date_to=data.get("end"),
            language=data.get("language") or "",
        )

    def query(self) -> str:
        """The filters as an address query, for the export links (empty when none)."""
        from urllib.parse import urlencode

        if not self.is_bound:
            return ""
        pairs = [(name, self.data.get(name, "")) for name in self.fields]
        return urlencode([(name, value) for name, value in pairs if value])
