"""Photos of what she built: cleaned, private, and only with consent.

What is tested for uploads: a phone JPEG with GPS and camera EXIF is stored as WebP,
at most 1600 px, with no EXIF (read back with Pillow); a text file named .jpg, an
oversized file, a truncated JPEG and a decompression bomb are each refused with a
message and store nothing; no consent stores nothing; the same client UUID twice
stores one photo; the file is outside the public media folder and is served only
through the permission-checked view.
"""

import os
import uuid
from io import BytesIO
from pathlib import Path

import pytest
import weasyprint  # noqa: F401  (on import it lets Pillow load truncated files)
from django.conf import settings
from django.urls import reverse
from PIL import Image

from courses.models import ProjectPhoto
from courses.storage import private_media_root
from tests.courses.helpers import give_consent, jpeg_with_gps, upload


@pytest.fixture
def girl(client, world):
    give_consent(world.girl_a)
    client.force_login(world.girl_a)
    return world.girl_a


def post_photo(client, data, caption="Менин LED шамым", client_id=None, **extra):
    return client.post(
        reverse("courses:photos"),
        {"photo": upload(data), "caption": caption, "client_id": client_id or str(uuid.uuid4()),
         **extra},
    )


def test_a_phone_photo_is_stored_small_as_webp_without_exif_or_gps(client, girl):
    original = jpeg_with_gps(2400, 1800)
    assert Image.open(BytesIO(original)).getexif()  # the upload carries EXIF and GPS
    response = post_photo(client, original)
    assert response.status_code == 302
    photo = ProjectPhoto.objects.get()
    with photo.image.open("rb") as stored:
        data = stored.read()
    picture = Image.open(BytesIO(data))
    assert picture.format == "WEBP"
    assert max(picture.size) == 1600 and (photo.width, photo.height) == picture.size
    assert not picture.getexif() and "exif" not in picture.info
    assert b"PhoneMaker" not in data


def test_photos_are_not_under_the_public_media_folder_and_are_served_by_the_view(client, girl):
    post_photo(client, jpeg_with_gps(400, 300))
    photo = ProjectPhoto.objects.get()
    path = Path(photo.image.path)
    assert private_media_root() in path.parents
    assert Path(settings.MEDIA_ROOT) not in path.parents
    response = client.get(reverse("courses:photo_file", args=[photo.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/webp"
    assert "private" in response["Cache-Control"]
    assert client.get(f"{settings.MEDIA_URL}{photo.image.name}").status_code == 404


def oversized() -> bytes:
    return b"\xff\xd8\xff\xe0" + os.urandom(11 * 1024 * 1024)


def truncated_jpeg() -> bytes:
    return jpeg_with_gps(800, 600)[:1500]


def bomb() -> bytes:
    """A tiny PNG that claims 30 000 x 30 000 pixels."""
    buffer = BytesIO()
    Image.new("1", (30_000, 30_000)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data, words",
    [
        (b"just some text, not a picture", "сүрөт эмес"),
        (oversized(), "өтө чоң"),
        (truncated_jpeg(), "бузулган"),
        (bomb(), "өтө чоң"),
    ],
    ids=["not-an-image", "oversized", "corrupt", "decompression-bomb"],
)
def test_bad_uploads_are_refused_with_a_message_and_nothing_is_stored(client, girl, data, words):
    before = set(private_media_root().rglob("*")) if private_media_root().exists() else set()
    response = post_photo(client, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'role="alert"' in page
    assert words in page.lower()
    assert not ProjectPhoto.objects.exists()
    after = set(private_media_root().rglob("*")) if private_media_root().exists() else set()
    assert {p for p in after - before if p.is_file()} == set()


def test_an_empty_caption_is_refused(client, girl):
    assert post_photo(client, jpeg_with_gps(200, 100), caption="  ").status_code == 400
    assert not ProjectPhoto.objects.exists()


def test_the_same_upload_sent_twice_is_kept_once(client, girl):
    client_id = str(uuid.uuid4())
    post_photo(client, jpeg_with_gps(200, 100), client_id=client_id)
    post_photo(client, jpeg_with_gps(200, 100), client_id=client_id)
    assert ProjectPhoto.objects.count() == 1


def test_without_photo_consent_nothing_is_stored_and_she_is_told_why(client, world):
    client.force_login(world.girl_a)
    response = post_photo(client, jpeg_with_gps(200, 100))
    assert response.status_code == 400
    assert "макул" in response.content.decode()
    assert not ProjectPhoto.objects.exists()


def test_a_photo_from_a_lesson_goes_back_to_the_lesson(client, world, girl):
    lesson = world.curriculum["lessons"]["ky"][0]
    response = post_photo(client, jpeg_with_gps(200, 100), lesson=str(lesson.translation_key))
    assert response["Location"].endswith(lesson.url + "#photos")
    photo = ProjectPhoto.objects.get()
    assert photo.lesson_key == lesson.translation_key
    assert reverse("courses:photo_file", args=[photo.pk]) in client.get(lesson.url).content.decode()


def test_when_consent_is_withdrawn_nobody_sees_the_photos(client, world, girl):
    post_photo(client, jpeg_with_gps(200, 100))
    photo = ProjectPhoto.objects.get()
    from cms.core.models import Consent

    Consent.objects.filter(learner=girl, kind=Consent.Kind.GUARDIAN).update(
        withdrawn_on="2000-01-01"
    )
    client.force_login(world.guardian_a)
    assert client.get(reverse("courses:photo_file", args=[photo.pk])).status_code == 403


def test_her_export_holds_her_photo_and_anonymising_removes_it(client, world, girl):
    from cms.core.personal_data import anonymise_girl, export_girl

    post_photo(client, jpeg_with_gps(200, 100))
    photo = ProjectPhoto.objects.get()
    name = photo.image.name
    archive = export_girl(girl, world.facilitator_a, reason="her mother asked")
    import zipfile

    names = zipfile.ZipFile(BytesIO(archive)).namelist()
    assert any(n.endswith(f"photo-{photo.pk}.webp") for n in names)
    anonymise_girl(girl, world.facilitator_a, reason="her mother asked")
    assert not ProjectPhoto.objects.exists()
    assert not photo.image.storage.exists(name)
