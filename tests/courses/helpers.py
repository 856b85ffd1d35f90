"""Test helpers for the learning record: consent, photos made by code, posts."""

import uuid
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from cms.core.models import Consent
from courses.models import ProjectPhoto
from courses.services import add_photo


def give_consent(learner, scope=Consent.Scope.PHOTOS):
    for kind in (Consent.Kind.GUARDIAN, Consent.Kind.ASSENT):
        Consent.objects.get_or_create(
            learner=learner, scope=scope, kind=kind,
            defaults={"given_on": timezone.localdate()},
        )


def jpeg_with_gps(width=2400, height=1800) -> bytes:
    """A phone-like JPEG whose EXIF names a camera and a place."""
    image = Image.new("RGB", (width, height), (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Model X"  # Model
    gps = {1: "N", 2: (42.0, 31.0, 0.0), 3: "E", 4: (72.0, 14.0, 0.0)}
    exif[0x8825] = gps
    buffer = BytesIO()
    image.save(buffer, format="JPEG", exif=exif, quality=70)
    return buffer.getvalue()


def upload(data: bytes, name="kit.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def photo_of(learner, caption="Менин LED шамым") -> ProjectPhoto:
    """A photo of ``learner`` (with the consent it needs), made once."""
    existing = ProjectPhoto.objects.filter(learner=learner).first()
    if existing:
        return existing
    give_consent(learner)
    photo, _created = add_photo(
        learner, upload(jpeg_with_gps(320, 240)), caption, uuid.uuid4()
    )
    return photo


def make_survey_items():
    """Four statements in Kyrgyz and Russian: one reverse-scored, one yes/no, one looked back on."""
    from wagtail.models import Locale

    from courses.models import SurveyItem

    ky = Locale.objects.get(language_code="ky")
    ru = Locale.objects.get_or_create(language_code="ru")[0]
    rows = [
        ("maths", "likert", False, True,
         "Математиканы жакшы түшүнөм.", "Я хорошо понимаю математику."),
        ("maths", "likert", True, False,
         "Математика мен үчүн өтө кыйын.", "Математика для меня слишком трудна."),
        ("engineering", "likert", False, True,
         "Бир нерсени өзүм кура алам.", "Я могу сама что-то собрать."),
        ("role_model", "yes_no", False, False,
         "STEMде иштеген аялды билесиңби?", "Знаешь ли ты женщину в STEM?"),
    ]
    items = []
    for order, (area, kind, reverse, retro, text_ky, text_ru) in enumerate(rows):
        item = SurveyItem.objects.create(
            locale=ky, text=text_ky, area=area, kind=kind, reverse_scored=reverse,
            in_retrospective=retro, sort_order=order,
        )
        SurveyItem.objects.create(
            locale=ru, translation_key=item.translation_key, text=text_ru, area=area, kind=kind,
            reverse_scored=reverse, in_retrospective=retro, sort_order=order,
        )
        items.append(item)
    return items


def survey_answers(items, values, before=None):
    """Form data: ``values`` (and ``before`` for post) in the order of ``items``."""
    pairs = zip(items, values, strict=True)
    data = {f"item-{item.translation_key}": str(value) for item, value in pairs}
    for item, value in zip(items[: len(before or [])], before or [], strict=True):
        if value is not None:
            data[f"before-{item.translation_key}"] = str(value)
    return data
