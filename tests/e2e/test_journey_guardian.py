"""A father on his phone, in Kyrgyz: he opens the invitation the facilitator sent him,
makes his account with his phone number, sees his daughter's camp days and the next
family (GALS) session, answers that the family will come, and signs in again later
with his number."""

import datetime
import re

import pytest
from django.template.defaultfilters import date as format_date
from django.utils import timezone, translation
from playwright.sync_api import expect

from gals import invites
from gals.models import GalsSession, HouseholdMember, SessionReply, Tool
from tests.e2e.checks import AXE, axe_violations

PHONE = "0700 123 457"
PASSWORD = "koksai-jaz-2026"


def at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def family(world):
    """Camp A's household (the girl Айгүл and her mother), a family session that took
    place yesterday, the next one tomorrow, and an invitation for the father."""
    today = timezone.localdate()
    GalsSession.objects.create(
        camp=world.camp_a, starts_at=at(today - datetime.timedelta(days=1), 15),
        venue="Айылдык клуб", facilitator=world.facilitator_a, tools=[Tool.VISION_JOURNEY],
    )
    upcoming = GalsSession.objects.create(
        camp=world.camp_a, starts_at=at(today + datetime.timedelta(days=1), 15),
        venue="Көк-Сай мектебинин чоң залы", facilitator=world.facilitator_a,
        tools=[Tool.VISION_JOURNEY],
    )
    invite = invites.create_invite(
        world.household_a, world.girl_a, HouseholdMember.FamilyRole.FATHER,
        world.facilitator_a,
    )
    return world, invite, upcoming


def test_guardian_joins_by_invitation_and_sees_the_camp_and_next_session(
        page, context, server, family, shot, console_errors):
    context.add_init_script(path=AXE)  # axe-core in every page, under its CSP
    world, invite, upcoming = family

    # The link from the facilitator's message.
    page.goto(server + f"/ky/family/join/{invite.code}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Аккаунтуңузду түзүңүз")
    shot("invitation")
    assert axe_violations(page) == []
    page.get_by_label("Сиздин атыңыз").fill("Бакыт")
    page.get_by_label("Телефон номери").fill(PHONE)
    page.get_by_label(re.compile(r"^Сырсөз:?$")).fill(PASSWORD)
    page.get_by_label("Сырсөз кайра").fill(PASSWORD)
    shot("his account")
    page.get_by_role("button", name="Аккаунтумду түзүү").click()

    expect(page).to_have_url(server + "/ky/family/")
    expect(page.get_by_role("status")).to_contain_text("Кош келиңиз! Аккаунтуңуз даяр.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Менин үй-бүлөм")
    expect(page.get_by_role("heading", level=2, name="Айгүл К.")).to_be_visible()
    expect(page.get_by_role("heading", level=3, name="Лагерь A")).to_be_visible()
    expect(page.get_by_role("main")).not_to_contain_text("Нурзат")  # another camp's girl
    shot("my family")
    assert axe_violations(page) == []

    # Her six camp days, from today.
    schedule = page.get_by_role("table", name="Лагердин күн тартиби")
    rows = schedule.locator("tbody tr")
    expect(rows).to_have_count(6)
    with translation.override("ky"):
        day_one = world.camp_a.days.get(number=1).date
        first_day = f'{format_date(day_one, "D")}, {format_date(day_one, "MONTH_DAY_FORMAT")}'
        starts = timezone.localtime(upcoming.starts_at)
        next_session = (f'{format_date(starts, "l")}, {format_date(starts, "MONTH_DAY_FORMAT")}, '
                        f'{format_date(starts, "H:i")}')
    expect(rows.first).to_contain_text(first_day)
    expect(rows.first).to_contain_text("09:00–16:00")
    expect(rows.first).to_contain_text("1-күн: Күн")
    expect(rows.last).to_contain_text("6-күн: Күн")
    schedule.scroll_into_view_if_needed()
    shot("camp schedule")

    # The next family session: tomorrow's, not yesterday's.
    session = page.locator("section.gals-family")
    expect(session).to_contain_text(next_session)
    expect(session).to_contain_text("Көк-Сай мектебинин чоң залы")
    expect(session).to_contain_text("Кыялга саякат")
    expect(session).not_to_contain_text("Айылдык клуб")
    page.get_by_role("heading", name="Кийинки үй-бүлө жыйыны").scroll_into_view_if_needed()
    shot("next family session")

    # He answers for the family: he and the girl's mother will come.
    answer = page.get_by_role("group", name="Үй-бүлө келеби?")
    answer.get_by_role("radio", name="Ооба, келебиз").check()
    who = page.get_by_role("group", name="Ким келет")
    who.get_by_role("checkbox", name="Бакыт (атасы)").check()
    who.get_by_role("checkbox", name="Апасы").check()
    page.get_by_role("button", name="Жообубузду жөнөтүү").click()
    expect(page).to_have_url(server + "/ky/family/")
    expect(page.get_by_role("status")).to_contain_text("Рахмат: жообуңуз сакталды.")
    reply = SessionReply.objects.get(session=upcoming, household=world.household_a)
    assert reply.coming
    assert sorted(m.family_role for m in reply.members.all()) == ["father", "mother"]
    shot("answer sent")

    # Another day: he signs in again with his phone number, typed as he says it.
    page.get_by_role("button", name="Чыгуу").click()
    page.get_by_role("navigation", name="Негизги меню").get_by_role("link", name="Кирүү").click()
    page.locator("input[name=login]").fill(PHONE)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(server + "/ky/family/")
    expect(page.get_by_role("heading", level=2, name="Айгүл К.")).to_be_visible()
    shot("signed in again")

    assert console_errors == []
