import pytest
from django.utils.translation import override

from camp.enrolment import EnrolmentError, enrol, fill_free_places, waiting_list, withdraw
from camp.models import Camp, Enrolment
from cms.core.models import AuditEvent
from tests.camp.factories import make_facilitator, make_girl


def statuses(camp):
    return {e.learner.username: e.status for e in camp.enrolments.select_related("learner")}


@pytest.mark.django_db
def test_enrol_gives_a_place_and_is_audited(camp, facilitator):
    girl = make_girl("aigul")
    enrolment = enrol(camp, girl, facilitator)
    assert enrolment.status == Enrolment.Status.ENROLLED
    event = AuditEvent.objects.get(subject_type="camp.enrolment", subject_id=str(enrolment.pk))
    assert event.actor == facilitator and event.action == AuditEvent.Action.CREATED


@pytest.mark.django_db
def test_enrolling_twice_changes_nothing(camp, facilitator):
    girl = make_girl("aigul")
    first = enrol(camp, girl, facilitator)
    events = AuditEvent.objects.count()
    assert enrol(camp, girl, facilitator).pk == first.pk
    assert AuditEvent.objects.count() == events
    assert camp.enrolments.count() == 1


@pytest.mark.django_db
def test_full_camp_puts_girls_on_the_waiting_list_in_order(camp, facilitator):
    camp.capacity = 2
    camp.save()
    girls = [make_girl(f"g{n}") for n in range(4)]
    for girl in girls:
        enrol(camp, girl, facilitator)
    assert statuses(camp) == {"g0": "enrolled", "g1": "enrolled", "g2": "waiting", "g3": "waiting"}
    assert [e.learner.username for e in waiting_list(camp)] == ["g2", "g3"]


@pytest.mark.django_db
def test_withdrawal_moves_the_first_waiting_girl_up(camp, facilitator):
    camp.capacity = 1
    camp.save()
    first, second, third = (make_girl(f"g{n}") for n in range(3))
    place = enrol(camp, first, facilitator)
    enrol(camp, second, facilitator)
    enrol(camp, third, facilitator)
    withdraw(place, "Семья көчүп кетти", facilitator)
    assert statuses(camp) == {"g0": "withdrawn", "g1": "enrolled", "g2": "waiting"}
    place.refresh_from_db()
    assert place.withdrawal_reason == "Семья көчүп кетти"
    moved_up = camp.enrolments.get(learner=second)
    assert AuditEvent.objects.filter(
        subject_type="camp.enrolment", subject_id=str(moved_up.pk),
        detail__after="enrolled").exists()


@pytest.mark.django_db
def test_withdrawal_needs_a_reason_and_changes_nothing_without(camp, facilitator):
    enrolment = enrol(camp, make_girl("g"), facilitator)
    with override("ru"), pytest.raises(EnrolmentError) as error:
        withdraw(enrolment, "   ", facilitator)
    assert error.value.messages == ["Напишите причину выбытия."]
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ENROLLED


@pytest.mark.django_db
def test_more_places_move_the_list_up(camp, facilitator):
    camp.capacity = 1
    camp.save()
    for n in range(3):
        enrol(camp, make_girl(f"g{n}"), facilitator)
    camp.capacity = 3
    camp.save()
    assert len(fill_free_places(camp, facilitator)) == 2
    assert set(statuses(camp).values()) == {"enrolled"}


@pytest.mark.django_db
def test_withdrawn_girl_can_come_back(camp, facilitator):
    enrolment = enrol(camp, make_girl("g"), facilitator)
    withdraw(enrolment, "ооруп калды", facilitator)
    again = enrol(camp, enrolment.learner, facilitator)
    assert again.pk == enrolment.pk and again.status == Enrolment.Status.ENROLLED
    assert again.withdrawal_reason == ""


@pytest.mark.django_db
def test_only_girls_accounts_and_open_camps(camp, facilitator):
    with pytest.raises(EnrolmentError):
        enrol(camp, make_facilitator("another"), facilitator)
    camp.status = Camp.Status.CANCELLED
    camp.save()
    with pytest.raises(EnrolmentError):
        enrol(camp, make_girl("g"), facilitator)
    assert camp.enrolments.count() == 0


@pytest.mark.django_db
def test_enrol_list_with_a_bad_line_enrols_nobody_and_names_the_line(client, camp, facilitator):
    from django.urls import reverse

    make_girl("aigul")
    make_girl("nurzat")
    client.force_login(facilitator)
    url = reverse("camp:enrol", args=[camp.pk])
    response = client.post(url, {"usernames": "aigul\nnobody-here\nnurzat"}, follow=True)
    assert camp.enrolments.count() == 0
    assert "nobody-here" in response.content.decode() and "2" in response.content.decode()
    client.post(url, {"usernames": "aigul\n\nNURZAT\n"})
    assert set(camp.enrolments.values_list("learner__username", flat=True)) == {"aigul", "nurzat"}


@pytest.mark.django_db
def test_a_camp_cancelled_after_the_page_was_read_takes_no_more_girls(camp, facilitator):
    """The facilitator's copy of the camp is stale: the status that counts is the one
    read under the lock, not the one she had in hand."""
    stale = Camp.objects.get(pk=camp.pk)
    Camp.objects.filter(pk=camp.pk).update(status=Camp.Status.CANCELLED)
    with pytest.raises(EnrolmentError):
        enrol(stale, make_girl("late"), facilitator)
    assert camp.enrolments.count() == 0


@pytest.mark.django_db
def test_one_more_place_moves_only_the_first_waiting_girl_up(camp, facilitator):
    camp.capacity = 3
    camp.save()
    for n in range(5):
        enrol(camp, make_girl(f"g{n}"), facilitator)
    camp.capacity = 4
    camp.save()
    fill_free_places(camp, facilitator)
    # The camp never holds more girls than its places; g4 still waits.
    assert statuses(camp) == {"g0": "enrolled", "g1": "enrolled", "g2": "enrolled",
                              "g3": "enrolled", "g4": "waiting"}


@pytest.mark.django_db
def test_a_reason_of_300_characters_is_kept_and_a_longer_one_refused(camp, facilitator):
    first = enrol(camp, make_girl("g0"), facilitator)
    second = enrol(camp, make_girl("g1"), facilitator)
    with override("ru"), pytest.raises(EnrolmentError) as error:
        withdraw(first, "ы" * 301, facilitator)
    assert error.value.messages == ["Причина слишком длинная: не больше 300 знаков."]
    withdraw(second, "ы" * 300, facilitator)
    assert statuses(camp) == {"g0": "enrolled", "g1": "withdrawn"}


@pytest.mark.django_db
def test_a_girl_enrolled_by_another_request_meanwhile_keeps_her_one_place(
        camp, facilitator, monkeypatch):
    """Two facilitators enrol her at the same moment: the other request's row lands
    after this one looked for hers. Hers stands, and this one says so without an error."""
    import camp.enrolment as enrolment

    girl = make_girl("aigul")
    count = enrolment.enrolled_count

    def meanwhile(camp_):
        Enrolment.objects.create(camp=camp_, learner=girl, status=Enrolment.Status.ENROLLED)
        return count(camp_)

    monkeypatch.setattr(enrolment, "enrolled_count", meanwhile)
    result = enrol(camp, girl, facilitator)
    assert result.learner == girl and result.status == Enrolment.Status.ENROLLED
    assert statuses(camp) == {"aigul": "enrolled"}


@pytest.mark.django_db
def test_a_girl_withdrawn_twice_is_refused_and_keeps_her_first_reason(camp, facilitator):
    enrolment = enrol(camp, make_girl("g"), facilitator)
    withdraw(enrolment, "Семья көчүп кетти", facilitator)
    events = AuditEvent.objects.count()
    with override("ru"), pytest.raises(EnrolmentError) as error:
        withdraw(enrolment, "ооруп калды", facilitator)
    assert error.value.messages == ["Эта девушка уже выбыла."]
    enrolment.refresh_from_db()
    assert enrolment.withdrawal_reason == "Семья көчүп кетти"
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_a_list_with_a_switched_off_account_enrols_nobody(client, camp, facilitator):
    from django.urls import reverse

    make_girl("aigul")
    make_girl("left", is_active=False)
    client.force_login(facilitator)
    with override("ru"):
        url = reverse("camp:enrol", args=[camp.pk])
    response = client.post(url, {"usernames": "aigul\nleft"}, follow=True)
    assert "Такой учётной записи нет или она отключена." in response.content.decode()
    assert camp.enrolments.count() == 0
