"""Anyone, on a phone: reads the site in Kyrgyz, switches to Russian, follows the curriculum
from the home page down to a lesson and the next one, switches back, and searches."""

import re

from playwright.sync_api import expect


def test_reader_follows_the_curriculum_in_both_languages(page, server, site, shot,
                                                         console_errors):
    lessons = site.curriculum["lessons"]

    page.goto(server + "/")
    expect(page).to_have_url(server + "/ky/")
    expect(page.locator("html")).to_have_attribute("lang", "ky")
    shot("home in Kyrgyz")

    page.get_by_role("navigation", name="Тил").get_by_role("link", name="Русский").click()
    expect(page).to_have_url(server + "/ru/")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    shot("home in Russian")

    page.get_by_role("main").get_by_role("link", name="Техно-лагерь").click()
    expect(page).to_have_url(server + site.url("curriculum", "ru"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Техно-лагерь")
    shot("curriculum")

    page.get_by_role("main").get_by_role("link", name=re.compile("День 1")).first.click()
    expect(page).to_have_url(server + site.url("day", "ru"))
    expect(page.get_by_role("heading", level=1)).to_have_text("День 1")
    shot("day")

    page.get_by_role("main").get_by_role("link", name="Урок 1.1").click()
    expect(page).to_have_url(server + lessons["ru"][0].url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Урок 1.1")
    shot("lesson")

    page.get_by_role("link", name=re.compile("Следующий урок")).click()
    expect(page).to_have_url(server + lessons["ru"][1].url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Урок 1.2")
    shot("next lesson")

    # Back to Kyrgyz: the same lesson, not the home page.
    page.get_by_role("link", name="Кыргызча").click()
    expect(page).to_have_url(server + lessons["ky"][1].url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Сабак 1.2")
    shot("same lesson in Kyrgyz")

    page.get_by_role("navigation", name="Негизги меню").get_by_role("link", name="Издөө").click()
    expect(page).to_have_url(server + "/ky/search/")
    page.get_by_role("searchbox").fill("Сабак 2.1")
    page.get_by_role("searchbox").press("Enter")
    result = page.get_by_role("main").get_by_role("link", name="Сабак 2.1")
    expect(result).to_be_visible()
    shot("search results")
    result.click()
    expect(page).to_have_url(server + lessons["ky"][2].url)
    shot("found lesson")

    assert console_errors == []


def test_reader_meets_a_helpful_404(page, server, site, shot):
    response = page.goto(server + "/ru/no-such-page/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Страница не найдена")
    shot("not found")
    page.get_by_role("main").get_by_role("link", name="На главную страницу").click()
    expect(page).to_have_url(server + "/ru/")
