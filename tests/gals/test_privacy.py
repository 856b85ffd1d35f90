"""Notes and drawings: the family and its facilitators only; managers see numbers."""

import uuid

from django.urls import reverse

from cms.core.models import AuditEvent
from gals import services
from gals.models import FollowUp
from tests.gals.factories import SECRET_NOTE


def audited(household, user) -> int:
    return AuditEvent.objects.filter(
        actor=user, action="viewed", subject_type="gals.household",
        subject_id=str(household.pk),
    ).count()


def test_manager_sees_counts_and_rates_and_never_a_note_or_photo(client, world, gw):
    services.mark_roll(gw.session_a, world.household_a, present_ids=[gw.mother_a.pk],
                       by=world.facilitator_a, client_id=uuid.uuid4())
    services.record_follow_up(gw.commitment_a, status=FollowUp.Status.ACHIEVED, reason="",
                              by=world.facilitator_a, client_id=uuid.uuid4())
    client.force_login(world.manager)
    response = client.get(reverse("gals:numbers"))
    numbers = response.context["numbers"]
    assert numbers["households"] == 2 and numbers["commitments"] == 1
    assert numbers["attendance_rate"] == 50 and numbers["achieved_rate"] == 100
    page = response.content.decode()
    for private in (SECRET_NOTE, gw.record_a.vision, gw.commitment_a.what, "Бакыт",
                    world.girl_a.display_name, reverse("gals:photo", args=[gw.photo_a.pk])):
        assert private not in page
    for url in (
        reverse("gals:household", args=[world.household_a.pk]),
        reverse("gals:photo", args=[gw.photo_a.pk]),
        reverse("gals:record", args=[gw.session_a.pk, world.household_a.pk]),
        reverse("gals:family_sheet", args=[world.household_a.pk]),
    ):
        assert client.get(url).status_code == 403, url


def test_the_facilitator_of_another_camp_sees_nothing_of_the_family(client, world, gw):
    client.force_login(world.facilitator_b)
    assert client.get(reverse("gals:household", args=[world.household_a.pk])).status_code == 403
    assert client.get(reverse("gals:photo", args=[gw.photo_a.pk])).status_code == 403
    page = client.get(reverse("gals:facilitator")).content.decode()
    assert world.girl_a.display_name not in page and SECRET_NOTE not in page


def test_guardian_sees_her_own_family_record_and_every_view_is_audited(client, world, gw):
    client.force_login(world.guardian_a)
    page = client.get(reverse("gals:household", args=[world.household_a.pk])).content.decode()
    assert SECRET_NOTE in page and gw.record_a.vision in page
    assert audited(world.household_a, world.guardian_a) == 1
    assert client.get(reverse("gals:photo", args=[gw.photo_a.pk])).status_code == 200
    assert AuditEvent.objects.filter(
        actor=world.guardian_a, detail__drawing_photo=gw.photo_a.pk
    ).exists()
    assert client.get(reverse("gals:household", args=[gw.household_b.pk])).status_code == 403


def test_facilitator_views_of_notes_are_audited(client, world, gw):
    client.force_login(world.facilitator_a)
    client.get(reverse("gals:household", args=[world.household_a.pk]))
    client.get(reverse("gals:record", args=[gw.session_a.pk, world.household_a.pk]))
    assert audited(world.household_a, world.facilitator_a) == 2


def test_a_guardian_family_page_shows_only_her_family(client, world, gw):
    client.force_login(world.guardian_a)
    page = client.get(reverse("gals:family")).content.decode()
    assert world.girl_a.display_name in page and gw.commitment_a.what in page
    assert world.girl_b.display_name not in page


def test_a_guardian_cannot_answer_for_another_family(client, world, gw):
    client.force_login(world.guardian_a)
    url = reverse("gals:reply", args=[gw.session_b.pk, gw.household_b.pk])
    response = client.post(url, {"coming": "yes", "members": [gw.member_b.pk],
                                 "client_id": str(uuid.uuid4())})
    assert response.status_code == 403


def test_a_guardian_without_a_family_yet_lands_on_a_page_that_says_what_to_do(client, db):
    from tests.world import make_user

    guardian = make_user("new-guardian", "guardian")
    client.force_login(guardian)
    response = client.get(reverse("gals:family"))
    assert response.status_code == 200 and response.context["families"] == []
    assert reverse("gals:join") in response.content.decode()
