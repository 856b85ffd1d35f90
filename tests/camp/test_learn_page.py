"""A girl's own page on the third day of her camp: today's lessons first, then what is
left of earlier days, later days folded; the next lesson is never a later day's while
today's or an earlier day's lessons wait."""

import datetime
import re
import uuid

import pytest
from django.utils import timezone

from camp.models import Enrolment
from cms.core.models import Role
from courses.models import LessonProgress
from tests.factories import make_curriculum
from tests.world import make_camp, make_user


@pytest.fixture
def third_day(db):
    """A camp of four days of two lessons each; today is day 3; she did day 1 only."""
    pages = make_curriculum(days=4, lessons_per_day=2, slug="four-days")
    facilitator = make_user("teacher", Role.FACILITATOR)
    camp = make_camp("Көк-Сай", pages["curricula"]["ky"], facilitator,
                     timezone.localdate() - datetime.timedelta(days=2))
    girl = make_user("aigul", Role.LEARNER, first_name="Айгүл")
    Enrolment.objects.create(camp=camp, learner=girl)
    lessons = pages["lessons"]["ky"]  # 1.1 1.2 2.1 2.2 3.1 3.2 4.1 4.2
    for lesson in lessons[:2]:
        LessonProgress.objects.create(learner=girl, lesson_key=lesson.translation_key,
                                      completed_at=timezone.now(), client_id=uuid.uuid4())
    return girl, lessons


def headings(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", text).strip()
            for text in re.findall(r"<(?:h2|h3|summary)[^>]*>(.*?)</(?:h2|h3|summary)>",
                                   html, re.S)]


def test_today_comes_first_then_what_is_left_then_later_days_folded(client, third_day):
    girl, lessons = third_day
    client.force_login(girl)
    html = client.get("/ky/learn/").content.decode()
    order = headings(html)
    today, left = order.index("Бүгүн"), order.index("Мурунку күндөрдөн калгандар")
    assert order[today + 1].startswith("3-күн")
    assert order[left + 1].startswith("2-күн")
    assert today < left < order.index("Кийинки күндөр")
    # The button leads to today's first lesson, not to day 2's or day 1's.
    button = f'class="button big" href="{re.escape(lessons[4].url)}">' + r"[^<]*Сабак 3\.1"
    assert re.search(button, html)
    # Later days are folded: day 4 comes only inside the closed "later days".
    later = html[html.index("Кийинки күндөр"):]
    assert "4-күн" in later and "<details" in html[:html.index("Кийинки күндөр")]
    assert html.index("4-күн") > html.index("Кийинки күндөр")
    # What is left of day 2 lists only her unfinished lessons: day 1 is done.
    left_part = html[html.index("Мурунку күндөрдөн калгандар"):html.index("Мурунку күндөр<")]
    assert "Сабак 2.1" in left_part and "Сабак 1.1" not in left_part


def test_after_a_lesson_the_next_is_todays_then_an_earlier_days_never_a_later_days(
        client, third_day):
    girl, lessons = third_day
    client.force_login(girl)

    def done(lesson):
        response = client.post(f"/ky/learn/lessons/{lesson.translation_key}/done/",
                               {"client_id": str(uuid.uuid4())},
                               HTTP_ACCEPT="application/json")
        assert response.status_code == 200, response.content
        return response.json()["next_url"]

    assert done(lessons[5]) == lessons[4].url   # 3.2 done: 3.1 is still today's
    assert done(lessons[4]) == lessons[2].url   # today done: day 2 is left, not day 4
    assert done(lessons[2]) == lessons[3].url
    assert done(lessons[3]) == lessons[6].url   # all caught up: day 4


def _next_link(html: str) -> str | None:
    found = re.search(r'<a rel="next" href="([^"]+)"', html)
    return found.group(1) if found else None


def test_the_next_lesson_at_the_bottom_of_a_lesson_is_hers_not_the_curriculum_order(
        client, third_day):
    girl, lessons = third_day
    # A reader who is not signed in follows the curriculum: after 3.2 comes 4.1.
    assert _next_link(client.get(lessons[5].url).content.decode()) == lessons[6].url
    client.force_login(girl)
    # Her page of 3.2 leads back to today's 3.1, not on to day 4.
    assert _next_link(client.get(lessons[5].url).content.decode()) == lessons[4].url
    # A later day's lesson she opened early leads to today's first lesson.
    assert _next_link(client.get(lessons[6].url).content.decode()) == lessons[4].url
    # Today's first lesson points on to what is left of day 2, never to itself.
    assert _next_link(client.get(lessons[4].url).content.decode()) == lessons[5].url
    LessonProgress.objects.create(learner=girl, lesson_key=lessons[5].translation_key,
                                  completed_at=timezone.now(), client_id=uuid.uuid4())
    assert _next_link(client.get(lessons[4].url).content.decode()) == lessons[2].url
    # The reader who is not signed in still gets the curriculum order from the kept part.
    client.logout()
    assert _next_link(client.get(lessons[5].url).content.decode()) == lessons[6].url
