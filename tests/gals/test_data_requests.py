"""A parent asks for her daughter's data (a copy, or its erasure) from the family page;
the request is due in DATA_REQUEST_DAYS days and stays on the list of those who answer
it - the administrators and the girl's own camp facilitators - until one of them does,
with the export or the anonymisation and its reason in the audit log."""

import datetime
import io
import json
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from cms.core.models import AuditEvent
from gals import data_requests
from gals.models import DataRequest
from tests.world import make_user


def ask(client, world, kind="export"):
    client.force_login(world.guardian_a)
    return client.post(reverse("gals:data_request_new", args=[world.girl_a.pk]),
                       {"kind": kind}, follow=True)


def test_a_parent_asks_for_a_copy_and_sees_when_it_is_due(client, world, settings):
    settings.DATA_REQUEST_DAYS = 5
    page = ask(client, world).content.decode()
    due = timezone.localdate() + datetime.timedelta(days=5)
    data_request = DataRequest.objects.get()
    assert (data_request.girl, data_request.kind, data_request.due_on) == (
        world.girl_a, "export", due)
    assert due.strftime("%d.%m.%Y") in page
    assert "Сурооңуз жөнөтүлдү" in page  # "Your request is sent", in Kyrgyz
    assert "Лагерь 5 күндүн ичинде жооп берет" in page  # "answers within 5 days"
    assert AuditEvent.objects.filter(
        actor=world.guardian_a, action=AuditEvent.Action.CREATED,
        subject_type="gals.datarequest", subject_id=str(data_request.pk)).exists()


def test_asking_twice_makes_one_request(client, world):
    ask(client, world)
    page = ask(client, world).content.decode()
    assert DataRequest.objects.count() == 1
    assert "Сиз муну буга чейин сурагансыз" in page  # "You have already asked"


@pytest.mark.parametrize("data", [{}, {"kind": "everything"}, {"kind": ""}])
def test_a_request_for_nothing_known_is_refused_kindly_and_keeps_nothing(client, world, data):
    client.force_login(world.guardian_a)
    response = client.post(reverse("gals:data_request_new", args=[world.girl_a.pk]), data,
                           follow=True)
    assert response.status_code == 200
    assert "Эмнени сурап жатканыңызды тандаңыз" in response.content.decode()
    assert not DataRequest.objects.exists()


def test_another_familys_parent_cannot_ask(client, world):
    client.force_login(make_user("guardian-b", "guardian"))
    response = client.post(reverse("gals:data_request_new", args=[world.girl_a.pk]),
                           {"kind": "erase"})
    assert response.status_code == 403
    assert not DataRequest.objects.exists()


def make_request(world, kind="export", due_in=7):
    data_request, _new = data_requests.ask(world.girl_a, kind, world.guardian_a)
    data_request.due_on = timezone.localdate() + datetime.timedelta(days=due_in)
    data_request.save()
    return data_request


def test_the_list_shows_overdue_requests_first_to_her_facilitator(client, world):
    later = make_request(world, "export", due_in=6)
    overdue = make_request(world, "erase", due_in=-2)
    client.force_login(world.facilitator_a)
    home = client.get(reverse("camp:teach")).content.decode()
    assert reverse("gals:data_requests") in home
    assert "ачык 2, мөөнөтү өткөн 1" in home  # open 2, overdue 1
    page = client.get(reverse("gals:data_requests")).content.decode()
    first = page.index(reverse("gals:data_request", args=[overdue.pk]))
    second = page.index(reverse("gals:data_request", args=[later.pk]))
    assert first < second
    assert "мөөнөтү өттү" in page  # "overdue"


@pytest.mark.parametrize("role", ["other_facilitator", "manager", "lead"])
def test_people_who_may_not_see_her_record_do_not_see_the_request(client, world, role):
    data_request = make_request(world)
    client.force_login(world.user(role))
    listing = client.get(reverse("gals:data_requests"))
    assert reverse("gals:data_request", args=[data_request.pk]) not in (
        listing.content.decode())
    assert client.get(reverse("gals:data_request", args=[data_request.pk])).status_code == 403


def test_the_administrator_sees_them_from_the_admin_home(client, world):
    make_request(world, due_in=-1)
    client.force_login(world.admin)
    page = client.get("/admin/").content.decode()
    assert reverse("gals:data_requests") in page


def test_answering_an_export_gives_the_zip_and_closes_the_request(client, world):
    data_request = make_request(world)
    client.force_login(world.facilitator_a)
    url = reverse("gals:data_request", args=[data_request.pk])
    response = client.post(url, {"reason": "Апасы үй-бүлө барагында сурады."})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    data = json.loads(zipfile.ZipFile(io.BytesIO(response.content)).read("data.json"))
    assert data["girl_id"] == world.girl_a.pk
    data_request.refresh_from_db()
    assert data_request.answered_by == world.facilitator_a and data_request.answered_at
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORTED)
    assert event.detail["reason"] == (
        f"data request #{data_request.pk}: Апасы үй-бүлө барагында сурады.")
    assert url not in client.get(reverse("gals:data_requests")).content.decode()
    again = client.post(url, {"reason": "Дагы бир жолу"})
    assert again.status_code == 400
    assert "Бул суроого буга чейин жооп берилген" in again.content.decode()


def test_an_answer_without_a_reason_is_refused_and_changes_nothing(client, world):
    data_request = make_request(world)
    client.force_login(world.admin)
    response = client.post(reverse("gals:data_request", args=[data_request.pk]),
                           {"reason": "   "})
    assert response.status_code == 400
    assert "Себебин жазыңыз" in response.content.decode()  # "Write the reason"
    data_request.refresh_from_db()
    assert data_request.answered_at is None
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORTED).exists()


def test_answering_an_erasure_anonymises_her_only_when_confirmed(client, world):
    data_request = make_request(world, "erase")
    client.force_login(world.admin)
    url = reverse("gals:data_request", args=[data_request.pk])
    unconfirmed = client.post(url, {"reason": "Атасы сурады."})
    assert unconfirmed.status_code == 400
    world.girl_a.refresh_from_db()
    assert world.girl_a.anonymised_at is None
    response = client.post(url, {"reason": "Атасы сурады.", "confirm": "on"})
    assert response.status_code == 302
    world.girl_a.refresh_from_db()
    assert world.girl_a.anonymised_at is not None
    data_request.refresh_from_db()
    assert data_request.answered_at is not None
    assert AuditEvent.objects.get(action=AuditEvent.Action.ANONYMISED).detail["reason"] == (
        f"data request #{data_request.pk}: Атасы сурады.")


def test_the_object_rule_and_the_list_agree_for_every_role(world):
    data_request = make_request(world)
    for role in ("girl", "guardian", "facilitator", "other_facilitator", "manager",
                 "partner", "editor", "admin", "lead"):
        user = world.user(role)
        listed = data_requests.answerable(user).filter(pk=data_request.pk).exists()
        assert listed == data_requests.may_answer(user, data_request), role
