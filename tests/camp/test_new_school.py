"""A school that is not in the list is added from the camp form: a facilitator's serves
her camp at once and waits for a programme manager's approval (docs/places.md)."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from camp.models import Camp, School
from cms.core.models import AuditEvent, Role
from tests.camp.factories import make_facilitator
from tests.world import make_user

pytestmark = pytest.mark.django_db


def _plan(camp, six_days, **extra):
    start = camp.days.get(number=6).date + datetime.timedelta(days=3)
    return {
        "title": "Ак-Талаа лагери", "school": "",
        "curriculum": six_days["curricula"]["ky"].pk, "language": "ky",
        "start_date": start.isoformat(), "capacity": 30, "days_off": ["6"],
        "day_starts_at": "09:00", "day_ends_at": "16:00", **extra,
    }


def test_a_facilitator_adds_a_school_that_waits_for_a_managers_approval(
        client, camp, six_days, facilitator):
    district = camp.school.district
    client.force_login(facilitator)
    form = client.get(reverse("camp:camp_new")).content.decode()
    assert 'name="new_school_name"' in form
    response = client.post(reverse("camp:camp_new"), _plan(
        camp, six_days, new_school_name="Ак-Талаа орто мектеби",
        new_school_village="Ак-Талаа", new_school_district=district.pk))
    assert response.status_code == 302, response.content.decode()[:3000]
    created = Camp.objects.get(title="Ак-Талаа лагери")
    school = created.school
    assert (school.name, school.village, school.district) == (
        "Ак-Талаа орто мектеби", "Ак-Талаа", district)
    assert not school.approved and school.added_by == facilitator
    assert AuditEvent.objects.filter(subject_type="camp.school",
                                     subject_id=str(school.pk)).exists()
    # She is offered her school, marked as waiting; another facilitator is not.
    assert "Ак-Талаа орто мектеби (Ак-Талаа), бекитилүүнү күтүүдө" in client.get(
        reverse("camp:camp_new")).content.decode()
    other = Client()
    other.force_login(make_facilitator("fac-2"))
    assert "Ак-Талаа орто мектеби" not in other.get(reverse("camp:camp_new")).content.decode()
    # A manager sees it in the list, and once approved every facilitator does.
    manager = Client()
    manager.force_login(make_user("boss", Role.MANAGER))
    assert "Ак-Талаа орто мектеби" in manager.get(reverse("camp:camp_new")).content.decode()
    School.objects.filter(pk=school.pk).update(approved=True)
    assert "Ак-Талаа орто мектеби (Ак-Талаа)<" in other.get(
        reverse("camp:camp_new")).content.decode()


def test_a_school_added_by_a_manager_is_approved_at_once(client, camp, six_days):
    manager = make_user("boss", Role.MANAGER)
    client.force_login(manager)
    response = client.post(reverse("camp:camp_new"), _plan(
        camp, six_days, new_school_name="Кара-Суу мектеби", new_school_village="Кара-Суу",
        new_school_district=camp.school.district_id))
    assert response.status_code == 302
    assert School.objects.get(name="Кара-Суу мектеби").approved


@pytest.mark.parametrize("extra, message", [
    ({}, "Тизмеден мектеп тандаңыз же жаңысын кошуңуз."),
    ({"new_school_name": "Жаңы мектеп"}, "Жаңы мектептин айылын жазыңыз."),
    ({"new_school_name": "Жаңы мектеп", "new_school_village": "Жаңы-Айыл"},
     "Жаңы мектептин районун тандаңыз."),
    ({"school": "KEEP", "new_school_name": "Жаңы мектеп", "new_school_village": "Жаңы-Айыл"},
     "Тизмеден мектеп тандаңыз же жаңысын кошуңуз, экөөн тең эмес."),
])
def test_a_half_filled_new_school_is_refused_in_words_and_nothing_is_kept(
        client, camp, six_days, facilitator, extra, message):
    if extra.get("school") == "KEEP":
        extra = {**extra, "school": camp.school_id}
    client.force_login(facilitator)
    schools = School.objects.count()
    response = client.post(reverse("camp:camp_new"), _plan(camp, six_days, **extra))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert School.objects.count() == schools
    assert not Camp.objects.filter(title="Ак-Талаа лагери").exists()


def test_a_camp_that_cannot_be_planned_keeps_no_new_school(client, camp, six_days,
                                                           facilitator):
    client.force_login(facilitator)
    schools = School.objects.count()
    response = client.post(reverse("camp:camp_new"), _plan(
        camp, six_days, start_date="2020-01-06", new_school_name="Эски мектеп",
        new_school_village="Эски-Айыл", new_school_district=camp.school.district_id))
    assert response.status_code == 200
    assert School.objects.count() == schools
