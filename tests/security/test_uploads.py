"""Uploads fuzzed: random bytes, names and sizes never cause a 500 and never store a
file that is not a picture.

``cms.core.images.clean_image`` is the one door every photo of ours goes through, and
Wagtail's own images are cleaned on save (``cms.core.signals``); both are fuzzed here,
the second through the admin's upload form. After each run every stored file of
every image field of the project's models must open as a picture, whichever app
added the field.
"""

import io
import random
import re

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import FileField
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from PIL import Image as PILImage
from wagtail.images import get_image_model

from cms.core.images import clean_image
from cms.core.models import User

PROJECT_APPS = {"cms", "courses", "camp", "gals"}
IMAGE_FIELD_NAMES = {"image", "photo", "picture", "drawing"}


def picture(kind: str, width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    mode = "RGBA" if kind == "PNG" else "RGB"
    PILImage.new(mode, (width, height), (200, 30, 90)).save(buffer, format=kind)
    return buffer.getvalue()


def mangle(data: bytes, seed: int) -> bytes:
    """A picture damaged the ways uploads get damaged: cut short, bytes flipped."""
    rng = random.Random(seed)
    data = bytearray(data)
    if rng.random() < 0.5:
        data = data[: rng.randrange(1, len(data))]
    for _ in range(rng.randrange(1, 8)):
        data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


HOSTILE = [
    b"GIF89a<script>alert(1)</script>",
    b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
    b"<html><script>alert(1)</script></html>",
    b"%PDF-1.4\n1 0 obj<<>>endobj\n",
    b"MZ\x90\x00\x03" + bytes(200),
    b"\x89PNG\r\n\x1a\n" + bytes(40),
    b"\xff\xd8\xff\xe0" + bytes(40),
    b"RIFF\x00\x00\x00\x00WEBPVP8 ",
    b"",
]

uploads = st.one_of(
    st.binary(min_size=0, max_size=4096),
    st.sampled_from(HOSTILE),
    st.builds(picture, st.sampled_from(["PNG", "JPEG", "WEBP", "GIF", "BMP", "TIFF"]),
              st.integers(1, 300), st.integers(1, 300)),
    st.builds(mangle, st.builds(picture, st.sampled_from(["PNG", "JPEG", "WEBP"]),
                                st.integers(8, 120), st.integers(8, 120)),
              st.integers(0, 10_000)),
)
names = st.one_of(
    st.text(min_size=0, max_size=60),
    st.builds(lambda stem, ext: f"{stem}.{ext}", st.text(min_size=0, max_size=20),
              st.sampled_from(["jpg", "png", "webp", "svg", "html", "exe", "php", "jpg.exe",
                               "JPG", "gif", "pdf", ""])),
)


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    """A browser's upload. Names a browser cannot send (a path, "..") become "upload":
    Django's upload handler would strip them the same way. So do names with no printable
    character (only control characters, or code points Unicode has not assigned), which
    no file manager makes: Django's multipart parser drops such a part without reading it
    and, when the file is over 1 KB, answers 400 for the rest of the body."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].replace("\x00", "")
    printable = "".join(char for char in base if char.isprintable())
    return SimpleUploadedFile(base if printable.strip(". ") else "upload", data)


def is_picture(data: bytes) -> bool:
    try:
        with PILImage.open(io.BytesIO(data)) as image:
            image.verify()
        return True
    except Exception:
        return False


def stored_files_are_pictures() -> list[str]:
    """Every file kept by an image-like file field of the project's models."""
    bad = []
    models = [get_image_model()] + [
        m for m in apps.get_models() if m._meta.app_label in PROJECT_APPS
    ]
    for model in models:
        fields = [f for f in model._meta.get_fields()
                  if isinstance(f, FileField) and (f.name in IMAGE_FIELD_NAMES
                                                   or model is get_image_model())]
        for field in fields:
            if field.name != "file" and model is get_image_model():
                continue
            for name in model.objects.values_list(field.name, flat=True):
                if not name:
                    continue
                with field.storage.open(name, "rb") as stored:
                    if not is_picture(stored.read()):
                        bad.append(f"{model.__name__}.{field.name}: {name}")
    return bad


@settings(max_examples=150, deadline=None)
@given(data=uploads, name=names)
def test_clean_image_returns_a_picture_or_a_clear_refusal(data, name):
    uploaded = upload(name, data)
    try:
        cleaned = clean_image(uploaded)
    except ValidationError as error:
        assert error.messages and all(message.strip() for message in error.messages)
        return
    stored = cleaned.read()
    assert is_picture(stored)
    assert PILImage.open(io.BytesIO(stored)).format == "WEBP"
    assert re.fullmatch(r"[0-9a-f]{16}\.webp", cleaned.name)  # a random name, not hers


def test_a_real_photo_passes_and_a_script_does_not():
    assert is_picture(clean_image(SimpleUploadedFile("a.jpg", picture("JPEG", 640, 480))).read())
    for hostile in HOSTILE:
        with pytest.raises(ValidationError):
            clean_image(SimpleUploadedFile("a.jpg", hostile))


#: A 1x1 JPEG whose scan is empty: its header reads, its pixels do not.
EMPTY_SCAN_JPEG = b"\xff\xd8\xff\xc0\x00\x08\x08\x00\x01\x00\x01\x01\xff\xda\x00\x00"


@pytest.fixture
def editor_client(client, db):
    # A web process that has made a PDF has WeasyPrint loaded, which switches Pillow to
    # accept truncated files for the whole process: the uploads must be refused anyway.
    import weasyprint  # noqa: F401

    client.force_login(User.objects.create_superuser("root", "root@example.org", "pw-123456"))
    return client


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=uploads, name=names)
@example(data=EMPTY_SCAN_JPEG, name="0.JPG")
@example(data=picture("BMP", 137, 161), name="\x1f")
def test_the_admin_image_upload_never_fails_and_keeps_only_pictures(editor_client, data, name):
    Image = get_image_model()
    before = Image.objects.count()
    response = editor_client.post("/admin/images/add/", {
        "title": "fuzz", "file": upload(name, data),
    })
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 200:  # the form came back with a message
        assert Image.objects.count() == before
    else:
        assert Image.objects.count() == before + 1
    assert stored_files_are_pictures() == []


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=uploads, name=names)
@example(data=EMPTY_SCAN_JPEG, name="0.JPG")
def test_the_admin_multiple_upload_never_fails_and_keeps_only_pictures(editor_client, data,
                                                                        name):
    response = editor_client.post("/admin/images/multiple/add/", {
        "files[]": upload(name, data),
    }, headers={"x-requested-with": "XMLHttpRequest"})
    assert response.status_code in (200, 400), response.status_code
    assert stored_files_are_pictures() == []
