import datetime
import uuid
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override

from camp.enrolment import enrol
from camp.models import DAY_ENDS_AFTER_IT_STARTS, Camp, CampDay, School
from camp.scheduling import (
    ScheduleError,
    create_camp,
    move_day,
    phase,
    plan_dates,
    renew_camp_calendar,
    renew_personal_calendar,
    update_camp,
)
from tests.camp.factories import make_facilitator, make_girl

TODAY = timezone.localdate
ONE_DAY = datetime.timedelta(days=1)


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
        assert facilitator.display_name in message
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
def test_a_day_that_ends_when_or_before_it_starts_is_refused(camp, facilitator):
    day2 = camp.days.get(number=2)
    for starts_at, ends_at in ((10, 10), (15, 10)):
        with pytest.raises(ScheduleError) as error, override("ky"):
            move_day(day2, day2.date, datetime.time(starts_at), datetime.time(ends_at),
                     facilitator)
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
    last_allowed = camp.start_date + datetime.timedelta(days=27)
    with override("ru"):
        with pytest.raises(ScheduleError) as error:
            move_day(day6, last_allowed + datetime.timedelta(days=1), day6.starts_at,
                     day6.ends_at, facilitator)
        assert error.value.messages == [
            "Лагерь проходит в пределах 28 дней от начала; последняя возможная дата: "
            f"{date_format(last_allowed, 'DATE_FORMAT')}"]
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
    with override("ru"):
        with pytest.raises(ScheduleError) as error:
            move_day(day2, TODAY() - datetime.timedelta(days=1), day2.starts_at, day2.ends_at,
                     facilitator)
        assert error.value.messages == [
            f"Сегодня {show(TODAY())}: день нельзя перенести в прошлое."]
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
def test_a_camp_opened_again_gives_its_free_place_to_the_first_girl_waiting(camp, facilitator):
    """A girl who withdrew while the camp was cancelled left a place no one took (a
    closed camp takes no one); when the camp opens again, the first girl waiting gets
    it, as she would have at the withdrawal."""
    from camp.enrolment import withdraw
    from camp.models import Enrolment

    camp.capacity = 1
    update_camp(camp, [facilitator], facilitator)
    first = enrol(camp, make_girl("first-girl"), facilitator)
    waiting = enrol(camp, make_girl("waiting-girl"), facilitator)
    camp = Camp.objects.get(pk=camp.pk)
    camp.status = Camp.Status.CANCELLED
    update_camp(camp, [facilitator], facilitator)
    withdraw(first, "Үй-бүлөсү көчүп кетти", facilitator)
    waiting.refresh_from_db()
    assert waiting.status == Enrolment.Status.WAITING

    camp = Camp.objects.get(pk=camp.pk)
    camp.status = Camp.Status.PUBLISHED
    update_camp(camp, [facilitator], facilitator)
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


def show(day: datetime.date) -> str:
    return date_format(day, "DATE_FORMAT")


def set_days(camp: Camp, first: datetime.date, apart: int = 1) -> Camp:
    """Put the camp's start on ``first`` and its day n on ``first + apart * (n - 1)``."""
    Camp.objects.filter(pk=camp.pk).update(start_date=first)
    for day in camp.days.all():
        day.date = first + datetime.timedelta(days=apart * (day.number - 1))
        day.save(update_fields=["date"])
    return Camp.objects.get(pk=camp.pk)


def dates_of(camp: Camp) -> list[datetime.date]:
    return list(CampDay.objects.filter(camp=camp).order_by("number").values_list("date",
                                                                              flat=True))


class AuditLogDown(Exception):
    """The audit log cannot be written: the service's last write fails."""


def audit_log_down():
    return mock.patch("camp.scheduling.record", side_effect=AuditLogDown)


@pytest.mark.django_db
def test_each_day_stays_between_the_days_before_and_after_it(camp, facilitator):
    """Days 2 to 5, two days apart: on or before the day before it, or on or after the
    day after it, a date is refused with that neighbour and its date named; a date
    between the two is kept."""
    camp = set_days(camp, TODAY() + 2 * ONE_DAY, apart=2)
    for number in range(2, 6):
        days = {day.number: day for day in camp.days.all()}
        day, before, after = days[number], days[number - 1], days[number + 1]
        with override("ru"):
            for date in (before.date, before.date - ONE_DAY):
                with pytest.raises(ScheduleError) as error:
                    move_day(day, date, day.starts_at, day.ends_at, facilitator)
                assert error.value.messages == [
                    f"День {number} должен идти после дня {number - 1} этого лагеря "
                    f"({show(before.date)})."]
            for date in (after.date, after.date + ONE_DAY):
                with pytest.raises(ScheduleError) as error:
                    move_day(day, date, day.starts_at, day.ends_at, facilitator)
                assert error.value.messages == [
                    f"День {number} должен идти перед днём {number + 1} этого лагеря "
                    f"({show(after.date)})."]
        assert dates_of(camp)[number - 1] == day.date
        for date in (before.date + ONE_DAY, after.date - ONE_DAY):
            move_day(CampDay.objects.get(pk=day.pk), date, day.starts_at, day.ends_at,
                     facilitator)
            assert dates_of(camp)[number - 1] == date


@pytest.mark.django_db
def test_day_one_moves_only_with_the_camps_start_but_its_hours_may_change(camp, facilitator):
    day1 = camp.days.get(number=1)
    with override("ru"), pytest.raises(ScheduleError) as error:
        move_day(day1, day1.date + ONE_DAY, day1.starts_at, day1.ends_at, facilitator)
    assert error.value.messages == [
        "День 1 — это дата начала лагеря: измените вместо этого дату начала лагеря."]
    assert dates_of(camp)[0] == day1.date
    same_date = dates_of(camp)[0]  # as the day's form sends it back: equal, not the same
    move_day(day1, same_date, datetime.time(10), datetime.time(15), facilitator)
    saved = CampDay.objects.get(pk=day1.pk)
    assert (saved.date, saved.starts_at, saved.ends_at) == (
        day1.date, datetime.time(10), datetime.time(15))


@pytest.mark.django_db
def test_a_day_of_a_camp_that_began_yesterday_may_move_to_today(camp, facilitator):
    """Today is not in the past: day 2, planned for tomorrow, may be held today."""
    camp = set_days(camp, TODAY() - ONE_DAY, apart=2)
    day2 = camp.days.get(number=2)
    move_day(day2, TODAY(), day2.starts_at, day2.ends_at, facilitator)
    assert dates_of(camp)[1] == TODAY()


@pytest.mark.django_db
def test_new_days_off_alone_plan_the_days_again(six_days, facilitator):
    """Saturday made a day off too, then a working day again: the days move each time."""
    monday = next_weekday(0, TODAY() + 7 * ONE_DAY)
    camp = create_camp(new_camp_without_school(six_days, monday), [facilitator], facilitator)
    for days_off, weekdays in (([5, 6], [0, 1, 2, 3, 4, 0]), ([6], [0, 1, 2, 3, 4, 5])):
        camp = Camp.objects.get(pk=camp.pk)
        camp.days_off = days_off
        update_camp(camp, [facilitator], facilitator)
        dates = dates_of(camp)
        assert dates[0] == monday
        assert [d.weekday() for d in dates] == weekdays


@pytest.mark.django_db
def test_a_day_given_hours_of_its_own_keeps_them_when_the_camp_moves(six_days, facilitator):
    """The start moves a week: every day moves with it, day 3 with the hours it was given,
    the others with the camp's."""
    start = next_weekday(0, TODAY() + 7 * ONE_DAY)
    camp = create_camp(new_camp_without_school(six_days, start), [facilitator], facilitator)
    day3 = camp.days.get(number=3)
    move_day(day3, day3.date, datetime.time(11), datetime.time(14), facilitator)
    camp = Camp.objects.get(pk=camp.pk)
    camp.start_date = start + 7 * ONE_DAY
    update_camp(camp, [facilitator], facilitator)
    assert dates_of(camp)[0] == start + 7 * ONE_DAY
    hours = list(camp.days.order_by("number").values_list("starts_at", "ends_at"))
    camp_hours = (camp.day_starts_at, camp.day_ends_at)
    assert hours == [camp_hours] * 2 + [(datetime.time(11), datetime.time(14))] + [camp_hours] * 3


@pytest.mark.django_db
def test_a_camp_that_began_before_today_cannot_move_its_start_to_another_past_day(
        camp, facilitator):
    """Later than it was is not enough: the new start is in the past all the same."""
    camp = set_days(camp, TODAY() - 10 * ONE_DAY)
    dates = dates_of(camp)
    camp.start_date = TODAY() - 5 * ONE_DAY
    with override("ru"):
        with pytest.raises(ScheduleError) as error:
            update_camp(camp, [facilitator], facilitator)
        assert error.value.messages == [
            f"Сегодня {show(TODAY())}: новый лагерь не может начинаться в прошлом."]
    assert Camp.objects.get(pk=camp.pk).start_date == TODAY() - 10 * ONE_DAY
    assert dates_of(camp) == dates


@pytest.mark.django_db
def test_the_days_off_of_a_camp_that_began_before_today_can_still_change(camp, facilitator):
    """No roll taken yet: new days off plan the days again from the start it has, which
    is not refused as a start in the past, since it does not move."""
    start = TODAY() - 3 * ONE_DAY
    camp = set_days(camp, start)
    day_off = next(w for w in range(7) if w != start.weekday() and [w] != camp.days_off)
    camp.days_off = [day_off]
    update_camp(camp, [facilitator], facilitator)
    assert Camp.objects.get(pk=camp.pk).start_date == start
    dates = dates_of(camp)
    assert dates[0] == start and len(dates) == 6
    assert day_off not in [d.weekday() for d in dates]


@pytest.mark.django_db
def test_a_camp_taught_in_russian_gets_the_russian_days_of_its_curriculum(
        camp, six_days, facilitator):
    start = TODAY() + 14 * ONE_DAY
    russian = new_camp(six_days, start, title="Русский лагерь")
    russian.language = "ru"
    created = create_camp(russian, [facilitator], facilitator)
    pages = [day.day_page for day in created.days.order_by("number")]
    assert [page.get_parent().specific for page in pages] == [six_days["curricula"]["ru"]] * 6
    assert [page.locale.language_code for page in pages] == ["ru"] * 6


@pytest.mark.django_db
def test_a_school_typed_in_while_planning_serves_the_camp_at_once(camp, six_days, facilitator):
    """A facilitator's new school waits for a manager's approval but is her camp's school,
    whether typed in for a new camp or when the camp is edited."""
    district = camp.school.district
    start = TODAY() + 14 * ONE_DAY
    created = create_camp(
        new_camp(six_days, start, title="Жаңы мектеп"), [facilitator], facilitator,
        new_school=School(district=district, name="№ 9 мектеп", village="Кара-Буура"))
    saved = Camp.objects.select_related("school").get(pk=created.pk)
    assert saved.school.name == "№ 9 мектеп" and not saved.school.approved
    saved.title = "Жаңы мектеп 2"
    update_camp(saved, [facilitator], facilitator,
                new_school=School(district=district, name="№ 10 мектеп", village="Кызыл-Адыр"))
    saved = Camp.objects.select_related("school").get(pk=created.pk)
    assert saved.school.name == "№ 10 мектеп" and not saved.school.approved


@pytest.mark.django_db
def test_a_new_calendar_address_of_her_own_closes_the_old_one(client, facilitator, camp):
    first = renew_personal_calendar(by=facilitator).token
    assert client.get(reverse("camp:facilitator_calendar", args=[first])).status_code == 200
    second = renew_personal_calendar(by=facilitator).token
    assert client.get(reverse("camp:facilitator_calendar", args=[first])).status_code == 404
    assert client.get(reverse("camp:facilitator_calendar", args=[second])).status_code == 200


@pytest.mark.django_db
def test_a_camp_that_fails_to_save_leaves_nothing_behind(camp, six_days, facilitator):
    """The last write of a new camp fails: no camp, no days, the facilitator still free."""
    start = TODAY() + 14 * ONE_DAY
    with audit_log_down(), pytest.raises(AuditLogDown):
        create_camp(new_camp(six_days, start, title="Жарым"), [facilitator], facilitator)
    assert not Camp.objects.filter(title="Жарым").exists()
    assert not CampDay.objects.exclude(camp=camp).exists()
    assert list(facilitator.facilitated_camps.all()) == [camp]


@pytest.mark.django_db
def test_a_camp_whose_change_fails_keeps_its_start_and_days(camp, facilitator):
    camp = set_days(camp, TODAY() + 7 * ONE_DAY)
    dates = dates_of(camp)
    camp.start_date += 7 * ONE_DAY
    with audit_log_down(), pytest.raises(AuditLogDown):
        update_camp(camp, [facilitator], facilitator)
    assert Camp.objects.get(pk=camp.pk).start_date == dates[0]
    assert dates_of(camp) == dates


@pytest.mark.django_db
def test_a_day_whose_move_fails_stays_on_its_date_and_hours(camp, facilitator):
    day6 = camp.days.get(number=6)
    planned = (day6.date, day6.starts_at, day6.ends_at)
    with audit_log_down(), pytest.raises(AuditLogDown):
        move_day(day6, day6.date + ONE_DAY, datetime.time(10), datetime.time(15), facilitator)
    saved = CampDay.objects.get(pk=day6.pk)
    assert (saved.date, saved.starts_at, saved.ends_at) == planned


@pytest.mark.django_db
def test_a_camp_calendar_whose_renewal_fails_keeps_its_address(client, camp, facilitator):
    old = camp.calendar_token
    with audit_log_down(), pytest.raises(AuditLogDown):
        renew_camp_calendar(camp, by=facilitator)
    assert client.get(reverse("camp:camp_calendar", args=[old])).status_code == 200
