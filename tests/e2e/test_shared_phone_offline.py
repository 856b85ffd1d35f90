"""Two sisters, one phone, no signal.

Айгүл and Нурзат have both signed in on the phone before and saved a day there. The
signal goes while Айгүл is signed in; Нурзат picks her name from the phone's list,
opens the day she saved and works. Her writes wait on the phone as hers, unconfirmed:
nothing is sent until she signs in with her PIN when the signal is back and says the
work was hers, and then they count as hers, not her sister's. Anyone may tap a name:
when the girl whose name was tapped says "it was not me", nothing is stored as hers,
nor as her sister's who signs in after. A name picked and never confirmed: the
facilitator, signed in on the phone, hands the writes over to her camp page, where
they are shown apart and never count.
"""

from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from camp.models import UnconfirmedWrite
from cms.core.accounts import reset_pin
from courses.models import LessonProgress, QuizAttempt
from tests.e2e.test_offline import controlled, save_day, wait_for
from tests.e2e.test_offline import phone as phone

QUEUE = "() => OfflineQueue.all('queue').then(items => items.map(i => [i.userId, !!i.unconfirmed]))"
DISOWNED = "() => OfflineQueue.all('queue').then(items => items.filter(i => i.disowned).length)"
WAS_IT_YOU = "Муну сиз жасадыңызбы?"


def sign_in_with_pin(page, phone, girl, pin):
    page.goto(phone.server + "/ky/pin/")
    page.locator("input[name=username]").fill(girl.username)
    page.locator("input[name=pin]").fill(pin)
    page.locator("input[name=pin]").press("Enter")
    expect(page).to_have_url(phone.server + "/ky/learn/")


def signal_back_and_the_picked_over_sister_signed_out(page, phone, aigul):
    """The signal is back, and the phone still holds Айгүл's session cookie: picking a
    name signed Айгүл out, and nothing is sent under either name."""
    phone.context.set_offline(False)
    page.goto(phone.server + "/ky/learn/")
    expect(page).not_to_have_url(phone.server + "/ky/learn/")  # sent to sign in
    wait_for(lambda: not any(s.get_decoded().get("_auth_user_id") == str(aigul.pk)
                             for s in Session.objects.all()), "Айгүл signed out")


def both_signed_in_here_before(phone, world, lesson):
    """Each sister signed in on this phone and saved the day; then Айгүл is signed in."""
    day = lesson.get_parent().specific
    page = phone.open()
    for girl in (world.girl_b, world.girl_a):
        phone.sign_in(girl)
        save_day(page, phone.server, day)
    page.goto(phone.server + "/ky/learn/")
    controlled(page)
    return page


def nurzat_picks_her_name_without_signal(page, phone, world, lesson):
    phone.context.set_offline(True)
    page.goto(phone.server + "/ky/offline/")
    names = page.locator("[data-pick-list]")
    expect(names.get_by_role("heading")).to_have_text("Байланыш жокпу? Атыңызды тандаңыз")
    expect(names.get_by_role("button")).to_have_count(2)
    names.get_by_role("button", name="Нурзат Ө.").click()
    # Her saved day, not her sister's page, and the phone says plainly what holds.
    expect(page.locator("#offline-status")).to_contain_text(
        "Нурзат Ө.: сиз атыңызды байланыш жокто тандадыңыз.")
    day = lesson.get_parent().specific
    page.locator("[data-offline-list]").get_by_role("link", name=day.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(day.title)
    page.goto(phone.server + lesson.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(lesson.title)
    assert page.locator('meta[name="user-id"]').get_attribute("content") == str(world.girl_b.pk)
    page.locator("form[data-learning=lesson] button").click()
    quiz = page.locator("form[data-learning=quiz]")
    quiz.locator("input[value='2']").check()
    quiz.get_by_role("button").click()
    expect(quiz.get_by_role("status")).to_contain_text("Туура!")
    expect(page.locator("#offline-status")).to_contain_text(
        "Бул телефондо ырасталбаган катары сакталды: 2")
    assert page.evaluate(QUEUE) == [[str(world.girl_b.pk), True]] * 2


def test_a_sister_picks_her_name_offline_and_her_work_counts_once_she_signs_in(phone, world):
    aigul, nurzat = world.girl_a, world.girl_b
    lesson = world.curriculum["lessons"]["ky"][0]
    pin = reset_pin(nurzat, by=world.facilitator_b)
    page = both_signed_in_here_before(phone, world, lesson)
    nurzat_picks_her_name_without_signal(page, phone, world, lesson)

    signal_back_and_the_picked_over_sister_signed_out(page, phone, aigul)
    page.reload()
    assert not LessonProgress.objects.exists() and not QuizAttempt.objects.exists()
    assert page.evaluate(QUEUE) == [[str(nurzat.pk), True]] * 2

    # Нурзат signs in with her PIN: the phone asks whether the work done under her
    # name was hers, naming the lesson, and sends nothing before she answers.
    sign_in_with_pin(page, phone, nurzat, pin)
    status = page.locator("#offline-status")
    expect(status).to_contain_text(WAS_IT_YOU)
    expect(status.locator(".was-it-you li")).to_have_text([lesson.title])
    assert not LessonProgress.objects.exists() and not QuizAttempt.objects.exists()
    assert page.evaluate(QUEUE) == [[str(nurzat.pk), True]] * 2

    # It was she: her writes are sent, as hers, once.
    status.get_by_role("button", name="Ооба, бул мен: жөнөтүү").click()
    expect(status).to_contain_text("Бул телефондон жөнөтүлдү: 2")
    wait_for(lambda: LessonProgress.objects.filter(learner=nurzat).exists(), "lesson sent")
    wait_for(lambda: QuizAttempt.objects.filter(learner=nurzat).exists(), "answer sent")
    wait_for(lambda: page.evaluate(QUEUE) == [], "the phone's queue emptied")
    assert list(LessonProgress.objects.values_list("learner", "lesson_key")) == [
        (nurzat.pk, lesson.translation_key)]
    assert list(QuizAttempt.objects.values_list("learner", "is_correct")) == [(nurzat.pk, True)]
    assert not UnconfirmedWrite.objects.exists()
    # Her progress shows it; her sister's is unchanged.
    page.goto(phone.server + lesson.url)
    expect(page.get_by_text("Бул сабакты бүтүрдүң.")).to_be_visible()
    assert not LessonProgress.objects.filter(learner=aigul).exists()
    assert [e for e in phone.errors if "ERR_INTERNET_DISCONNECTED" not in e] == []


def test_a_name_never_confirmed_reaches_her_facilitator_and_never_counts(phone, world):
    nurzat = world.girl_b
    lesson = world.curriculum["lessons"]["ky"][0]
    page = both_signed_in_here_before(phone, world, lesson)
    nurzat_picks_her_name_without_signal(page, phone, world, lesson)

    # Signal again; Нурзат never signs in. Her facilitator signs in on the phone and
    # opens her camp's page: the phone says what it keeps, and she hands it over.
    phone.context.set_offline(False)
    phone.sign_in(world.facilitator_b)
    page.goto(phone.server + f"/ky/teach/camps/{world.camp_b.pk}/")
    section = page.locator("#unconfirmed")
    expect(section.locator("[data-hand-over-phone] [role=status]")).to_contain_text(
        "PIN менен ырасталбаган жазуулар бар: 2")
    section.get_by_role("button", name="Аларды ушул баракка өткөрүп берүү").click()
    expect(section.locator("li")).to_have_count(2)
    expect(section.locator("li").first).to_contain_text("Нурзат Ө.")
    expect(section).to_contain_text(lesson.title)
    expect(section.locator("[data-hand-over-phone]")).to_be_hidden()
    assert page.evaluate(QUEUE) == []
    assert UnconfirmedWrite.objects.filter(learner=nurzat, camp=world.camp_b).count() == 2
    assert not LessonProgress.objects.exists() and not QuizAttempt.objects.exists()

    # She asks Нурзат to do it again and discards what the phone kept.
    for _ in range(2):
        section.get_by_role("button", name="Өчүрүү").first.click()
        expect(page.get_by_role("status").first).to_contain_text("Ырасталбаган жазуу өчүрүлдү.")
    assert not UnconfirmedWrite.objects.exists()
    assert not LessonProgress.objects.exists()


def test_work_done_under_a_name_that_was_not_hers_is_never_stored_as_anyones(phone, world):
    """Айгүл, the sister signed in, tapped Нурзат's name without signal (by mistake or
    not) and worked. Back online, Айгүл signs in with her PIN: Нурзат's writes are not
    sent under her. Нурзат signs in with hers and says it was not her: they are never
    sent as hers either, and wait for the facilitator, who sees them apart."""
    aigul, nurzat = world.girl_a, world.girl_b
    lesson = world.curriculum["lessons"]["ky"][0]
    pins = {aigul: reset_pin(aigul, by=world.facilitator_a),
            nurzat: reset_pin(nurzat, by=world.facilitator_b)}
    page = both_signed_in_here_before(phone, world, lesson)
    nurzat_picks_her_name_without_signal(page, phone, world, lesson)
    signal_back_and_the_picked_over_sister_signed_out(page, phone, aigul)

    # Айгүл signs in: the writes under her sister's name stay on the phone.
    sign_in_with_pin(page, phone, aigul, pins[aigul])
    status = page.locator("#offline-status")
    expect(status).to_contain_text(
        "башка кыздын аты менен жасалган, ырасталбаган: 2. Ал бул жерде PIN менен кирип")
    expect(status).not_to_contain_text(WAS_IT_YOU)
    page.get_by_role("button", name="Чыгуу").click()
    expect(page).not_to_have_url(phone.server + "/ky/learn/")

    # Нурзат signs in and says it was not her.
    sign_in_with_pin(page, phone, nurzat, pins[nurzat])
    expect(status).to_contain_text(WAS_IT_YOU)
    status.get_by_role("button", name="Жок, бул мен эмесмин").click()
    expect(status).to_contain_text("Муну сиз жасаган эмессиз деп айттыңыз: 2")
    assert page.evaluate(DISOWNED) == 2
    # Another page, another flush: still nothing is sent, and she is not asked again.
    page.goto(phone.server + lesson.url)
    expect(status).to_contain_text("Муну сиз жасаган эмессиз деп айттыңыз: 2")
    expect(status).not_to_contain_text(WAS_IT_YOU)
    expect(page.get_by_text("Бул сабакты бүтүрдүң.")).to_have_count(0)
    assert page.evaluate(QUEUE) == [[str(nurzat.pk), True]] * 2
    assert not LessonProgress.objects.exists() and not QuizAttempt.objects.exists()

    # Her facilitator, signed in on the phone, hands them over: kept apart, not counted.
    phone.sign_in(world.facilitator_b)
    page.goto(phone.server + f"/ky/teach/camps/{world.camp_b.pk}/")
    expect(status).to_contain_text("антпесе аны фасилитатору лагердин барагында өткөрүп берет")
    section = page.locator("#unconfirmed")
    section.get_by_role("button", name="Аларды ушул баракка өткөрүп берүү").click()
    expect(section.locator("li")).to_have_count(2)
    assert page.evaluate(QUEUE) == []
    assert UnconfirmedWrite.objects.filter(learner=nurzat).count() == 2
    assert not LessonProgress.objects.exists() and not QuizAttempt.objects.exists()
