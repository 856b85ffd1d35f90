"""Who may read and write the restricted care records (asked through ``can``).

- A concern: the facilitators of the girl's camp write one; only the safeguarding
  leads and the person who wrote it read it; only a lead follows it up and closes it.
- Nobody else, whatever else they may do: not an administrator (unless she is also a
  lead), a programme manager, a partner, an editor, a parent, the girl herself or a
  facilitator of another camp. A refusal is written to the audit log by the view.
"""

from cms.core.models import Role
from cms.core.permissions import rule

from ..models import Enrolment
from ..rules import runs


def is_lead(user) -> bool:
    return user.has_role(Role.SAFEGUARDING_LEAD)


def facilitates(user, camp) -> bool:
    """She is one of the camp's own facilitators."""
    return runs(user, camp)


@rule("care.lead")
def lead(user, obj=None) -> bool:
    """The lead's page: open concerns of every camp."""
    return is_lead(user)


@rule("care.my_concerns")
def my_concerns(user, obj=None) -> bool:
    """The list of concerns she recorded herself."""
    return is_lead(user) or user.has_role(Role.FACILITATOR)


@rule("care.record_concern")
def record_concern(user, enrolment) -> bool:
    """Write a concern about a girl of her own camp (from the girl's page)."""
    if enrolment is None or enrolment.learner.anonymised_at:
        return False
    return facilitates(user, enrolment.camp)


@rule("care.view_concern")
def view_concern(user, concern) -> bool:
    if concern is None:
        return False
    return is_lead(user) or (
        concern.recorded_by_id is not None and concern.recorded_by_id == user.pk
    )


@rule("care.follow_up_concern")
def follow_up_concern(user, concern) -> bool:
    """Follow-up notes and closing are the lead's."""
    return concern is not None and is_lead(user)


@rule("care.ask_for_help")
def ask_for_help(user, obj=None) -> bool:
    """The "you are not alone" page and its form: for girls."""
    return user.has_role(Role.LEARNER) and not user.anonymised_at


def her_facilitator(user, girl) -> bool:
    """She runs a camp the girl has a place in (whatever its status): the same
    girls as ``services.help_requests_shared_with``."""
    return girl is not None and (
        Enrolment.objects.in_camps_run_by(user).filter(learner=girl).exists()
    )


@rule("care.view_help_request")
def view_help_request(user, help_request) -> bool:
    """The lead; her facilitator only when the girl chose so; never her family."""
    if help_request is None:
        return False
    if is_lead(user):
        return True
    return help_request.share_with_facilitator and her_facilitator(user, help_request.learner)


@rule("care.answer_help_request")
def answer_help_request(user, help_request) -> bool:
    return help_request is not None and is_lead(user)


@rule("care.view_card")
def view_card(user, enrolment) -> bool:
    """Her emergency card: her camp's facilitators and the lead."""
    if enrolment is None:
        return False
    return is_lead(user) or facilitates(user, enrolment.camp)


@rule("care.edit_card")
def edit_card(user, enrolment) -> bool:
    if enrolment is None or enrolment.learner.anonymised_at:
        return False
    return facilitates(user, enrolment.camp)


@rule("care.day_needs")
def day_needs(user, camp) -> bool:
    """The private "who needs what" card of a camp day: the camp's own facilitators."""
    return camp is not None and facilitates(user, camp)
