"""Care records are part of what a girl's anonymisation covers."""

from wagtail import hooks

from cms.core import personal_data

from . import personal_data as care_personal_data

hooks.register(personal_data.SECTIONS, care_personal_data.section)
