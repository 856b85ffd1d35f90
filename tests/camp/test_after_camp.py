"""After day 6: the girl's page says what she keeps and until when; in the last
ANONYMISE_NOTICE_DAYS days before her data is anonymised, her family's page and her
facilitator's camp page say so. The day is the retention job's own."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from camp.models import Camp, CampDay
from camp.personal_data import anonymisation_days
from cms.core.personal_data import (
    ANONYMISE_NOTICE_DAYS,
    anonymised_on,
    expired_girls,
    months_before,
    retention_months,
)


def kyrgyz(day) -> str:
    with translation.override("ky"):
        return date_format(day, "DATE_FORMAT")


def end_camp_on(camp, last_day: datetime.date) -> None:
    """Move the camp's six days so that its last one is ``last_day``."""
    start = last_day - datetime.timedelta(days=5)
    for day in CampDay.objects.filter(camp=camp).order_by("-number"):
        day.date = start + datetime.timedelta(days=day.number - 1)
        day.save(update_fields=["date"])
    camp.start_date = start
    camp.status = Camp.Status.FINISHED
    camp.save(update_fields=["start_date", "status"])


def ending_for_anonymisation_in(days: int) -> datetime.date:
    """A last camp day whose anonymisation falls ``days`` days from today."""
    target = timezone.localdate() + datetime.timedelta(days=days)
    last_day = months_before(target, retention_months())
    while anonymised_on(last_day) > target:
        last_day -= datetime.timedelta(days=1)
    while anonymised_on(last_day + datetime.timedelta(days=1)) <= target:
        last_day += datetime.timedelta(days=1)
    assert anonymised_on(last_day) <= target
    return last_day


@pytest.mark.parametrize("last_day", [
    datetime.date(2024, 1, 31), datetime.date(2024, 2, 29), datetime.date(2023, 12, 31),
    datetime.date(2024, 6, 15),
])
def test_the_announced_day_is_the_day_the_retention_job_takes_her(world, last_day):
    end_camp_on(world.camp_a, last_day)
    day = anonymisation_days([world.girl_a])[world.girl_a.pk]
    assert day == anonymised_on(last_day)
    months = retention_months()
    the_day_before = day - datetime.timedelta(days=1)
    assert world.girl_a not in expired_girls(months, today=the_day_before)
    assert world.girl_a in expired_girls(months, today=day)


def test_after_the_camp_her_page_says_what_she_keeps_and_until_when(client, world):
    last_day = timezone.localdate() - datetime.timedelta(days=3)
    end_camp_on(world.camp_a, last_day)
    client.force_login(world.girl_a)
    page = client.get("/ky/learn/").content.decode()
    assert kyrgyz(anonymised_on(last_day)) in page
    assert reverse("certificates:mine") in page and reverse("courses:photos") in page
    assert 'id="kept-title"' in page


def test_during_the_camp_her_page_does_not_talk_of_removal(client, world):
    client.force_login(world.girl_a)  # camp A runs from today
    page = client.get("/ky/learn/").content.decode()
    assert 'id="kept-title"' not in page


def test_family_and_facilitator_are_told_in_the_last_thirty_days_only(client, world):
    soon = ending_for_anonymisation_in(ANONYMISE_NOTICE_DAYS)
    end_camp_on(world.camp_a, soon)
    day = anonymised_on(soon)
    client.force_login(world.guardian_a)
    family = client.get("/ky/family/").content.decode()
    assert kyrgyz(day) in family
    client.force_login(world.facilitator_a)
    camp_page = client.get(
        reverse("camp:camp_detail", args=[world.camp_a.pk])).content.decode()
    assert kyrgyz(day) in camp_page

    later = ending_for_anonymisation_in(ANONYMISE_NOTICE_DAYS + 1)
    end_camp_on(world.camp_a, later)
    client.force_login(world.guardian_a)
    family = client.get("/ky/family/").content.decode()
    assert kyrgyz(anonymised_on(later)) not in family
    client.force_login(world.facilitator_a)
    camp_page = client.get(
        reverse("camp:camp_detail", args=[world.camp_a.pk])).content.decode()
    assert kyrgyz(anonymised_on(later)) not in camp_page


def test_an_anonymised_girl_gets_no_notice(world):
    end_camp_on(world.camp_a, ending_for_anonymisation_in(5))
    world.girl_a.anonymised_at = timezone.now()
    world.girl_a.save(update_fields=["anonymised_at"])
    assert anonymisation_days([world.girl_a]) == {}
