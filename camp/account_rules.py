"""Who may handle girls' accounts and records in a camp (registered via camp/rules.py).

A camp's own facilitators create girls' accounts, print their cards, reset PINs,
record consent and run the shared phone; programme managers may do the same for
any camp (and export or anonymise a girl on request); administrators everything.
Girls, guardians, partners, editors and other camps' facilitators: never.
"""

from cms.models import Role
from cms.permissions import rule


def _runs(user, camp) -> bool:
    return camp is not None and bool(camp.pk) and camp.facilitators.filter(pk=user.pk).exists()


def _manages(user, camp) -> bool:
    if user.is_superuser or user.has_role(Role.MANAGER):
        return camp is not None
    return user.has_role(Role.FACILITATOR) and _runs(user, camp)


@rule("camp.manage_accounts")
def manage_accounts(user, camp) -> bool:
    """Create girls' accounts, see their usernames, print cards, reset PINs."""
    return _manages(user, camp)


@rule("camp.signin_device")
def signin_device(user, camp) -> bool:
    """Turn a phone into this camp's sign-in device: the camp's own facilitators."""
    return camp is not None and (user.is_superuser or (
        user.has_role(Role.FACILITATOR) and _runs(user, camp)
    ))


@rule("camp.view_girl")
def view_girl(user, enrolment) -> bool:
    """A girl's record (account, consent): her camp's facilitators, managers, admins."""
    return enrolment is not None and _manages(user, enrolment.camp)


@rule("camp.record_consent")
def record_consent(user, enrolment) -> bool:
    return enrolment is not None and _manages(user, enrolment.camp)


@rule("camp.export_girl")
def export_girl(user, enrolment) -> bool:
    return enrolment is not None and _manages(user, enrolment.camp)


@rule("camp.anonymise_girl")
def anonymise_girl(user, enrolment) -> bool:
    return enrolment is not None and _manages(user, enrolment.camp)


@rule("camp.reset_pin")
def reset_pin(user, enrolment) -> bool:
    return enrolment is not None and _manages(user, enrolment.camp)
