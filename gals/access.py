"""The links that decide who belongs to a family's GALS work.

Each is a queryset of ``gals.models`` (``Household.objects.of_guardian`` and the
like); the single checks here ask the same querysets (``holds``), so a list (which
households may this person see?) and a rule (may she see this one?) cannot disagree.
"""

from django.db.models import QuerySet

from cms.core.permissions import holds

from .models import GalsSession, Household


def guardian_households(user) -> QuerySet[Household]:
    """The households in which ``user`` is a member with an account."""
    return Household.objects.of_guardian(user)


def facilitated_households(user) -> QuerySet[Household]:
    """Households of the camps she runs, and those invited to her community sessions."""
    return Household.objects.facilitated_by(user)


def facilitated_sessions(user) -> QuerySet[GalsSession]:
    """Sessions she leads or that belong to a camp she runs."""
    return GalsSession.objects.managed_by(user)


def is_guardian_of(user, household: Household) -> bool:
    return holds(Household.objects.of_guardian(user), household)


def is_facilitator_of(user, household: Household) -> bool:
    return holds(Household.objects.facilitated_by(user), household)


def sees_household(user, household: Household) -> bool:
    """Her guardians and her facilitators (``Household.objects.visible_to``)."""
    return holds(Household.objects.visible_to(user), household)


def manages_session(user, session: GalsSession) -> bool:
    return holds(GalsSession.objects.managed_by(user), session)


def invited_households(session: GalsSession) -> QuerySet[Household]:
    """The camp's households and any invited one by one."""
    return Household.objects.invited_to(session)


def is_invited(session: GalsSession, household: Household) -> bool:
    return holds(Household.objects.invited_to(session), household)
