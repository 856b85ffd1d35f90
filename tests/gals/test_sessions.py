"""Sessions on a phone: families answer, the headcount, the roll call by household."""

import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cms.core.models import AuditEvent
from gals import services
from gals.models import Commitment, GalsSession, SessionAttendance, SessionRecord, SessionReply


def test_guardian_answers_we_will_come_and_the_headcount_follows(client, world, gw):
    client.force_login(world.guardian_a)
    url = reverse("gals:reply", args=[gw.session_a.pk, world.household_a.pk])
    response = client.post(url, {
        "coming": "yes", "members": [gw.mother_a.pk, gw.father_a.pk],
        "client_id": str(uuid.uuid4()),
    })
    assert response.status_code == 302
    count = services.headcount(gw.session_a)
    assert (count.households, count.people, count.sheets) == (1, 2, 3)
    client.force_login(world.facilitator_a)
    response = client.get(reverse("gals:session", args=[gw.session_a.pk]))
    assert response.context["headcount"].people == 2


def test_a_repeated_answer_counts_once(world, gw):
    client_id = uuid.uuid4()
    for _ in range(2):
        services.reply(gw.session_a, world.household_a, coming=True,
                       member_ids=[gw.mother_a.pk], by=world.guardian_a, client_id=client_id)
    assert SessionReply.objects.count() == 1
    assert services.headcount(gw.session_a).people == 1


def test_facilitator_records_the_answer_of_a_family_without_an_account(client, world, gw):
    client.force_login(world.facilitator_a)
    url = reverse("gals:reply", args=[gw.session_a.pk, world.household_a.pk])
    client.post(url, {"coming": "no", "client_id": str(uuid.uuid4())})
    answer = SessionReply.objects.get()
    assert not answer.coming and answer.answered_by == world.facilitator_a
    assert services.headcount(gw.session_a).not_coming == 1


def test_an_answer_naming_a_member_of_another_household_is_refused(client, world, gw):
    client.force_login(world.guardian_a)
    url = reverse("gals:reply", args=[gw.session_a.pk, world.household_a.pk])
    response = client.post(url, {
        "coming": "yes", "members": [gw.member_b.pk], "client_id": str(uuid.uuid4()),
    }, follow=True)
    assert SessionReply.objects.count() == 0
    assert response.status_code == 200


def test_roll_call_marks_who_came_and_the_rest_of_the_family_absent(client, world, gw):
    client.force_login(world.facilitator_a)
    url = reverse("gals:roll_call", args=[gw.session_a.pk])
    page = client.get(url).content.decode()
    assert "Бакыт" in page and 'type="checkbox"' in page
    client.post(url, {"household": world.household_a.pk, "present": [gw.father_a.pk],
                      "client_id": str(uuid.uuid4())})
    marks = dict(SessionAttendance.objects.values_list("member_id", "present"))
    assert marks == {gw.father_a.pk: True, gw.mother_a.pk: False}
    assert services.sessions_attended(world.household_a) == 1


def test_a_member_of_another_household_cannot_be_marked_present(client, world, gw):
    client.force_login(world.facilitator_a)
    url = reverse("gals:roll_call", args=[gw.session_a.pk])
    with pytest.raises(ValidationError) as refused:
        services.mark_roll(gw.session_a, world.household_a, present_ids=[gw.member_b.pk],
                           by=world.facilitator_a, client_id=uuid.uuid4())
    assert "үй-бүлөнүн мүчөлөрүн гана" in refused.value.messages[0]
    response = client.post(url, {"household": world.household_a.pk,
                                 "present": [gw.mother_a.pk, gw.member_b.pk],
                                 "client_id": str(uuid.uuid4())}, follow=True)
    assert SessionAttendance.objects.count() == 0
    assert "үй-бүлөнүн мүчөлөрүн гана" in " ".join(str(m) for m in response.context["messages"])


def test_a_household_of_another_camp_cannot_be_called_in_this_session(world, gw):
    with pytest.raises(ValidationError):
        services.mark_roll(gw.session_a, gw.household_b, present_ids=[gw.member_b.pk],
                           by=world.facilitator_a, client_id=uuid.uuid4())
    assert SessionAttendance.objects.count() == 0


def test_a_replayed_roll_call_counts_once(world, gw):
    client_id = uuid.uuid4()
    assert services.mark_roll(gw.session_a, world.household_a, present_ids=[gw.mother_a.pk],
                              by=world.facilitator_a, client_id=client_id)
    services.mark_roll(gw.session_a, world.household_a, present_ids=[gw.father_a.pk],
                       by=world.facilitator_a, client_id=uuid.uuid4())
    # The first form arrives again (an offline replay): the later marks stay.
    assert not services.mark_roll(gw.session_a, world.household_a,
                                  present_ids=[gw.mother_a.pk], by=world.facilitator_a,
                                  client_id=client_id)
    assert SessionAttendance.objects.get(member=gw.father_a).present


def test_deleting_a_session_keeps_its_commitments_and_records(client, world, gw):
    client.force_login(world.facilitator_a)
    response = client.post(reverse("gals:session_delete", args=[gw.session_a.pk]), follow=True)
    assert not GalsSession.objects.filter(pk=gw.session_a.pk).exists()
    commitment = Commitment.objects.get(pk=gw.commitment_a.pk)
    assert commitment.session is None and commitment.household == world.household_a
    assert SessionRecord.objects.filter(pk=gw.record_a.pk).exists()
    assert AuditEvent.objects.filter(action="deleted", subject_type="gals.galssession").exists()
    assert "1" in "".join(str(m) for m in response.context["messages"])


def test_facilitator_plans_a_session_for_her_camp_only(client, world):
    client.force_login(world.facilitator_a)
    data = {"camp": world.camp_b.pk, "starts_at": "2099-05-05T18:00", "duration_minutes": 120,
            "venue": "Клуб", "tools": ["diamond"]}
    client.post(reverse("gals:session_new"), data)
    assert not GalsSession.objects.exists()
    data["camp"] = world.camp_a.pk
    response = client.post(reverse("gals:session_new"), data)
    session = GalsSession.objects.get()
    assert response.status_code == 302 and session.facilitator == world.facilitator_a
    assert session.tool_labels()


def test_a_session_needs_a_camp_or_a_community(client, world):
    client.force_login(world.facilitator_a)
    response = client.post(reverse("gals:session_new"), {
        "starts_at": "2099-05-05T18:00", "duration_minutes": 120, "venue": "Клуб",
    })
    assert response.status_code == 200 and not GalsSession.objects.exists()
    assert response.context["form"].non_field_errors()


def test_calendar_sources_list_the_sessions_of_a_camp_and_of_a_facilitator(world, gw):
    assert list(services.sessions_for_camp(world.camp_a)) == [gw.session_a]
    assert list(services.sessions_for_facilitator(world.facilitator_b)) == [gw.session_b]


def test_the_camp_and_facilitator_calendars_carry_the_family_sessions(client, world, gw):
    """A facilitator's phone calendar shows her family sessions beside the camp days, at
    the same Bishkek time the session page shows."""
    import icalendar

    from camp.models import CalendarFeed

    def sessions_in(url):
        calendar = icalendar.Calendar.from_ical(client.get(url).content)
        return {str(e["UID"]).split("@")[0]: e for e in calendar.walk("VEVENT")
                if str(e["UID"]).startswith("gals-session-")}

    camp_feed = sessions_in(reverse("camp:camp_calendar", args=[world.camp_a.calendar_token]))
    assert set(camp_feed) == {f"gals-session-{gw.session_a.pk}"}
    event = camp_feed[f"gals-session-{gw.session_a.pk}"]
    assert event.decoded("DTSTART") == gw.session_a.starts_at.replace(microsecond=0)
    assert str(event.decoded("DTSTART").tzinfo) == "Asia/Bishkek"
    assert "GALS" in str(event["SUMMARY"])

    token = CalendarFeed.objects.get_or_create(user=world.facilitator_b)[0].token
    mine = sessions_in(reverse("camp:facilitator_calendar", args=[token]))
    assert set(mine) == {f"gals-session-{gw.session_b.pk}"}
