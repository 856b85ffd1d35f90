"""Who may see the programme's figures. Asked through ``cms.permissions.can``.

Managers and administrators see every camp; partners the same figures, read only
and with small numbers suppressed; facilitators the same views for their own camps.
Girls, guardians and editors see no figures of the programme.
"""

from cms.models import Role
from cms.permissions import rule


def _programme(user) -> bool:
    return user.is_superuser or user.has_role(Role.MANAGER) or user.has_role(Role.PARTNER)


@rule("impact.view")
def view(user, obj=None) -> bool:
    """The dashboard and the exports of its figures."""
    return _programme(user) or user.has_role(Role.FACILITATOR)


@rule("impact.report_camp")
def report_camp(user, camp) -> bool:
    """The printed report of one camp: the programme, or the camp's own facilitators."""
    if camp is None:
        return False
    if _programme(user):
        return True
    return user.has_role(Role.FACILITATOR) and camp.facilitators.filter(pk=user.pk).exists()


@rule("impact.report_region")
def report_region(user, region) -> bool:
    """The printed report of a region; a facilitator's covers her camps there only."""
    if region is None:
        return False
    if _programme(user):
        return True
    return user.has_role(Role.FACILITATOR) and user.facilitated_camps.filter(
        school__district__region=region
    ).exists()


@rule("impact.export_rows")
def export_rows(user, obj=None) -> bool:
    """One line per girl under her survey code, for evaluators: the programme's
    managers only. A partner gets the suppressed figures, never lines."""
    return user.is_superuser or user.has_role(Role.MANAGER)
