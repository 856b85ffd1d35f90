"""Photos beside the names at the roll call: taken by the camp's facilitator, shown
only while the girl's photo consent stands, one at a time, hers to delete."""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from cms.core.models import Consent
from courses.models import ProjectPhoto
from tests.courses.helpers import give_consent, jpeg_with_gps

pytestmark = pytest.mark.django_db


def _upload(client, world):
    return client.post(
        reverse("camp:roll_call_photo", args=[world.camp_a.pk, world.girl_a.pk]),
        {"client_id": str(uuid.uuid4()),
         "photo": SimpleUploadedFile("face.jpg", jpeg_with_gps(300, 300), "image/jpeg")})


def _roll(client, world) -> str:
    return client.get(reverse("camp:roll_call", args=[world.camp_a.pk, 1])).content.decode()


def test_her_photo_stands_beside_her_name_while_consent_stands(world):
    client = Client()
    client.force_login(world.facilitator_a)
    # Without consent: no photo, no link to take one, and the page refuses.
    assert "roll-photo-link" not in _roll(client, world)
    assert _upload(client, world).status_code == 403
    assert not ProjectPhoto.objects.exists()
    give_consent(world.girl_a)
    assert reverse("camp:roll_call_photo", args=[world.camp_a.pk, world.girl_a.pk]) in _roll(
        client, world)
    assert _upload(client, world).status_code == 302
    first = ProjectPhoto.objects.get()
    assert first.kind == ProjectPhoto.Kind.ROLL_CALL
    html = _roll(client, world)
    assert f'class="roll-face" src="{reverse("courses:photo_file", args=[first.pk])}"' in html
    # A new photo replaces the old one; the showcase gallery never shows it.
    assert _upload(client, world).status_code == 302
    second = ProjectPhoto.objects.get()
    assert second.pk != first.pk
    gallery = client.get(reverse("camp:gallery", args=[world.camp_a.pk])).content.decode()
    assert reverse("courses:photo_file", args=[second.pk]) not in gallery
    # She sees it among her own photos, where she may delete it.
    girl = Client()
    girl.force_login(world.girl_a)
    assert reverse("courses:photo_delete", args=[second.pk]) in girl.get(
        reverse("courses:photos")).content.decode()
    # Consent withdrawn: the roll call shows her name alone.
    Consent.objects.filter(learner=world.girl_a, kind=Consent.Kind.ASSENT).update(
        withdrawn_on="2000-01-01")
    html = _roll(client, world)
    assert "roll-face" not in html and "Айгүл" in html


def test_nobody_else_takes_her_roll_call_photo(world):
    give_consent(world.girl_a)
    for user in (world.facilitator_b, world.manager, world.guardian_a, world.girl_a):
        client = Client()
        client.force_login(user)
        assert _upload(client, world).status_code in (403, 404), user
    assert not ProjectPhoto.objects.exists()


def test_a_file_that_is_not_a_photo_is_refused_in_words(world):
    give_consent(world.girl_a)
    client = Client()
    client.force_login(world.facilitator_a)
    response = client.post(
        reverse("camp:roll_call_photo", args=[world.camp_a.pk, world.girl_a.pk]),
        {"client_id": str(uuid.uuid4()),
         "photo": SimpleUploadedFile("face.jpg", b"not a picture", "image/jpeg")})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert not ProjectPhoto.objects.exists()
