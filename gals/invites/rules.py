"""Who may invite a parent (registered via gals/rules.py)."""

from cms.core.models import Role
from cms.core.permissions import rule
from gals import access


@rule("gals.invite_guardian")
def invite_guardian(user, household) -> bool:
    """The household's own facilitators (and administrators) invite its parents."""
    if household is None:
        return False
    if user.is_superuser:
        return True
    return user.has_role(Role.FACILITATOR) and access.is_facilitator_of(user, household)
