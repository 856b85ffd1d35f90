"""A reader meets a camp word in a lesson, taps it and reads what it means; from the
glossary she comes back to the lesson; the same in Russian."""

import pytest
from playwright.sync_api import expect

READING = {
    "ky": ("Кепшерлөө", "Эки металл бөлүгүн эриген припой менен бириктирүү.", "Лагердин сөздүгү",
           "Сөздүк"),
    "ru": ("Пайка", "Соединение двух металлических деталей расплавленным припоем.",
           "Словарь лагеря", "Словарь"),
}


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_a_word_in_a_lesson_leads_to_what_it_means(page, server, world, shot, console_errors,
                                                    language):
    word, meaning, link, heading = READING[language]
    lesson = world.curriculum["lessons"][language][0]
    page.goto(server + lesson.url)
    page.locator("article.lesson").get_by_role("link", name=word, exact=True).click()
    entry = page.locator(".glossary div:target")
    expect(entry).to_contain_text(meaning)
    expect(entry.locator("dt")).to_have_text(word.lower())
    shot("the word's entry")
    page.go_back()
    expect(page).to_have_url(server + lesson.url)
    page.get_by_role("link", name=link).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert console_errors == []
