import datetime
import re
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from camp.attendance import mark
from camp.models import Camp
from courses.models import LessonPage, LessonProgress
from tests.camp.factories import make_class, make_facilitator
from tests.courses.test_needs_connection import flag_page
from tests.world import make_camp


def camp_on_day_three(six_days, facilitator, girls: int) -> Camp:
    """A running camp on its third day, with ``girls`` girls."""
    start = timezone.localdate() - datetime.timedelta(days=2)
    camp = make_camp("Лагерь", six_days["curricula"]["ky"], facilitator, start)
    make_class(camp, girls)
    return camp


def count_queries(client, url) -> int:
    """The queries of a warm visit. The first visit fills the site caches (site root,
    locales); of the next two the smaller count is taken: under PostgreSQL and Redis a
    single visit was seen (twice in full runs, never alone) to ask one query more. What
    must not grow with the class is the warm page's count, which both visits bound."""
    client.get(url)
    counts = []
    for _visit in range(2):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(queries))
    return min(counts)


@pytest.mark.django_db
def test_dashboard_and_roll_call_queries_do_not_grow_with_the_class(client, six_days):
    counts = {}
    for size in (30, 300):
        facilitator = make_facilitator(f"fac-{size}")
        camp = camp_on_day_three(six_days, facilitator, size)
        client.force_login(facilitator)
        counts[size] = (
            count_queries(client, reverse("camp:teach")),
            count_queries(client, reverse("camp:roll_call", args=[camp.pk, 3])),
        )
    assert counts[30] == counts[300], counts
    print(f"queries (dashboard, roll call) with 30 and 300 girls: {counts}")


@pytest.mark.django_db
def test_dashboard_shows_today_and_who_is_behind(client, six_days):
    facilitator = make_facilitator("fac")
    camp = camp_on_day_three(six_days, facilitator, 2)
    ahead, behind = (e.learner for e in camp.enrolments.order_by("learner__username"))
    for lesson in LessonPage.objects.filter(locale__language_code="ru", title__in=["Урок 1.1",
                                                                                  "Урок 2.1"]):
        LessonProgress.objects.create(
            learner=ahead, lesson_key=lesson.translation_key,
            completed_at=timezone.now(), client_id=uuid.uuid4(),
        )
    mark(camp.days.get(number=3), ahead.pk, "present", facilitator, uuid.uuid4())
    client.force_login(facilitator)
    html = client.get(reverse("camp:teach")).content.decode()
    assert "Сабак 3.1" in html  # today's lesson
    assert "Кепшерлегич" in html  # the day's materials
    assert "1 / 2" not in html
    assert html.count('class="behind"') == 1
    assert f"{behind.display_name}</td>" in html.split('class="behind"')[1]
    assert "2 / 2" in html and "0 / 2" in html
    assert timezone.localdate().strftime("%Y") in html


@pytest.mark.django_db
def test_public_listing_shows_places_and_dates_but_no_girls(client, six_days):
    facilitator = make_facilitator("fac")
    start = timezone.localdate() + datetime.timedelta(days=10)
    camp = make_camp("Келе жаткан", six_days["curricula"]["ky"], facilitator, start)
    camp.status = Camp.Status.PUBLISHED
    camp.save()
    girls = make_class(camp, 3)
    draft = make_camp("Долбоор", six_days["curricula"]["ky"], make_facilitator("f2"), start)
    draft.status = Camp.Status.DRAFT
    draft.save()
    html = client.get(reverse("camp:upcoming")).content.decode()
    assert camp.school.village in html and camp.school.name in html
    assert "Талас облусу" in html
    assert draft.school.name not in html
    assert not any(g.first_name in html for g in girls)


@pytest.mark.django_db
def test_a_programme_manager_reaches_every_camp_from_her_camps_page(client, six_days):
    from tests.world import make_user

    ours = camp_on_day_three(six_days, make_facilitator("fac-a"), girls=2)
    theirs = make_camp("Экинчи лагерь", six_days["curricula"]["ky"], make_facilitator("fac-b"),
                       timezone.localdate() + datetime.timedelta(days=10))
    manager = make_user("manager-1", "manager")
    client.force_login(manager)
    home = client.get("/ky/impact/").content.decode()
    assert 'href="/ky/teach/"' in home  # the header's link to her camps
    page = client.get("/ky/teach/").content.decode()
    assert re.search(r"<h1>\s*Лагерлер\s*</h1>", page)  # "Camps", not "My camps"
    for camp in (ours, theirs):
        assert reverse("camp:camp_detail", args=[camp.pk]) in page
    assert "Катышууну белгилөө" not in page  # taking the roll is the facilitators' work
    assert reverse("camp:renew_my_calendar") not in page


@pytest.mark.django_db
def test_the_facilitator_s_day_marks_today_s_lesson_that_needs_the_internet(client, six_days):
    facilitator = make_facilitator("fac")
    camp_on_day_three(six_days, facilitator, 1)
    for page in LessonPage.objects.filter(title__in=["Сабак 3.1", "Урок 3.1"]):
        flag_page(page, f"SimulIDE {page.locale.language_code}")
    client.force_login(facilitator)
    html = client.get(reverse("camp:teach")).content.decode()
    today = html.split("lesson-list", 1)[1].split("</ol>", 1)[0]
    assert "Сабак 3.1" in today
    assert "Интернет керек." in today and "SimulIDE ky" in today
