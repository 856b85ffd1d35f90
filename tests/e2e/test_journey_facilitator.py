"""A facilitator's camp on her phone, in Kyrgyz: she plans the camp from the curriculum,
creates the accounts of a class of 30 girls from a pasted list, prints their login
cards, takes the first day's roll call with one tap per girl and, at the end of the
week, issues the certificates and prints them."""

import io
import uuid

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from camp import attendance
from camp.models import Attendance, Camp, District, Region, School
from camp.scheduling import today as server_today
from cms.core.models import Role
from tests.e2e.checks import AXE, axe_violations
from tests.e2e.test_journey_girl import signed_in
from tests.factories import make_curriculum
from tests.world import make_user

# Thirty girls of one class: first name and the first letter of the last name.
CLASS = [
    ("Айгүл", "К"), ("Айдана", "Т"), ("Айжан", "М"), ("Айпери", "С"), ("Акмөөр", "Б"),
    ("Асель", "Ж"), ("Бактыгүл", "О"), ("Бегимай", "А"), ("Бермет", "Н"), ("Гүлзат", "Ы"),
    ("Гүлнур", "Р"), ("Динара", "Э"), ("Жаңыл", "Т"), ("Жылдыз", "К"), ("Зарина", "Ш"),
    ("Калыйка", "Д"), ("Кундуз", "У"), ("Мээрим", "С"), ("Назгүл", "Ч"), ("Нуриза", "Ө"),
    ("Нургүл", "И"), ("Өмүрбүбү", "Ң"), ("Перизат", "Л"), ("Салтанат", "А"), ("Сезим", "Ү"),
    ("Толгонай", "Б"), ("Үмүт", "К"), ("Чолпон", "Ж"), ("Чынара", "М"), ("Элнура", "Т"),
]
LATE = {"Асель Ж.", "Назгүл Ч."}
ABSENT = {"Бермет Н.", "Перизат Л."}
#: Absent on day 2 as well: 4 days of the 5 a certificate needs.
MISSED_TWO_DAYS = "Бермет Н."
STATUS_LABELS = {"present": "келди", "late": "кечикти", "absent": "келген жок"}

#: Words of the roll-call buttons that the screen cut in two ("кечикт" / "и").
BROKEN_WORDS_JS = """() => {
  const broken = [];
  for (const label of document.querySelectorAll('.roll-choice')) {
    const text = [...label.childNodes].find(node => node.nodeType === 3 && node.data.trim());
    for (const match of text.data.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(text, match.index);
      range.setEnd(text, match.index + match[0].length);
      const lines = new Set([...range.getClientRects()].map(rect => Math.round(rect.top)));
      if (lines.size > 1) broken.push(match[0]);
    }
  }
  return [...new Set(broken)];
}"""


def status_of(name: str) -> str:
    return "late" if name in LATE else "absent" if name in ABSENT else "present"


@pytest.fixture
def facilitator(transactional_db, live_server):
    """A facilitator, a school and a six-day curriculum; no camp yet."""
    make_curriculum(days=6, lessons_per_day=1, slug="autumn")
    region = Region.objects.get_or_create(
        code="talas", defaults={"name_ky": "Талас облусу", "name_ru": "Таласская область"}
    )[0]
    district = District.objects.create(
        region=region, name_ky="Бакай-Ата району", name_ru="Бакай-Атинский район"
    )
    School.objects.create(district=district, name="Көк-Сай орто мектеби", village="Көк-Сай")
    return make_user("gulnara", Role.FACILITATOR, first_name="Гүлнара")


def the_rest_of_the_week(camp: Camp, by) -> None:
    """Days 2 to 6 go by: everyone comes, except one girl who misses day 2 too."""
    girls = {girl.display_name: girl.pk for girl in
             (e.learner for e in camp.enrolments.select_related("learner"))}
    for day in camp.days.filter(number__gt=1):
        marks = [
            (pk, "absent" if name == MISSED_TWO_DAYS and day.number == 2 else "present",
             str(uuid.uuid4()))
            for name, pk in girls.items()
        ]
        attendance.mark_many(day, marks, by, other_day_confirmed=True)


def test_facilitator_plans_a_camp_enrols_a_class_takes_the_roll_and_issues_certificates(
        page, context, server, facilitator, shot, console_errors):
    context.add_init_script(path=AXE)  # axe-core in every page, under its CSP
    names = [f"{first} {initial}." for first, initial in CLASS]
    signed_in(context, facilitator, server)

    # She plans the camp from the curriculum.
    page.goto(server + "/ky/teach/")
    shot("my camps")
    page.get_by_role("link", name="Жаңы лагерди пландоо").click()
    expect(page).to_have_url(server + "/ky/teach/camps/new/")
    today = server_today()
    page.get_by_label("Аталышы").fill("Көк-Сай күзгү лагери")
    page.get_by_label("Мектеп же өтүүчү жер").select_option(label="Көк-Сай орто мектеби (Көк-Сай)")
    page.get_by_label("Окуу программасы").select_option(label="Техно лагерь")
    page.get_by_label("Окутуу тили").select_option("ky")
    page.get_by_label("Башталган күнү").fill(today.isoformat())
    page.get_by_label("Орундар").fill("30")
    # The camp starts today, whatever weekday today is.
    page.locator(f"input[name=days_off][value='{today.weekday()}']").uncheck()
    shot("camp form")
    page.get_by_role("button", name="Сактоо").click()

    expect(page.get_by_role("status")).to_contain_text("Лагерь пландалды.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Көк-Сай күзгү лагери")
    days = page.locator("ol.days > li")
    expect(days).to_have_count(6)
    expect(days.first).to_contain_text("бүгүн")
    camp = Camp.objects.get(title="Көк-Сай күзгү лагери")
    assert list(camp.facilitators.all()) == [facilitator]
    shot("camp planned")
    assert axe_violations(page) == []

    # She creates the girls' accounts from a pasted list: they are enrolled at once.
    page.get_by_role("link", name="Кыздардын аккаунттары").click()
    expect(page).to_have_url(server + f"/ky/teach/camps/{camp.pk}/accounts/")
    page.get_by_role("textbox", name="Кыздардын тизмеси").fill(
        "\n".join(f"{first}, {initial}, 2010, 9" for first, initial in CLASS)
    )
    shot("list of girls")
    page.get_by_role("button", name="Аккаунттарды түзүү").click()

    expect(page).to_have_url(server + f"/ky/teach/camps/{camp.pk}/accounts/pins/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Жаңы PIN-коддор")
    pins = page.locator("main table tbody tr")
    expect(pins).to_have_count(30)
    expect(pins.first.locator("td").first).to_have_text(sorted(names)[0])
    _name, first_username, first_pin = pins.first.locator("td").all_inner_texts()
    shot("new PINs")

    # She prints the login cards: eight to an A4 page, each with the girl's PIN.
    cards_link = page.get_by_role("link", name="Кирүү карточкаларын басып чыгаруу (PDF)")
    cards = page.request.get(server + cards_link.get_attribute("href"))
    assert cards.ok
    assert cards.headers["content-type"] == "application/pdf"
    assert cards.body().startswith(b"%PDF")
    pdf = PdfReader(io.BytesIO(cards.body()))
    assert len(pdf.pages) == 4
    first_card = pdf.pages[0].extract_text()
    assert first_username in first_card and first_pin in first_card
    page.get_by_role("button", name="Даяр: PIN-коддорду жашыруу").click()
    expect(page.get_by_role("status")).to_contain_text("PIN-коддор мындан ары көрсөтүлбөйт")
    expect(page.locator("main table tbody tr")).to_have_count(30)  # the accounts page
    shot("accounts")

    # The first morning: from her dashboard to today's roll call.
    menu = page.get_by_role("navigation", name="Негизги меню")
    menu.get_by_text("Меню", exact=True).click()  # the header's menu is folded
    menu.get_by_role("link", name="Менин лагерлерим").click()
    today_card = page.get_by_role("region", name="Көк-Сай күзгү лагери: 1-күн")
    expect(today_card).to_contain_text("Белгиленди: 30 кыздын ичинен 0.")
    shot("today")
    today_card.get_by_role("link", name="Катышууну белгилөө").click()
    expect(page).to_have_url(server + f"/ky/teach/camps/{camp.pk}/days/1/roll/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Тизме, 1-күн")
    expect(page.get_by_role("main").get_by_role("group")).to_have_count(30)
    assert page.evaluate(BROKEN_WORDS_JS) == []

    # One tap per girl; each tap is saved at once.
    for name in names:
        row = page.get_by_role("group", name=name, exact=True)
        row.get_by_role("radio", name=STATUS_LABELS[status_of(name)], exact=True).tap()
        expect(row.locator(".roll-state")).to_have_text("Сакталды")
    expect(page.locator("#roll-marked")).to_have_text("30")
    shot("roll call taken")
    assert axe_violations(page) == []

    page.reload()  # what the server kept
    for name in names:
        row = page.get_by_role("group", name=name, exact=True)
        expect(row.get_by_role("radio", name=STATUS_LABELS[status_of(name)], exact=True)
               ).to_be_checked()
    expect(page.locator("#roll-marked")).to_have_text("30")
    saved = dict(
        Attendance.objects.filter(camp_day__camp=camp, camp_day__number=1)
        .values_list("learner__first_name", "status")
    )
    assert saved == {first: status_of(f"{first} {initial}.") for first, initial in CLASS}

    page.get_by_role("link", name="Көк-Сай күзгү лагери").first.click()
    expect(days.first).to_contain_text("келди 26, кечикти 2, келген жок 2")
    shot("day 1 totals")

    # The last day: certificates for every girl who came on 5 of the 6 days.
    the_rest_of_the_week(camp, facilitator)
    page.reload()
    page.get_by_role("link", name="Сертификаттар").click()
    expect(page).to_have_url(server + f"/ky/teach/camps/{camp.pk}/certificates/")
    expect(page.get_by_role("main")).to_contain_text("Сертификат күткөндөр: 29.")
    missed = page.get_by_role("row").filter(has_text=MISSED_TWO_DAYS)
    expect(missed).to_contain_text("укугу жок")
    expect(missed).to_contain_text("Керектүү 5 күндүн ичинен 4 күн катышты.")
    shot("who is eligible")

    page.get_by_role("button", name="Укугу бар бардык кыздарга берүү").click()
    expect(page.get_by_role("status")).to_contain_text("Берилген сертификаттар: 29.")
    expect(page.get_by_role("row").filter(has_text="Өмүрбүбү Ң.")).to_contain_text("берилди")
    expect(missed).to_contain_text("укугу жок")
    expect(page.locator("ul.cards > li")).to_have_count(29)
    shot("certificates issued")
    assert axe_violations(page) == []

    page.get_by_role("button", name="Бардык сертификаттардын PDF файлын түзүү").click()
    expect(page.get_by_role("status")).to_contain_text("Лагердин PDF файлы даяр.")
    printable = page.get_by_role("link", name="Басып чыгаруу үчүн PDF жүктөп алуу")
    batch = page.request.get(server + printable.get_attribute("href"))
    assert batch.ok and batch.headers["content-type"] == "application/pdf"
    assert batch.body().startswith(b"%PDF")
    assert len(PdfReader(io.BytesIO(batch.body())).pages) == 29
    shot("certificates ready to print")

    assert console_errors == []
