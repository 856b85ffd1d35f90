"""Who may do what with families' GALS data.

A household's notes and drawings can reveal violence or disputes: only its own
guardians and its facilitators (those of the household's camp, or of a community
session it was invited to) see them. Programme managers see counts and rates only.
"""

from camp.certificates.rules import can_view_camp
from camp.rules import runs
from cms.core.models import Role
from cms.core.permissions import rule

from . import access


def _facilitator(user) -> bool:
    return user.is_superuser or user.has_role(Role.FACILITATOR)


@rule("gals.run_sessions")
def run_sessions(user, obj=None) -> bool:
    """The facilitator's GALS page and creating sessions and households."""
    return _facilitator(user)


@rule("gals.manage_session")
def manage_session(user, session) -> bool:
    """Roll call, replies recorded for families, deleting: the session's own people."""
    return session is not None and access.manages_session(user, session)


@rule("gals.view_household")
def view_household(user, household) -> bool:
    """The private record of a family: its guardians and its facilitators only."""
    return access.sees_household(user, household)


@rule("gals.record")
def record(user, household) -> bool:
    """Writing notes, drawings, commitments, follow-ups: the family's facilitators."""
    return household is not None and access.is_facilitator_of(user, household)


@rule("gals.print_camp_sheets")
def print_camp_sheets(user, camp) -> bool:
    """The family sheets of a whole camp (with invitation codes): its own facilitators,
    as for one household's sheet (``gals.view_household``)."""
    return runs(user, camp)


@rule("gals.revoke_certificate")
def revoke_certificate(user, certificate) -> bool:
    """As a girl's certificate (``certificates.revoke``): whoever sees the household's
    camp, its facilitators and the programme's managers. A family with no camp: the
    facilitators who may issue its certificate (``gals.record``)."""
    if certificate is None:
        return False
    household = certificate.household
    if household.camp_id is None:
        return access.is_facilitator_of(user, household)
    return can_view_camp(user, household.camp)


@rule("gals.reply")
def reply(user, pair) -> bool:
    """Answering "we will come" for a household invited to a session."""
    if pair is None:
        return False
    session, household = pair
    if not access.is_invited(session, household):
        return False
    return access.is_guardian_of(user, household) or access.manages_session(user, session)


@rule("gals.view_family")
def view_family(user, obj=None) -> bool:
    """The parents' page: a guardian (her landing page, even before a household is
    linked) or anyone who is a member of a household with an account."""
    return user.has_role(Role.GUARDIAN) or access.guardian_households(user).exists()


@rule("gals.view_numbers")
def view_numbers(user, obj=None) -> bool:
    """Counts and rates across the programme: never a note or a photo."""
    return user.is_superuser or user.has_role(Role.MANAGER)



@rule("gals.withdraw_consent")
def withdraw_consent(user, girl) -> bool:
    """A guardian withdraws the consent she (or another guardian) gave for a daughter
    of her own household; it takes effect at once."""
    return girl is not None and user.has_role(Role.GUARDIAN) and (
        access.guardian_households(user).filter(girls=girl).exists()
    )

