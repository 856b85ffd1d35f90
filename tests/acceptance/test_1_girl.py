"""A girl on the phone the girls share, in Kyrgyz: the facilitator turns camp sign-in on,
Айгүл types a wrong PIN, then hers, does today's lesson, saves the day, loses the signal,
goes on with the saved day, signs out without signal, and Нурзат signs in next."""

from playwright.sync_api import expect

from tests.acceptance.steps import DEMO_PASSWORD, controlled, follow, main, sign_in, sign_out

SAVED_HERE = "Бул телефондо сакталды. Байланыш пайда болгондо жөнөтүлөт."


def answer_and_mark_done(page, offline: bool = False) -> int:
    """Answer the lesson's first check question (if it has one) and mark it done: the
    server's answer, or the note that it waits on the phone. How many writes were made."""
    writes = 0
    quiz = page.locator("form[data-learning=quiz]")
    if quiz.count():
        quiz = quiz.first
        quiz.locator("input[type=radio]").first.check()
        quiz.get_by_role("button").click()
        if offline:
            expect(quiz).to_contain_text(SAVED_HERE)
        else:
            expect(page.locator("section.quiz .quiz-result").first).not_to_be_empty()
        writes += 1
    page.locator("form[data-learning=lesson] button").click()
    if offline:
        expect(page.locator("#lesson-done")).to_contain_text(SAVED_HERE)
    else:
        expect(page.locator("#lesson-done [role=status]")).not_to_be_empty()
    return writes + 1


def test_girl_on_a_shared_phone(page, context, base, shot, server_errors, console_errors):
    page.goto(base + "/ky/")
    sign_in(page, "demo-facilitator")
    expect(page).to_have_url(base + "/ky/teach/")
    follow(page, "Көк-Сай: кышкы лагерь")
    follow(page, "Кыздардын аккаунттары")
    main(page).get_by_role("button", name="Бул телефондо лагерге кирүүнү күйгүзүү").click()
    expect(page).to_have_url(base + "/ky/camp-sign-in/")
    shot("the girls' names")

    # A wrong PIN: refused in Kyrgyz, nothing else happens.
    follow(page, "Айгүл К.")
    page.get_by_label("Сиздин PIN").fill("000000")
    page.get_by_label("Сиздин PIN").press("Enter")
    expect(page.get_by_role("alert")).to_have_text(
        "PIN туура эмес. Текшерип, кайра аракет кылыңыз.")
    shot("wrong PIN")
    page.get_by_label("Сиздин PIN").fill(DEMO_PASSWORD)
    page.get_by_label("Сиздин PIN").press("Enter")
    expect(page).to_have_url(base + "/ky/learn/")
    shot("my lessons")

    # Two lessons of one day she has not done yet: the first now, the second offline.
    # Today and what is left of earlier days come first; other days are folded, and she
    # opens them when nothing in view will do.
    def two_left_in_view():
        return next((
            titles for titles in (
                day.locator("li:not(.done) > a").all_inner_texts()
                for day in main(page).locator("ol.days ul.lesson-list:visible").all()
            ) if len(titles) >= 2
        ), None)

    titles = two_left_in_view()
    if titles is None:
        for fold in main(page).locator("details.days-fold > summary").all():
            fold.click()
        titles = two_left_in_view()
    assert titles, "no day with two lessons left to do"
    lesson_title, offline_title = titles[:2]
    follow(page, lesson_title, exact=True)
    expect(page.get_by_role("heading", level=1)).to_have_text(lesson_title)
    # At the bottom of the lesson, "next lesson" is one of hers still to do, never this one.
    next_link = page.locator("a[rel=next]")
    expect(next_link).to_be_visible()
    expect(next_link).not_to_contain_text(lesson_title)
    answer_and_mark_done(page)
    shot("lesson done")

    # Save the day for the road, from the day's page (the last crumb above the lesson).
    page.locator("nav.breadcrumbs").get_by_role("link").last.click()
    section = page.locator("[data-offline-day]")
    controlled(page)
    section.get_by_role("button", name="Бул күндү офлайн үчүн сактоо").click()
    expect(section.get_by_role("status")).to_contain_text("Бул күн бул телефондо сакталган")
    shot("day saved")

    # No signal: the next lesson of the saved day opens, what she does waits on the phone.
    context.set_offline(True)
    follow(page, offline_title, exact=True)
    expect(page.get_by_role("heading", level=1)).to_have_text(offline_title)
    waiting = answer_and_mark_done(page, offline=True)
    expect(page.locator("#offline-status")).to_contain_text(f"кийин жөнөтүлөт: {waiting}")
    shot("offline, answered and done")

    # She signs out without signal: the phone forgets her at once and shows the list of
    # names in Kyrgyz, not the browser's "no internet" page.
    sign_out(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Лагерге кирүү")
    expect(page.locator("html")).to_have_attribute("lang", "ky")
    expect(main(page).get_by_role("link", name="Нурзат Ө.")).to_be_visible()
    expect(page.locator("header").get_by_role("link", name="Кирүү")).to_be_visible()
    expect(page.locator("#offline-status")).to_contain_text("башка адам")
    shot("signed out offline")

    # The signal returns; Нурзат taps her name and signs in. Айгүл's answers wait for her.
    context.set_offline(False)
    follow(page, "Нурзат Ө.")
    page.get_by_label("Сиздин PIN").fill(DEMO_PASSWORD)
    page.get_by_label("Сиздин PIN").press("Enter")
    expect(page).to_have_url(base + "/ky/learn/")
    expect(page.locator("meta[name=user-name]")).to_have_attribute("content", "Нурзат Ө.")
    expect(page.locator("#offline-status")).to_contain_text("башка адам")
    shot("the next girl")
    assert server_errors == []
