"""Who may do what with certificates. Asked through ``cms.core.permissions.can``.

A camp's facilitators issue, override and reissue; managers see the lists and may
revoke; a girl, her guardians and the adults of her camp may download her own
certificate while it is valid. Anyone may verify a code (no rule needed).
"""

from camp.models import Camp
from camp.rules import runs
from cms.core.permissions import holds, rule
from courses.access import cares_for


def _is_admin(user) -> bool:
    return user.is_superuser


@rule("certificates.view_camp")
def can_view_camp(user, camp) -> bool:
    """The camp's eligibility list, its certificates and its batch PDF: whoever sees
    the camp (``Camp.objects.viewable_by``)."""
    return holds(Camp.objects.viewable_by(user), camp)


@rule("certificates.issue")
def can_issue(user, camp) -> bool:
    """Issue, override the rules, reissue: the camp's own facilitators."""
    return _is_admin(user) or runs(user, camp)


@rule("certificates.revoke")
def can_revoke(user, certificate) -> bool:
    if certificate is None:
        return False
    return can_view_camp(user, certificate.camp)


@rule("certificates.download")
def can_download(user, certificate) -> bool:
    """Her own, her daughter's, or one of a camp the user works with; never a revoked one."""
    if certificate is None or certificate.is_revoked:
        return False
    if user.pk == certificate.learner_id:
        return True
    if can_view_camp(user, certificate.camp):
        return True
    return cares_for(user, certificate.learner)


@rule("certificates.mine")
def can_list_mine(user, obj=None) -> bool:
    """The page of one's own (or one's daughters') certificates."""
    return True
