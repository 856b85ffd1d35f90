import datetime
import uuid

import icalendar
import pytest
from django.urls import reverse

from camp.models import CalendarFeed, Camp


def parse(response):
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


@pytest.mark.django_db
def test_camp_feed_parses_with_one_event_per_day(client, camp):
    camp.title = "Лагерь; «Көк-Сай», 2026 — абдан узун аталыш, ар бир сап 75 октеттен ашпайт"
    camp.save()
    response = client.get(reverse("camp:camp_calendar", args=[camp.calendar_token]))
    raw = response.content
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    lines = raw.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert any(line.startswith(b" ") for line in lines), "the long title is folded"
    for line in lines:
        line.decode()  # folding never splits a Kyrgyz letter's bytes
    calendar = parse(response)
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Asia/Bishkek"
    events = calendar.walk("VEVENT")
    days = list(camp.days.select_related("day_page").order_by("number"))
    assert len(events) == 6
    for event, day in zip(events, days, strict=True):
        start = event.decoded("DTSTART")
        assert start.date() == day.date and start.time() == day.starts_at
        assert str(start.tzinfo) == "Asia/Bishkek"
        assert start.utcoffset() == datetime.timedelta(hours=6)
        assert day.day_page.theme in str(event["SUMMARY"])
        assert camp.title in str(event["SUMMARY"])
    assert len({str(e["UID"]) for e in events}) == 6


@pytest.mark.django_db
def test_a_renewed_token_stops_the_old_address(client, camp, facilitator):
    client.force_login(facilitator)
    old = camp.calendar_token
    client.post(reverse("camp:renew_camp_calendar", args=[camp.pk]))
    camp.refresh_from_db()
    assert camp.calendar_token != old
    client.logout()
    assert client.get(reverse("camp:camp_calendar", args=[old])).status_code == 404
    assert client.get(reverse("camp:camp_calendar", args=[camp.calendar_token])).status_code == 200


@pytest.mark.django_db
def test_facilitator_feed_has_her_camps_only(client, camp, facilitator, six_days):
    from tests.camp.factories import make_facilitator
    from tests.world import make_camp

    make_camp("Башка лагерь", six_days["curricula"]["ky"], make_facilitator("f-b"),
              camp.start_date)
    client.force_login(facilitator)
    client.post(reverse("camp:renew_my_calendar"))
    token = CalendarFeed.objects.get(user=facilitator).token
    client.post(reverse("camp:renew_my_calendar"))
    new_token = CalendarFeed.objects.get(user=facilitator).token
    assert new_token != token
    client.logout()
    assert client.get(reverse("camp:facilitator_calendar", args=[token])).status_code == 404
    events = parse(client.get(reverse("camp:facilitator_calendar", args=[new_token]))).walk(
        "VEVENT")
    assert len(events) == 6 and all("Лагерь" in str(e["SUMMARY"]) for e in events)
    assert not any("Башка" in str(e["SUMMARY"]) for e in events)
    assert client.get(
        reverse("camp:facilitator_calendar", args=[uuid.uuid4()])).status_code == 404


@pytest.mark.django_db
def test_cancelled_camp_leaves_the_calendar(client, camp):
    camp.status = Camp.Status.CANCELLED
    camp.save()
    calendar = parse(client.get(reverse("camp:camp_calendar", args=[camp.calendar_token])))
    assert calendar.walk("VEVENT") == []
