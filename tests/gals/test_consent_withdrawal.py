"""Parents see what they agreed to (date, who recorded it) and withdraw it at once."""

from django.urls import reverse
from django.utils import timezone

from cms.core import consent
from cms.core.models import AuditEvent, Consent
from tests.shared_data import built_once
from tests.world import build_world, make_user


def world_with_photo_consent():
    w = build_world()
    for kind in Consent.Kind.values:
        consent.record_consent(w.girl_a, Consent.Scope.PHOTOS, kind, timezone.localdate(),
                               w.facilitator_a)
    return w


world_built = built_once(world_with_photo_consent)


def test_the_family_page_shows_each_consent_with_its_date_and_recorder(client, world):
    client.force_login(world.guardian_a)
    page = client.get("/ky/family/").content.decode()
    assert world.facilitator_a.display_name in page
    assert timezone.localdate().strftime("%d.%m.%Y") in page
    assert reverse("gals:withdraw_consent", args=[world.girl_a.pk]) in page
    # Each row is named by what the consent is for, not by who gave it.
    assert '<th scope="row">Сүрөттөр</th>' in page


def test_a_withdrawal_takes_effect_at_once_and_the_facilitator_sees_it(client, world):
    client.force_login(world.guardian_a)
    response = client.post(reverse("gals:withdraw_consent", args=[world.girl_a.pk]),
                           {"scope": "photos"})
    assert response.status_code == 302
    assert not consent.has_consent(world.girl_a, Consent.Scope.PHOTOS)
    assert AuditEvent.objects.filter(action=AuditEvent.Action.CONSENT,
                                     actor=world.guardian_a).exists()
    client.force_login(world.facilitator_a)
    page = client.get(reverse("camp:girl", args=[world.camp_a.pk, world.girl_a.pk]))
    assert "кайтарылып алынган" in page.content.decode()


def test_another_familys_guardian_cannot_withdraw(client, world):
    stranger = make_user("guardian-b", "guardian")
    client.force_login(stranger)
    response = client.post(reverse("gals:withdraw_consent", args=[world.girl_a.pk]),
                           {"scope": "photos"})
    assert response.status_code == 403
    assert consent.has_consent(world.girl_a, Consent.Scope.PHOTOS)
