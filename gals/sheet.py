"""The printed A4 family sheet, for families without an account or without data.

Printed in the language of the page that asked for it (the household page links both)
with DejaVu Sans, a font that carries ң ө ү. One
font configuration is kept per process: WeasyPrint is fast when it is reused.

A sheet carries the daughter's camp days, the household's next GALS session (date and
place), its commitments with their latest follow-up, and, when a facilitator prints
it, an invitation code a parent can type to make an account. A facilitator prints the
sheets of every household of a camp as one document (``camp_sheets_pdf``): one
WeasyPrint layout of many pages, measured at well under a second per household.
"""

from __future__ import annotations

from functools import lru_cache

from django.template.loader import render_to_string
from django.utils import translation

from cms.core.permissions import can

from .family import overview
from .invites import invite_for_sheet
from .models import Household


@lru_cache(maxsize=1)
def _fonts():
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


_image_cache: dict = {}


def _sheet(household: Household, by, join_url: str) -> dict:
    """What one household's sheet shows; the invitation is made (through the
    invitation service) only for someone who may invite this family's parents."""
    invite = None
    if by is not None and can(by, "gals.invite_guardian", household):
        invite = invite_for_sheet(household, by)
    return {"family": overview(household), "invite": invite, "join_url": join_url}


def _pdf(template: str, context: dict) -> bytes:
    from weasyprint import HTML

    html = render_to_string(template, context)
    return HTML(string=html).write_pdf(font_config=_fonts(), cache=_image_cache)


def family_sheet_pdf(household: Household, language: str, by=None, join_url: str = "") -> bytes:
    """The family sheet as PDF bytes, in ``language``: the family reads it, whatever
    language the camp teaches in."""
    with translation.override(language):
        context = _sheet(household, by, join_url)
        context["LANGUAGE_CODE"] = language
        return _pdf("gals/family_sheet.html", context)


def camp_households(camp):
    """The households of a camp, in the order their sheets are printed."""
    return Household.objects.filter(camp=camp).order_by("code", "pk")


def camp_sheets_pdf(camp, language: str, by, join_url: str = "") -> tuple[bytes, list]:
    """Every household sheet of ``camp`` in one PDF, each from a new page; returns the
    PDF and the households printed (for the audit log)."""
    households = list(camp_households(camp))
    with translation.override(language):
        sheets = [_sheet(household, by, join_url) for household in households]
        pdf = _pdf("gals/pdf_camp_family_sheets.html", {
            "camp": camp, "sheets": sheets, "LANGUAGE_CODE": language,
        })
    return pdf, households
