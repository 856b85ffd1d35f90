"""The printed report of a camp or a region (WeasyPrint), in Kyrgyz or Russian.

Like the certificates and the family sheet: DejaVu Sans (ң ө ү print and copy as
text), one font configuration per process, the charts drawn inline as SVG, nothing
fetched from the network. A printed report leaves the site, so its figures are
always suppressed.
"""

from __future__ import annotations

from functools import lru_cache

from django.template.loader import render_to_string
from django.utils import timezone, translation

from .charts import report_charts
from .services import Report


@lru_cache(maxsize=1)
def _font_config():
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


_image_cache: dict = {}


def _no_network(url, *args, **kwargs):
    raise ValueError(f"A report fetches nothing: {url!r}")


def report_pdf(report: Report, *, title: str, place: str, language: str,
               period: str = "") -> bytes:
    from weasyprint import HTML

    with translation.override(language):
        html = render_to_string("impact/report_pdf.html", {
            "report": report,
            "charts": report_charts(report),
            "title": title,
            "place": place,
            "period": period,
            "today": timezone.localdate(),
            "LANGUAGE_CODE": language,
        })
    return HTML(string=html, url_fetcher=_no_network).write_pdf(
        font_config=_font_config(), cache=_image_cache
    )

