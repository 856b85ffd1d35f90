"""The printed A4 family sheet, for families without an account.

Printed in the language of the page that asked for it (the household page links both)
with DejaVu Sans, a font that carries ң ө ү. One
font configuration is kept per process: WeasyPrint is fast when it is reused.
"""

from __future__ import annotations

from functools import lru_cache

from django.template.loader import render_to_string
from django.utils import translation

from .family import overview
from .models import Household


@lru_cache(maxsize=1)
def _fonts():
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


_image_cache: dict = {}


def family_sheet_pdf(household: Household, language: str) -> bytes:
    """The family sheet as PDF bytes, in ``language``: the family reads it, whatever
    language the camp teaches in."""
    from weasyprint import HTML

    with translation.override(language):
        html = render_to_string(
            "gals/family_sheet.html",
            {"family": overview(household), "LANGUAGE_CODE": language},
        )
    return HTML(string=html).write_pdf(font_config=_fonts(), cache=_image_cache)
