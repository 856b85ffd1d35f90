"""The printed report of a camp or a region (WeasyPrint), in Kyrgyz or Russian.

Like the certificates and the family sheet: DejaVu Sans (ң ө ү print and copy as
text), one font configuration per process, the charts drawn inline as SVG, nothing
fetched from the network. A printed report leaves the site, so its figures are
always suppressed.
"""

from __future__ import annotations

from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone, translation

from cms.core import pdf

from .charts import report_charts
from .services import Report

#: A report refers to no file: its charts are inline SVG.
REPORT = pdf.Design(Path(__file__).resolve().parent)


def report_pdf(report: Report, *, title: str, place: str, language: str,
               period: str = "") -> bytes:
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
    return pdf.render(html, REPORT)[0]

