"""Who a girl learns with: answered by the apps that know camps and families.

Courses cannot import ``camp`` or ``gals`` (they depend on courses), yet two
questions need them: which curricula may she follow (her camps'), and who looks
after her (her camps' facilitators, her family's guardians). Those apps answer
through Wagtail hooks registered in their ``wagtail_hooks.py`` (the functions live
in their ``learner_links.py``):

- ``CURRICULA``: ``finder(learner)`` gives the translation keys of the curricula she
  follows;
- ``CARER``: ``check(user, learner)`` is True when ``user`` looks after ``learner``;
- ``TODAY``: ``finder(learner, curriculum)`` gives the number of her camp day today in
  that curriculum (None outside her camp days);
- ``FAMILY_WATCH``: ``check(learner)`` is True when a parent's account can see her
  progress.
"""

from __future__ import annotations

import uuid

from wagtail import hooks

CURRICULA = "courses_curricula_of"
CARER = "courses_cares_for"
TODAY = "courses_camp_day_today"
FAMILY_WATCH = "courses_family_sees"


def camp_day_today(learner, curriculum) -> int | None:
    """Which day of ``curriculum`` her camp holds today, if any app knows one."""
    for finder in hooks.get_hooks(TODAY):
        number = finder(learner, curriculum)
        if number is not None:
            return number
    return None


def curricula_of(learner) -> set[uuid.UUID]:
    """The curricula (translation keys) she may follow; none if no app says so."""
    keys: set[uuid.UUID] = set()
    for finder in hooks.get_hooks(CURRICULA):
        keys |= finder(learner)
    return keys


def family_sees(learner) -> bool:
    """True when a guardian's account follows her progress: her own pages say so
    (a visible signal to the child, as the Age Appropriate Design Code asks)."""
    return any(check(learner) for check in hooks.get_hooks(FAMILY_WATCH))


def cares_for(user, learner) -> bool:
    """True for her facilitators and her guardians, as the other apps define them."""
    return any(check(user, learner) for check in hooks.get_hooks(CARER))
