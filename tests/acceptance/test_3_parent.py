"""A grandfather in Kyrgyz: an old code from the paper slip is refused; the code the
facilitator made for him today makes his account; he signs out and in again with his
phone number written another way, says the family comes to the next GALS session and
prints the family sheet."""

import re
import time

import pytest
from playwright.sync_api import expect

from tests.acceptance.steps import download, follow, main, sign_in, sign_out
from tests.acceptance.test_2_facilitator import SHARED

PASSWORD = "Тоо-булак-2026"


def test_parent_joins_and_answers(page, base, shot, server_errors, console_errors):
    if "invite_code" not in SHARED:
        pytest.skip("needs the facilitator's journey first (its invitation code)")
    # A number of his own on every run (a database kept from an earlier run knows the last).
    local = f"0700 {int(time.time()) % 1000:03d} {int(time.time() * 1000) % 1000:03d}"
    international = "+996" + local.removeprefix("0").replace(" ", "")

    page.goto(base + "/ky/")
    page.locator("header").get_by_role("link", name="Кирүү").click()
    follow(page, "Менде чакыруу коду бар")
    page.get_by_label("Чакыруу коду").fill("DEMO-EXPIRED")
    main(page).get_by_role("button", name="Улантуу").click()
    expect(main(page)).to_contain_text(
        "Бул чакыруунун мөөнөтү бүттү. Фасилитатордон жаңысын сураңыз.")
    shot("expired code refused")
    follow(page, "Башка кодду жазуу")

    page.get_by_label("Чакыруу коду").fill(SHARED["invite_code"].lower())
    main(page).get_by_role("button", name="Улантуу").click()
    page.get_by_label("Сиздин атыңыз").fill("Асан")
    page.get_by_label("Телефон номери").fill(local)
    page.get_by_label(re.compile(r"^Сырсөз:?$")).fill(PASSWORD)
    page.get_by_label("Сырсөз кайра").fill(PASSWORD)
    shot("his account")
    main(page).get_by_role("button", name="Аккаунтумду түзүү").click()
    expect(page).to_have_url(base + "/ky/family/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Менин үй-бүлөм")
    shot("family page")

    sign_out(page)
    sign_in(page, international, PASSWORD)
    expect(page).to_have_url(base + "/ky/family/")

    # The next GALS session: the family comes.
    answer = main(page).locator("form").filter(
        has=page.get_by_role("button", name="Жообубузду жөнөтүү")).first
    answer.get_by_label("Ооба, келебиз").check()
    answer.get_by_label("Асан (чоң атасы)").check()
    answer.get_by_role("button", name="Жообубузду жөнөтүү").click()
    expect(page.get_by_role("status")).not_to_be_empty()
    shot("answered")

    sheet, kind = download(page, main(page).get_by_role(
        "link", name="Үй-бүлө баракчасын басып чыгаруу (PDF)"))
    assert kind == "application/pdf" and sheet.startswith(b"%PDF")
    assert server_errors == []
    assert console_errors == []
