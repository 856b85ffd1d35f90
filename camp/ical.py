"""iCalendar (RFC 5545) feeds of camp days, written by hand: the format is small.

Lines end in CRLF and are folded at 75 octets without splitting a UTF-8 letter;
text values are escaped; times carry TZID=Asia/Bishkek with its VTIMEZONE
(UTC+6 all year, no daylight saving since 2005).
"""

import datetime
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _

from .calendar_sources import CalendarEvent
from .models import CampDay

TZID = "Asia/Bishkek"
VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:STANDARD",
    "DTSTART:19700101T000000",
    "TZOFFSETFROM:+0600",
    "TZOFFSETTO:+0600",
    "TZNAME:+06",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def escape(text: str) -> str:
    """TEXT value escaping (RFC 5545, 3.3.11)."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Split a content line into pieces of at most 75 octets, continued with a space."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts, current, limit = [], b"", 75
    for char in line:
        piece = char.encode()
        if len(current) + len(piece) > limit:
            parts.append(current.decode())
            current, limit = b"", 74  # the leading space of a continuation counts
        current += piece
    parts.append(current.decode())
    return "\r\n ".join(parts)


def _local(date: datetime.date, time: datetime.time) -> str:
    return datetime.datetime.combine(date, time).strftime("%Y%m%dT%H%M%S")


def day_event(day: CampDay, stamp: str, host: str) -> list[str]:
    camp = day.camp
    theme = day.day_page.theme if day.day_page else ""
    summary = _("%(camp)s: day %(number)d") % {"camp": camp.title, "number": day.number}
    if theme:
        summary = f"{summary}. {theme}"
    school = camp.school
    return [
        "BEGIN:VEVENT",
        f"UID:camp-day-{day.pk}@{host}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;TZID={TZID}:{_local(day.date, day.starts_at)}",
        f"DTEND;TZID={TZID}:{_local(day.date, day.ends_at)}",
        f"SUMMARY:{escape(summary)}",
        f"LOCATION:{escape(f'{school.name}, {school.village}')}",
        f"DESCRIPTION:{escape(theme)}",
        "END:VEVENT",
    ]


def other_event(event: CalendarEvent, stamp: str, host: str) -> list[str]:
    """An event of another app (a GALS family session), in Bishkek time like the days."""
    bishkek = ZoneInfo(TZID)
    starts = event.starts_at.astimezone(bishkek)
    ends = event.ends_at.astimezone(bishkek)
    return [
        "BEGIN:VEVENT",
        f"UID:{event.uid}@{host}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;TZID={TZID}:{_local(starts.date(), starts.time())}",
        f"DTEND;TZID={TZID}:{_local(ends.date(), ends.time())}",
        f"SUMMARY:{escape(event.summary)}",
        f"LOCATION:{escape(event.location)}",
        f"DESCRIPTION:{escape(event.description)}",
        "END:VEVENT",
    ]


def calendar(name: str, days: Iterable[CampDay], host: str,
             others: Iterable[CalendarEvent] = ()) -> str:
    """A VCALENDAR with one event per camp day, then the other apps' events (family
    sessions); ``days`` come with camp, school and day page selected."""
    stamp = timezone.now().astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Tech Camp//Camp calendar//KY",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
        f"X-WR-TIMEZONE:{TZID}",
        *VTIMEZONE,
    ]
    for day in days:
        lines += day_event(day, stamp, host)
    for event in others:
        lines += other_event(event, stamp, host)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
