"""The content editor: she sets the admin to Russian (Wagtail has no Kyrgyz), goes from
its dashboard to a Kyrgyz lesson, a new title published; then its Russian translation,
published too; both live on the site."""

import re
import time

from playwright.sync_api import expect

from tests.acceptance.steps import sign_in


def open_link(link) -> None:
    """Follow a link of the admin's tables by the keyboard: on a phone-wide screen the
    admin's sticky header may lie over a row, and a tap there would hit the header."""
    link.focus()
    link.press("Enter")


def explore(page, title: str) -> None:
    """Open the children of the page called ``title`` in the admin's list of pages."""
    open_link(page.get_by_role(
        "link", name=re.compile(r"^Обзор дочерних для '" + re.escape(title))))


def publish(page) -> None:
    """The footer's "Опубликовать" (the status panel, when open, covers it on a phone)."""
    status = page.get_by_role("button", name="Переключить статус")
    if status.get_attribute("aria-expanded") == "true":
        status.click()
    page.get_by_role("button", name="Больше действий").click()
    page.get_by_role("button", name="Опубликовать", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("опубликована")


def test_editor_publishes_a_lesson_in_both_languages(page, context, base, shot,
                                                     server_errors):
    stamp = time.strftime("%H:%M:%S")
    page.goto(base + "/ky/")
    sign_in(page, "demo-editor")
    expect(page).to_have_url(base + "/admin/")
    shot("admin dashboard")
    # Wagtail has no Kyrgyz: she chooses Russian for the admin in her account.
    page.locator("button[aria-label]:visible").first.click()  # the sidebar, on a phone
    page.get_by_role("button", name=re.compile("^Салтанат")).click()
    page.locator("a[href='/admin/account/']:visible").click()
    page.locator("select[name='locale-preferred_language']").select_option("ru")
    page.locator("main button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    page.locator("button[aria-label]:visible").first.click()
    page.locator("a[href='/admin/']:visible").first.click()
    expect(page.locator("html")).to_have_attribute("lang", "ru")

    page.get_by_role("main").get_by_role("link", name=re.compile("Страниц")).first.click()
    explore(page, "Tech Camp: алты күндүк программа")
    explore(page, "1-күн")
    open_link(page.locator("main table a[href$='/edit/']").first)
    title = page.locator("#id_title")
    kyrgyz = f"{title.input_value()} ({stamp})"
    title.fill(kyrgyz)
    shot("Kyrgyz lesson edited")
    publish(page)
    shot("published")

    # Its Russian translation, from the lesson's status panel.
    edit = re.compile("^(Изменить|Редактировать)$")
    page.locator(".messages").get_by_role("link", name=edit).click()
    page.get_by_role("button", name="Переключить статус").click()
    page.get_by_role("button", name="Сменить язык").click()
    page.get_by_role("link", name=re.compile("Русский")).click()
    title = page.locator("#id_title")
    russian = f"{title.input_value()} ({stamp})"
    title.fill(russian)
    publish(page)
    shot("Russian published")

    # Both live: the Russian page from the admin's message, the Kyrgyz one by the site's
    # language switcher.
    page.locator(".messages").get_by_role("link", name="Смотреть на сайте").click()
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_role("heading", level=1)).to_have_text(russian)
    page.get_by_role("navigation", name="Язык").get_by_role("link", name="Кыргызча").click()
    expect(page.locator("html")).to_have_attribute("lang", "ky")
    expect(page.get_by_role("heading", level=1)).to_have_text(kyrgyz)
    shot("both live")
    assert server_errors == []
