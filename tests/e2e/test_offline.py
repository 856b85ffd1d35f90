"""A girl on a phone with signal that comes and goes, and a phone two girls share.

She saves a day, loses the signal, opens a lesson, marks it done and answers its
question; the browser is closed and opened again; the signal returns; the server has
her progress exactly once. On a shared phone, one girl's saved answers wait while
her sister is signed in, and are sent when she signs in again.
"""

import time

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from playwright.sync_api import expect

from courses.models import LessonProgress, QuizAttempt
from tests.e2e.conftest import CHROMIUM_FLAGS, PHONE, chromium_path


def session_cookie(user, server: str) -> dict:
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    # A real session cookie outlives a browser restart (it has an expiry date).
    return {"name": "sessionid", "value": cookie.value, "url": server,
            "expires": time.time() + 14 * 24 * 3600}


class Phone:
    """One phone: a browser profile on disk that survives closing the browser."""

    def __init__(self, playwright, folder, server):
        self.playwright, self.folder, self.server = playwright, folder, server
        self.context = None

    def open(self, offline=False):
        self.context = self.playwright.chromium.launch_persistent_context(
            str(self.folder), executable_path=chromium_path(), args=CHROMIUM_FLAGS,
            viewport=PHONE, device_scale_factor=1, has_touch=True, locale="ky-KG",
            timezone_id="Asia/Bishkek", service_workers="allow",
        )
        self.context.set_offline(offline)
        page = self.context.pages[0] if self.context.pages else self.context.new_page()
        self.errors = []
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("console", lambda message: self.errors.append(message.text)
                if message.type == "error" else None)
        return page

    def sign_in(self, user):
        self.context.clear_cookies()
        self.context.add_cookies([session_cookie(user, self.server)])

    def close(self):
        if self.context is not None:
            self.context.close()
            self.context = None


@pytest.fixture
def phone(playwright, tmp_path, world, live_server):
    phone = Phone(playwright, tmp_path / "profile", live_server.url.rstrip("/"))
    yield phone
    phone.close()


def wait_for(check, what: str, seconds: float = 15):
    """Poll the database until the browser's writes arrived (not a timing assertion)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise AssertionError(f"never happened: {what}")


def controlled(page, seconds: float = 15):
    """Wait until the service worker controls the page. Asked with evaluate(): while it
    polls, wait_for_function() evaluates a string, which the page's policy refuses."""
    deadline = time.monotonic() + seconds
    while not page.evaluate("() => Boolean(navigator.serviceWorker?.controller)"):
        if time.monotonic() > deadline:
            raise AssertionError("the service worker never took control of the page")
        page.wait_for_timeout(100)


def save_day(page, server, day):
    page.goto(server + day.url)
    section = page.locator("[data-offline-day]")
    button = section.get_by_role("button", name="Бул күндү офлайн үчүн сактоо")
    expect(button).to_contain_text("КБ")  # the size is shown before saving
    controlled(page)
    button.click()
    expect(section.get_by_role("status")).to_contain_text("Бул күн бул телефондо сакталган")


def test_a_saved_day_works_offline_and_progress_arrives_exactly_once(phone, world):
    server = phone.server
    girl = world.girl_a
    lesson = world.curriculum["lessons"]["ky"][0]
    day = lesson.get_parent().specific

    page = phone.open()
    phone.sign_in(girl)
    save_day(page, server, day)
    page.goto(server + "/ky/offline/")
    listed = page.locator("[data-offline-list] li")
    expect(listed).to_have_count(1)
    expect(listed).to_contain_text(day.title)

    # No signal: the saved lesson opens as usual, and what she does waits on the phone.
    phone.context.set_offline(True)
    page.goto(server + lesson.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(lesson.title)
    page.locator("form[data-learning=lesson] button").click()
    saved_note = "Бул телефондо сакталды. Байланыш пайда болгондо жөнөтүлөт."
    expect(page.locator("#lesson-done")).to_contain_text(saved_note)
    quiz = page.locator("form[data-learning=quiz]")
    quiz.locator("input[value='2']").check()
    quiz.get_by_role("button").click()
    expect(quiz).to_contain_text(saved_note)
    expect(page.locator("#offline-status")).to_contain_text("кийин жөнөтүлөт: 2")
    # An unsaved page: the friendly page in her language, listing what is saved.
    page.goto(server + "/ky/teach/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Бул телефондо сакталган")
    expect(page.locator("[data-offline-list] li")).to_contain_text(day.title)
    assert LessonProgress.objects.count() == 0 and QuizAttempt.objects.count() == 0

    # The browser is closed while there is no signal: nothing has reached the server.
    phone.close()
    assert LessonProgress.objects.count() == 0 and QuizAttempt.objects.count() == 0

    # Opened again when the signal is back: the phone sends what it kept, once, however
    # many senders try (the page on load, the "online" event, Background Sync).
    page = phone.open()
    page.goto(server + lesson.url)
    wait_for(lambda: LessonProgress.objects.filter(learner=girl).exists(), "lesson done sent")
    wait_for(lambda: QuizAttempt.objects.filter(learner=girl).exists(), "answer sent")
    expect(page.locator("#offline-status")).not_to_contain_text("кийин жөнөтүлөт")
    page.reload()
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.goto(server + "/ky/offline/")
    time.sleep(1)  # give a wrong second send the chance to happen before counting
    assert LessonProgress.objects.filter(learner=girl).count() == 1
    attempts = list(QuizAttempt.objects.values_list("learner", "answer", "is_correct"))
    assert attempts == [(girl.pk, 2, True)]
    assert phone.errors == []


def test_on_a_shared_phone_a_girls_answers_wait_for_her(phone, world):
    server = phone.server
    aigul, nurzat = world.girl_a, world.girl_b
    get_user_model().objects.filter(pk=nurzat.pk).update(first_name="Нурзат")
    lesson = world.curriculum["lessons"]["ky"][0]

    page = phone.open()
    phone.sign_in(aigul)
    save_day(page, server, lesson.get_parent().specific)
    phone.context.set_offline(True)
    page.goto(server + lesson.url)
    page.locator("form[data-learning=lesson] button").click()
    expect(page.locator("#offline-status")).to_contain_text("кийин жөнөтүлөт: 1")

    # Her sister signs in on the phone before the signal returns. Then every sender
    # tries (the service worker's Background Sync, the page): nothing goes as Nurzat's.
    phone.sign_in(nurzat)
    phone.context.set_offline(False)
    page.goto(server + "/ky/learn/")
    expect(page.locator("#offline-status")).to_contain_text(
        "Бул телефондо башка адам сактаган: 1")
    page.reload()
    expect(page.locator("#offline-status")).to_contain_text("башка адам")
    assert not LessonProgress.objects.exists()

    # Aigul signs in again: her answer is sent, under her name, once.
    phone.sign_in(aigul)
    page.goto(server + "/ky/learn/")
    wait_for(lambda: LessonProgress.objects.filter(learner=aigul).exists(), "sent for Aigul")
    assert list(LessonProgress.objects.values_list("learner", flat=True)) == [aigul.pk]
    expect(page.locator("#offline-status")).not_to_contain_text("башка адам")


def test_without_signal_a_lesson_question_still_says_right_or_wrong_and_why(phone, world):
    server = phone.server
    girl = world.girl_a
    lesson = world.curriculum["lessons"]["ky"][0]
    page = phone.open()
    phone.sign_in(girl)
    save_day(page, server, lesson.get_parent().specific)
    phone.context.set_offline(True)
    page.goto(server + lesson.url)
    quiz = page.locator("form[data-learning=quiz]")
    result = quiz.get_by_role("status")
    quiz.locator("input[value='1']").check()
    quiz.get_by_role("button").click()
    # Checked on the phone: wrong, the explanation, and that it waits to be sent.
    expect(result.locator(".message-error")).to_contain_text("Туура эмес.")
    expect(result.locator(".message-error")).to_contain_text("Кепшерлөө: үйрөнөбүз, көрөбүз")
    expect(result).to_contain_text("Бул телефондо сакталды")
    quiz.locator("input[value='2']").check()
    quiz.get_by_role("button").click()
    expect(result.locator(".message-success")).to_contain_text("Туура!")
    expect(result.locator(".message-error")).to_have_count(0)
    assert not QuizAttempt.objects.exists()
    # With signal the server scores both answers again: its score is the record.
    phone.context.set_offline(False)
    page.goto(server + "/ky/learn/")
    wait_for(lambda: QuizAttempt.objects.filter(learner=girl).count() == 2, "answers sent")
    assert sorted(QuizAttempt.objects.values_list("answer", "is_correct")) == [
        (1, False), (2, True)]
    # No script error: only the browser's own notes of the sends that found no signal.
    assert [e for e in phone.errors if "ERR_INTERNET_DISCONNECTED" not in e] == []


class ByteCounter:
    """Wraps the live server's WSGI app and counts what it sends: status line,
    headers and body, as they leave the server (compressed where the server compresses)."""

    def __init__(self, app):
        self.app, self.sent, self.paths = app, 0, []

    def __call__(self, environ, start_response):
        def counting_start(status, headers, exc_info=None):
            self.sent += len(status) + 11 + sum(len(k) + len(v) + 4 for k, v in headers)
            return start_response(status, headers, exc_info)

        self.paths.append(environ["PATH_INFO"])
        for chunk in self.app(environ, counting_start):
            self.sent += len(chunk)
            yield chunk


def test_a_repeat_visit_with_the_service_worker_costs_at_most_5_kb(phone, world, live_server):
    httpd = live_server.thread.httpd
    counter = ByteCounter(httpd.get_app())
    httpd.set_app(counter)
    try:
        page = phone.open()
        phone.sign_in(world.girl_a)
        lesson = world.curriculum["lessons"]["ky"][0]
        page.goto(phone.server + lesson.url, wait_until="networkidle")
        controlled(page)
        page.wait_for_load_state("networkidle")
        first = counter.sent
        counter.sent, counter.paths = 0, []
        page.goto(phone.server + lesson.url, wait_until="networkidle")
        expect(page.get_by_role("heading", level=1)).to_have_text(lesson.title)
        repeat = counter.sent
    finally:
        httpd.set_app(counter.app)
    assert lesson.url in counter.paths, "the page itself is fresh from the server"
    assert not [p for p in counter.paths if p.startswith("/static/")], counter.paths
    assert repeat <= 5 * 1024, f"{repeat} bytes: {counter.paths}"
    assert first > repeat


def test_the_roll_call_opens_and_works_without_signal(phone, world):
    """A facilitator opens her camp page with signal in the morning; in the school there is
    none: her page and today's roll call still open, the taps wait on the phone, and are
    sent once when the signal returns."""
    from camp.models import Attendance

    day = world.camp_a.days.get(number=1)
    roll = f"/ky/teach/camps/{world.camp_a.pk}/days/1/roll/"
    page = phone.open()
    phone.sign_in(world.facilitator_a)
    page.goto(phone.server + "/ky/teach/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()  # under the service worker now: her camp page is kept
    kept = ("url => caches.open('pages-' + document.querySelector('meta[name=user-id]')"
            ".content).then(c => c.match(location.origin + url)).then(Boolean)")
    # evaluate() waits for the promise; wait_for_function() would take it as true at once.
    wait_for(lambda: page.evaluate(kept, roll), "today's roll call kept on the phone")

    phone.context.set_offline(True)
    page.goto(phone.server + "/ky/teach/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Менин лагерлерим")
    page.get_by_role("link", name="Катышууну белгилөө").first.click()
    expect(page).to_have_url(phone.server + roll)
    row = page.locator(f'.roll-row[data-learner="{world.girl_a.pk}"]')
    row.locator("input[value=present]").check()
    expect(row.locator(".roll-state")).to_have_text(
        "Бул телефондо сакталды. Байланыш пайда болгондо жөнөтүлөт.")
    assert not Attendance.objects.filter(camp_day=day).exists()

    page.goto(phone.server + "/ky/offline/")  # not kept: the "saved on this phone" page
    kept = page.locator("[data-kept-list]")
    expect(kept.locator(f'a[href="{roll}"]')).to_contain_text(world.camp_a.title)
    expect(kept.locator('a[href="/ky/teach/"]')).to_have_count(1)

    phone.context.set_offline(False)
    page.goto(phone.server + roll)  # with signal, the page sends what waited
    wait_for(lambda: Attendance.objects.filter(camp_day=day).exists(), "roll-call mark sent")
    page.reload()
    assert Attendance.objects.filter(camp_day=day, learner=world.girl_a).count() == 1
    assert Attendance.objects.get(camp_day=day, learner=world.girl_a).status == "present"
