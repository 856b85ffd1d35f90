"""What courses needs to know about families: who is a girl's guardian.

Registered with ``courses.access`` (found at start-up by the courses app).
"""


from .models import Household


def guards(user, learner) -> bool:
    """A member (with an account) of a household the girl belongs to."""
    if not getattr(user, "pk", None) or not getattr(learner, "pk", None):
        return False
    return Household.objects.of_guardian(user).filter(girls=learner).exists()


def family_sees(learner) -> bool:
    """A guardian account (active) is a member of one of her households: it sees her
    lessons done on the family page."""
    if not getattr(learner, "pk", None):
        return False
    return Household.objects.filter(
        girls=learner, members__user__isnull=False, members__user__is_active=True
    ).exists()
