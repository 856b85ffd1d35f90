"""What courses needs to know about families: who is a girl's guardian.

Registered with ``courses.access`` (found at start-up by the courses app).
"""

from courses.access import register_carer

from .models import Household


@register_carer
def guards(user, learner) -> bool:
    """A member (with an account) of a household the girl belongs to."""
    if not getattr(user, "pk", None) or not getattr(learner, "pk", None):
        return False
    return Household.objects.filter(girls=learner, members__user=user).exists()
