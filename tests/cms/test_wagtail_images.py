"""Wagtail's images lose EXIF and GPS too, whichever way an editor uploads them."""

from io import BytesIO

import pytest
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model

from tests.cms.images_helpers import photo_with_gps

pytestmark = pytest.mark.django_db


def stored(image):
    image.refresh_from_db()
    with image.file.storage.open(image.file.name, "rb") as handle:
        data = handle.read()
    return PILImage.open(BytesIO(data)), data


def test_an_image_saved_from_a_file_is_stored_without_exif():
    Image = get_image_model()
    image = Image(title="kit")
    image.file = ImageFile(BytesIO(photo_with_gps(800, 600)), name="kit.jpg")
    image.save()
    picture, data = stored(image)
    assert picture.format == "JPEG" and picture.size == (800, 600)
    assert not picture.getexif() and "exif" not in picture.info
    assert (image.width, image.height) == (800, 600)
    assert image.file_size == len(data)


def test_the_admin_multiple_upload_stores_no_exif(client):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("boss", "b@example.org", "x-Pass-123")
    client.force_login(admin)
    upload = SimpleUploadedFile("IMG_1.jpg", photo_with_gps(1200, 900), "image/jpeg")
    response = client.post(reverse("wagtailimages:add_multiple"), {"files[]": upload})
    assert response.status_code == 200 and response.json()["success"], response.content
    image = get_image_model().objects.get()
    picture, data = stored(image)
    assert not picture.getexif() and "exif" not in picture.info
    assert image.file_size == len(data)
    # The original with its GPS tags is not left behind in storage.
    folder = image.file.storage.listdir("original_images")[1]
    assert [name for name in folder if name.startswith("IMG_1")] == [
        image.file.name.rsplit("/", 1)[1]
    ]


def test_an_image_saved_again_is_not_re_encoded():
    Image = get_image_model()
    image = Image(title="kit")
    image.file = ImageFile(BytesIO(photo_with_gps(300, 200)), name="again.jpg")
    image.save()
    name = image.file.name
    image.title = "kit 2"
    image.save()
    assert image.file.name == name
