"""Other events for the camp and facilitator calendar feeds.

camp may not import the apps that depend on it (gals), so they add theirs through
the Wagtail hook ``EVENTS``: a function ``source(camp=None, facilitator=None)`` that
returns ``CalendarEvent`` objects for one camp's feed (``camp`` given) or for one
facilitator's feed (``facilitator`` given). gals registers its family sessions in
``gals/wagtail_hooks.py``; the feed views add ``events(...)`` to the camp days they
list.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from wagtail import hooks

EVENTS = "camp_calendar_events"


@dataclass(frozen=True)
class CalendarEvent:
    uid: str  # unique and stable, e.g. "gals-session-12"
    starts_at: datetime.datetime  # aware
    ends_at: datetime.datetime  # aware
    summary: str
    location: str = ""
    description: str = ""


def events(*, camp=None, facilitator=None) -> list[CalendarEvent]:
    """Every registered source's events for this camp or facilitator, by start time."""
    found: list[CalendarEvent] = []
    for source in hooks.get_hooks(EVENTS):
        found += source(camp=camp, facilitator=facilitator)
    return sorted(found, key=lambda event: event.starts_at)
