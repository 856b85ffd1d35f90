"""Figures that other apps add to the impact report.

camp may not import the apps that depend on it (gals), so they add theirs through
the Wagtail hook ``SECTIONS``: a function ``source(camps) -> Section`` given the
queryset of camps the reader may see, already filtered. It must answer in a fixed
number of queries. gals registers its family figures in ``gals/wagtail_hooks.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wagtail import hooks

SECTIONS = "camp_impact_sections"


@dataclass
class Figure:
    """One number of a section.

    ``basis`` is how many girls or families the figure is built from: a figure whose
    basis is below the threshold is suppressed. ``whole`` names the count figure this
    one is a part of (achieved of followed up), so that the part is also suppressed
    when the rest (the whole minus the part) is small enough to single someone out.
    """

    key: str
    label: str
    value: float | int | None
    kind: str = "count"  # "count", "percent" or "mean"
    basis: int | None = None
    whole: str = ""
    people: bool = True  # False for counts of things (sessions), never suppressed
    hidden: bool = False


@dataclass
class Section:
    key: str
    title: str
    figures: list[Figure] = field(default_factory=list)
    note: str = ""


def sections(camps) -> list[Section]:
    return [source(camps) for source in hooks.get_hooks(SECTIONS)]
