"""Every page type, in both languages, as a girl with a small phone, a screen reader or a
keyboard meets it: axe-core at WCAG 2.2 AA, touch targets of 44 px, and no sideways
scrolling at 200% zoom.

200% zoom is emulated the way a browser does it: zooming a 360 px screen to 200% lays the
page out in 180 CSS pixels, so the check uses a 180x320 viewport (not CSS ``zoom``,
which scales the layout differently from a real zoom).
"""

import pytest
from playwright.sync_api import expect

from tests.e2e.checks import (
    axe_violations,
    horizontal_overflow,
    report,
    small_touch_targets,
)
from tests.e2e.conftest import PHONE
from tests.e2e.site import LANGUAGES, PAGE_TYPES

ZOOMED = {"width": PHONE["width"] // 2, "height": PHONE["height"] // 2}

# axe-core injects its script into the page; the site's Content Security Policy would
# (rightly) refuse it, so these tests let the browser ignore the policy.
pytestmark = pytest.mark.browser_context_args(bypass_csp=True)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_type_is_accessible(page, server, site, shot, language):
    problems: dict[str, list[str]] = {}
    for page_type in PAGE_TYPES:
        page.set_viewport_size(PHONE)
        page.goto(server + site.url(page_type, language))
        expect(page.locator("html")).to_have_attribute("lang", language)
        shot(page_type)
        found = axe_violations(page)
        found += [f"touch target under 44 px: {t}" for t in small_touch_targets(page)]
        page.set_viewport_size(ZOOMED)
        shot(f"{page_type} at 200 percent")
        found += [f"at 200% zoom: {what}" for what in horizontal_overflow(page)]
        if found:
            problems[page_type] = found
    assert not problems, report(problems)


def test_signed_in_header_is_accessible(page, server, site, django_user_model):
    """The header changes once someone is signed in (a sign-out button)."""
    django_user_model.objects.create_user("teacher", password="test-pass-123", is_staff=True)
    page.goto(server + site.url("sign-in", "ky"))
    page.locator("input[name=login]").fill("teacher")
    page.locator("input[name=password]").fill("test-pass-123")
    page.locator("main form button[type=submit]").click()
    page.goto(server + site.url("lesson", "ky"))
    expect(page.get_by_role("button", name="Чыгуу")).to_be_visible()
    assert axe_violations(page) == []
    page.set_viewport_size(ZOOMED)
    assert horizontal_overflow(page) == []


def test_keyboard_alone_switches_language_and_reaches_the_next_lesson(page, server, site,
                                                                      shot):
    lessons = site.curriculum["lessons"]
    page.goto(server + lessons["ky"][0].url)

    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    expect(page.locator(".skip-link")).to_be_in_viewport()
    shot("skip link")

    russian = page.get_by_role("link", name="Русский")
    tab_until(page, russian)
    assert outline_width(page) >= 2, "the focused link shows no focus ring"
    shot("language link focused")
    page.keyboard.press("Enter")
    expect(page).to_have_url(server + lessons["ru"][0].url)

    next_lesson = page.locator("a[rel=next]")
    tab_until(page, next_lesson)
    assert outline_width(page) >= 2, "the focused link shows no focus ring"
    shot("next lesson focused")
    page.keyboard.press("Enter")
    expect(page).to_have_url(server + lessons["ru"][1].url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Урок 1.2")


def tab_until(page, locator, limit: int = 80) -> None:
    """Press Tab until ``locator`` has the focus, as someone without a mouse would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"{locator} was not reached with {limit} presses of Tab")


def outline_width(page) -> float:
    return page.evaluate(
        "() => parseFloat(getComputedStyle(document.activeElement).outlineWidth) || 0"
    )
