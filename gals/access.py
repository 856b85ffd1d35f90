"""The links that decide who belongs to a family's GALS work.

Kept apart from the rules so that querysets (which households may this person
see?) and single checks (may she see this one?) use the same definitions.
"""

from django.db.models import Q, QuerySet

from .models import GalsSession, Household


def guardian_households(user) -> QuerySet[Household]:
    """The households in which ``user`` is a member with an account."""
    if not getattr(user, "pk", None):
        return Household.objects.none()
    return Household.objects.filter(members__user=user).distinct()


def facilitated_households(user) -> QuerySet[Household]:
    """Households of the camps she runs, and those invited to her community sessions."""
    if not getattr(user, "pk", None):
        return Household.objects.none()
    return Household.objects.filter(
        Q(camp__facilitators=user) | Q(gals_sessions__facilitator=user)
    ).distinct()


def facilitated_sessions(user) -> QuerySet[GalsSession]:
    """Sessions she leads or that belong to a camp she runs."""
    if not getattr(user, "pk", None):
        return GalsSession.objects.none()
    return GalsSession.objects.filter(Q(facilitator=user) | Q(camp__facilitators=user)).distinct()


def is_guardian_of(user, household: Household) -> bool:
    return household.members.filter(user_id=user.pk).exists()


def is_facilitator_of(user, household: Household) -> bool:
    return facilitated_households(user).filter(pk=household.pk).exists()


def manages_session(user, session: GalsSession) -> bool:
    return facilitated_sessions(user).filter(pk=session.pk).exists()


def invited_households(session: GalsSession) -> QuerySet[Household]:
    """The camp's households and any invited one by one."""
    query = Q(gals_sessions=session)
    if session.camp_id:
        query |= Q(camp_id=session.camp_id)
    return Household.objects.filter(query).distinct()


def is_invited(session: GalsSession, household: Household) -> bool:
    return invited_households(session).filter(pk=household.pk).exists()
