"""The day plan: a facilitator reads each lesson's guide folded under today's lessons,
finds tomorrow's plan on her dashboard and prints it as an A4 PDF in the camp's language,
with the equipment counted for the camp's girls; a girl never reaches any of it."""

import datetime
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone

from camp.day_plan import day_plan
from courses.guides import quantity, teams_for
from courses.models import LessonPage
from tests.camp.factories import make_class, make_facilitator, make_girl
from tests.system_tools import tool
from tests.world import make_camp

pytestmark = pytest.mark.django_db

GUIDES = {
    "ky": {
        "timing": [{"start": 0, "end": 20, "text": "Көрсөтүү жана кеңеш"},
                   {"start": 20, "end": 45, "text": "Командалар өздөрү иштешет"}],
        "preparation": ["Бир күн мурун ар бир кепшерлегичти текшериңиз."],
        "materials": [
            {"item": "Таканчысы бар кепшерлегич", "per": "team", "quantity": 2},
            {"item": "Коргоочу көз айнек", "per": "girl", "quantity": 1},
            {"item": "Припой соргуч", "per": "camp", "quantity": 3},
            {"item": "Кеңеш барагы", "per": "girl", "quantity": 0.5},
        ],
        "mistakes": [{"seen": "Тоголок тамчы", "do": "Учун жана бутун бирге ысыткыла."}],
        "fast_team": "Тез команда кошуналарына жардам берет.",
        "slow_team": "Жай команда менен бир туташууну чогуу кепшерлеңиз.",
        "safety": ["Учу 350 °C - кепшерлегич дайыма таканчысында."],
    },
    "ru": {
        "timing": [{"start": 0, "end": 20, "text": "Показ и совет"},
                   {"start": 20, "end": 45, "text": "Команды работают сами"}],
        "preparation": ["Накануне проверьте каждый паяльник."],
        "materials": [
            {"item": "Паяльник с подставкой", "per": "team", "quantity": 2},
            {"item": "Защитные очки", "per": "girl", "quantity": 1},
            {"item": "Оловоотсос", "per": "camp", "quantity": 3},
            {"item": "Лист советов", "per": "girl", "quantity": 0.5},
        ],
        "mistakes": [{"seen": "Круглая капля", "do": "Грейте жало и ножку вместе."}],
        "fast_team": "Быстрая команда помогает соседям.",
        "slow_team": "С медленной командой паяйте одно соединение вместе.",
        "safety": ["Жало 350 °C - паяльник всегда на подставке."],
    },
}


def pdftotext(pdf: bytes) -> str:
    done = subprocess.run([tool("pdftotext"), "-layout", "-", "-"], input=pdf,
                          capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def give_guides(six_days, day_number: int) -> None:
    """The lesson of ``day_number`` gets its guide, in both languages."""
    for language in ("ky", "ru"):
        curriculum = six_days["curricula"][language]
        day_page = list(curriculum.days())[day_number - 1]
        for lesson in LessonPage.objects.child_of(day_page):
            lesson.facilitator_guide = GUIDES[language]
            lesson.save_revision().publish()
        day_page.timetable = [("slot", {"start": datetime.time(9, 0),
                                        "end": datetime.time(9, 45),
                                        "activity": "Кепшерлөө сабагы" if language == "ky"
                                        else "Урок пайки"})]
        day_page.save_revision().publish()


@pytest.fixture
def running(six_days):
    """A camp of 30 girls on its third day; days 3 and 4 have guides."""
    facilitator = make_facilitator("fac-plan")
    start = timezone.localdate() - datetime.timedelta(days=2)
    camp = make_camp("Көк-Сай лагери", six_days["curricula"]["ky"], facilitator, start)
    make_class(camp, 30)
    give_guides(six_days, 3)
    give_guides(six_days, 4)
    tomorrow = camp.days.get(number=4)
    tomorrow.starts_at = datetime.time(10, 0)
    tomorrow.save()
    return camp, facilitator


def test_teams_of_three_or_four_and_the_quantities_for_thirty_girls():
    assert teams_for(30) == 8  # 6 teams of 4 and 2 of 3
    assert teams_for(8) == 2 and teams_for(9) == 3 and teams_for(0) == 0
    assert quantity(2, "team", girls=30, teams=8) == 16
    assert quantity(1, "girl", girls=30, teams=8) == 30
    assert quantity(0.5, "girl", girls=30, teams=8) == 15
    assert quantity(0.5, "girl", girls=31, teams=8) == 16  # whole pieces, rounded up
    assert quantity(3, "camp", girls=30, teams=8) == 3


def test_her_dashboard_folds_each_of_today_s_lessons_guide_and_offers_tomorrow_s_plan(
        client, running):
    camp, facilitator = running
    client.force_login(facilitator)
    html = client.get(reverse("camp:teach")).content.decode()
    today = html.split("lesson-list", 1)[1].split("</ol>", 1)[0]
    assert "<details" in today and "Командалар өздөрү иштешет" in today
    assert "Учун жана бутун бирге ысыткыла." in today
    pdf_url = reverse("camp:day_plan_pdf", args=[camp.pk, 4])
    assert pdf_url in html
    tomorrow = html.split(pdf_url, 1)[0].rsplit("<section", 1)[1]
    assert "4" in tomorrow  # the section names tomorrow's day


def test_tomorrow_s_plan_prints_in_kyrgyz_with_quantities_for_thirty_girls(client, running):
    camp, facilitator = running
    client.force_login(facilitator)
    response = client.get(reverse("camp:day_plan_pdf", args=[camp.pk, 4]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = pdftotext(response.content)
    for letter in "ңөү":
        assert letter in text
    rows = [line for line in text.splitlines() if "Таканчысы бар кепшерлегич" in line]
    assert any(" 16 " in f" {row} " for row in rows), rows  # 2 per team x 8 teams
    assert any(" 30 " in f" {line} " for line in text.splitlines()
               if "Коргоочу көз айнек" in line)
    assert any(" 15 " in f" {line} " for line in text.splitlines() if "Кеңеш барагы" in line)
    assert any(" 3 " in f" {line} " for line in text.splitlines() if "Припой соргуч" in line)
    assert "10:00–10:45" in text  # the curriculum's 09:00 moved to the camp day's 10:00
    assert "Жай команда менен бир туташууну чогуу кепшерлеңиз." in text
    assert "Учу 350 °C" in text  # the safety card
    assert "Паяльник" not in text  # the camp's language only


def test_a_russian_camp_s_plan_is_in_russian(client, running, six_days):
    camp, facilitator = running
    camp.language = "ru"
    camp.save()
    client.force_login(facilitator)
    text = pdftotext(client.get(reverse("camp:day_plan_pdf", args=[camp.pk, 4])).content)
    assert "Паяльник с подставкой" in text and "Таканчысы" not in text
    assert "С медленной командой паяйте одно соединение вместе." in text


def test_nobody_enrolled_yet_counts_the_camp_s_places(running):
    camp, _facilitator = running
    camp.enrolments.all().delete()
    camp.capacity = 20
    plan = day_plan(camp, camp.days.get(number=4), "ky")
    assert (plan.girls, plan.girls_enrolled, plan.teams) == (20, False, 5)
    counted = {row.item: row.quantity for row in plan.checklist}
    assert counted["Таканчысы бар кепшерлегич"] == 10
    assert counted["Коргоочу көз айнек"] == 20


def test_a_girl_of_the_camp_sees_no_guide_and_no_plan(client, running):
    camp, _facilitator = running
    girl = camp.enrolments.first().learner
    client.force_login(girl)
    for name in ("camp:day_plan", "camp:day_plan_pdf"):
        assert client.get(reverse(name, args=[camp.pk, 4])).status_code in (403, 404)
    lesson = LessonPage.objects.child_of(list(camp.curriculum.days())[2]).first()
    html = client.get(lesson.url).content.decode()
    assert lesson.title in html
    assert "Командалар өздөрү иштешет" not in html and "Тоголок тамчы" not in html


def test_another_camp_s_girl_reaches_nothing_either(client, running):
    camp, _facilitator = running
    client.force_login(make_girl("girl-elsewhere"))
    assert client.get(reverse("camp:day_plan_pdf", args=[camp.pk, 4])).status_code in (403,
                                                                                        404)
