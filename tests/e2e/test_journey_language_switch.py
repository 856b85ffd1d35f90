"""A girl switches language in the middle of her day: what she did in Kyrgyz is done in
Russian too, and what she does in Russian counts on her Kyrgyz page."""

from playwright.sync_api import expect

from courses.models import LessonProgress
from tests.e2e.test_journey_girl import signed_in


def test_girl_switches_to_russian_midway_and_keeps_her_progress(page, context, server, world,
                                                               shot, console_errors):
    girl = world.girl_a
    first_ky = world.curriculum["lessons"]["ky"][0]
    first_ru, second_ru = world.curriculum["lessons"]["ru"][:2]
    signed_in(context, girl, server)

    page.goto(server + first_ky.url)
    page.get_by_role("button", name="Бул сабакты бүтүрдүм").click()
    expect(page.locator("#lesson-done [role=status]")).not_to_be_empty()
    shot("first lesson done in Kyrgyz")

    page.get_by_role("navigation", name="Тил").get_by_role("link", name="Русский").click()
    expect(page).to_have_url(server + first_ru.url)
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_text("Ты прошла этот урок.")).to_be_visible()
    shot("the same lesson in Russian, done")

    page.locator("a[rel=next]").click()
    expect(page).to_have_url(server + second_ru.url)
    page.get_by_role("button", name="Я прошла этот урок").click()
    expect(page.locator("#lesson-done [role=status]")).not_to_be_empty()
    shot("second lesson done in Russian")

    page.goto(server + "/ky/learn/")
    total = len(world.curriculum["lessons"]["ky"])
    expect(page.get_by_role("main")).to_contain_text(f"Бүткөн сабактар: {total} ичинен 2")
    assert set(LessonProgress.objects.filter(learner=girl).values_list(
        "lesson_key", flat=True)) == {first_ky.translation_key, second_ru.translation_key}
    assert LessonProgress.objects.filter(learner=girl).count() == 2
    shot("her Kyrgyz page counts both")
    assert console_errors == []
