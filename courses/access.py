"""Who a girl learns with: answered by the apps that know camps and families.

Courses cannot import ``camp`` or ``gals`` (they depend on courses), yet two
questions need them: which curricula may she follow (her camps'), and who looks
after her (her camps' facilitators, her family's guardians). Those apps answer in
a module named ``learner_links`` (``camp/learner_links.py``,
``gals/learner_links.py``), found at start-up like the rules modules, by
registering functions here.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

CurriculaFinder = Callable[[Any], set[uuid.UUID]]
CarerCheck = Callable[[Any, Any], bool]
TodayFinder = Callable[[Any, Any], "int | None"]

_curricula_finders: list[CurriculaFinder] = []
_carer_checks: list[CarerCheck] = []
_today_finders: list[TodayFinder] = []
_family_watches: list[Callable[[Any], bool]] = []


def register_curricula(finder: CurriculaFinder) -> CurriculaFinder:
    """``finder(learner)`` gives the translation keys of the curricula she follows."""
    if finder not in _curricula_finders:
        _curricula_finders.append(finder)
    return finder


def register_carer(check: CarerCheck) -> CarerCheck:
    """``check(user, learner)`` is True when ``user`` looks after ``learner``."""
    if check not in _carer_checks:
        _carer_checks.append(check)
    return check


def register_today(finder: TodayFinder) -> TodayFinder:
    """``finder(learner, curriculum)`` gives the number of her camp day today in that
    curriculum (None outside her camp days)."""
    if finder not in _today_finders:
        _today_finders.append(finder)
    return finder


def camp_day_today(learner, curriculum) -> int | None:
    """Which day of ``curriculum`` her camp holds today, if any app knows one."""
    for finder in _today_finders:
        number = finder(learner, curriculum)
        if number is not None:
            return number
    return None


def curricula_of(learner) -> set[uuid.UUID]:
    """The curricula (translation keys) she may follow; none if no app says so."""
    keys: set[uuid.UUID] = set()
    for finder in _curricula_finders:
        keys |= finder(learner)
    return keys


def register_family_watch(check: Callable[[Any], bool]) -> Callable[[Any], bool]:
    """``check(learner)`` is True when a parent's account can see her progress."""
    if check not in _family_watches:
        _family_watches.append(check)
    return check


def family_sees(learner) -> bool:
    """True when a guardian's account follows her progress: her own pages say so
    (a visible signal to the child, as the Age Appropriate Design Code asks)."""
    return any(check(learner) for check in _family_watches)


def cares_for(user, learner) -> bool:
    """True for her facilitators and her guardians, as the other apps define them."""
    return any(check(user, learner) for check in _carer_checks)
