"""Spreadsheet cells that stay data: every CSV and XLSX the site writes goes through here.

A camp title such as ``=HYPERLINK("http://evil.example","x")`` would run as a formula
when a partner opens the export in Excel or LibreOffice. Following OWASP's advice, a
text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
leading single quote; numbers stay numbers; XLSX text cells are written as strings,
never formulas.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import Decimal

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value as a spreadsheet may show it: numbers as they are, text defused."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float | Decimal):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class CsvWriter:
    """``csv.writer`` whose every row goes through ``safe_cell``."""

    def __init__(self, out):
        self._writer = csv.writer(out)

    def writerow(self, row):
        return self._writer.writerow([safe_cell(value) for value in row])


def _xlsx_row(sheet, row, font=None) -> list:
    """Cells for a write-only sheet: numbers as numbers, text as strings."""
    from openpyxl.cell import WriteOnlyCell

    cells = []
    for value in row:
        cell = WriteOnlyCell(sheet, value=safe_cell(value))
        if isinstance(cell.value, str):
            cell.data_type = "s"  # never "f" (formula), whatever the text
        if font is not None:
            cell.font = font
        cells.append(cell)
    return cells


def _sheet_title(title: str, used: set[str]) -> str:
    r"""Excel's rules for a sheet's name: 31 characters, none of []:*?/\, unique."""
    clean = "".join(" " if char in '[]:*?/\\' else char for char in title)[:28].strip()
    name, number = clean or "-", 2
    while name in used:
        name = f"{clean[:25]} {number}"
        number += 1
    used.add(name)
    return name


def xlsx_workbook(sheets: Iterable[tuple[str, Iterable[list]]]) -> bytes:
    """An XLSX file of (title, rows) sheets; each sheet's first row is its header, bold."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    used: set[str] = set()
    bold = Font(bold=True)
    for title, rows in sheets:
        sheet = book.create_sheet(_sheet_title(title, used))
        for index, row in enumerate(rows):
            if index == 0:
                sheet.append(_xlsx_row(sheet, [str(value) for value in row], font=bold))
            else:
                sheet.append(_xlsx_row(sheet, row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
