"""Every total of the impact figures is one number, wherever a reader meets it: the top
of the dashboard, the total line of each of its tables, the CSV and XLSX downloads and
the printed region reports, for the demo programme and for ``make_programme_data``.

Both programmes have girls enrolled in more than one camp: the case that made
"girls enrolled" read 589 at the top of the demo dashboard and 605 in its tables.
"""

import csv
import html
import io
import re

import pytest
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from camp.impact import services
from camp.models import Enrolment
from cms.core.models import Role, User
from tests.certificates.test_pdf import pdftotext
from tests.world import make_user

pytestmark = pytest.mark.django_db

#: The counts every table's total line and the top of the page share.
FIGURES = {
    "camps": "Camps",
    "girls": "Girls enrolled",
    "completed": "Girls who completed",
    "certified": "Certificates issued",
}
#: The same figures as the top of the page and the printed reports name them.
TOP = {
    "camps": "Camps",
    "girls": "Girls enrolled",
    "completed": "Girls who completed their camp",
    "certified": "Certificates issued",
}


def number(text) -> int:
    return int(re.sub(r"\D", "", str(text)))


def labels(names: dict) -> dict:
    with translation.override("ky"):
        return {key: _(label) for key, label in names.items()}


def top_of_page(page: str) -> dict:
    facts = dict(
        (html.unescape(dt), html.unescape(dd))
        for dt, dd in re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", page.split("<h2>")[1])
    )
    return {key: number(facts[label]) for key, label in labels(TOP).items()}


def page_tables(page: str) -> dict[str, dict]:
    """The total line of every table of the page that has one, by table."""
    totals = {}
    for key, body in re.findall(r'id="table-(\w+)">(.*?)</table>', page, re.S):
        foot = re.search(r"<tfoot>(.*?)</tfoot>", body, re.S)
        if not foot:
            continue
        header = [html.unescape(th) for th in
                  re.findall(r'<th scope="col">(.*?)</th>', body)][1:]
        cells = [html.unescape(re.sub(r"<.*?>", "", td))
                 for td in re.findall(r"<td[^>]*>(.*?)</td>", foot.group(1))]
        line = dict(zip(header, cells, strict=False))
        totals[key] = {k: number(line[label]) for k, label in labels(FIGURES).items()}
    return totals


def links(page: str, pattern: str) -> list[str]:
    return [html.unescape(href) for href in re.findall(rf'href="([^"]*{pattern}[^"]*)"', page)]


def figures_everywhere(client) -> dict[str, dict]:
    """Each place a reader finds the programme's totals, and what it says."""
    page = client.get("/ky/impact/").content.decode()
    found = {"top of the page": top_of_page(page)}
    for key, total in page_tables(page).items():
        found[f"table {key}"] = total
    names = labels(FIGURES)
    with translation.override("ky"):
        everything = _("All camps")
    (csv_link,) = links(page, r"figures\.csv")
    body = client.get(csv_link).content.decode("utf-8-sig")
    by_table: dict[str, dict] = {}
    for table, line, figure, value in list(csv.reader(io.StringIO(body)))[1:]:
        if line == everything:
            by_table.setdefault(table, {})[figure] = value
    assert by_table, "the CSV has total lines"
    for table, values in by_table.items():
        if all(label in values for label in names.values()):
            found[f"CSV {table}"] = {k: number(values[label]) for k, label in names.items()}
    (xlsx_link,) = links(page, r"figures\.xlsx")
    book = load_workbook(io.BytesIO(client.get(xlsx_link).content), read_only=True)
    for sheet in book.worksheets:
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        if rows[-1][0] == everything and all(label in rows[0] for label in names.values()):
            found[f"XLSX {sheet.title}"] = {
                k: number(rows[-1][rows[0].index(label)]) for k, label in names.items()}
    return found


def printed(client, table: str, most: int | None = None) -> list[tuple[dict, dict]]:
    """(a line of the dashboard's region or camp table, the top of its printed report),
    for each line (or the first ``most``)."""
    page = client.get("/ky/impact/").content.decode()
    lines = re.search(rf'id="table-{table}">(.*?)</table>', page, re.S).group(1)
    header = [html.unescape(th) for th in
              re.findall(r'<th scope="col">(.*?)</th>', lines)][1:]
    pairs = []
    rows = re.findall(r"<tbody>(.*?)</tbody>", lines, re.S)[0].split("</tr>")[:-1]
    for row in rows[:most]:
        cells = [html.unescape(re.sub(r"<.*?>", "", td))
                 for td in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        line = dict(zip(header, cells, strict=False))
        on_page = {k: number(line[label]) for k, label in labels(FIGURES).items()}
        (pdf_link,) = [link for link in links(row, r"report\.pdf") if link.startswith("/ky/")]
        text = pdftotext(client.get(pdf_link).content)
        printed = {}
        for key, label in labels(TOP).items():
            match = re.search(rf"^\s*{re.escape(label)}\s+(<5|[\d\s\u00a0]+)$", text, re.M)
            assert match, (label, text[:800])
            # A printed report leaves the site: small figures are hidden there.
            if match.group(1) != "<5":
                printed[key] = number(match.group(1))
        assert "girls" in printed
        pairs.append(({key: on_page[key] for key in printed}, printed))
    return pairs


def assert_one_number_each(client) -> None:
    found = figures_everywhere(client)
    top = found["top of the page"]
    assert {name: figures for name, figures in found.items() if figures != top} == {}
    assert len(found) >= 1 + 6 + 6 + 6  # the top, and six breakdowns shown, in CSV and XLSX
    reports = printed(client, "region") + printed(client, "camp", most=4)
    assert len(reports) >= 5
    for on_page, on_paper in reports:
        assert on_paper == on_page


def girls_in_two_camps() -> int:
    camps = services.visible_camps(User(is_superuser=True))
    enrolled = services.girls_of(camps)
    return enrolled.count() - enrolled.values("learner_id").distinct().count()


def test_make_programme_data_has_one_number_for_each_figure(client, programme, settings):
    settings.DEBUG = True  # the command refuses without it: never on production
    call_command("make_programme_data", girls=300, camps=12, households=60,
                 stdout=io.StringIO())
    assert girls_in_two_camps() > 0
    client.force_login(make_user("figures-manager", Role.MANAGER))
    settings.DEBUG = False
    assert_one_number_each(client)


def test_a_girl_of_two_camps_counts_once_in_a_line_and_in_the_total(programme):
    """Camp A's first girl also enrols in camp B (both in Talas): one girl of Talas."""
    girl = programme.girls["a"][0]
    Enrolment.objects.create(camp=programme.camp_b, learner=girl)
    report = services.build_report(services.visible_camps(User(is_superuser=True)),
                                   suppress=False)
    camps = {row.key: row.cells["girls"].value for row in report.table("camp").rows}
    assert camps[programme.camp_b.pk] == 4  # she is one of camp B's girls ...
    talas = next(row for row in report.table("region").rows if row.label.startswith("Талас"))
    assert talas.cells["girls"].value == 9  # ... and still one girl of Talas
    assert report.total.cells["girls"].value == report.girls.value == 19
    assert {row.cells["girls"].value for row in report.tracks.rows} == {19}
