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

from camp.care.models import Concern
from camp.certificates import services as certificates
from camp.models import Enrolment
from cms.core.consent import record_consent
from cms.core.models import Consent, Role
from cms.core.permissions import can
from courses.models import LessonPage, ProjectPhoto
from gals.models import GalsSession, Household, HouseholdMember
from tests.matrix.certificates import HOLDERS as DOWNLOADERS
from tests.matrix.certificates import certificate_a
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
    # A lesson's guide in the editor: those who keep the curriculum (facilitators read
    # it on their camp's day, through the day plan).
    "courses.read_guide": {"editor", "admin"},
    # Wagtail's admin (its gate and its sign-in form): editors, the programme's managers
    # (places) and administrators; no row of the matrix signs in there.
    "cms.use_admin": {"editor", "manager", "admin"},
    # The offline name picker of a shared phone (base.html's "user-pick"): girls only.
    "cms.pick_name_offline": {"girl", "other_girl"},
    # The placeholder home of an area whose app is not mounted: everyone signed in. No
    # area needs one today, so the matrix has no row for it until one does.
    "cms.view_home": set(ROLES) - {"anonymous"},
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
                     "gals.give_reset_code", "care.view_concern", "care.view_help_request",
                     "care.view_card", "care.edit_card", "care.record_concern",
                     "courses.view_photo", "certificates.revoke", "certificates.download",
                     "impact.report_region"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ASKED_OF_A_RECORD)
def test_an_action_asked_of_no_record_is_refused_to_everyone(world, action, role):
    """Even to an administrator: a rule that fails open here would let a page that lost
    its session, certificate or household accept the act."""
    assert not can(world.user(role), action)


@pytest.mark.parametrize("who", ["girl", "guardian"])
def test_a_girl_or_a_parent_put_in_the_editors_group_by_mistake_never_sees_the_admin(
        client, world, who):
    """A girl or a parent on a shared phone gets the site's refusal, not Wagtail's admin,
    whatever group a manager put her in by mistake."""
    user = world.user(who)
    user.groups.add(Group.objects.get(name=Role.EDITOR))
    client.force_login(type(user).objects.get(pk=user.pk))
    response = client.get("/admin/")
    assert response.status_code == 403
    assert "wagtail" not in response.content.decode().lower()


@pytest.mark.parametrize("role", ROLES)
def test_a_revoked_certificate_is_downloaded_by_no_one(world, role):
    """Her certificate is downloaded by those the matrix lets reach it (her, her guardian,
    her camp's adults) until it is revoked; then by no one, herself included, whichever
    page asks."""
    certificate = certificate_a(world)
    user = world.user(role)
    assert can(user, "certificates.download", certificate) == (role in DOWNLOADERS)
    revoked = certificates.revoke(certificate, "жаңылыш", by=world.facilitator_a)
    assert revoked.is_revoked
    assert not can(user, "certificates.download", revoked)


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


def test_a_daughter_s_consents_and_data_need_a_guardian_not_only_a_link_to_the_household(world):
    """A member of the household whose guardian role was taken away (an account
    closed as a guardian's, say) no longer withdraws its girls' consents or asks for
    their data."""
    for action in ("gals.withdraw_consent", "gals.request_data"):
        assert can(world.guardian_a, action, world.girl_a), action
    world.guardian_a.groups.remove(Group.objects.get(name=Role.GUARDIAN))
    former = type(world.guardian_a).objects.get(pk=world.guardian_a.pk)
    for action in ("gals.withdraw_consent", "gals.request_data"):
        assert not can(former, action, world.girl_a), action


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


def test_a_girl_takes_down_her_own_photo_whatever_her_account_number(world):
    """Account numbers grow past the few hundred that Python keeps one copy of: the
    rule compares them by value."""
    girl = make_user("girl-number-100000", Role.LEARNER, id=100_000)
    photo = ProjectPhoto(learner_id=type(girl).objects.values_list("pk", flat=True).get(
        username=girl.username))
    assert can(girl, "courses.delete_photo", photo)
    assert not can(girl, "courses.delete_photo", ProjectPhoto(learner_id=world.girl_a.pk))


def test_with_photo_consent_a_girl_sees_her_own_gallery_whatever_her_account_number(world):
    girl = make_user("girl-number-100001", Role.LEARNER, id=100_001)
    for kind in (Consent.Kind.GUARDIAN, Consent.Kind.ASSENT):
        record_consent(girl, Consent.Scope.PHOTOS, kind, timezone.localdate(),
                       world.facilitator_a)
    # Her own account read again, as the page reads it: equal, not the same object.
    assert can(girl, "courses.view_learner_photos", type(girl).objects.get(pk=girl.pk))
    assert not can(girl, "courses.view_learner_photos", world.girl_a)


def test_without_photo_consent_her_gallery_is_shown_to_no_one(world):
    girl = make_user("girl-without-photo-consent", Role.LEARNER)
    Enrolment.objects.create(camp=world.camp_a, learner=girl)
    assert not can(world.facilitator_a, "courses.view_learner_photos", girl)
    assert not can(girl, "courses.view_learner_photos", girl)


def test_a_concern_is_seen_by_its_writer_and_the_lead_only(world):
    """Whoever wrote it, whatever the order the accounts were made in."""
    later = make_user("facilitator-made-later", Role.FACILITATOR)
    concern = Concern(learner=world.girl_a, camp=world.camp_a, recorded_by=later)
    assert can(later, "care.view_concern", concern)
    assert can(world.lead, "care.view_concern", concern)
    assert not can(world.facilitator_a, "care.view_concern", concern)


def test_no_concern_or_card_is_written_for_an_anonymised_girl(world):
    """Her record was anonymised (her data erased at the family's request): a new
    concern or emergency card would attach a story to no one the lead could follow up."""
    girl = make_user("girl-anonymised", Role.LEARNER, anonymised_at=timezone.now())
    here = make_user("girl-still-here", Role.LEARNER)
    for action in ("care.record_concern", "care.edit_card"):
        assert can(world.facilitator_a, action, Enrolment(camp=world.camp_a, learner=here))
        assert not can(world.facilitator_a, action, Enrolment(camp=world.camp_a, learner=girl))


def test_only_a_girl_of_the_camp_takes_its_lessons(world):
    """Marking done, answering, uploading: a girl of the camp whose curriculum it is;
    its facilitator, who reads the same lessons, has no record to write."""
    lesson = LessonPage.objects.live().descendant_of(
        world.curriculum["curricula"]["ky"]).first()
    assert can(world.girl_a, "courses.take_lesson", lesson)
    assert not can(world.facilitator_a, "courses.take_lesson", lesson)
    # Her account no longer a girl's (the role taken away), her enrolment still there.
    world.girl_a.groups.remove(Group.objects.get(name=Role.LEARNER))
    former = type(world.girl_a).objects.get(pk=world.girl_a.pk)
    assert not can(former, "courses.take_lesson", lesson)
