"""Every uploaded picture is stored without EXIF or GPS, shrunk, or refused clearly."""

from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image as PILImage

from cms.core import images
from cms.core.images import clean_image, has_metadata
from tests.cms.images_helpers import GPS_IFD, exif_of, photo_with_gps


def upload(data: bytes, name="IMG_Aigul_home.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_the_helper_photo_really_carries_gps():
    exif, _info = exif_of(photo_with_gps())
    assert exif.get_ifd(GPS_IFD)[2] == (42.0, 30.0, 0.0)


def test_a_phone_photo_is_stored_without_exif_shrunk_and_as_webp():
    cleaned = clean_image(upload(photo_with_gps(4000, 3000)))
    data = cleaned.read()
    stored = PILImage.open(BytesIO(data))
    assert stored.format == "WEBP"
    assert max(stored.size) == 1600 and stored.size == (1600, 1200)
    assert not stored.getexif()
    assert "exif" not in stored.info and "xmp" not in stored.info
    assert not has_metadata(data)
    # The name is random: nothing of "Aigul" or "home" stays.
    assert "Aigul" not in cleaned.name and cleaned.name.endswith(".webp")


def test_jpeg_output_on_request_also_has_no_exif():
    cleaned = clean_image(upload(photo_with_gps(800, 600)), output_format="JPEG")
    stored = PILImage.open(BytesIO(cleaned.read()))
    assert stored.format == "JPEG" and stored.size == (800, 600)
    assert not stored.getexif() and "exif" not in stored.info


def test_a_sideways_photo_is_turned_upright_before_its_tags_go():
    # Orientation 6: the camera was turned; the viewer must rotate 90° clockwise.
    cleaned = clean_image(upload(photo_with_gps(400, 200, orientation=6)))
    stored = PILImage.open(BytesIO(cleaned.read()))
    assert stored.size == (200, 400)
    # The blue corner marker moved from top-left to top-right.
    red, green, blue = stored.convert("RGB").getpixel((190, 5))
    assert blue > 200 and red < 60


def test_a_transparent_png_keeps_its_transparency():
    buffer = BytesIO()
    PILImage.new("RGBA", (300, 100), (0, 0, 0, 0)).save(buffer, format="PNG")
    stored = PILImage.open(BytesIO(clean_image(upload(buffer.getvalue(), "a.png")).read()))
    assert stored.mode == "RGBA" and stored.getpixel((5, 5))[3] == 0


def test_text_is_refused_in_kyrgyz_and_russian():
    with translation.override("ky"), pytest.raises(ValidationError) as error:
        clean_image(upload(b"hello, this is not a picture", "photo.jpg"))
    assert error.value.code == "not_image"
    with translation.override("ky"):
        assert "сүрөт эмес" in error.value.messages[0]
    with translation.override("ru"):
        assert "не фотография" in error.value.messages[0]


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError) as error:
        clean_image(upload(b"", "empty.jpg"))
    assert error.value.code == "empty"


def test_a_file_over_the_size_limit_is_refused_before_decoding(monkeypatch):
    monkeypatch.setattr(images, "MAX_BYTES", 1000)
    with pytest.raises(ValidationError) as error:
        clean_image(upload(photo_with_gps(600, 600)))
    assert error.value.code == "too_big"


def test_a_decompression_bomb_is_refused():
    # A tiny PNG that claims 20000 x 20000 pixels: 400 megapixels to decode.
    buffer = BytesIO()
    PILImage.new("1", (20000, 20000)).save(buffer, format="PNG")
    assert len(buffer.getvalue()) < 200_000
    with pytest.raises(ValidationError) as error:
        clean_image(upload(buffer.getvalue(), "bomb.png"))
    assert error.value.code == "too_many_pixels"


def test_a_truncated_photo_is_refused_as_damaged():
    data = photo_with_gps(800, 600)
    with pytest.raises(ValidationError) as error:
        clean_image(upload(data[: len(data) // 3]))
    assert error.value.code == "broken"


def test_an_svg_or_other_format_is_refused():
    buffer = BytesIO()
    PILImage.new("RGB", (10, 10)).save(buffer, format="BMP")
    with pytest.raises(ValidationError) as error:
        clean_image(upload(buffer.getvalue(), "x.bmp"))
    assert error.value.code == "not_image"
