"""Who may do what with camps. Asked through ``cms.core.permissions.can``.

A facilitator works with her own camps only; a programme manager with every camp's
plan and places, and sees its girls' names and attendance, never a girl's record
(her account, notes, export, anonymisation: accounts/rules.py); administrators with
everything. Girls, guardians, partners and editors never see a camp's roll or its
list of girls.
"""

from cms.core.models import Role
from cms.core.permissions import holds, rule

from .models import Camp, Enrolment, sees_every_camp


def _is_admin(user) -> bool:
    return user.is_superuser


def runs(user, camp) -> bool:
    """She is a facilitator and one of this camp's (``Camp.objects.run_by``)."""
    return holds(Camp.objects.run_by(user), camp)


@rule("camp.teach")
def can_teach(user, obj=None) -> bool:
    """The camps page: a facilitator's own camps, a programme manager's every camp."""
    return _is_admin(user) or user.has_role(Role.FACILITATOR) or user.has_role(Role.MANAGER)


@rule("camp.keep_calendar")
def can_keep_calendar(user, obj=None) -> bool:
    """A private calendar feed of the camps she facilitates."""
    return _is_admin(user) or user.has_role(Role.FACILITATOR)


@rule("camp.see_every_camp")
def can_see_every_camp(user, obj=None) -> bool:
    """The camps page lists every camp of the programme, not only her own."""
    return sees_every_camp(user)


@rule("camp.create")
def can_create(user, obj=None) -> bool:
    return _is_admin(user) or user.has_role(Role.FACILITATOR) or user.has_role(Role.MANAGER)


@rule("camp.add_school")
def can_add_school(user, obj=None) -> bool:
    """Add a school that is not in the list from the camp form (a facilitator's waits
    for a manager's approval)."""
    return can_create(user)


@rule("camp.approve_schools")
def can_approve_schools(user, obj=None) -> bool:
    """Schools added by managers need no approval; they approve the facilitators'."""
    return _is_admin(user) or user.has_role(Role.MANAGER)


@rule("camp.choose_facilitators")
def can_choose_facilitators(user, obj=None) -> bool:
    """Placing facilitators in camps is the programme's decision."""
    return _is_admin(user) or user.has_role(Role.MANAGER)


@rule("camp.view")
def can_view(user, camp) -> bool:
    """A camp's plan, its girls and their attendance (``Camp.objects.viewable_by``)."""
    return holds(Camp.objects.viewable_by(user), camp)


@rule("camp.manage")
def can_manage(user, camp) -> bool:
    """Change the plan, enrol and withdraw girls."""
    return can_view(user, camp)


@rule("camp.day_plan")
def can_see_day_plan(user, camp) -> bool:
    """A day's plan with the lessons' facilitator's guides and answer keys: the camp's
    facilitators, the programme managers who see the camp, administrators. Never girls,
    guardians, partners or visitors (camp/day_plan.py)."""
    return can_view(user, camp)


@rule("camp.take_roll")
def can_take_roll(user, camp) -> bool:
    """The roll is taken by the camp's own facilitators (administrators may correct it)."""
    return _is_admin(user) or runs(user, camp)


@rule("camp.gallery")
def can_see_gallery(user, camp) -> bool:
    """The camp's gallery of its girls' build photos, for the showcase: only the camp's
    own facilitators (a girl's photos are seen by nobody else, courses/rules.py), and in
    it only the photos of girls whose photo consent stands."""
    return runs(user, camp)


@rule("camp.roll_call_photo")
def can_take_roll_call_photo(user, enrolment) -> bool:
    """Take the photo of an enrolled girl's face for the roll call: the camp's own
    facilitators, while her photo consent stands."""
    from courses.services import has_photo_consent

    return (enrolment is not None
            and holds(Enrolment.objects.enrolled().in_camps_run_by(user), enrolment)
            and has_photo_consent(enrolment.learner))

