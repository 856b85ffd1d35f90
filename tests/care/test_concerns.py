"""The record of concerns: a facilitator records, the lead follows up and closes;
only they read it, every read and write is audited, and a refusal is audited too."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from camp.care.models import Concern
from cms.core.models import AuditEvent

WHAT = "Айгүл ыйлап, үйгө баргысы келбей турганын айтты."


def girl_page(w):
    return reverse("camp:girl", args=[w.camp_a.pk, w.girl_a.pk])


def record(client, w, **fields):
    client.force_login(w.facilitator_a)
    data = {"what": WHAT, "happened_on": timezone.localdate().isoformat(),
            "told": "Мектептин директору", "action_taken": "Апасына чалдым."}
    data.update(fields)
    with translation.override("ky"):
        url = reverse("care:concern_new", args=[w.camp_a.pk, w.girl_a.pk])
    return client.post(url, data)


def audit(concern, action):
    return AuditEvent.objects.filter(
        subject_type="care.concern", subject_id=str(concern.pk), action=action
    )


def test_recorded_followed_up_and_closed_by_links(client, world):
    # The facilitator finds "record a concern" on the girl's page.
    client.force_login(world.facilitator_a)
    new_url = reverse("care:concern_new", args=[world.camp_a.pk, world.girl_a.pk])
    assert f'href="{new_url}"' in client.get(girl_page(world)).content.decode()
    response = record(client, world)
    concern = Concern.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "care:concern", args=[concern.pk])
    assert WHAT in client.get(response["Location"]).content.decode()
    # The lead lands on her page, which lists the open concern.
    client.force_login(world.lead)
    lead_page = client.get("/ky/care/").content.decode()
    assert reverse("care:concern", args=[concern.pk]) in lead_page
    assert world.girl_a.display_name in lead_page
    page = client.get(reverse("care:concern", args=[concern.pk])).content.decode()
    assert WHAT in page and "Апасына чалдым." in page
    client.post(reverse("care:concern", args=[concern.pk]),
                {"text": "Апасы менен сүйлөштүм, баары жакшы."})
    client.post(reverse("care:concern", args=[concern.pk]), {"text": "", "close": "on"})
    concern.refresh_from_db()
    assert concern.status == Concern.Status.CLOSED and concern.closed_by == world.lead
    assert "Апасы менен сүйлөштүм" in client.get(
        reverse("care:concern", args=[concern.pk])).content.decode()
    lead_page = client.get("/ky/care/").content.decode()
    assert reverse("care:concern", args=[concern.pk]) not in lead_page
    # Every read and write is in the audit log, without a word of the concern.
    assert audit(concern, AuditEvent.Action.CREATED).count() == 1
    assert audit(concern, AuditEvent.Action.VIEWED).count() >= 3
    assert audit(concern, AuditEvent.Action.CHANGED).count() == 2
    for event in AuditEvent.objects.all():
        assert "ыйлап" not in str(event.detail) and "сүйлөштүм" not in str(event.detail)


@pytest.mark.parametrize("role", ["other_facilitator", "manager", "partner", "guardian",
                                  "editor", "girl", "admin"])
def test_others_are_refused_and_the_attempt_is_audited(client, world, role):
    concern = Concern.objects.create(
        learner=world.girl_a, camp=world.camp_a, recorded_by=world.facilitator_a, what=WHAT,
        happened_on=timezone.localdate(),
    )
    user = world.user(role)
    client.force_login(user)
    with translation.override("ky"):
        response = client.get(reverse("care:concern", args=[concern.pk]))
    assert response.status_code == 403
    page = response.content.decode()
    assert WHAT not in page and "Уруксат жок" in page
    refused = audit(concern, AuditEvent.Action.REFUSED).get()
    assert refused.actor == user and refused.detail == {"asked": "care.view_concern"}


def test_another_camps_facilitator_cannot_record_about_our_girl(client, world):
    client.force_login(world.facilitator_b)
    response = client.post(
        reverse("care:concern_new", args=[world.camp_a.pk, world.girl_a.pk]),
        {"what": WHAT, "happened_on": timezone.localdate().isoformat()})
    assert response.status_code == 403 and not Concern.objects.exists()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.REFUSED,
                                     actor=world.facilitator_b).exists()


def test_the_recorder_reads_but_cannot_follow_up_or_close(client, world):
    record(client, world)
    concern = Concern.objects.get()
    response = client.post(reverse("care:concern", args=[concern.pk]), {"close": "on"})
    assert response.status_code == 403
    concern.refresh_from_db()
    assert concern.status == Concern.Status.OPEN


@pytest.mark.parametrize("fields, message", [
    ({"what": "   "}, "Эмнени көрдүңүз же уктуңуз, жазыңыз."),
    ({"happened_on": ""}, "Качан болгонун жазыңыз."),
    ({"happened_on": (timezone.localdate() + datetime.timedelta(days=2)).isoformat()},
     "Күн келечекте боло албайт."),
])
def test_bad_input_is_refused_with_a_message_and_changes_nothing(client, world, fields, message):
    response = record(client, world, **fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Concern.objects.exists()


def test_anonymising_the_girl_removes_her_concerns(world):
    from cms.core.personal_data import anonymise_girl

    Concern.objects.create(learner=world.girl_a, camp=world.camp_a,
                           recorded_by=world.facilitator_a, what=WHAT,
                           happened_on=timezone.localdate())
    report = anonymise_girl(world.girl_a, world.admin, reason="Retention period.")
    assert report["care"] == {"care_records_removed": 1, "emergency_cards_removed": 0}
    assert not Concern.objects.exists()
