"""Other events for the camp and facilitator calendar feeds.

camp may not import the apps that depend on it (gals), so they register here
instead: a source is a function ``source(camp=None, facilitator=None)`` that
returns ``CalendarEvent`` objects for one camp's feed (``camp`` given) or for
one facilitator's feed (``facilitator`` given). gals registers its family
sessions in ``GalsConfig.ready()``; the feed views add ``events(...)`` to the
camp days they list.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class CalendarEvent:
    uid: str  # unique and stable, e.g. "gals-session-12"
    starts_at: datetime.datetime  # aware
    ends_at: datetime.datetime  # aware
    summary: str
    location: str = ""
    description: str = ""


Source = Callable[..., list[CalendarEvent]]
_sources: list[Source] = []


def register(source: Source) -> Source:
    if source not in _sources:
        _sources.append(source)
    return source


def events(*, camp=None, facilitator=None) -> list[CalendarEvent]:
    """Every registered source's events for this camp or facilitator, by start time."""
    found: list[CalendarEvent] = []
    for source in _sources:
        found += source(camp=camp, facilitator=facilitator)
    return sorted(found, key=lambda event: event.starts_at)
