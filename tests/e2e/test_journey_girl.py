"""A girl at camp, on the phone the girls share: the facilitator turns camp sign-in on,
the girl taps her name, types her PIN, opens today's lesson, answers its check question
and marks the lesson done. In Kyrgyz; and in Russian on the camp's last day, where she
then sees her progress and downloads her certificate."""

import datetime
import io
import uuid

from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from camp import attendance
from camp.certificates import services as certificates
from cms.core.accounts import reset_pin
from courses.models import LessonProgress
from tests.e2e.checks import AXE, axe_violations


def signed_in(context, user, server: str) -> None:
    """Give the browser ``user``'s session, as if she had signed in on it."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": server}])


def test_girl_signs_in_on_a_shared_phone_and_does_todays_lesson(page, context, server, world,
                                                                shot, console_errors):
    girl = world.girl_a
    pin = reset_pin(girl, by=world.facilitator_a)
    lesson = world.curriculum["lessons"]["ky"][0]

    signed_in(context, world.facilitator_a, server)
    page.goto(server + f"/ky/teach/camps/{world.camp_a.pk}/accounts/")
    shot("facilitator turns camp sign-in on")
    page.get_by_role("button", name="Бул телефондо лагерге кирүүнү күйгүзүү").click()
    expect(page).to_have_url(server + "/ky/camp-sign-in/")
    expect(page.get_by_role("link", name="Нурзат Ө.")).to_have_count(0)  # the other camp's
    shot("the girls' names")

    page.get_by_role("link", name="Айгүл К.").click()
    page.get_by_label("Сиздин PIN").fill(pin)
    shot("her PIN")
    page.get_by_label("Сиздин PIN").press("Enter")
    expect(page).to_have_url(server + "/ky/learn/")
    shot("my lessons")

    page.get_by_role("main").get_by_role("link", name=lesson.title).first.click()
    expect(page).to_have_url(server + lesson.url)
    quiz = page.locator("section.quiz")
    quiz.get_by_role("radio", name="B").check()
    quiz.get_by_role("button", name="Жообумду текшер").click()
    expect(quiz).to_contain_text("Туура!")
    shot("right answer")

    page.get_by_role("button", name="Бул сабакты бүтүрдүм").click()
    expect(page.locator("#lesson-done [role=status]")).not_to_be_empty()
    shot("lesson done")
    page.reload()  # what the server now says about this lesson
    expect(page.get_by_text("Бул сабакты бүтүрдүң.")).to_be_visible()
    assert LessonProgress.objects.filter(
        learner=girl, lesson_key=lesson.translation_key
    ).count() == 1

    assert console_errors == []


def on_its_last_day_in_russian(world) -> None:
    """Camp A is taught in Russian and today is its sixth day; Айгүл came on days 1 to 5."""
    camp, today = world.camp_a, timezone.localdate()
    camp.language = "ru"
    camp.start_date = today - datetime.timedelta(days=5)
    camp.save(update_fields=["language", "start_date"])
    for day in camp.days.all():
        day.date = camp.start_date + datetime.timedelta(days=day.number - 1)
        day.save(update_fields=["date"])
        if day.number < 6:
            attendance.mark_many(day, [(world.girl_a.pk, "present", str(uuid.uuid4()))],
                                 world.facilitator_a, other_day_confirmed=True)


def test_girl_in_russian_does_the_last_days_lesson_and_downloads_her_certificate(
        page, context, server, world, shot, console_errors):
    context.add_init_script(path=AXE)  # axe-core in every page, under its CSP
    on_its_last_day_in_russian(world)
    girl = world.girl_a
    pin = reset_pin(girl, by=world.facilitator_a)
    lesson = world.curriculum["lessons"]["ru"][5]  # day 6

    signed_in(context, world.facilitator_a, server)
    page.goto(server + f"/ru/teach/camps/{world.camp_a.pk}/accounts/")
    page.get_by_role("button", name="Включить вход в лагерь на этом телефоне").click()
    expect(page).to_have_url(server + "/ru/camp-sign-in/")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_role("link", name="Нурзат Ө.")).to_have_count(0)  # the other camp's
    shot("the girls' names")

    page.get_by_role("link", name="Айгүл К.").click()
    page.get_by_label("Ваш PIN").fill(pin)
    page.get_by_label("Ваш PIN").press("Enter")
    expect(page).to_have_url(server + "/ru/learn/")
    today = page.locator("li[aria-current=date]")
    expect(today).to_contain_text("День 6")
    expect(page.get_by_role("main")).to_contain_text("Пройдено уроков: 0 из 6")
    shot("my lessons")

    today.get_by_role("link", name=lesson.title).click()
    expect(page).to_have_url(server + lesson.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Урок 6.1")
    quiz = page.locator("section.quiz")
    quiz.get_by_role("radio", name="B").check()
    quiz.get_by_role("button", name="Проверить мой ответ").click()
    expect(quiz).to_contain_text("Верно!")
    shot("right answer")
    assert axe_violations(page) == []

    page.get_by_role("button", name="Я прошла этот урок").click()
    expect(page.locator("#lesson-done [role=status]")).not_to_be_empty()
    page.reload()
    expect(page.get_by_text("Ты прошла этот урок.")).to_be_visible()
    assert LessonProgress.objects.filter(
        learner=girl, lesson_key=lesson.translation_key
    ).count() == 1
    shot("lesson done")

    # Her progress, from the menu.
    page.get_by_role("navigation", name="Главное меню").get_by_text("Меню", exact=True).click()
    page.get_by_role("navigation", name="Главное меню").get_by_role(
        "link", name="Мои уроки").click()
    expect(page).to_have_url(server + "/ru/learn/")
    expect(page.get_by_role("main")).to_contain_text("Пройдено уроков: 1 из 6")
    expect(page.get_by_role("progressbar")).to_have_attribute("value", "1")
    expect(today.locator("li.done")).to_contain_text("Урок 6.1")
    shot("my progress")
    assert axe_violations(page) == []

    # The closing ceremony: the facilitator issues the camp's certificates.
    (certificate,) = certificates.issue_for_camp(world.camp_a, by=world.facilitator_a,
                                                 language="ru")

    page.get_by_role("navigation", name="Мои страницы").get_by_role(
        "link", name="Сертификаты").click()
    expect(page).to_have_url(server + "/ru/certificates/")
    card = page.get_by_role("main").locator("li.card")
    expect(card).to_have_count(1)
    expect(card).to_contain_text("Айгүл К.")
    expect(card).to_contain_text("Лагерь A")
    expect(card).to_contain_text(certificate.display_code)
    shot("my certificate")
    assert axe_violations(page) == []
    download = card.get_by_role("link", name="Скачать сертификат (PDF)")
    pdf = page.request.get(server + download.get_attribute("href"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    text = PdfReader(io.BytesIO(pdf.body())).pages[0].extract_text()
    assert certificate.display_code in text
    # The same certificate as a signed Open Badges 3.0 credential, for her wallet.
    badge = card.get_by_role("link", name="Сохранить как цифровой бейдж (Open Badges 3.0)")
    credential = page.request.get(server + badge.get_attribute("href"))
    assert credential.ok and credential.headers["content-type"] == "application/vc"
    document = credential.json()
    assert document["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert document["name"] == "Шестидневный STEM-техлагерь"
    assert document["credentialSubject"]["identifier"][0]["identityHash"] == "Айгүл К."

    assert console_errors == []
