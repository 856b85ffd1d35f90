import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override

from camp.enrolment import enrol
from camp.models import DAY_ENDS_AFTER_IT_STARTS, Camp, CampDay
from camp.scheduling import (
    MAX_SPAN_DAYS,
    ScheduleError,
    create_camp,
    move_day,
    phase,
    plan_dates,
    update_camp,
)
from tests.camp.factories import make_facilitator, make_girl

TODAY = timezone.localdate


def next_weekday(weekday: int, after: datetime.date | None = None) -> datetime.date:
    day = (after or TODAY()) + datetime.timedelta(days=1)
    while day.weekday() != weekday:
        day += datetime.timedelta(days=1)
    return day


def new_camp(six_days, start, title="Жаңы лагерь", school=None):
    existing = Camp.objects.select_related("school").first()
    return Camp(
        title=title, school=school or existing.school,
        curriculum=six_days["curricula"]["ky"], start_date=start,
    )


def test_plan_skips_days_off():
    friday = next_weekday(4)
    dates = plan_dates(friday, 6, [6])
    assert [d.weekday() for d in dates] == [4, 5, 0, 1, 2, 3]
    assert dates[0] == friday


@pytest.mark.django_db
def test_new_camp_gets_six_days_from_the_curriculum(camp, six_days, facilitator):
    friday = next_weekday(4, TODAY() + datetime.timedelta(days=14))
    other = make_facilitator("fac-2")
    created = create_camp(new_camp(six_days, friday), [other], other)
    days = list(created.days.select_related("day_page").order_by("number"))
    assert [d.number for d in days] == [1, 2, 3, 4, 5, 6]
    assert all(d.date.weekday() != 6 for d in days)
    assert [d.day_page.day_number for d in days] == [1, 2, 3, 4, 5, 6]
    assert days[0].date == friday and days[-1].date == friday + datetime.timedelta(days=6)


@pytest.mark.django_db
def test_a_new_camp_cannot_start_in_the_past(camp, six_days, facilitator):
    yesterday = TODAY() - datetime.timedelta(days=1)
    with pytest.raises(ScheduleError) as error:
        create_camp(new_camp(six_days, yesterday), [make_facilitator("f2")], None)
    assert date_format(TODAY(), "DATE_FORMAT") in error.value.messages[0]
    assert Camp.objects.count() == 1


@pytest.mark.django_db
def test_a_new_camp_may_start_today(camp, six_days, facilitator):
    """Today is not in the past: a camp planned on its first morning starts that day."""
    today_camp = new_camp(six_days, TODAY(), title="Бүгүн башталат")
    today_camp.days_off = []
    created = create_camp(today_camp, [make_facilitator("f-today")], None)
    assert created.days.get(number=1).date == TODAY()


@pytest.mark.django_db
def test_a_facilitator_cannot_be_in_two_camps_on_one_day(camp, six_days, facilitator):
    # A new camp skips Sundays, so the clash is named on a working day of the first camp.
    clash_day = next(
        day.date for day in camp.days.filter(number__gte=2).order_by("number")
        if day.date.weekday() != 6
    )
    with override("ru"):
        with pytest.raises(ScheduleError) as error:
            create_camp(new_camp(six_days, clash_day), [facilitator], facilitator)
        message = error.value.messages[0]
        assert "«Лагерь»" in message and date_format(clash_day, "DATE_FORMAT") in message
    assert Camp.objects.count() == 1
    # Once the first camp is over, the same facilitator is free.
    free = camp.days.get(number=6).date + datetime.timedelta(days=1)
    create_camp(new_camp(six_days, free), [facilitator], facilitator)
    assert Camp.objects.count() == 2


@pytest.mark.django_db
def test_moving_the_start_date_plans_the_days_again(six_days, facilitator):
    start = next_weekday(0, TODAY() + datetime.timedelta(days=7))
    camp = create_camp(new_camp_without_school(six_days, start), [facilitator], facilitator)
    camp.start_date = start + datetime.timedelta(days=7)
    update_camp(camp, [facilitator], facilitator)
    dates = list(camp.days.order_by("number").values_list("date", flat=True))
    assert dates[0] == start + datetime.timedelta(days=7)
    assert len(dates) == 6 and all(d.weekday() != 6 for d in dates)


def new_camp_without_school(six_days, start):
    from camp.models import District, School

    school = School.objects.create(
        district=District.objects.get(name_ky="Бакай-Ата району"), name="№ 5 мектеп",
        village="Бакай-Ата",
    )
    return new_camp(six_days, start, school=school)


@pytest.mark.django_db
def test_capacity_cannot_drop_below_the_girls_enrolled(camp, facilitator):
    for n in range(3):
        enrol(camp, make_girl(f"g{n}"), facilitator)
    camp.capacity = 2
    with pytest.raises(ScheduleError) as error:
        update_camp(camp, [facilitator], facilitator)
    assert "3" in error.value.messages[0]
    assert Camp.objects.get(pk=camp.pk).capacity == 30


@pytest.mark.django_db
def test_places_may_equal_the_girls_enrolled(camp, facilitator):
    """Three girls, three places: the camp is full, not refused."""
    for n in range(3):
        enrol(camp, make_girl(f"full-{n}"), facilitator)
    camp.capacity = 3
    update_camp(camp, [facilitator], facilitator)
    assert Camp.objects.get(pk=camp.pk).capacity == 3


@pytest.mark.django_db
def test_a_day_that_ends_when_it_starts_is_refused(camp, facilitator):
    day2 = camp.days.get(number=2)
    with pytest.raises(ScheduleError) as error, override("ky"):
        move_day(day2, day2.date, datetime.time(10), datetime.time(10), facilitator)
    assert error.value.messages == [str(DAY_ENDS_AFTER_IT_STARTS)]
    saved = CampDay.objects.get(pk=day2.pk)
    assert (saved.starts_at, saved.ends_at) == (day2.starts_at, day2.ends_at)


@pytest.mark.django_db
def test_a_day_cannot_fall_outside_its_camp(camp, facilitator):
    day3 = camp.days.get(number=3)
    day4 = camp.days.get(number=4)
    with pytest.raises(ScheduleError):
        move_day(day3, day4.date + datetime.timedelta(days=1), day3.starts_at, day3.ends_at, None)
    with pytest.raises(ScheduleError):
        move_day(day3, camp.days.get(number=2).date, day3.starts_at, day3.ends_at, None)
    assert CampDay.objects.get(pk=day3.pk).date == day3.date
    day6 = camp.days.get(number=6)
    later = day6.date + datetime.timedelta(days=2)
    move_day(day6, later, datetime.time(10), datetime.time(15), facilitator)
    assert CampDay.objects.get(pk=day6.pk).date == later


@pytest.mark.django_db
def test_planning_a_camp_on_the_page(client, camp, six_days, facilitator):
    client.force_login(facilitator)
    page = client.get(reverse("camp:camp_new"))
    assert date_format(TODAY(), "DATE_FORMAT") in page.content.decode()
    start = camp.days.get(number=6).date + datetime.timedelta(days=3)
    data = {
        "title": "Нарын лагери", "school": camp.school_id,
        "curriculum": six_days["curricula"]["ky"].pk, "language": "ky",
        "start_date": start.isoformat(), "capacity": 30, "days_off": ["6"],
        "day_starts_at": "09:00", "day_ends_at": "16:00",
    }
    response = client.post(reverse("camp:camp_new"), data)
    assert response.status_code == 302
    created = Camp.objects.get(title="Нарын лагери")
    assert created.days.count() == 6 and list(created.facilitators.all()) == [facilitator]
    # A start in the past: a clear message, nothing saved.
    past = {**data, "title": "Эски", "start_date": "2020-01-06"}
    response = client.post(reverse("camp:camp_new"), past)
    assert response.status_code == 200
    assert not Camp.objects.filter(title="Эски").exists()
    html = response.content.decode()
    assert 'class="form-errors" role="alert"' in html


def test_a_draft_camp_tells_its_facilitator_to_publish_it(client, camp, facilitator):
    client.force_login(facilitator)
    url = reverse("camp:camp_detail", args=[camp.pk])
    note = "Бул лагерь азырынча долбоор"
    assert note not in client.get(url).content.decode()  # running: nothing to say
    camp.status = Camp.Status.DRAFT
    camp.save(update_fields=["status"])
    assert note in client.get(url).content.decode()


def test_a_week_of_days_off_is_refused_and_six_leave_one_day():
    """Seven days off would plan for ever; six leave the one weekday that is not off."""
    with pytest.raises(ScheduleError):
        plan_dates(next_weekday(0), 2, range(7))
    sundays = plan_dates(next_weekday(0), 2, range(6))
    assert [d.weekday() for d in sundays] == [6, 6]


def test_a_camp_is_upcoming_running_or_finished_by_its_first_and_last_day():
    first = TODAY()
    days = [CampDay(number=n, date=first + datetime.timedelta(days=n - 1)) for n in (1, 2, 3)]
    last = days[-1].date
    assert phase(days, first - datetime.timedelta(days=1)) == "upcoming"
    assert phase(days, first) == "running"
    assert phase(days, last) == "running"
    assert phase(days, last + datetime.timedelta(days=1)) == "finished"
    assert phase([], first) == "upcoming"


@pytest.mark.django_db
def test_a_day_moves_up_to_the_last_date_of_the_camps_span_and_no_further(camp, facilitator):
    """Day 6 may move to the 28th day from the start, not the 29th; the refusal names the
    span and the last possible date. It may move back towards day 5, but not onto it."""
    day6 = camp.days.get(number=6)
    last_allowed = camp.start_date + datetime.timedelta(days=MAX_SPAN_DAYS - 1)
    with pytest.raises(ScheduleError) as error:
        move_day(day6, last_allowed + datetime.timedelta(days=1), day6.starts_at,
                 day6.ends_at, facilitator)
    assert str(MAX_SPAN_DAYS) in error.value.messages[0]
    assert date_format(last_allowed, "DATE_FORMAT") in error.value.messages[0]
    move_day(day6, last_allowed, day6.starts_at, day6.ends_at, facilitator)
    assert CampDay.objects.get(pk=day6.pk).date == last_allowed
    day5 = camp.days.get(number=5)
    earlier = day5.date + datetime.timedelta(days=1)
    move_day(CampDay.objects.get(pk=day6.pk), earlier, day6.starts_at, day6.ends_at, facilitator)
    assert CampDay.objects.get(pk=day6.pk).date == earlier
    with pytest.raises(ScheduleError) as error:
        move_day(CampDay.objects.get(pk=day6.pk), day5.date, day6.starts_at, day6.ends_at,
                 facilitator)
    assert date_format(day5.date, "DATE_FORMAT") in error.value.messages[0]


@pytest.mark.django_db
def test_a_day_cannot_move_into_the_past(camp, facilitator):
    day2 = camp.days.get(number=2)
    with pytest.raises(ScheduleError) as error:
        move_day(day2, TODAY() - datetime.timedelta(days=1), day2.starts_at, day2.ends_at,
                 facilitator)
    assert date_format(TODAY(), "DATE_FORMAT") in error.value.messages[0]
    assert CampDay.objects.get(pk=day2.pk).date == day2.date


@pytest.mark.django_db
def test_more_places_in_a_camp_whose_roll_was_taken_keep_its_days_and_fill_from_the_waiting_list(
        camp, facilitator):
    """Only the places change: the days stay (the roll was taken, they could not move)
    and the first girl waiting gets the new place."""
    from camp.models import Attendance, Enrolment

    camp.capacity = 1
    update_camp(camp, [facilitator], facilitator)
    first = enrol(camp, make_girl("first-girl"), facilitator)
    waiting = enrol(camp, make_girl("waiting-girl"), facilitator)
    assert waiting.status == Enrolment.Status.WAITING
    Attendance.objects.create(camp_day=camp.days.get(number=1), learner=first.learner,
                              status=Attendance.Status.PRESENT, marked_at=timezone.now(),
                              client_id=uuid.uuid4())
    dates = list(camp.days.order_by("number").values_list("date", flat=True))
    camp = Camp.objects.get(pk=camp.pk)
    camp.capacity = 2
    update_camp(camp, [facilitator], facilitator)
    assert list(camp.days.order_by("number").values_list("date", flat=True)) == dates
    waiting.refresh_from_db()
    assert waiting.status == Enrolment.Status.ENROLLED


@pytest.mark.django_db
def test_a_camps_start_cannot_move_into_the_past(camp, facilitator):
    start = camp.start_date
    camp.start_date = TODAY() - datetime.timedelta(days=1)
    with pytest.raises(ScheduleError) as error:
        update_camp(camp, [facilitator], facilitator)
    assert date_format(TODAY(), "DATE_FORMAT") in error.value.messages[0]
    assert Camp.objects.get(pk=camp.pk).start_date == start
