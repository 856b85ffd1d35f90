"""The programme manager and the partner, in Kyrgyz: the figures of the programme, a
filter by region and language, and every download the page offers; the partner is
refused a girl's record in Kyrgyz (a typed address: no link leads there)."""

import io
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.acceptance.steps import download, main, sign_in, translated_refusal

CSV = "Сандар үтүр менен бөлүнгөн текст түрүндө, каалаган"
XLSX = "Сандар электрондук таблица китеби түрүндө, ар бир"
ROWS = "Ар бир кызга бир сап, сурамжылоо коду менен, баало"


def figure(page, label: str) -> int:
    """The number shown under a headline figure's label."""
    text = main(page).inner_text()
    return int(re.search(re.escape(label) + r"\s+([\d\s]+)", text).group(1).replace(" ", ""))


@pytest.mark.parametrize("account", ["demo-manager", "demo-partner"])
def test_figures_filters_and_downloads(account, page, base, shot, server_errors,
                                       console_errors):
    page.goto(base + "/ky/")
    sign_in(page, account)
    expect(page).to_have_url(base + "/ky/impact/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Программанын натыйжалары")
    everyone = figure(page, "Катталган кыздар")
    assert everyone > 0
    shot("every camp")

    page.get_by_label("Облус").select_option(label="Талас облусу")
    page.get_by_label("Лагердин тили").select_option(label="Кыргызча")
    main(page).get_by_role("button", name="Көрсөтүү").click()
    expect(page).to_have_url(re.compile(r"/ky/impact/\?.*region="))
    expect(page.get_by_label("Облус")).to_have_value(re.compile(".+"))
    assert 0 < figure(page, "Катталган кыздар") < everyone
    shot("Talas, in Kyrgyz")

    body, kind = download(page, main(page).get_by_role("link", name=re.compile(CSV)))
    assert kind.startswith("text/csv") and body.decode("utf-8-sig").count("\n") > 1
    body, kind = download(page, main(page).get_by_role("link", name=re.compile(XLSX)))
    assert load_workbook(io.BytesIO(body)).sheetnames
    rows = main(page).get_by_role("link", name=re.compile(ROWS))
    if account == "demo-manager":
        body, kind = download(page, rows)
        assert kind.startswith("text/csv") and body.decode("utf-8-sig").count("\n") > 1
    else:
        expect(rows).to_have_count(0)  # one line per girl: not for partners
    region_pdf = main(page).get_by_role("link", name="PDF Кыргызча").first
    body, kind = download(page, region_pdf)
    assert kind == "application/pdf" and PdfReader(io.BytesIO(body)).pages
    camp_pdf = main(page).locator("a[href*='/impact/camps/'][href$='report.pdf']").first
    body, kind = download(page, camp_pdf)
    assert kind == "application/pdf" and PdfReader(io.BytesIO(body)).pages

    if account == "demo-partner":
        # A girl's record: no link leads there for a partner; typed, it is refused in Kyrgyz.
        response = page.goto(base + "/ky/teach/camps/2/accounts/")
        assert response.status == 403
        translated_refusal(page)
        expect(page.get_by_role("heading", level=1)).to_have_text("Уруксат жок")
        shot("refused")
        console_errors[:] = [e for e in console_errors if "403" not in e]
    assert server_errors == []
    assert console_errors == []
