"""Formula injection: no text a person typed runs as a formula in an exported spreadsheet.

A camp title such as ``=HYPERLINK("http://evil.example","x")`` reaches figures.csv and
figures.xlsx; opened in Excel it would be a live link (or worse). Text that begins like
a formula gets a leading quote (OWASP); numbers stay numbers; XLSX text is a string.
"""

import csv
import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cms.core.spreadsheets import safe_cell
from tests.impact.factories import make_programme
from tests.world import make_user

ROOT = Path(__file__).resolve().parents[2]
EVIL = '=HYPERLINK("http://evil.example","x")'


@pytest.mark.parametrize("text", [EVIL, "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_text_that_begins_like_a_formula_gets_a_quote(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", [0, 7, -3, 2.5, -0.5])
def test_numbers_stay_numbers(value):
    assert safe_cell(value) == value


def test_plain_text_and_empty_cells_are_left_alone():
    assert safe_cell("Лагерь A") == "Лагерь A"
    assert safe_cell("<5") == "<5"
    assert safe_cell(None) == ""
    assert safe_cell(True) == 1


@pytest.fixture
def evil_programme(db):
    programme = make_programme()
    programme.camp_a.title = EVIL
    programme.camp_a.save()
    return programme


def manager_client(client):
    client.force_login(make_user("formula-manager", "manager"))
    return client


@pytest.mark.django_db
def test_a_formula_in_a_camp_title_is_plain_text_in_figures_csv(client, evil_programme):
    body = manager_client(client).get("/ky/impact/figures.csv").content.decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(body)) for cell in row]
    assert "'" + EVIL in cells
    assert EVIL not in cells
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)


@pytest.mark.django_db
def test_a_formula_in_a_camp_title_is_a_string_cell_in_figures_xlsx(client, evil_programme):
    response = manager_client(client).get("/ky/impact/figures.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    evil = [cell for cell in cells if "HYPERLINK" in str(cell.value)]
    assert evil, "the camp's title is in the workbook"
    assert all(cell.data_type == "s" and cell.value == "'" + EVIL for cell in evil)
    assert not any(cell.data_type == "f" for cell in cells)
    # Figures are still numbers a spreadsheet can add up.
    assert any(cell.data_type == "n" and isinstance(cell.value, int) for cell in cells)


def test_every_spreadsheet_writer_goes_through_the_safe_cell_module():
    """A new export that writes CSV or XLSX by itself would bypass safe_cell."""
    offenders = []
    for path in ROOT.glob("*/**/*.py"):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith((".venv/", "tests/", "node_modules/")):
            continue
        if relative == "cms/core/spreadsheets.py":
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"csv\.(writer|DictWriter)\(|openpyxl|xlsxwriter", text):
            offenders.append(relative)
    assert offenders == []


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ky", "ru"])
def test_the_lines_header_has_no_english(client, language):
    from django.utils import translation

    from camp.impact.exports import row_columns

    with translation.override(language):
        header = " ".join(label for _key, label in row_columns())
    words = set(re.findall(r"[A-Za-z]{3,}", header)) - {"STEM", "XXI"}
    assert not words, header
