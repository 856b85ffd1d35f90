"""Who may see the programme's figures. Asked through ``cms.core.permissions.can``.

Managers and administrators see every camp; partners the same figures, read only
and with small numbers suppressed; facilitators the same views for their own camps.
Girls, guardians and editors see no figures of the programme.
"""

from camp.models import Camp
from cms.core.models import Role
from cms.core.permissions import holds, rule


def sees_programme(user) -> bool:
    """Managers, partners and administrators see every camp."""
    return user.is_superuser or user.has_role(Role.MANAGER) or user.has_role(Role.PARTNER)


def reporting_camps(user):
    """The camps whose figures she reads (``impact.report_camp``): every camp for the
    programme, the camps she runs for a facilitator; the dashboard counts some of them
    (``services.visible_camps``)."""
    if sees_programme(user):
        return Camp.objects.all()
    return Camp.objects.run_by(user)


@rule("impact.view")
def view(user, obj=None) -> bool:
    """The dashboard and the exports of its figures."""
    return sees_programme(user) or user.has_role(Role.FACILITATOR)


@rule("impact.report_camp")
def report_camp(user, camp) -> bool:
    """The printed report of one camp: the programme, or the camp's own facilitators."""
    return holds(reporting_camps(user), camp)


@rule("impact.report_region")
def report_region(user, region) -> bool:
    """The printed report of a region; a facilitator's covers her camps there only."""
    if region is None:
        return False
    if sees_programme(user):
        return True
    return Camp.objects.run_by(user).filter(school__district__region=region).exists()


@rule("impact.export_rows")
def export_rows(user, obj=None) -> bool:
    """One line per girl under her survey code, for evaluators: the programme's
    managers only. A partner gets the suppressed figures, never lines."""
    return user.is_superuser or user.has_role(Role.MANAGER)
