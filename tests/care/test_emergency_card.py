"""A girl's emergency card: a contact (her family's, or entered) and, with the
guardian's consent, health facts; seen by her camp's facilitators and the lead only,
every view audited, shown privately on the day plan, erased with her data."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from camp.care.models import EmergencyCard
from camp.models import CampDay
from cms.core import consent
from cms.core.models import AuditEvent, Consent
from tests.shared_data import built_once
from tests.world import build_world

NOTE = "Ингаляторун сумкасында алып жүрөт."


def world_with_a_guardians_phone():
    w = build_world()
    w.guardian_a.phone = "+996700123456"
    w.guardian_a.save()
    return w


world_built = built_once(world_with_a_guardians_phone)


def card_url(w):
    return reverse("care:card", args=[w.camp_a.pk, w.girl_a.pk])


def give_health_consent(w):
    consent.record_consent(w.girl_a, Consent.Scope.HEALTH, Consent.Kind.GUARDIAN,
                           timezone.localdate(), w.facilitator_a)


def save(client, w, **fields):
    client.force_login(w.facilitator_a)
    data = {"guardian": "0", "contact_name": "", "contact_phone": "",
            "health": ["asthma"], "health_note": NOTE}
    data.update(fields)
    return client.post(card_url(w), data)


def test_health_facts_need_the_guardians_consent(client, world):
    with translation.override("ky"):
        response = save(client, world)
    assert response.status_code == 400
    assert "ден соолук" in response.content.decode().lower()
    assert not EmergencyCard.objects.exclude(health=[]).exists()
    # The contact alone is kept without it.
    assert save(client, world, health=[], health_note="").status_code == 302
    card = EmergencyCard.objects.get(learner=world.girl_a)
    assert card.contact_phone == "+996700123456" and "Жаңыл" in card.contact_name


def test_the_facilitator_keeps_the_card_from_the_girls_page(client, world):
    give_health_consent(world)
    client.force_login(world.facilitator_a)
    girl_page = client.get(reverse("camp:girl", args=[world.camp_a.pk, world.girl_a.pk]))
    assert f'href="{card_url(world)}"' in girl_page.content.decode()
    assert save(client, world).status_code == 302
    page = client.get(card_url(world)).content.decode()
    assert NOTE in page and "астма" in page and "+996700123456" in page
    card = EmergencyCard.objects.get(learner=world.girl_a)
    views = AuditEvent.objects.filter(subject_type="care.emergencycard",
                                      subject_id=str(card.pk), action=AuditEvent.Action.VIEWED)
    assert views.count() >= 1 and all(NOTE not in str(e.detail) for e in views)
    # The lead reads it too.
    client.force_login(world.lead)
    assert NOTE in client.get(card_url(world)).content.decode()


def test_a_withdrawn_consent_hides_the_health_facts_at_once(client, world):
    give_health_consent(world)
    save(client, world)
    consent.withdraw_consent(world.girl_a, Consent.Scope.HEALTH, Consent.Kind.GUARDIAN,
                             world.facilitator_a)
    page = client.get(card_url(world)).content.decode()
    assert NOTE not in page and "+996700123456" in page
    day = reverse("care:day_needs", args=[world.camp_a.pk, 1])
    assert world.girl_a.display_name not in client.get(day).content.decode()


def test_the_day_plan_shows_who_needs_what_on_a_soldering_day(client, world):
    give_health_consent(world)
    save(client, world)
    client.force_login(world.facilitator_a)
    teach = client.get("/ky/teach/").content.decode()
    day_url = reverse("care:day_needs", args=[world.camp_a.pk, 1])
    assert f'href="{day_url}"' in teach and NOTE not in teach  # the plan keeps no details
    response = client.get(day_url)
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert world.girl_a.display_name in page and NOTE in page
    assert "Кепшерлөө күнү" in page  # soldering day: the fume fan, the inhaler
    assert AuditEvent.objects.filter(subject_type="care.emergencycard",
                                     action=AuditEvent.Action.VIEWED, detail__day=1).exists()


@pytest.mark.parametrize("role", ["other_facilitator", "manager", "partner", "guardian",
                                  "editor", "girl", "admin"])
def test_others_are_refused_and_the_attempt_is_audited(client, world, role):
    give_health_consent(world)
    save(client, world)
    client.force_login(world.user(role))
    with translation.override("ky"):
        response = client.get(card_url(world))
    assert response.status_code == 403 and NOTE not in response.content.decode()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.REFUSED,
                                     actor=world.user(role)).exists()
    day = client.get(reverse("care:day_needs", args=[world.camp_a.pk, 1]))
    assert day.status_code == 403


def test_the_retention_job_erases_the_card(client, world):
    give_health_consent(world)
    save(client, world)
    long_ago = datetime.timedelta(days=3 * 365)
    for day in CampDay.objects.filter(camp__in=[world.camp_a, world.camp_b]):
        day.date -= long_ago
        day.save()
    world.camp_a.start_date -= long_ago
    world.camp_a.save()
    call_command("anonymise_expired")
    assert not EmergencyCard.objects.filter(learner=world.girl_a).exists()
