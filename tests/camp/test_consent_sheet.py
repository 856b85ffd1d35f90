"""The camp's consent sheet: a class's consent and assent ticked and saved once."""

import datetime

from django.urls import reverse
from django.utils import timezone

from camp.enrolment import enrol
from cms.core.consent import has_consent, record_consent
from cms.core.models import AuditEvent, Consent
from tests.camp.factories import make_girl

SCOPES = Consent.Scope.values
BOXES = 2 * len(SCOPES)  # a guardian's consent and the girl's own assent for each


def sheet_url(world):
    return reverse("camp:consent_sheet", args=[world.camp_a.pk])


def test_a_class_consent_is_ticked_and_saved_once(client, world):
    girls = [world.girl_a] + [make_girl(name) for name in ("nurzat2", "bermet")]
    for girl in girls[1:]:
        enrol(world.camp_a, girl, world.facilitator_a)
    record_consent(girls[0], "photos", "guardian", timezone.localdate(), world.facilitator_a)
    client.force_login(world.facilitator_a)
    html = client.get(sheet_url(world)).content.decode()
    for girl in girls:  # one row per girl, a box for each scope and signer
        assert html.count(f'name="tick-{girl.pk}-') == (BOXES if girl != girls[0] else BOXES - 1)
    signed = (timezone.localdate() - datetime.timedelta(days=2)).isoformat()
    ticks = {f"tick-{girl.pk}-{scope}:{kind}": "on" for girl in girls
             for scope in SCOPES for kind in ("guardian", "assent")}
    response = client.post(sheet_url(world), {**ticks, "given_on": signed})
    assert response.status_code == 302
    assert Consent.objects.filter(learner__in=girls).count() == 3 * BOXES
    assert all(has_consent(girl, scope) for girl in girls for scope in SCOPES)
    # The consent already on record keeps its date; every new one is audited.
    assert Consent.objects.get(learner=girls[0], scope="photos", kind="guardian").given_on \
        == timezone.localdate()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.CONSENT).count() == 3 * BOXES
    assert 'name="tick-' not in client.get(sheet_url(world)).content.decode()


def test_a_girl_of_another_camp_or_a_future_date_changes_nothing(client, world):
    client.force_login(world.facilitator_a)
    future = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = client.post(sheet_url(world), {f"tick-{world.girl_a.pk}-photos:guardian": "on",
                                              "given_on": future})
    assert response.status_code == 400
    response = client.post(sheet_url(world), {
        f"tick-{world.girl_a.pk}-photos:guardian": "on",
        f"tick-{world.girl_b.pk}-photos:guardian": "on",
        "given_on": timezone.localdate().isoformat()})
    assert response.status_code == 400
    assert not Consent.objects.exists()


def test_only_the_camps_facilitator_opens_it(client, world):
    client.force_login(world.facilitator_b)
    assert client.get(sheet_url(world)).status_code in (403, 404)


def test_her_page_records_every_scope_and_signer_at_once(client, world):
    client.force_login(world.facilitator_a)
    url = reverse("camp:girl", args=[world.camp_a.pk, world.girl_a.pk])
    html = client.get(url).content.decode()
    assert html.count(f'name="tick-{world.girl_a.pk}-') == BOXES  # every scope x 2 signers
    ticks = {f"tick-{world.girl_a.pk}-{scope}:{kind}": "on"
             for scope in SCOPES for kind in ("guardian", "assent")}
    response = client.post(reverse("camp:consent", args=[world.camp_a.pk, world.girl_a.pk]),
                           {**ticks, "given_on": timezone.localdate().isoformat()})
    assert response.status_code == 302 and response["Location"] == url
    assert all(has_consent(world.girl_a, scope) for scope in SCOPES)
    assert f'name="tick-{world.girl_a.pk}-' not in client.get(url).content.decode()
