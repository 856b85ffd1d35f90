"""Steps the journeys share. Each moves only by links and forms, as a person does."""

from __future__ import annotations

import base64
import time

from playwright.sync_api import Page, expect

DEMO_PASSWORD = "tech-camp-demo"


def main(page: Page):
    return page.get_by_role("main")


def follow(page: Page, name: str, exact: bool = False, within=None) -> None:
    """Tap the first link called ``name`` (in the main part of the page by default)."""
    (within or main(page)).get_by_role("link", name=name, exact=exact).first.click()


def sign_in(page: Page, login: str, password: str = DEMO_PASSWORD) -> None:
    """From any page: the header's "Кирүү", then the staff and parents' form."""
    page.locator("header").get_by_role("link", name="Кирүү").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Кирүү")
    page.locator("#id_login").fill(login)
    page.locator("#id_password").fill(password)
    main(page).get_by_role("button", name="Кирүү").click()


def sign_out(page: Page) -> None:
    page.locator("header").get_by_role("button", name="Чыгуу").click()


def controlled(page: Page, seconds: float = 20) -> None:
    """Until the service worker controls the page (polled: the CSP refuses string
    evaluation, which wait_for_function uses)."""
    deadline = time.monotonic() + seconds
    while not page.evaluate("() => Boolean(navigator.serviceWorker?.controller)"):
        if time.monotonic() > deadline:
            raise AssertionError("the service worker never took control of the page")
        page.wait_for_timeout(100)


def translated_refusal(page: Page) -> None:
    """A refusal in the page's language: the site's own page, in Kyrgyz, not a 500."""
    expect(page.locator("html")).to_have_attribute("lang", "ky")
    expect(page.locator("header .brand")).to_be_visible()


def nav(page: Page, name: str) -> None:
    """A link of the header's menu (her areas), which is folded until she opens it."""
    menu = page.get_by_role("navigation", name="Негизги меню")
    if menu.locator("details.site-menu:not([open])").count():
        menu.locator("details.site-menu > summary").click()
    menu.get_by_role("link", name=name).click()


FETCH_JS = """async (link) => {
  const response = await fetch(link.href, { credentials: "same-origin" });
  const bytes = new Uint8Array(await response.arrayBuffer());
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return { status: response.status, type: response.headers.get("content-type"),
           body: btoa(text) };
}"""


def download(page: Page, link) -> tuple[bytes, str]:
    """What a link to a file gives the phone: its bytes and content type. Fetched by the
    page itself (same cookies, same network), since Chromium shows a PDF rather than
    saving it."""
    answer = link.evaluate(FETCH_JS)
    assert answer["status"] == 200, answer["status"]
    return base64.b64decode(answer["body"]), answer["type"]
