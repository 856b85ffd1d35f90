"""The impact pages as their readers get them: dashboard, filters, exports, reports."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from camp.impact import cache, synthetic
from cms.core.models import AuditEvent, Role
from tests.certificates.test_pdf import pdftotext
from tests.world import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(client):
    user = make_user("impact-manager", Role.MANAGER)
    client.force_login(user)
    return user


@pytest.fixture
def partner(client):
    user = make_user("impact-partner", Role.PARTNER)
    client.force_login(user)
    return user


def read_csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_the_manager_sees_exact_figures_and_charts(client, manager, programme):
    page = client.get("/ky/impact/").content.decode()
    assert "Лагерь B" in page
    assert "&lt;5" not in page
    assert page.count("<svg viewBox") == 3  # regions, tracks, confidence
    assert "Катталган кыздар" in page  # "Girls enrolled", in Kyrgyz
    assert "/ky/impact/lines.csv" in page


def test_the_partner_sees_suppressed_figures_and_no_lines(client, partner, programme):
    page = client.get("/ru/impact/").content.decode()
    assert "&lt;5" in page
    assert "Ни одного ребёнка нельзя вычислить" in page
    assert "lines.csv" not in page
    assert client.get("/ru/impact/lines.csv").status_code == 403


def test_a_facilitator_sees_her_own_camps_only(client, programme):
    client.force_login(programme.facilitator_c)
    page = client.get("/ky/impact/").content.decode()
    assert "Лагерь C" in page
    assert "Лагерь A" not in page and "Лагерь B" not in page
    assert client.get(f"/ky/impact/camps/{programme.camp_a.pk}/report.pdf").status_code == 403


@pytest.mark.parametrize("query, language, message", [
    ("region=atlantis", "ky", "Мындай облус жок"),
    ("region=atlantis", "ru", "Такой области нет"),
    ("start=2026-09-01&end=2026-01-01", "ky", "Мөөнөт башталганга чейин бүтүп калат"),
    ("start=2026-13-45", "ru", "Напишите дату в виде год-месяц-день"),
    ("start=1900-01-01", "ru", "между 2000 и 2100"),
    ("language=en", "ky", "Мындай тил жок"),
])
def test_a_bad_filter_gives_a_message_and_nothing_counted(client, manager, programme, query,
                                                          language, message):
    response = client.get(f"/{language}/impact/?{query}")
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert response.context["report"].empty
    assert response.context["report"].girls.value == 0
    rows = read_csv(client.get(f"/{language}/impact/figures.csv?{query}"))
    girls = [row for row in rows if row[1] in ("Бардык лагерлер", "Все лагеря")
             and row[2] in ("Катталган кыздар", "Записано девочек")]
    assert {row[3] for row in girls} == {"0"}


def test_the_figures_read_back_as_csv(client, partner, programme):
    response = client.get("/ky/impact/figures.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = read_csv(response)
    assert rows[0] == ["Таблица", "Сап", "Көрсөткүч", "Мааниси"]
    by_key = {(row[0], row[1], row[2]): row[3] for row in rows[1:]}
    assert by_key[("Облустар боюнча", "Талас облусу", "Катталган кыздар")] == "9"
    assert by_key[("Облустар боюнча", "Талас облусу", "Аяктаган кыздар")] == "<5"
    assert by_key[("Лагерлер боюнча", "Лагерь B", "Катталган кыздар")] == "<5"
    assert by_key[("Лагерлер боюнча", "Лагерь C", "Катталган кыздар")] == "10"


def test_exports_are_suppressed_for_the_manager_too(client, manager, programme):
    rows = read_csv(client.get("/ru/impact/figures.csv"))
    camp_b = [row for row in rows if row[1] == "Лагерь B" and row[2] == "Записано девочек"]
    assert camp_b and camp_b[0][3] == "<5"


def test_the_figures_read_back_as_xlsx(client, partner, programme):
    response = client.get("/ru/impact/figures.xlsx")
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    assert "По областям" in book.sheetnames
    sheet = book["По областям"]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][:3] == ["Область", "Лагеря", "Записано девочек"]
    naryn = next(row for row in rows if row[0] == "Нарынская область")
    assert naryn[2] == 10 and naryn[3] == "<5"
    total = rows[-1]
    assert total[0] == "Все лагеря" and total[2] == 19
    assert "Семьи (GALS)" in book.sheetnames


def test_one_line_per_girl_streams_without_names(client, manager, programme):
    response = client.get("/ky/impact/lines.csv?region=naryn")
    assert response.streaming
    rows = read_csv(response)
    assert rows[0][:3] == ["Сурамжылоо коду", "Лагердин номери", "Облус"]
    lines = rows[1:]
    assert len(lines) == 10  # camp C's girls
    body = "\n".join(",".join(row) for row in rows)
    for girl in programme.girls["c"]:
        assert girl.first_name not in body and girl.username not in body
    header = rows[0]
    coded = [dict(zip(header, line, strict=True)) for line in lines if line[0]]
    assert len(coded) == 8  # five answered maths, three science
    maths = sorted(float(line["Математика: лагерге чейин"]) for line in coded
                   if line["Математика: лагерге чейин"])
    assert maths == [2.0, 2.0, 2.0, 2.5, 2.5]
    assert {line["Облус"] for line in coded} == {"naryn"}
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORTED,
                                     detail__export="impact_rows").count() == 1


@pytest.mark.parametrize("language, words", [
    ("ky", ["Камтуу", "Катталган кыздар", "Үй-бүлөлөр (GALS)"]),
    ("ru", ["Охват", "Записано девочек", "Семьи (GALS)"]),
])
def test_the_camp_report_prints_in_either_language(client, partner, programme, language,
                                                   words):
    response = client.get(f"/{language}/impact/camps/{programme.camp_c.pk}/report.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = pdftotext(response.content)
    assert "Лагерь C" in text
    for word in words:
        assert word in text
    if language == "ky":
        for letter in "ңөү":
            assert letter in text


def test_the_region_report_hides_small_figures(client, partner, programme):
    response = client.get("/ky/impact/regions/talas/report.pdf")
    text = pdftotext(response.content)
    assert "Талас облусу" in text
    assert "<5" in text
    assert "Лагерь C" not in text  # Naryn's camp


def test_the_dashboard_asks_the_same_number_of_queries_as_the_data_grows(
        client, manager, programme):
    def queries(url):
        """The cold path (every figure counted again), the smaller of two visits: under
        PostgreSQL and Redis a single visit was seen, in full runs only, to ask one query
        more; what must not grow with the data is what both visits bound."""
        counts = []
        for _visit in range(2):
            cache.changed()
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            counts.append(len(captured.captured_queries))
        return min(counts)

    urls = ["/ky/impact/", "/ky/impact/figures.csv", "/ky/impact/figures.xlsx",
            "/ky/impact/lines.csv"]
    for url in urls:  # the first request of a session also reads the site and session
        queries(url)
    small = [queries(url) for url in urls]
    synthetic.make_programme(girls=300, camps=12, households=60, out=lambda text: None)
    large = [queries(url) for url in urls]
    assert large == small
    assert small[0] <= 30


def test_figures_come_from_the_cache_until_the_data_changes(client, manager, programme):
    from camp.models import Attendance

    def answer():
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/ky/impact/?region=naryn")
        return response.context["report"].total.cells["completed"].value, len(
            captured.captured_queries)

    first, cold = answer()
    again, warm = answer()
    assert again == first == 5 and warm < cold
    # One of camp C's girls who came three days is marked present on two more days:
    # she now completed her camp, and the page says so at once.
    girl = programme.girls["c"][9]
    for mark in Attendance.objects.filter(learner=girl, status="absent")[:2]:
        mark.status = Attendance.Status.PRESENT
        mark.save()
    now, _queries = answer()
    assert now == 6


def test_figures_from_the_cache_read_as_when_they_were_counted(client, partner, programme):
    """The second visit gets the report from the cache: every figure is written, and
    exported, as on the first."""
    def figures():
        report = client.get("/ky/impact/").context["report"]
        return [(row.label, key, str(cell), repr(cell.export))
                for table in report.all_tables() for row in table.rows
                for key, cell in row.cells.items()]

    counted = figures()
    assert figures() == counted
