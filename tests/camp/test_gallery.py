"""The camp's gallery for the showcase: every girl's build photos, for the camp's own
facilitator only, and only while a girl's photo consent stands."""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from camp.models import Enrolment
from cms.core.models import Consent
from courses import services
from tests.courses.helpers import give_consent, jpeg_with_gps
from tests.world import make_user

pytestmark = pytest.mark.django_db


def _photo(girl, caption):
    upload = SimpleUploadedFile("kit.jpg", jpeg_with_gps(200, 100), content_type="image/jpeg")
    photo, _created = services.add_photo(girl, upload, caption, uuid.uuid4())
    return photo


def test_the_gallery_shows_each_girls_photos_and_hides_withdrawn_consent(world):
    camp = world.camp_a
    second = make_user("girl-c", "learner", first_name="Бермет")
    Enrolment.objects.create(camp=camp, learner=second)
    give_consent(world.girl_a)
    give_consent(second)
    give_consent(world.girl_b)
    kept = _photo(world.girl_a, "Менин LED шамым")
    other = _photo(second, "Басылган үлгү")
    neighbour = _photo(world.girl_b, "Башка лагердин роботу")
    client = Client()
    client.force_login(world.facilitator_a)
    # Linked from the camp's page.
    gallery = reverse("camp:gallery", args=[camp.pk])
    assert gallery in client.get(reverse("camp:camp_detail", args=[camp.pk])).content.decode()
    html = client.get(gallery).content.decode()
    for photo in (kept, other):
        assert reverse("courses:photo_file", args=[photo.pk]) in html
        assert client.get(reverse("courses:photo_file", args=[photo.pk])).status_code == 200
    assert "Айгүл" in html and "Бермет" in html and "Менин LED шамым" in html
    assert reverse("courses:photo_file", args=[neighbour.pk]) not in html
    # Her guardian withdraws the photo consent: her photos leave the gallery at once.
    Consent.objects.filter(learner=second, scope=Consent.Scope.PHOTOS,
                           kind=Consent.Kind.GUARDIAN).update(withdrawn_on="2000-01-01")
    html = client.get(gallery).content.decode()
    assert reverse("courses:photo_file", args=[other.pk]) not in html
    assert "Бермет" not in html and "Айгүл" in html


@pytest.mark.parametrize("role", ["other_facilitator", "manager", "admin", "girl", "guardian"])
def test_nobody_but_the_camps_facilitator_opens_its_gallery(world, role):
    client = Client()
    client.force_login(world.user(role))
    assert client.get(reverse("camp:gallery", args=[world.camp_a.pk])).status_code == 403
