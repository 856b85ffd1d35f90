"""Blocks used only by curriculum pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class TimeSlotBlock(blocks.StructBlock):
    start = blocks.TimeBlock(label=_("Starts"))
    end = blocks.TimeBlock(label=_("Ends"))
    activity = blocks.CharBlock(label=_("Activity"), max_length=200)

    class Meta:
        icon = "time"
        label = _("Time slot")
        template = "blocks/time_slot_block.html"
        description = _("One line of the day's timetable.")
        preview_value = {"start": "09:00", "end": "09:30", "activity": "Ачылыш"}


class KeyDateBlock(blocks.StructBlock):
    key = blocks.CharBlock(
        label=_("Key"),
        max_length=40,
        help_text=_("A short name that stays the same in both languages, e.g. registration."),
    )
    label = blocks.CharBlock(label=_("What happens"), max_length=200)
    start = blocks.DateBlock(label=_("From"))
    end = blocks.DateBlock(label=_("Until"), required=False)

    class Meta:
        icon = "date"
        label = _("Key date")
        template = "blocks/key_date_block.html"
        description = _("A date in the admission year: registration, test, applications.")
