"""What a 360x640 phone shows of the signed-in pages: tables that keep whole words and
scroll in their own box, a header that leaves room for the page, forms that fit."""

import pytest
from playwright.sync_api import expect

from tests.e2e.checks import broken_words, horizontal_overflow


def sign_in(page, server: str, username: str, language: str = "ky") -> None:
    page.goto(f"{server}/{language}/accounts/login/")
    page.locator("input[name=login]").fill(username)
    page.locator("input[name=password]").fill("test-pass-123")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def test_the_behind_table_keeps_whole_words_in_its_headers(page, server, world, shot):
    sign_in(page, server, "facilitator-a")
    page.goto(server + "/ky/teach/")
    table = page.locator("table.progress-table")
    expect(table).to_be_visible()
    table.scroll_into_view_if_needed()
    shot("progress table")
    assert broken_words(page, "table.progress-table th") == []
    assert horizontal_overflow(page) == []


def test_impact_tables_scroll_in_their_own_box_with_the_first_column_in_view(
        page, server, world, shot):
    sign_in(page, server, "manager")
    expect(page).to_have_url(server + "/ky/impact/")
    # The key figures come first, on the first screen, before the filters.
    facts = page.locator("dl.impact-facts").first
    assert facts.bounding_box()["y"] < 640
    assert facts.bounding_box()["y"] < page.locator("form.impact-filters").bounding_box()["y"]
    # Sections fold: one open, the others a summary line each.
    sections = page.locator("main details.impact-section")
    assert sections.count() >= 3
    assert page.locator("main details.impact-section:not([open])").count() >= 2
    shot("dashboard")

    table = page.get_by_role("table", name="Облустар боюнча")
    table.scroll_into_view_if_needed()
    assert broken_words(page, "main table.impact-table th") == []
    assert horizontal_overflow(page) == []  # the page itself never scrolls sideways
    box = page.locator("#table-region").locator("xpath=..")
    assert box.evaluate("el => el.scrollWidth > el.clientWidth")  # the table does
    first = page.locator("#table-region tbody th[scope=row]").first
    left = first.bounding_box()["x"]
    box.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    shot("table scrolled sideways")
    assert abs(first.bounding_box()["x"] - left) < 1  # the line's name stays in view


HEADER_MAX = 120  # px of a 640 px screen: the rest is the page


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_the_header_leaves_the_screen_to_the_page(page, server, world, language, shot):
    page.goto(f"{server}/{language}/")
    header = page.locator("header.site-header")
    shot("visitor")
    assert header.bounding_box()["height"] <= HEADER_MAX  # a visitor
    sign_in(page, server, "facilitator-a", language)
    expect(page).to_have_url(f"{server}/{language}/teach/")
    shot("signed in")
    assert header.bounding_box()["height"] <= HEADER_MAX
    # The language switch and sign-out are at hand; her pages are one tap away.
    expect(page.get_by_role("navigation", name={"ky": "Тил", "ru": "Язык"}[language])
           .get_by_role("link")).to_be_visible()
    sign_out = header.get_by_role("button", name={"ky": "Чыгуу", "ru": "Выйти"}[language])
    expect(sign_out).to_be_visible()
    assert sign_out.bounding_box()["y"] + 44 <= HEADER_MAX + 1
    gals = header.get_by_role("link", name={"ky": "GALS жыйындары",
                                            "ru": "Встречи GALS"}[language])
    expect(gals).to_be_hidden()
    header.locator("summary").click()
    shot("menu open")
    gals.click()
    expect(page).to_have_url(f"{server}/{language}/teach/gals/")
    assert header.bounding_box()["height"] <= HEADER_MAX  # folded again on the next page


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_each_survey_statement_keeps_its_five_answers_on_one_row_with_the_words(
        page, server, world, language, shot):
    from cms.core.models import Consent
    from tests.courses.helpers import give_consent, make_survey_items

    make_survey_items()
    give_consent(world.girl_a, Consent.Scope.SURVEYS)
    sign_in(page, server, "girl-a", language)
    page.goto(f"{server}/{language}/learn/survey/pre/")
    shot("survey")
    words = {"ky": ("такыр макул эмесмин", "толук макулмун"),
             "ru": ("совсем не согласна", "полностью согласна")}[language]
    scales = page.locator("main .scale")
    assert scales.count() >= 3
    for scale in scales.all():
        tops = {round(box["y"]) for box in
                (label.bounding_box() for label in scale.locator("label").all())}
        assert len(tops) == 1, f"the five answers break over {len(tops)} rows"
        assert scale.locator("label").count() == 5
        legend = scale.locator("xpath=following-sibling::*[1]")
        for word in words:
            expect(legend).to_contain_text(word)
        expect(legend).to_be_visible()
    assert horizontal_overflow(page) == []
    # A screen reader hears the words with the ends of the scale.
    expect(page.get_by_role("radio", name=f"1 – {words[0]}").first).to_be_visible()


def test_a_lesson_that_needs_the_internet_says_so_on_the_day_page_without_overflow(
        page, server, world, shot):
    from courses.models import LessonPage

    lesson = LessonPage.objects.live().filter(locale__language_code="ky").order_by("path").first()
    lesson.needs_connection = True
    lesson.offline_path = ("Мурунку күнү Arduino IDE менен кошо орнотулган SimulIDE же чыныгы "
                           "плата менен макет тактасы кезек менен; компьютер жок болсо — "
                           "«кагаз Arduino».")
    lesson.save_revision().publish()
    page.goto(server + lesson.get_parent().url)
    note = page.locator(".lesson-list .needs-connection").first
    expect(note).to_be_visible()
    expect(note).to_contain_text("Интернет керек.")
    note.scroll_into_view_if_needed()
    shot("day page, lesson that needs the internet")
    assert note.bounding_box()["width"] <= 360
    assert horizontal_overflow(page) == []
    page.goto(server + lesson.url)
    expect(page.locator(".needs-connection-note")).to_contain_text("«кагаз Arduino»")
    assert horizontal_overflow(page) == []
