"""The demo mother in Kyrgyz takes back her consent to photos on the family page and asks
for a copy of her daughter's data; the facilitator sees the photos gone from the girl's
record, finds the request from her dashboard, answers it with the ZIP, and records the
family's new signed form (which gives the demo back its photos for the next run)."""

import datetime
import io
import json
import re
import zipfile
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from tests.acceptance.steps import follow, main, nav, sign_in, sign_out, translated_refusal
from tests.acceptance.test_2_facilitator import RUNNING

BISHKEK = ZoneInfo("Asia/Bishkek")
PHOTOS_LINK = "Ал эмне жасады: анын сүрөттөрү"
REQUESTS = "Үй-бүлөлөрдүн маалымат боюнча суроолору"


def her_record(page) -> None:
    nav(page, "Менин лагерлерим")
    follow(page, RUNNING)
    follow(page, "Кыздардын аккаунттары")
    follow(page, "Айгүл К.")


def test_parent_takes_back_photos_and_asks_for_her_data(page, base, shot, server_errors,
                                                         console_errors):
    # The facilitator sees Aigul's photos, with the family's consent.
    page.goto(base + "/ky/")
    sign_in(page, "demo-facilitator")
    her_record(page)
    follow(page, PHOTOS_LINK)
    photos_address = page.url
    expect(main(page).locator("img").first).to_be_visible()
    shot("her photos before")
    sign_out(page)

    # The mother takes the consent back, and asks for a copy of everything.
    sign_in(page, "0700 123 456")
    expect(page).to_have_url(base + "/ky/family/")
    photos = main(page).get_by_role("row", name=re.compile("^Сүрөттөр")).first
    photos.get_by_role("button", name="Кайтарып алуу").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Макулдук бүгүндөн баштап кайтарылып алынды.")
    expect(main(page).get_by_role("row", name=re.compile("^Сүрөттөр")).first).to_contain_text(
        "кайтарылып алынган")
    shot("consent taken back")
    main(page).get_by_role("button", name="Анын маалыматтарынын көчүрмөсүн суроо").first.click()
    expect(page.get_by_role("status")).to_contain_text("Сурооңуз жөнөтүлдү.")
    expect(main(page)).to_contain_text("чейин жооп берилет")
    shot("data requested")
    sign_out(page)

    # The facilitator: no photos any more; the request is on her dashboard.
    sign_in(page, "demo-facilitator")
    her_record(page)
    expect(main(page).get_by_role("link", name=PHOTOS_LINK)).to_have_count(0)
    expect(main(page).get_by_role("row", name=re.compile("Сүрөттөр")).first).to_contain_text(
        "кайтарылып алынган")
    page.goto(photos_address)  # the address she visited a minute ago
    translated_refusal(page)
    expect(main(page).locator("img")).to_have_count(0)
    console_errors.clear()  # the browser logs the refused page (403): expected
    shot("photos gone")
    nav(page, "Менин лагерлерим")
    follow(page, REQUESTS)
    expect(page.get_by_role("heading", level=1)).to_have_text(REQUESTS)
    main(page).get_by_role("link", name=re.compile(r"Анын маалыматтарынын көчүрмөсү #\d+")
                           ).first.click()
    shot("the request")
    page.get_by_label("Себеби").fill("Апасы үй-бүлө барагында сурады; телефонго берилди.")
    with page.expect_download() as download:
        main(page).get_by_role(
            "button", name="Анын маалыматтарын жүктөп алуу (ZIP) жана жооп берилди деп белгилөө"
        ).click()
    archive = zipfile.ZipFile(io.BytesIO(download.value.path().read_bytes()))
    data = json.loads(archive.read("data.json"))
    assert data["sections"]["account"]["first_name"] == "Айгүл"

    # A new signed form from the family: photos again (the demo as the next run expects).
    her_record(page)
    forms = main(page).get_by_role("form", name="Кол коюлган формаларды жазуу")
    forms.get_by_label("Сүрөттөр: ата-эненин макулдугу").check()
    forms.get_by_label("Формага кол коюлган күн").fill(
        datetime.datetime.now(BISHKEK).date().isoformat())
    forms.get_by_role("button", name="Белгиленген макулдуктарды сактоо").click()
    expect(page.get_by_role("status")).not_to_be_empty()
    expect(main(page).get_by_role("link", name=PHOTOS_LINK)).to_have_count(1)
    assert server_errors == []
    assert console_errors == []
