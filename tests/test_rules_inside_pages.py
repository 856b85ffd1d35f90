"""Who holds the actions that no view is guarded by, role by role, and the edges of
the rules that the role matrix's world cannot reach.

The role matrix calls every view as every role, so the rules that guard views are
checked there. These actions are asked inside a page or a form instead: what the camps
page lists, which fields the camp form offers, whether a school is approved as it is
added. A wrong answer shows as a field too many or too few, a list too long, a school
approved that should wait; so each is checked here against every role of the world,
the roles coming from the groups the migrations make.
"""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from cms.core.models import Role
from cms.core.permissions import can
from gals.models import GalsSession, Household, HouseholdMember
from tests.world import ROLES, make_user

MANAGERS = {"manager", "admin"}

#: action -> the roles that hold it (every other role is refused).
HOLDERS = {
    # The camps page lists every camp of the programme, not only her own.
    "camp.see_every_camp": MANAGERS,
    # The camp form's "add a school" (a facilitator's school then waits for approval).
    "camp.add_school": MANAGERS | {"facilitator", "other_facilitator"},
    # A school added by a manager needs no approval; managers approve the others.
    "camp.approve_schools": MANAGERS,
    # Placing facilitators in camps is the programme's decision.
    "camp.choose_facilitators": MANAGERS,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", sorted(HOLDERS))
def test_only_its_holders_may(world, action, role):
    user = world.user(role)
    assert can(user, action) == (role in HOLDERS[action]), (
        f"{role} {'refused' if role in HOLDERS[action] else 'allowed'}: {action}")


def test_a_guardian_reaches_the_parents_page_before_her_household_is_linked(world):
    """Her landing page after sign-in: refusing her until a facilitator links her
    household would leave a parent signed in with nowhere to go."""
    newcomer = make_user("parent-not-linked-yet", Role.GUARDIAN)
    assert can(newcomer, "gals.view_family")
    assert not can(make_user("no-role-no-household"), "gals.view_family")


#: Actions asked of a record: asked of none (a page that lost it), each says no.
ASKED_OF_A_RECORD = ["gals.reply", "gals.revoke_certificate", "gals.invite_guardian",
                     "gals.give_reset_code"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ASKED_OF_A_RECORD)
def test_an_action_asked_of_no_record_is_refused_to_everyone(world, action, role):
    """Even to an administrator: a rule that fails open here would let a page that lost
    its session, certificate or household accept the act."""
    assert not can(world.user(role), action)


def test_a_family_answers_only_for_the_sessions_it_is_invited_to(world):
    """A session of the other camp, to which her family is not invited: her "we will
    come" there is refused; once the family is invited one by one, it is hers to give."""
    other = GalsSession.objects.create(
        camp=world.camp_b, venue="Мектеп", facilitator=world.facilitator_b,
        starts_at=timezone.now() + datetime.timedelta(days=2))
    pair = (other, world.household_a)
    assert not can(world.guardian_a, "gals.reply", pair)
    other.households.add(world.household_a)
    assert can(world.guardian_a, "gals.reply", pair)


def test_withdrawing_a_consent_needs_a_guardian_not_only_a_link_to_the_household(world):
    """A member of the household whose guardian role was taken away (an account
    closed as a guardian's, say) no longer withdraws the consents of its girls."""
    assert can(world.guardian_a, "gals.withdraw_consent", world.girl_a)
    world.guardian_a.groups.remove(Group.objects.get(name=Role.GUARDIAN))
    former = type(world.guardian_a).objects.get(pk=world.guardian_a.pk)
    assert not can(former, "gals.withdraw_consent", world.girl_a)


def test_a_password_code_goes_to_a_parent_with_an_account_of_a_family_she_looks_after(world):
    """The facilitator of the family's camp gives a code to a parent with an account:
    also before any daughter of the family is enrolled (the family's own camp counts),
    never to a member without an account (there is no password to reset)."""
    family = Household.objects.create(camp=world.camp_a)
    parent = HouseholdMember.objects.create(
        household=family, family_role=HouseholdMember.FamilyRole.MOTHER,
        user=make_user("mother-of-a-new-family", Role.GUARDIAN))
    without_account = HouseholdMember.objects.create(
        household=family, family_role=HouseholdMember.FamilyRole.FATHER)
    assert can(world.facilitator_a, "gals.give_reset_code", parent)
    assert not can(world.facilitator_b, "gals.give_reset_code", parent)
    assert not can(world.facilitator_a, "gals.give_reset_code", without_account)
