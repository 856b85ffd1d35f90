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

_curricula_finders: list[CurriculaFinder] = []
_carer_checks: list[CarerCheck] = []


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


def curricula_of(learner) -> set[uuid.UUID]:
    """The curricula (translation keys) she may follow; none if no app says so."""
    keys: set[uuid.UUID] = set()
    for finder in _curricula_finders:
        keys |= finder(learner)
    return keys


def cares_for(user, learner) -> bool:
    """True for her facilitators and her guardians, as the other apps define them."""
    return any(check(user, learner) for check in _carer_checks)
