""""Сен жалгыз эмессиң" / "Ты не одна": a girl asks for help. The page leaves no copy
on a shared phone, has a quick exit, and her message reaches the lead only (her
facilitator only if she chooses; her family never)."""

import json
import re
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from camp.care.models import HelpRequest
from cms.core.models import AuditEvent

MESSAGE = "Үйдө мени уруп жатышат."


def send(client, w, **fields):
    client.force_login(w.girl_a)
    data = {"message": MESSAGE, "client_id": str(uuid.uuid4())}
    data.update(fields)
    return client.post("/ky/learn/help/", data)


def test_the_girls_home_leads_to_the_help_page_in_both_languages(client, world):
    client.force_login(world.girl_a)
    assert 'href="/ky/learn/help/"' in client.get("/ky/learn/").content.decode()
    page = client.get("/ky/learn/help/")
    html = page.content.decode()
    assert "Сен жалгыз эмессиң" in html and 'href="tel:111"' in html
    with translation.override("ru"):
        assert "Ты не одна" in client.get("/ru/learn/help/").content.decode()


def test_the_page_leaves_no_copy_and_has_a_quick_exit(client, world):
    client.force_login(world.girl_a)
    response = client.get("/ky/learn/help/")
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert re.search(r'href="/ky/"\s+data-quick-exit', html) and "js/quick-exit" in html
    script = (Path(settings.BASE_DIR) / "static/js/quick-exit.js").read_text()
    assert "location.replace(link.href)" in script
    # The service worker is told never to answer or keep it.
    worker = client.get("/sw.js").content.decode()
    config = json.loads(worker.split("var CONFIG = ", 1)[1].split(";\n", 1)[0])
    assert "/ky/learn/help/" in config["neverKept"] and "/ru/learn/help/" in config["neverKept"]
    assert "CONFIG.neverKept.some" in worker and "no-store" in worker


@override_settings(CHILD_HELPLINE="1234")
def test_the_helpline_number_is_a_setting(client, world):
    client.force_login(world.girl_a)
    assert 'href="tel:1234"' in client.get("/ky/learn/help/").content.decode()


def test_an_empty_request_is_refused_kindly_and_nothing_is_kept(client, world):
    response = send(client, world, message="   ")
    assert response.status_code == 400
    assert "Бир нече сөз жаз, бир сап" in response.content.decode()
    assert not HelpRequest.objects.exists()


def test_it_reaches_the_lead_and_not_her_facilitator_unless_she_chooses(client, world):
    response = send(client, world)
    assert response.status_code == 302
    asked = HelpRequest.objects.get()
    client.force_login(world.lead)
    assert reverse("care:help_request", args=[asked.pk]) in client.get("/ky/care/").content.decode()
    assert MESSAGE in client.get(reverse("care:help_request", args=[asked.pk])).content.decode()
    client.force_login(world.facilitator_a)
    assert client.get(reverse("care:help_request", args=[asked.pk])).status_code == 403
    asked.share_with_facilitator = True
    asked.save()
    page = client.get(reverse("care:help_request", args=[asked.pk])).content.decode()
    assert MESSAGE in page
    assert reverse("care:help_request", args=[asked.pk]) in client.get(
        reverse("care:my_concerns")).content.decode()
    # The log names the request by number and never says who asked.
    created = AuditEvent.objects.get(subject_type="care.helprequest",
                                     action=AuditEvent.Action.CREATED)
    assert created.actor is None and MESSAGE not in str(created.detail)


@pytest.mark.parametrize("role", ["guardian", "other_facilitator", "manager", "partner",
                                  "editor", "other_girl", "admin"])
def test_her_family_and_others_never_read_it_and_the_attempt_is_audited(client, world, role):
    asked = HelpRequest.objects.create(learner=world.girl_a, message=MESSAGE,
                                       share_with_facilitator=True)
    client.force_login(world.user(role))
    response = client.get(reverse("care:help_request", args=[asked.pk]))
    assert response.status_code == 403 and MESSAGE not in response.content.decode()
    assert AuditEvent.objects.filter(subject_type="care.helprequest", subject_id=str(asked.pk),
                                     action=AuditEvent.Action.REFUSED,
                                     actor=world.user(role)).exists()


def test_a_retry_of_the_same_request_counts_once(client, world):
    client_id = str(uuid.uuid4())
    send(client, world, client_id=client_id)
    send(client, world, client_id=client_id)
    assert HelpRequest.objects.count() == 1


def test_the_lead_marks_it_answered(client, world):
    asked = HelpRequest.objects.create(learner=world.girl_a, message=MESSAGE)
    client.force_login(world.lead)
    client.post(reverse("care:help_request", args=[asked.pk]))
    asked.refresh_from_db()
    assert asked.status == HelpRequest.Status.ANSWERED and asked.answered_by == world.lead
    assert reverse("care:help_request", args=[asked.pk]) not in client.get(
        "/ky/care/").content.decode()
