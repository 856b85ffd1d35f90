"""A Russian reader sees day and lesson titles in Russian on the facilitator's and the
parent's pages of a Kyrgyz camp; a page not translated stays Kyrgyz, marked lang="ky"."""

import re

from courses.models import CampDayPage


def test_a_russian_facilitator_sees_todays_day_and_lessons_in_russian(client, world):
    client.force_login(world.facilitator_a)
    html = client.get("/ru/teach/").content.decode()
    assert re.search(r'<p class="theme">День</p>', html)
    assert re.search(r'<a href="[^"]+"\s*>Урок 1\.1</a>', html)
    assert "Сабак 1.1" not in html
    kyrgyz = client.get("/ky/teach/").content.decode()
    assert re.search(r'<a href="[^"]+"\s*>Сабак 1\.1</a>', kyrgyz)


def test_a_russian_parent_sees_the_camp_days_in_russian_and_the_untranslated_marked(
        client, world):
    day_2_ru = CampDayPage.objects.get(locale__language_code="ru", day_number=2)
    day_2_ru.unpublish()  # day 2 has no Russian translation to show
    client.force_login(world.guardian_a)
    html = client.get("/ru/family/").content.decode()
    assert "День 1: <span>День</span>" in html
    assert 'День 2: <span lang="ky">Күн</span>' in html
