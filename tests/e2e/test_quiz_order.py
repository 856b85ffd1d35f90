"""Two girls open the same lesson: each sees its check question's six choices in an
order of her own, the same order again when she comes back, and each is told she is
right when she taps the right answer's text. Without JavaScript the choices stand as
the lesson was written."""

from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from courses.models import QuizAttempt

CHOICES = ["Кызыл", "Сары", "Жашыл", "Көк", "Ак", "Кара"]
RIGHT = 4  # "Көк", written fourth


def with_six_choices(lesson) -> None:
    """The lesson's question asks for the colour of the sky, from six colours."""
    data = [dict(block) for block in lesson.body.raw_data]
    for block in data:
        if block["type"] == "quiz":
            block["value"] = {"question": "Асман кандай түстө?", "choices": CHOICES,
                              "correct": RIGHT, "explanation": "Күндүзгү асман көк."}
    lesson.body = lesson.body.stream_block.to_python(data)
    lesson.save_revision().publish()


def phone_of(browser, browser_context_args, user, server: str, **options):
    context = browser.new_context(**browser_context_args, **options)
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": server}])
    return context


def shown(page) -> list[str]:
    return [text.strip() for text in page.locator("section.quiz label.choice").all_inner_texts()]


def test_two_girls_see_their_own_order_and_each_is_right_by_the_right_text(
        browser, browser_context_args, server, world):
    lesson = world.curriculum["lessons"]["ky"][0]
    with_six_choices(lesson)
    orders = {}
    for girl in (world.girl_a, world.girl_b):
        context = phone_of(browser, browser_context_args, girl, server)
        errors = []
        page = context.new_page()
        page.on("console", lambda m, errors=errors: errors.append(m.text)
                if m.type == "error" else None)
        page.goto(server + lesson.url)
        quiz = page.locator("section.quiz")
        expect(quiz.locator("label.choice")).to_have_count(6)
        orders[girl.pk] = shown(page)
        assert sorted(orders[girl.pk]) == sorted(CHOICES)

        page.reload()
        assert shown(page) == orders[girl.pk], "the same order when she comes back"

        quiz.get_by_role("radio", name="Жашыл").check()  # a wrong one first
        quiz.get_by_role("button", name="Жообумду текшер").click()
        expect(quiz.get_by_role("status")).to_contain_text("Туура эмес")
        quiz.get_by_role("radio", name="Көк").check()
        quiz.get_by_role("button", name="Жообумду текшер").click()
        expect(quiz.get_by_role("status")).to_contain_text("Туура!")
        expect(quiz.get_by_role("status")).to_contain_text("Күндүзгү асман көк.")
        assert shown(page) == orders[girl.pk], "answering moves nothing"
        assert list(QuizAttempt.objects.filter(learner=girl).order_by("answered_at")
                    .values_list("answer", "is_correct")) == [(3, False), (RIGHT, True)]

        page.reload()  # the server's own page remembers the right choice, wherever it stands
        expect(quiz.get_by_role("radio", name="Көк")).to_be_checked()
        assert errors == []
        context.close()

    first, second = orders.values()
    assert first != second, f"both girls saw {first}"


def test_without_javascript_the_choices_stand_as_written(browser, browser_context_args,
                                                        server, world):
    lesson = world.curriculum["lessons"]["ky"][0]
    with_six_choices(lesson)
    context = phone_of(browser, browser_context_args, world.girl_a, server,
                       java_script_enabled=False)
    page = context.new_page()
    page.goto(server + lesson.url)
    assert shown(page) == CHOICES
    quiz = page.locator("section.quiz")
    quiz.get_by_role("radio", name="Көк").check()
    quiz.get_by_role("button", name="Жообумду текшер").click()
    expect(quiz.get_by_role("status")).to_contain_text("Туура!")
    assert list(QuizAttempt.objects.values_list("answer", "is_correct")) == [(RIGHT, True)]
    context.close()
