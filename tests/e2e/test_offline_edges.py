"""The edges of working without signal: a saved day that changes on the server, a phone
with no room left, and a write kept on the phone that the server no longer accepts.

Same phone as tests/e2e/test_offline.py: a Chromium profile on disk, a girl of camp A,
the words she reads in Kyrgyz.
"""

from playwright.sync_api import expect

from courses.models import LessonPage, LessonProgress
from tests.e2e import test_offline
from tests.e2e.test_offline import controlled, save_day, wait_for

phone = test_offline.phone  # the same phone (and the same camps: conftest's world)

SAVED_PAGE_TITLE = "Бул телефондо сакталган"  # the "saved on this phone" page
FULL = ("Бул телефондо бул күн үчүн орун жок. Мурда сакталгандар калат: сакталган бир "
        "күндү же бир нече сүрөттү өчүрүп, кайра аракет кылыңыз.")
ROOM = 10 * 1024  # bytes left on the full phone: a day page (about 8 KB kept), not a day


def saved_days(page) -> list[dict]:
    """The days this phone keeps (IndexedDB), as offline-days.js wrote them. Read with
    ``evaluate``, which waits for the promise (``wait_for_function`` would not)."""
    return page.evaluate("OfflineQueue.all('days')")


def queued(page) -> list[dict]:
    """The writes waiting on this phone (IndexedDB), as offline-queue.js keeps them."""
    return page.evaluate("OfflineQueue.all('queue')")


def test_a_saved_day_follows_a_lesson_published_anew(phone, world):
    """An editor corrects a lesson after she saved its day: the next page she opens with
    signal downloads the day again, and without signal she reads the corrected lesson."""
    server = phone.server
    lesson = world.curriculum["lessons"]["ky"][0]
    day = lesson.get_parent().specific

    page = phone.open()
    phone.sign_in(world.girl_a)
    save_day(page, server, day)
    [before] = saved_days(page)

    # On the server, a newer revision of the lesson is published.
    edited = LessonPage.objects.get(pk=lesson.pk)
    edited.intro = "Жаңы текст: кепшерлегичти дайыма тирөөчкө коюңуз."
    edited.save_revision().publish()

    # She opens her own page with signal (not the lesson: that alone would refresh it).
    page.goto(server + "/ky/learn/")
    wait_for(lambda: [d["version"] for d in saved_days(page)] != [before["version"]],
             "the day downloaded again")

    phone.context.set_offline(True)
    page.goto(server + lesson.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(lesson.title)
    expect(page.get_by_text("Жаңы текст: кепшерлегичти дайыма тирөөчкө коюңуз.")).to_be_visible()
    page.goto(server + "/ky/offline/")
    listed = page.locator("[data-offline-list] li")
    expect(listed).to_have_count(1)  # the same day, saved again: not a second copy
    expect(listed).to_contain_text(day.title)
    assert phone.errors == []


def test_a_full_phone_says_so_and_keeps_the_day_saved_before(phone, world):
    """Day 1 is saved; then the phone has almost no room left: saving day 2 says the phone
    is full, in her language, and day 1 is still listed and still opens without signal."""
    server = phone.server
    first, second = world.curriculum["lessons"]["ky"][:2]
    day_1, day_2 = first.get_parent().specific, second.get_parent().specific

    page = phone.open()
    phone.sign_in(world.girl_a)
    save_day(page, server, day_1)

    # The phone fills up: Chromium now allows the site 10 KB more than it uses, room for
    # the day page but not for its lesson too. (Pages are not told: estimate() keeps
    # reporting a large quota, so the browser's refusal to write is what the page meets.)
    cdp = phone.context.new_cdp_session(page)
    used = cdp.send("Storage.getUsageAndQuota", {"origin": server})["usage"]
    cdp.send("Storage.overrideQuotaForOrigin", {"origin": server, "quotaSize": used + ROOM})
    room = cdp.send("Storage.getUsageAndQuota", {"origin": server})
    assert room["overrideActive"] and room["quota"] == used + ROOM

    page.goto(server + day_2.url)
    section = page.locator("[data-offline-day]")
    button = section.get_by_role("button", name="Бул күндү офлайн үчүн сактоо")
    expect(button).to_contain_text("КБ")
    controlled(page)
    button.click()
    expect(section.get_by_role("status")).to_have_text(FULL)
    expect(button).to_be_enabled()  # she may try again once she has made room
    assert [d["title"] for d in saved_days(page)] == [day_1.title]

    page.goto(server + "/ky/offline/")
    listed = page.locator("[data-offline-list] li")
    expect(listed).to_have_count(1)
    expect(listed).to_contain_text(day_1.title)

    phone.context.set_offline(True)
    page.goto(server + first.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(first.title)
    # Nothing of day 2 was half-saved: its pages give the "saved on this phone" page.
    for url in (day_2.url, second.url):
        page.goto(server + url)
        expect(page.get_by_role("heading", level=1)).to_have_text(SAVED_PAGE_TITLE)
    assert phone.errors == []


def test_a_kept_write_the_server_refuses_is_shown_with_its_reason_until_seen(phone, world):
    """Without signal she marks a lesson done; meanwhile the lesson is taken off the site
    in both languages (a finished camp would still take her progress: this the server
    refuses). When the signal returns the phone says the server did not accept it and
    why, in Kyrgyz, keeps saying so until she taps "I have seen it", and the server has
    no progress for it."""
    server = phone.server
    lesson = world.curriculum["lessons"]["ky"][0]

    page = phone.open()
    phone.sign_in(world.girl_a)
    save_day(page, server, lesson.get_parent().specific)
    phone.context.set_offline(True)
    page.goto(server + lesson.url)
    page.locator("form[data-learning=lesson] button").click()
    status = page.locator("#offline-status")
    expect(status).to_contain_text("Бул телефондо сакталды, кийин жөнөтүлөт: 1")

    for each in LessonPage.objects.filter(translation_key=lesson.translation_key):
        each.unpublish()

    phone.context.set_offline(False)
    page.goto(server + "/ky/learn/")
    refused = status.locator(".message-error")
    why = f"Кабыл алынган жок: {lesson.title}. Бул сабак сайттан алынып салынган."
    expect(refused).to_contain_text(why)  # the server's reason, not a guess of the phone
    expect(status).not_to_contain_text("кийин жөнөтүлөт")
    [item] = queued(page)
    assert item["state"] == "refused" and item["status"] == 404

    # Not dropped in silence: the next page still says it, and nothing was counted.
    page.reload()
    expect(refused).to_contain_text(why)
    assert not LessonProgress.objects.exists()

    refused.get_by_role("button", name="Көрдүм").click()
    expect(refused).to_have_count(0)
    assert queued(page) == []
    page.reload()
    expect(status.locator(".message-error")).to_have_count(0)
    assert not LessonProgress.objects.exists()
    # The browser logs the refused request (404) itself; no script failed.
    assert [e for e in phone.errors if not e.startswith("Failed to load resource")] == []
