"""Who asks for a daughter's data, who answers, and who gives a parent a password code
(registered via gals/rules.py).

Answering a request is exporting or anonymising the girl, so it follows the rules of
a child's record (``camp.accounts.rules``): the administrators and her camp's own
facilitators. A programme manager never reaches a child's record, so she neither sees
nor answers these requests.
"""

from camp.accounts.rules import looks_after
from cms.core.models import Role
from cms.core.permissions import rule
from gals import access, data_requests


@rule("gals.request_data")
def request_data(user, girl) -> bool:
    """A guardian of one of the girl's households asks for her data or its erasure."""
    return girl is not None and user.has_role(Role.GUARDIAN) and (
        access.guardian_households(user).filter(girls=girl).exists()
    )


@rule("gals.data_requests")
def data_requests_list(user, obj=None) -> bool:
    """The list of open requests: those who may answer some (what each sees in it is
    ``gals.data_requests.answerable``)."""
    return user.is_superuser or user.has_role(Role.FACILITATOR)


@rule("gals.answer_data_request")
def answer_data_request(user, data_request) -> bool:
    return data_requests.may_answer(user, data_request)


def _camps_of(household):
    """The camp of the household and the camps its girls are enrolled in."""
    from camp.models import Camp

    camps = Camp.objects.filter(enrolments__learner__households=household)
    if household.camp_id:
        camps = camps | Camp.objects.filter(pk=household.camp_id)
    return camps.distinct()


@rule("gals.give_reset_code")
def give_reset_code(user, member) -> bool:
    """A facilitator of her daughter's camp gives a parent of the family a password code."""
    if member is None or member.user_id is None:
        return False
    return any(looks_after(user, camp) for camp in _camps_of(member.household))
