"""Every uploaded image passes through here: checked, shrunk and stripped of EXIF and GPS.

Girls photograph what they built and facilitators photograph GALS drawings on
phones that write the place and time into every JPEG. The platform promises to
keep no location, so no uploaded picture is stored as it arrived.

Use from any app (an app may import the kernel)::

    from cms.core.images import clean_image

    def clean_photo(self):                      # in a form
        return clean_image(self.cleaned_data["photo"])

``clean_image(file)`` returns a ``ContentFile`` (WebP by default, JPEG on request)
with a random name, ready for ``FileField.save()`` or a model field assignment, or
raises ``django.core.exceptions.ValidationError`` with a message in the user's
language. Wagtail's own images are cleaned by ``clean_wagtail_image`` (wired in
``cms.core.signals``), which keeps their format and size but drops the metadata.
"""

from __future__ import annotations

import uuid
import warnings
from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

#: Longest side, in pixels, of a stored upload: sharp on any phone, small to send.
MAX_SIDE = 1600
#: Largest accepted upload, in bytes (a 12-megapixel phone photo is about 4 MB).
MAX_BYTES = getattr(settings, "IMAGE_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
#: Largest accepted picture, in pixels; more is a decompression bomb, not a photo.
MAX_PIXELS = getattr(settings, "IMAGE_UPLOAD_MAX_PIXELS", 50_000_000)
#: What phones and computers produce; anything else is refused.
ACCEPTED_FORMATS = {"JPEG", "MPO", "PNG", "WEBP", "GIF", "AVIF", "HEIF"}

try:  # Photos from iPhones arrive as HEIC; read them when the plug-in is installed.
    from pillow_heif import register_heif_opener

    register_heif_opener()
except ImportError:  # pragma: no cover - optional
    pass

MESSAGES = {
    "empty": _("The file is empty. Choose a photo and try again."),
    "too_big": _("The photo is too large. Choose one smaller than %(size)s MB."),
    "not_image": _("This file is not a photo. Choose a JPEG, PNG or WebP picture."),
    "too_many_pixels": _("The picture is too large to open. Take a smaller photo and try again."),
    "broken": _("The photo could not be read. It may be damaged; try another one."),
}


def _read(file) -> bytes:
    """The upload's bytes, refusing empty or oversized files before decoding anything."""
    size = getattr(file, "size", None)
    if size is not None and size > MAX_BYTES:
        raise ValidationError(
            MESSAGES["too_big"], code="too_big", params={"size": MAX_BYTES // (1024 * 1024)}
        )
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read(MAX_BYTES + 1)
    if not data:
        raise ValidationError(MESSAGES["empty"], code="empty")
    if len(data) > MAX_BYTES:
        raise ValidationError(
            MESSAGES["too_big"], code="too_big", params={"size": MAX_BYTES // (1024 * 1024)}
        )
    return data


def _open(data: bytes, max_side: int | None) -> Image.Image:
    """Decode the picture safely: header first, pixel budget, then the pixels."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(BytesIO(data))
            if image.format not in ACCEPTED_FORMATS:
                raise ValidationError(MESSAGES["not_image"], code="not_image")
            width, height = image.size
            if width < 1 or height < 1 or width * height > MAX_PIXELS:
                raise ValidationError(MESSAGES["too_many_pixels"], code="too_many_pixels")
            if max_side and image.format in ("JPEG", "MPO"):
                # Decode a JPEG at a reduced scale: far less memory for a big photo.
                image.draft("RGB", (max_side, max_side))
            image.seek(0)  # the first frame of an animation
            # WeasyPrint switches Pillow to accept truncated files when imported;
            # an upload cut off on a weak signal must be refused, not half-stored.
            lenient = ImageFile.LOAD_TRUNCATED_IMAGES
            ImageFile.LOAD_TRUNCATED_IMAGES = False
            try:
                image.load()
            finally:
                ImageFile.LOAD_TRUNCATED_IMAGES = lenient
        except ValidationError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise ValidationError(MESSAGES["too_many_pixels"], code="too_many_pixels") from error
        except UnidentifiedImageError as error:
            raise ValidationError(MESSAGES["not_image"], code="not_image") from error
        except (OSError, SyntaxError, ValueError, EOFError) as error:
            raise ValidationError(MESSAGES["broken"], code="broken") from error
    return image


def _without_metadata(image: Image.Image, output_format: str) -> Image.Image:
    """Turn the picture upright (by its EXIF orientation) and copy only its pixels."""
    image = ImageOps.exif_transpose(image)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    if output_format == "JPEG" or not has_alpha:
        mode = "RGB"
    else:
        mode = "RGBA"
    if image.mode != mode:
        image = image.convert(mode)
    # A fresh image holds pixels only: no EXIF, GPS, XMP, ICC comments or text chunks.
    clean = Image.new(mode, image.size)
    clean.paste(image)
    return clean


def _encode(image: Image.Image, output_format: str) -> bytes:
    buffer = BytesIO()
    if output_format == "WEBP":
        image.save(buffer, format="WEBP", quality=80, method=4)
    elif output_format == "JPEG":
        image.save(buffer, format="JPEG", quality=82, optimize=True, progressive=True)
    elif output_format == "PNG":
        image.save(buffer, format="PNG", optimize=True)
    else:
        image.save(buffer, format=output_format)
    return buffer.getvalue()


def clean_image(file, *, max_side: int = MAX_SIDE, output_format: str = "WEBP") -> ContentFile:
    """An uploaded image made safe to store: the only way our apps store a picture.

    Checks that ``file`` (an UploadedFile, File or binary file object) is a photo
    of a known format, no larger than ``MAX_BYTES`` and ``MAX_PIXELS`` (which
    refuses decompression bombs before their pixels are decoded); turns it
    upright; shrinks its longest side to ``max_side``; and re-encodes it as WebP
    (or ``output_format="JPEG"``) from its pixels alone, so no EXIF, GPS or other
    metadata survives. The name is random, so a file name ("Aigul_home.jpg")
    leaks nothing either.

    Raises ``ValidationError`` (codes ``empty``, ``too_big``, ``not_image``,
    ``too_many_pixels``, ``broken``) with a translated message; nothing is stored.
    """
    output_format = output_format.upper()
    if output_format not in ("WEBP", "JPEG"):
        raise ValueError("output_format must be WEBP or JPEG")
    image = _open(_read(file), max_side)
    image = _without_metadata(image, output_format)
    if max_side and max(image.size) > max_side:
        image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    extension = "webp" if output_format == "WEBP" else "jpg"
    return ContentFile(_encode(image, output_format), name=f"{uuid.uuid4().hex[:16]}.{extension}")


def check_image(file) -> None:
    """Refuse, with the same translated messages, a file ``strip_metadata`` could not read.

    For forms that store the original later: a refusal must come back as the form's
    message, before anything is saved, not as an error while the file is stored.
    """
    _open(_read(file), None)
    if hasattr(file, "seek"):
        file.seek(0)


def strip_metadata(file) -> ContentFile:
    """The same picture in the same size and format (where possible), without metadata.

    For Wagtail's images: editors choose their sizes and formats, renditions are
    made from the original, so only the EXIF and GPS go. Formats that cannot be
    written back become PNG (drawings, animations) or JPEG (photos).
    """
    data = _read(file)
    image = _open(data, None)
    source_format = image.format
    output_format = {
        "JPEG": "JPEG", "MPO": "JPEG", "HEIF": "JPEG", "PNG": "PNG", "WEBP": "WEBP",
        "AVIF": "AVIF", "GIF": "PNG",
    }[source_format]
    image = _without_metadata(image, "JPEG" if output_format == "JPEG" else "PNG")
    extension = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "AVIF": "avif"}[output_format]
    return ContentFile(_encode(image, output_format), name=f"image.{extension}")


def has_metadata(data: bytes) -> bool:
    """True when the picture carries EXIF, XMP or a text comment (used by tests and checks)."""
    image = Image.open(BytesIO(data))
    return bool(
        image.getexif()
        or image.info.get("exif")
        or image.info.get("xmp")
        or image.info.get("XML:com.adobe.xmp")
        or image.info.get("comment")
    )
