"""A facilitator runs a family (GALS) session on her phone, in Kyrgyz: from her GALS page
she opens today's session of her camp, takes the roll call of a household, opens the
family's record, writes down the commitment the family makes, and records how far the
family got with the commitment it made at last month's session."""

import datetime
import re
import uuid

import pytest
from django.template.defaultfilters import date as format_date
from django.utils import timezone, translation
from playwright.sync_api import expect

from gals.models import Commitment, FollowUp, GalsSession, HouseholdMember, SessionAttendance
from tests.e2e.checks import AXE, axe_violations
from tests.e2e.test_journey_girl import signed_in
from tests.gals.factories import make_session

TODAY_VENUE = "Көк-Сай айылдык клубу"
OTHER_CAMP_VENUE = "Талас шаардык китепканасы"
EARLIER = "Атасы кызын мектептен күтүп алат"  # last month's commitment
NEW = "Атасы кечки тамакты бышырууга жардам берет"  # the one she writes down today
REASON = "Атасы эки жума шаарда иштеди"


@pytest.fixture
def world(world):
    """Camp A's household (the girl Айгүл, her mother, father and grandmother), last
    month's session with the father's commitment, now overdue, and today's session;
    camp B has a session of its own that facilitator A must not see."""
    today = timezone.localdate()
    household = world.household_a
    world.father = HouseholdMember.objects.create(
        household=household, family_role=HouseholdMember.FamilyRole.FATHER, name="Бакыт",
        age_band=HouseholdMember.AgeBand.MIDDLE,
    )
    world.grandmother = HouseholdMember.objects.create(
        household=household, family_role=HouseholdMember.FamilyRole.GRANDMOTHER, name="Бүбүш",
        age_band=HouseholdMember.AgeBand.ELDER,
    )
    world.mother = household.members.get(user=world.guardian_a)
    last_month = make_session(world.camp_a, world.facilitator_a, days_ahead=-35,
                              venue="Мектептин залы")
    world.earlier = Commitment.objects.create(
        household=household, session=last_month, what=EARLIER, who=world.father,
        made_on=today - datetime.timedelta(days=35), due_on=today - datetime.timedelta(days=5),
        created_by=world.facilitator_a, client_id=uuid.uuid4(),
    )
    world.session = make_session(world.camp_a, world.facilitator_a, days_ahead=0,
                                 venue=TODAY_VENUE)
    make_session(world.camp_b, world.facilitator_b, days_ahead=0, venue=OTHER_CAMP_VENUE)
    return world


def test_facilitator_runs_a_family_session_from_roll_call_to_commitments_and_follow_ups(
        page, context, server, world, shot, console_errors):
    context.add_init_script(path=AXE)  # axe-core in every page, under its CSP
    session, household = world.session, world.household_a
    signed_in(context, world.facilitator_a, server)

    # Her GALS page: today's session of her camp, and last month's commitment overdue.
    page.goto(server + "/ky/teach/gals/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Үй-бүлө жыйындары (GALS)")
    main = page.get_by_role("main")
    expect(main).not_to_contain_text(OTHER_CAMP_VENUE)  # another camp's session
    overdue = page.get_by_role("heading", name="Мөөнөтү өткөн милдеттенмелер")
    expect(overdue).to_be_visible()
    expect(main.locator("li.commitment").filter(has_text=EARLIER).first).to_contain_text(
        "мөөнөтү өттү: азырынча текшериле элек")
    shot("my family sessions")
    assert axe_violations(page) == []

    page.get_by_role("link", name=re.compile(TODAY_VENUE)).click()
    expect(page).to_have_url(server + f"/ky/teach/gals/sessions/{session.pk}/")
    with translation.override("ky"):
        when = timezone.localtime(session.starts_at)
        starts = (f'{format_date(when, "l")}, {format_date(when, "MONTH_DAY_FORMAT")}, '
                  f'{format_date(when, "H:i")}')
    expect(page.get_by_role("heading", level=1)).to_have_text(starts)
    expect(main).to_contain_text("Лагерь A")
    expect(main.locator("ul.cards > li")).to_have_count(1)  # her camp's one household
    shot("today's session")

    # The roll call, family by family: the mother and the father came, the grandmother
    # stayed at home.
    page.get_by_role("link", name="Катышууну белгилөө").click()
    expect(page).to_have_url(server + f"/ky/teach/gals/sessions/{session.pk}/roll/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Катышууну белгилөө")
    family = page.get_by_role("group", name="Айгүл К.")
    mother = family.get_by_role("checkbox", name=re.compile(r"^Апасы"))
    father = family.get_by_role("checkbox", name=re.compile(r"^Бакыт \(атасы\)"))
    grandmother = family.get_by_role("checkbox", name=re.compile(r"^Бүбүш \(чоң энеси\)"))
    for box in (mother, father, grandmother):
        expect(box).not_to_be_checked()
    mother.check()
    father.check()
    shot("who came")
    page.get_by_role("button", name="Бул үй-бүлөнү сактоо").click()

    expect(page).to_have_url(
        server + f"/ky/teach/gals/sessions/{session.pk}/roll/#h{household.pk}")
    expect(page.get_by_role("status")).to_contain_text("Сакталды.")
    labels = family.locator("label.choice")
    expect(labels.filter(has_text="Апасы")).to_contain_text("келди деп белгиленген")
    expect(labels.filter(has_text="Бакыт")).to_contain_text("келди деп белгиленген")
    expect(labels.filter(has_text="Бүбүш")).to_contain_text("келген жок деп белгиленген")
    expect(mother).to_be_checked()
    expect(father).to_be_checked()
    expect(grandmother).not_to_be_checked()
    shot("roll call saved")
    assert axe_violations(page) == []
    marks = SessionAttendance.objects.filter(session=session)
    assert sorted(marks.values_list("member_id", "present")) == sorted([
        (world.mother.pk, True), (world.father.pk, True), (world.grandmother.pk, False),
    ])

    # The family's record for this session: the father promises to help with supper.
    page.get_by_role("link", name=re.compile(TODAY_VENUE)).click()
    page.get_by_role("link", name="Жазуулар, сүрөттөр жана милдеттенмелер").click()
    expect(page).to_have_url(
        server + f"/ky/teach/gals/sessions/{session.pk}/households/{household.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Айгүл К.")
    due = timezone.localdate() + datetime.timedelta(days=30)
    page.get_by_label("Үй-бүлө эмне кылат").fill(NEW)
    page.get_by_label("Үй-бүлөдөн ким").select_option(label="Бакыт (атасы)")
    page.get_by_label("Качанга чейин").fill(due.isoformat())
    page.get_by_label("Үй-бүлө эмне кылат").scroll_into_view_if_needed()
    shot("the family's commitment")
    page.get_by_role("button", name="Милдеттенмени кошуу").click()

    expect(page).to_have_url(
        server + f"/ky/teach/gals/sessions/{session.pk}/households/{household.pk}/")
    expect(page.get_by_role("status")).to_contain_text("Милдеттенме сакталды.")
    made_today = page.locator("li.commitment")
    expect(made_today).to_have_count(1)  # this session's; last month's is not listed here
    with translation.override("ky"):
        by_date = format_date(due, "SHORT_DATE_FORMAT")
    expect(made_today).to_contain_text(NEW)
    expect(made_today).to_contain_text(f"Бакыт · {by_date} чейин")
    expect(made_today).to_contain_text("азырынча текшериле элек")
    made_today.scroll_into_view_if_needed()
    shot("commitment saved")
    assert axe_violations(page) == []
    new = Commitment.objects.get(what=NEW)
    assert (new.household, new.session, new.who, new.due_on) == (
        household, session, world.father, due)
    assert Commitment.objects.filter(household=household).count() == 2

    # Last month's commitment: the father managed it only partly, and why.
    page.get_by_role("heading", level=1).get_by_role("link").click()
    expect(page).to_have_url(server + f"/ky/teach/gals/households/{household.pk}/")
    earlier = page.locator("li.commitment").filter(has_text=EARLIER)
    expect(earlier).to_contain_text("мөөнөтү өттү: азырынча текшериле элек")
    earlier.scroll_into_view_if_needed()
    shot("the family's commitments")
    earlier.get_by_role("link", name="Текшерүүнү жазуу").click()

    expect(page).to_have_url(
        server + f"/ky/teach/gals/commitments/{world.earlier.pk}/follow-up/")
    expect(page.get_by_role("heading", level=1)).to_have_text(EARLIER)
    page.get_by_role("group", name="Үй-бүлө канчалык аткарды?").get_by_role(
        "radio", name="жарым-жартылай").check()
    page.get_by_label("Эмне үчүн").fill(REASON)
    shot("follow-up")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Текшерүүнү сактоо").click()

    expect(page).to_have_url(server + f"/ky/teach/gals/households/{household.pk}/")
    expect(page.get_by_role("status")).to_contain_text("Текшерүү сакталды.")
    expect(earlier).to_contain_text(f"Жарым-жартылай: {REASON}")
    expect(earlier).not_to_contain_text("азырынча текшериле элек")
    expect(page.locator("li.commitment").filter(has_text=NEW)).to_contain_text(
        "азырынча текшериле элек")
    earlier.scroll_into_view_if_needed()
    shot("follow-up saved")

    follow_up = FollowUp.objects.get()  # the only one
    assert (follow_up.commitment, follow_up.status, follow_up.reason) == (
        world.earlier, FollowUp.Status.PARTLY, REASON)
    assert follow_up.recorded_by == world.facilitator_a
    assert Commitment.objects.filter(what=NEW).count() == 1
    assert SessionAttendance.objects.filter(session=session).count() == 3
    assert GalsSession.objects.filter(camp=world.camp_a).count() == 2

    assert console_errors == []
