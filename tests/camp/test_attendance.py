import datetime
import json
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from camp.attendance import AttendanceError, mark, mark_many, totals_by_day, totals_by_girl
from camp.enrolment import enrol
from camp.impact import cache as impact_cache
from camp.models import Attendance, AttendanceMark, CampDay
from cms.core.models import AuditEvent
from tests.camp.factories import make_facilitator, make_girl
from tests.world import make_camp


@pytest.fixture
def girl(camp, facilitator):
    girl = make_girl("aigul")
    enrol(camp, girl, facilitator)
    return girl


@pytest.fixture
def today(camp):
    return camp.days.get(number=1)


def audit_for(attendance):
    return AuditEvent.objects.filter(
        subject_type="camp.attendance", subject_id=str(attendance.pk)
    ).order_by("created_at", "pk")


@pytest.mark.django_db
def test_a_repeated_tap_counts_once(today, girl, facilitator):
    tap = uuid.uuid4()
    first = mark(today, girl.pk, "present", facilitator, tap)
    again = mark(today, girl.pk, "present", facilitator, tap)
    assert first.changed and not again.changed
    assert AttendanceMark.objects.count() == 1 and audit_for(first.attendance).count() == 1


@pytest.mark.django_db
def test_two_facilitators_last_mark_wins_and_both_are_audited(camp, today, girl, facilitator):
    second = make_facilitator("fac-2")
    camp.facilitators.add(second)
    first_tap, second_tap = uuid.uuid4(), uuid.uuid4()
    mark(today, girl.pk, "late", facilitator, first_tap)
    result = mark(today, girl.pk, "present", second, second_tap)
    # The first phone retries its tap after the second one landed: nothing changes.
    mark(today, girl.pk, "late", facilitator, first_tap)
    attendance = Attendance.objects.get(camp_day=today, learner=girl)
    assert attendance.status == "present" and attendance.marked_by == second
    events = list(audit_for(result.attendance))
    assert [(e.actor, e.detail["before"], e.detail["after"]) for e in events] == [
        (facilitator, None, "late"), (second, "late", "present"),
    ]


@pytest.mark.django_db
def test_a_girl_of_another_camp_cannot_be_marked(six_days, today, girl, facilitator):
    other_camp = make_camp("Башка", six_days["curricula"]["ky"], make_facilitator("f-b"),
                           timezone.localdate() + datetime.timedelta(days=30))
    stranger = make_girl("stranger")
    enrol(other_camp, stranger, None)
    with pytest.raises(AttendanceError):
        mark(today, stranger.pk, "present", facilitator, uuid.uuid4())
    assert not Attendance.objects.exists()


@pytest.mark.django_db
def test_another_day_needs_confirmation(camp, girl, facilitator):
    tomorrow = camp.days.get(number=2)
    with pytest.raises(AttendanceError):
        mark(tomorrow, girl.pk, "present", facilitator, uuid.uuid4())
    assert not Attendance.objects.exists()
    mark(tomorrow, girl.pk, "present", facilitator, uuid.uuid4(), other_day_confirmed=True)
    assert Attendance.objects.get().status == "present"


@pytest.mark.django_db
def test_bad_status_and_bad_id_change_nothing(today, girl, facilitator):
    with pytest.raises(AttendanceError):
        mark(today, girl.pk, "sleeping", facilitator, uuid.uuid4())
    with pytest.raises(AttendanceError):
        mark(today, girl.pk, "present", facilitator, "not-a-uuid")
    assert not AttendanceMark.objects.exists()


@pytest.mark.django_db
def test_totals_per_girl_and_per_day(camp, girl, facilitator):
    other = make_girl("nurzat")
    enrol(camp, other, facilitator)
    for number, (a, b) in enumerate([("present", "late"), ("present", "absent")], start=1):
        day = camp.days.get(number=number)
        mark(day, girl.pk, a, facilitator, uuid.uuid4(), other_day_confirmed=True)
        mark(day, other.pk, b, facilitator, uuid.uuid4(), other_day_confirmed=True)
    assert totals_by_girl(camp)[girl.pk] == {"present": 2}
    assert totals_by_girl(camp)[other.pk] == {"late": 1, "absent": 1}
    assert totals_by_day(camp)[camp.days.get(number=2).pk] == {"present": 1, "absent": 1}


@pytest.mark.django_db
def test_one_tap_with_javascript(client, camp, today, girl, facilitator):
    client.force_login(facilitator)
    url = reverse("camp:roll_call", args=[camp.pk, 1])
    tap = {"learner": girl.pk, "status": "late", "client_id": str(uuid.uuid4())}
    response = client.post(url, tap, headers={"accept": "application/json"})
    assert json.loads(response.content) == {"status": "late", "changed": True}
    response = client.post(url, tap, headers={"accept": "application/json"})
    assert json.loads(response.content) == {"status": "late", "changed": False}
    bad = client.post(url, {**tap, "learner": facilitator.pk, "client_id": str(uuid.uuid4())},
                      headers={"accept": "application/json"})
    assert bad.status_code == 400 and json.loads(bad.content)["error"]


@pytest.mark.django_db
def test_whole_roll_as_a_plain_form(client, camp, today, girl, facilitator):
    other = make_girl("nurzat")
    enrol(camp, other, facilitator)
    client.force_login(facilitator)
    url = reverse("camp:roll_call", args=[camp.pk, 1])
    html = client.get(url).content.decode()
    assert f'name="status-{girl.pk}"' in html and 'name="client-' in html
    data = {
        f"status-{girl.pk}": "present", f"client-{girl.pk}": str(uuid.uuid4()),
        f"was-{girl.pk}": "",
        f"status-{other.pk}": "absent", f"client-{other.pk}": str(uuid.uuid4()),
        f"was-{other.pk}": "",
    }
    assert client.post(url, data).status_code == 302
    assert dict(Attendance.objects.values_list("learner__username", "status")) == {
        "aigul": "present", "nurzat": "absent"}
    # Sending the same form again (a double submit) changes nothing.
    client.post(url, data)
    assert AttendanceMark.objects.count() == 2


@pytest.mark.django_db
def test_roll_for_another_day_asks_first(client, camp, girl, facilitator):
    client.force_login(facilitator)
    url = reverse("camp:roll_call", args=[camp.pk, 3])
    html = client.get(url).content.decode()
    assert "?confirm=1" in html and f'name="status-{girl.pk}"' not in html
    html = client.get(url + "?confirm=1").content.decode()
    assert f'name="status-{girl.pk}"' in html and 'name="confirm" value="1"' in html
    refused = {f"status-{girl.pk}": "present", f"client-{girl.pk}": str(uuid.uuid4())}
    client.post(url, refused)
    assert not Attendance.objects.exists()
    client.post(url, {**refused, "confirm": "1"})
    assert Attendance.objects.get().camp_day.number == 3


@pytest.mark.django_db
def test_everyone_present_in_one_tap_then_the_exceptions(client, camp, today, girl, facilitator):
    others = [make_girl(name) for name in ("nurzat", "bermet", "jibek")]
    for other in others:
        enrol(camp, other, facilitator)
    client.force_login(facilitator)
    url = reverse("camp:roll_call", args=[camp.pk, 1])
    # She tapped one exception first: Нурзат is late.
    mark(today, others[0].pk, "late", facilitator, uuid.uuid4())
    html = client.get(url).content.decode()
    assert 'name="everyone" value="present"' in html
    assert client.post(url, {"everyone": "present"}).status_code == 302
    statuses = dict(Attendance.objects.values_list("learner__username", "status"))
    assert statuses == {"aigul": "present", "nurzat": "late", "bermet": "present",
                        "jibek": "present"}
    assert AuditEvent.objects.filter(subject_type="camp.attendance").count() == 4
    # Then the exception: Жибек is absent, one tap of the usual form.
    jibek = others[2]
    client.post(url, {f"status-{jibek.pk}": "absent", f"client-{jibek.pk}": str(uuid.uuid4()),
                      f"was-{jibek.pk}": "present"})
    assert Attendance.objects.get(learner=jibek).status == "absent"
    # The same tap again marks nobody, and the button is gone once all are marked.
    client.post(url, {"everyone": "present"})
    assert Attendance.objects.get(learner=jibek).status == "absent"
    assert 'name="everyone"' not in client.get(url).content.decode()


def _class_of(camp, facilitator, size: int) -> list:
    girls = [make_girl(f"class-{size}-{n}") for n in range(size)]
    for girl in girls:
        enrol(camp, girl, facilitator)
    return girls


@pytest.mark.django_db
def test_a_whole_roll_costs_the_same_queries_for_3_girls_or_30(
        camp, today, facilitator, django_assert_max_num_queries):
    """Saving the roll was about seven round trips a girl, the slowest request of a camp
    morning; now a handful for the whole class, and the outcome is the same as taps one
    by one: one mark and one audit row for each girl, the earlier mark in ``before``."""
    girls = _class_of(camp, facilitator, 30)
    mark(today, girls[0].pk, "late", facilitator, uuid.uuid4())  # tapped before the form
    marks = [(g.pk, "absent" if n % 10 == 3 else "present", str(uuid.uuid4()))
             for n, g in enumerate(girls)]
    with django_assert_max_num_queries(12):
        assert mark_many(today, marks, facilitator) == 30
    statuses = dict(Attendance.objects.filter(camp_day=today).values_list("learner", "status"))
    assert statuses == {pk: status for pk, status, _id in marks}
    assert AttendanceMark.objects.filter(camp_day=today).count() == 31
    changed = Attendance.objects.get(camp_day=today, learner=girls[0])
    assert [(e.actor, e.action, e.detail["before"], e.detail["after"])
            for e in audit_for(changed)] == [
        (facilitator, "created", None, "late"), (facilitator, "changed", "late", "present")]
    assert audit_for(Attendance.objects.get(camp_day=today, learner=girls[3])).get().detail[
        "after"] == "absent"


@pytest.mark.django_db
def test_a_roll_sent_twice_or_partly_saved_counts_each_tap_once(camp, today, facilitator):
    girls = _class_of(camp, facilitator, 4)
    marks = [(g.pk, "present", str(uuid.uuid4())) for g in girls]
    # The phone's first send reached the server for one girl only (a tap of the same id).
    mark(today, girls[1].pk, "present", facilitator, marks[1][2])
    assert mark_many(today, marks, facilitator) == 3
    assert mark_many(today, marks, facilitator) == 0
    assert AttendanceMark.objects.count() == 4
    assert AuditEvent.objects.filter(subject_type="camp.attendance").count() == 4


@pytest.mark.django_db
def test_a_roll_whose_batch_conflicts_is_saved_mark_by_mark(camp, today, facilitator):
    """Two rows with one tap id (a phone that made the same id twice) conflict in the
    batch: it is undone and each mark is saved on its own, the second tap counting as
    the repeat it is."""
    first, second = _class_of(camp, facilitator, 2)
    tap = str(uuid.uuid4())
    assert mark_many(today, [(first.pk, "present", tap), (second.pk, "late", tap)],
                     facilitator) == 1
    assert list(Attendance.objects.values_list("learner", "status")) == [(first.pk, "present")]
    assert AttendanceMark.objects.count() == 1
    assert AuditEvent.objects.filter(subject_type="camp.attendance").count() == 1


@pytest.mark.django_db
def test_a_saved_roll_moves_the_impact_figures_on(camp, today, facilitator):
    """The batch sends no save signal, so it says itself that kept reports are stale."""
    girls = _class_of(camp, facilitator, 2)
    before = impact_cache.DATA.current()
    mark_many(today, [(g.pk, "present", str(uuid.uuid4())) for g in girls], facilitator)
    assert impact_cache.DATA.current() != before


@pytest.mark.django_db
def test_a_past_day_needs_confirmation_too(camp, today, girl, facilitator):
    from django.utils.translation import override

    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    CampDay.objects.filter(pk=today.pk).update(date=yesterday)
    today.refresh_from_db()
    with override("ru"), pytest.raises(AttendanceError) as error:
        mark(today, girl.pk, "present", facilitator, uuid.uuid4())
    assert "Подтвердите" in error.value.messages[0]
    assert not Attendance.objects.exists()


@pytest.mark.django_db
def test_a_whole_roll_for_another_day_is_refused_unless_confirmed(camp, girl, facilitator):
    from camp.attendance import mark_everyone_present

    tomorrow = camp.days.get(number=2)
    with pytest.raises(AttendanceError):
        mark_many(tomorrow, [(girl.pk, "present", str(uuid.uuid4()))], facilitator)
    with pytest.raises(AttendanceError):
        mark_everyone_present(tomorrow, facilitator)
    assert not Attendance.objects.exists()
    assert mark_everyone_present(tomorrow, facilitator, other_day_confirmed=True) == 1


@pytest.mark.django_db
def test_a_roll_sent_again_costs_the_same_queries_for_3_girls_or_30(
        camp, today, facilitator, django_assert_max_num_queries):
    """A phone back online sends the roll it had saved once more: nothing changes, in a
    handful of queries for the whole class."""
    girls = _class_of(camp, facilitator, 30)
    marks = [(g.pk, "present", str(uuid.uuid4())) for g in girls]
    mark_many(today, marks, facilitator)
    with django_assert_max_num_queries(6):
        assert mark_many(today, marks, facilitator) == 0
    assert AttendanceMark.objects.filter(camp_day=today).count() == 30


@pytest.mark.django_db
def test_two_facilitators_marking_her_at_the_same_moment_are_both_kept(
        camp, today, girl, facilitator, monkeypatch):
    """The other facilitator's mark lands after this request looked for one and before
    it wrote its own: no error, the later mark counts, and the audit has both."""
    other = make_facilitator("fac-2")
    locked = Attendance.objects.select_for_update
    looked = []

    def at_the_same_moment(*args, **kwargs):
        if looked:
            return locked(*args, **kwargs)
        looked.append(True)  # this request finds no mark yet; the other's lands now
        Attendance.objects.create(camp_day=today, learner_id=girl.pk, status="absent",
                                  marked_by=other, marked_at=timezone.now(),
                                  client_id=uuid.uuid4())
        return Attendance.objects.none()

    monkeypatch.setattr(Attendance.objects, "select_for_update", at_the_same_moment)
    result = mark(today, girl.pk, "present", facilitator, uuid.uuid4())
    assert result.changed and Attendance.objects.get().status == "present"
    assert [(e.action, e.detail["before"], e.detail["after"])
            for e in audit_for(result.attendance)] == [("changed", "absent", "present")]


@pytest.mark.django_db
def test_the_later_mark_counts_whatever_the_ids_of_the_taps(today, girl, facilitator):
    # Tap ids are random: the second tap's may sort before the first's or after it.
    for first, second in (("f" * 32, "0" * 31 + "1"), ("1" * 32, "e" * 32)):
        mark(today, girl.pk, "absent", facilitator, uuid.UUID(first))
        mark(today, girl.pk, "late", facilitator, uuid.UUID(second))
        assert Attendance.objects.get(camp_day=today, learner=girl).status == "late"
        Attendance.objects.all().delete()

