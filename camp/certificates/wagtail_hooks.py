"""Her certificates are part of what a girl's data export and anonymisation cover."""

from wagtail import hooks

from cms.core import personal_data

from . import personal_data as certificates_personal_data

hooks.register(personal_data.SECTIONS, certificates_personal_data.section)
