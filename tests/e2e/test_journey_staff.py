"""A staff member (here a facilitator) signs in on the site's sign-in page and out again,
on a phone, in Kyrgyz; a wrong password keeps her on the page with a message, and the
right one takes her to her own start page."""

from playwright.sync_api import expect

from cms.core.models import Role
from tests.world import make_user


def test_staff_member_signs_in_and_out(page, server, site, shot, console_errors):
    make_user("aida", Role.FACILITATOR, first_name="Аида")

    page.goto(server + site.url("home", "ky"))
    shot("home")
    page.get_by_role("navigation", name="Негизги меню").get_by_role("link", name="Кирүү").click()
    expect(page).to_have_url(server + site.url("sign-in", "ky"))
    shot("sign-in page")

    page.locator("input[name=login]").fill("aida")
    page.locator("input[name=password]").fill("not-her-password")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(server + site.url("sign-in", "ky"))
    expect(page.locator("main .message-error, main .errorlist").first).to_be_visible()
    expect(page.locator("input[name=login]")).to_have_value("aida")
    shot("wrong password")

    page.locator("input[name=password]").fill("test-pass-123")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(server + "/ky/teach/")
    sign_out = page.get_by_role("button", name="Чыгуу")
    expect(sign_out).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "ky")
    shot("signed in")

    sign_out.click()
    expect(page.get_by_role("navigation", name="Негизги меню")
           .get_by_role("link", name="Кирүү")).to_be_visible()
    expect(page.get_by_role("button", name="Чыгуу")).to_have_count(0)
    shot("signed out")

    assert console_errors == []
