"""Чолпон, the programme's safeguarding lead, in Kyrgyz. Гүлнара, a facilitator, records
a concern about a girl of her running camp from the girl's page; the lead signs in,
finds it by the links of her home page, writes what she did, then closes it; the
concern leaves her open list and the facilitator reads it as closed."""

import re
import time

from playwright.sync_api import expect

from tests.acceptance.steps import follow, main, sign_in, sign_out
from tests.acceptance.test_2_facilitator import RUNNING


def test_lead_follows_up_and_closes_a_concern(page, base, shot, server_errors,
                                              console_errors):
    stamp = time.strftime("%H%M%S")  # its own words on every run (a kept database)
    seen = f"Түштө ыйлап отурду, үйдөгү уруш жөнүндө айтты ({stamp})."
    done = f"Апасы менен сүйлөштүм, мектептин психологуна жөнөттүм ({stamp})."

    # The facilitator, from her camp to the girl's page.
    page.goto(base + "/ky/")
    sign_in(page, "demo-facilitator")
    expect(page).to_have_url(base + "/ky/teach/")
    follow(page, RUNNING)
    follow(page, "Кыздардын аккаунттары")
    girl = main(page).locator("table tbody tr td a").first
    girl_name = girl.inner_text()
    girl.click()
    follow(page, "Тынчсыздануу кабарын жазуу")
    expect(page.get_by_role("heading", level=1)).to_have_text("Тынчсыздануу кабарын жазуу")
    page.get_by_label("Эмне көрүлдү же айтылды").fill(seen)
    page.get_by_label("Кимге айтылды").fill("Мектептин директору")
    shot("concern written")
    main(page).get_by_role("button", name="Кабарды жазуу").click()
    expect(page.get_by_role("status")).to_contain_text("Кабар жазылды.")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(re.compile(r"Тынчсыздануу кабары #\d+"))
    number = heading.inner_text().rsplit("#", 1)[1]
    shot("concern recorded")
    sign_out(page)

    # The lead: her home page lists the open concerns of every camp.
    sign_in(page, "demo-lead")
    expect(page).to_have_url(base + "/ky/care/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Балдарды коргоо")
    row = main(page).locator("tr").filter(has=page.get_by_role("link", name=f"#{number}",
                                                                exact=True))
    expect(row).to_contain_text(girl_name)
    expect(row).to_contain_text("ачык")
    shot("open concerns")
    follow(page, f"#{number}", exact=True)
    expect(main(page)).to_contain_text(seen)
    expect(main(page)).to_contain_text("Мектептин директору")

    # She writes what she did, then closes it.
    page.get_by_label("Текшерүү").fill(done)
    main(page).get_by_role("button", name="Сактоо").click()
    expect(page.get_by_role("status")).to_contain_text("Сакталды.")
    expect(main(page).locator("ol.follow-ups")).to_contain_text(done)
    page.get_by_label("Текшерүү").fill("Апасы менен кайра сүйлөштүм: баары жакшы.")
    page.get_by_label("Кабарды жабуу").check()
    shot("closing")
    main(page).get_by_role("button", name="Сактоо").click()
    expect(page.get_by_role("status")).to_contain_text("Сакталды.")
    expect(main(page)).to_contain_text("жабык")
    expect(main(page).get_by_role("button", name="Сактоо")).to_have_count(0)
    shot("closed")
    follow(page, "Ачык кабарларга кайтуу")
    expect(main(page).get_by_role("link", name=f"#{number}", exact=True)).to_have_count(0)
    sign_out(page)

    # The facilitator reads it as closed among the concerns she recorded.
    sign_in(page, "demo-facilitator")
    follow(page, "Мен жазган кабарлар")
    mine = main(page).locator("tr").filter(has=page.get_by_role("link", name=f"#{number}",
                                                                 exact=True))
    expect(mine).to_contain_text("жабык")
    assert server_errors == []
    assert console_errors == []
