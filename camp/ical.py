"""iCalendar (RFC 5545) feeds of camp days, built with the ``icalendar`` library.

The library escapes text and folds lines at 75 octets without splitting a UTF-8
letter. Times carry TZID=Asia/Bishkek; its VTIMEZONE is written here rather than
generated, because the generated one lists every change since 1970 (about 2 KB a
feed, for a zone that has been UTC+6 all year, with no daylight saving, since 2005).
"""

import datetime
from collections.abc import Iterable
from zoneinfo import ZoneInfo

import icalendar
from django.utils import timezone
from django.utils.translation import gettext as _

from .calendar_sources import CalendarEvent
from .models import CampDay

TZID = "Asia/Bishkek"
BISHKEK = ZoneInfo(TZID)


def _bishkek_timezone() -> icalendar.Timezone:
    standard = icalendar.TimezoneStandard()
    standard.add("dtstart", datetime.datetime(1970, 1, 1))
    standard.add("tzoffsetfrom", datetime.timedelta(hours=6))
    standard.add("tzoffsetto", datetime.timedelta(hours=6))
    standard.add("tzname", "+06")
    zone = icalendar.Timezone()
    zone.add("tzid", TZID)
    zone.add_component(standard)
    return zone


def _event(uid: str, stamp: datetime.datetime, starts: datetime.datetime,
           ends: datetime.datetime, summary: str, location: str,
           description: str) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", starts.astimezone(BISHKEK))
    event.add("dtend", ends.astimezone(BISHKEK))
    event.add("summary", summary)
    event.add("location", location)
    event.add("description", description)
    return event


def day_event(day: CampDay, stamp: datetime.datetime, host: str) -> icalendar.Event:
    camp = day.camp
    theme = day.day_page.theme if day.day_page else ""
    summary = _("%(camp)s: day %(number)d") % {"camp": camp.title, "number": day.number}
    if theme:
        summary = f"{summary}. {theme}"
    school = camp.school
    return _event(
        f"camp-day-{day.pk}@{host}", stamp,
        datetime.datetime.combine(day.date, day.starts_at, tzinfo=BISHKEK),
        datetime.datetime.combine(day.date, day.ends_at, tzinfo=BISHKEK),
        summary, f"{school.name}, {school.village}", theme,
    )


def other_event(event: CalendarEvent, stamp: datetime.datetime, host: str) -> icalendar.Event:
    """An event of another app (a GALS family session), in Bishkek time like the days."""
    return _event(f"{event.uid}@{host}", stamp, event.starts_at, event.ends_at,
                  event.summary, event.location, event.description)


def calendar(name: str, days: Iterable[CampDay], host: str,
             others: Iterable[CalendarEvent] = ()) -> bytes:
    """A VCALENDAR with one event per camp day, then the other apps' events (family
    sessions); ``days`` come with camp, school and day page selected."""
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    feed = icalendar.Calendar()
    feed.add("version", "2.0")
    feed.add("prodid", "-//Tech Camp//Camp calendar//KY")
    feed.add("calscale", "GREGORIAN")
    feed.add("method", "PUBLISH")
    feed.add("x-wr-calname", name)
    feed.add("x-wr-timezone", TZID)
    feed.add_component(_bishkek_timezone())
    for day in days:
        feed.add_component(day_event(day, stamp, host))
    for event in others:
        feed.add_component(other_event(event, stamp, host))
    return feed.to_ical()
