"""A programme manager, in Kyrgyz: she opens the impact dashboard, narrows it to one
region and downloads the figures as CSV for a spreadsheet."""

import csv
import datetime
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from camp.certificates import services as certificates
from camp.models import Camp, District, Region, School
from cms.core.models import Role
from tests.certificates.factories import NAMES, add_girl
from tests.e2e.checks import AXE, axe_violations
from tests.factories import make_curriculum
from tests.world import make_camp, make_user

SUMMER = datetime.date(2026, 7, 6)


def finished_camp(title, curriculum, region_code: str, district: str, girls: int,
                  came_every_day: int) -> Camp:
    """A finished camp of ``girls`` girls: ``came_every_day`` of them came on all six
    days and received a certificate, the others came on three days."""
    region = Region.objects.get(code=region_code)
    school = School.objects.create(
        district=District.objects.get(region=region, name_ky=district),
        name=f"{title} мектеби", village=title.split()[0],
    )
    facilitator = make_user(f"fac-{region_code}", Role.FACILITATOR, first_name="Гүлнара")
    camp = make_camp(title, curriculum, facilitator, SUMMER, school=school)
    camp.status = Camp.Status.FINISHED
    camp.save(update_fields=["status"])
    for number in range(girls):
        add_girl(camp, NAMES[number % len(NAMES)], days=6 if number < came_every_day else 3)
    certificates.issue_for_camp(camp, by=facilitator)
    return camp


@pytest.fixture
def programme(transactional_db, live_server):
    """Two finished camps: ten girls in Talas (five completed), eight in Naryn (all)."""
    curriculum = make_curriculum(days=6, lessons_per_day=1, slug="summer")["curricula"]["ky"]
    finished_camp("Көк-Сай лагери", curriculum, "talas", "Бакай-Ата району", 10, 5)
    finished_camp("Кочкор лагери", curriculum, "naryn", "Кочкор району", 8, 8)
    return make_user("aizada", Role.MANAGER, first_name="Айзада")


def fact(page, term: str):
    """The figure shown next to ``term`` in the dashboard's reach list."""
    return page.locator("dl.impact-facts").first.locator(f"dt:text-is('{term}') + dd")


def test_manager_filters_the_impact_dashboard_by_region_and_exports_csv(
        page, context, server, programme, shot, console_errors):
    context.add_init_script(path=AXE)  # axe-core in every page, under its CSP
    page.goto(server + "/ky/accounts/login/")
    page.locator("input[name=login]").fill("aizada")
    page.locator("input[name=password]").fill("test-pass-123")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(server + "/ky/impact/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Программанын натыйжалары")
    expect(fact(page, "Лагерлер")).to_have_text("2")
    expect(fact(page, "Катталган кыздар")).to_have_text("18")
    regions = page.get_by_role("table", name="Облустар боюнча")
    expect(regions.locator("tbody tr")).to_have_count(2)
    shot("dashboard")

    page.get_by_label("Облус").select_option(label="Талас облусу")
    shot("region chosen")
    page.get_by_role("button", name="Көрсөтүү").click()
    expect(page).to_have_url(re.compile(r"/ky/impact/\?region=talas(&|$)"))
    expect(page.get_by_label("Облус")).to_have_value("talas")
    expect(fact(page, "Лагерлер")).to_have_text("1")
    expect(fact(page, "Катталган кыздар")).to_have_text("10")
    expect(fact(page, "Лагерин аяктаган кыздар")).to_have_text("5")
    expect(fact(page, "Берилген сертификаттар")).to_have_text("5")
    expect(regions.locator("tbody tr")).to_have_count(1)
    expect(regions.locator("tbody")).to_contain_text("Талас облусу")
    for table in page.locator("main table").all():
        expect(table).not_to_contain_text("Нарын облусу")
        expect(table).not_to_contain_text("Кочкор")
    shot("Talas only")
    assert axe_violations(page) == []

    # The figures of the region as CSV, as the download link gives them.
    csv_link = page.locator("main a[href*='/impact/figures.csv']")
    expect(csv_link).to_have_attribute("href", "/ky/impact/figures.csv?region=talas")
    csv_link.scroll_into_view_if_needed()
    shot("downloads")
    with page.expect_download() as download:
        csv_link.click()
    assert download.value.suggested_filename.endswith(".csv")
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    lines = list(csv.reader(text.splitlines()))
    assert lines[0] == ["Таблица", "Сап", "Көрсөткүч", "Мааниси"]
    assert all(len(line) == 4 for line in lines)
    by_region = {(line[1], line[2]): line[3] for line in lines if line[0] == "Облустар боюнча"}
    assert by_region[("Талас облусу", "Катталган кыздар")] == "10"
    assert by_region[("Талас облусу", "Берилген сертификаттар")] == "5"
    assert by_region[("Бардык лагерлер", "Лагерлер")] == "1"
    assert "Нарын облусу" not in text and "Кочкор" not in text

    assert console_errors == []
