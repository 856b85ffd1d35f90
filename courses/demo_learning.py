"""Demo data of the learning record: the confidence-survey statements, and demo-learner
halfway through the camp (lessons, answers, a photo of her LED kit, the pre-camp survey).

Idempotent: fixed client UUIDs make every write a replay the second time.
"""

from __future__ import annotations

import datetime
import uuid
from io import BytesIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from cms.core.demo import ensure_demo_user, locale
from cms.core.models import Consent, Role

from . import progress, services, surveys
from .models import CurriculumPage, LessonProgress, SurveyItem, SurveyRound

DEMO = uuid.UUID("6d1f0c3e-2a51-4c2e-9a57-0c1d3b7e5a11")

# area, reverse-scored, asked again "before the camp / now", Kyrgyz, Russian
SURVEY_ITEMS = [
    ("maths", False, True,
     "Математикадан жакшы натыйжа көрсөтө аларыма ишенем.",
     "Я уверена, что могу хорошо учиться по математике."),
    ("maths", True, False,
     "Математика мен үчүн өтө оор.",
     "Математика для меня слишком трудна."),
    ("science", False, True,
     "Аракет кылсам, табияттагы нерселер кантип иштээрин түшүнө алам.",
     "Если постараюсь, я могу понять, как устроены явления природы."),
    ("science", True, False,
     "Табигый илимдер мага кыйын келет.",
     "Естественные науки даются мне тяжело."),
    ("engineering", False, True,
     "Жөнөкөй түзүлүштү өзүм жасай же оңдой алам.",
     "Я могу сама собрать или починить простое устройство."),
    ("engineering", False, True,
     "Компьютерге же платага кыска программа жаза алам.",
     "Я могу написать короткую программу для компьютера или платы."),
    ("engineering", True, False,
     "Техника жана электроника мен үчүн өтө татаал.",
     "Техника и электроника слишком сложны для меня."),
    ("skills", False, True,
     "Өз оюмду топко түшүндүрүп бере алам.",
     "Я могу объяснить свою идею группе."),
    ("skills", False, True,
     "Бир нерсе иштебей калса, чечимин издей берем.",
     "Когда что-то не работает, я продолжаю искать решение."),
    ("skills", False, False,
     "Командада жакшы иштейм.",
     "Я хорошо работаю в команде."),
    ("career", False, True,
     "Илим, технология, инженерия же математика менен байланышкан кесипте иштегим келет.",
     "Я хотела бы работать по профессии, связанной с наукой, технологиями, инженерией "
     "или математикой."),
    ("career", False, False,
     "Каалаган университетиме кайсы предметтер керек экенин билем.",
     "Я знаю, какие предметы нужны для поступления в университет, который я хочу."),
    ("role_model", False, False,
     "Инженер, программист, окумуштуу же башка STEM кесибинде иштеген аялды тааныйсыңбы?",
     "Знаешь ли ты женщину, которая работает инженером, программистом, учёной "
     "или в другой профессии STEM?"),
]


def ensure_survey_items() -> int:
    """Seed the statements once; an edited or translated set is left as the managers made it."""
    ky, ru = locale("ky"), locale("ru")
    added = 0
    existing = {item.sort_order: item for item in SurveyItem.objects.filter(locale=ky)}
    if not existing:
        for order, (area, reverse, retro, text_ky, _text_ru) in enumerate(SURVEY_ITEMS, 1):
            kind = SurveyItem.Kind.YES_NO if area == "role_model" else SurveyItem.Kind.LIKERT
            existing[order] = SurveyItem.objects.create(
                locale=ky, text=text_ky, area=area, kind=kind, reverse_scored=reverse,
                in_retrospective=retro, sort_order=order,
            )
            added += 1
    for order, (_area, _reverse, _retro, _text_ky, text_ru) in enumerate(SURVEY_ITEMS, 1):
        item = existing.get(order)
        if item is None or item.get_translations().filter(locale=ru).exists():
            continue
        SurveyItem.objects.create(
            locale=ru, translation_key=item.translation_key, text=text_ru, area=item.area,
            kind=item.kind, reverse_scored=item.reverse_scored,
            in_retrospective=item.in_retrospective, sort_order=item.sort_order,
        )
        added += 1
    return added


def demo_uuid(*parts) -> uuid.UUID:
    return uuid.uuid5(DEMO, "/".join(str(part) for part in parts))


def draw_led_kit() -> bytes:
    """A photo-like drawing of a soldered LED kit on a green board, made by code."""
    image = Image.new("RGB", (1200, 900), (236, 228, 214))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((150, 180, 1050, 720), radius=30, fill=(34, 120, 70))
    for x in range(200, 1010, 45):
        for y in range(230, 680, 45):
            draw.ellipse((x - 6, y - 6, x + 6, y + 6), fill=(200, 170, 90))
    draw.rectangle((300, 420, 520, 470), fill=(210, 190, 140))  # resistor
    for x, colour in ((350, (150, 60, 30)), (400, (20, 20, 20)), (450, (200, 40, 40))):
        draw.rectangle((x, 420, x + 18, 470), fill=colour)
    draw.ellipse((640, 330, 780, 470), fill=(240, 40, 40))  # the LED
    draw.ellipse((675, 360, 720, 405), fill=(255, 170, 170))
    draw.line((250, 445, 300, 445), fill=(180, 180, 180), width=8)
    draw.line((520, 445, 700, 445), fill=(180, 180, 180), width=8)
    draw.rectangle((820, 520, 980, 660), fill=(40, 40, 40))  # battery holder
    draw.line((900, 520, 760, 450), fill=(200, 30, 30), width=8)
    buffer = BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def _demo_learner():
    user = get_user_model().objects.filter(username="demo-learner").first()
    if user is None and settings.DEMO_ACCOUNTS_ALLOWED:
        user = ensure_demo_user("demo-learner", first_name="Айгүл", last_name="К",
                                birth_year=2010, school_grade=9)
        user.groups.add(Group.objects.get(name=Role.LEARNER))
    return user


def give_demo_consents(girl) -> None:
    """The demo guardian agreed to photos and surveys, and so did the girl."""
    facilitator = get_user_model().objects.filter(username="demo-facilitator").first()
    given_on = timezone.localdate() - datetime.timedelta(days=7)
    for scope in (Consent.Scope.PARTICIPATION, Consent.Scope.PHOTOS, Consent.Scope.SURVEYS):
        for kind in (Consent.Kind.GUARDIAN, Consent.Kind.ASSENT):
            Consent.objects.get_or_create(
                learner=girl, scope=scope, kind=kind,
                defaults={"given_on": given_on, "recorded_by": facilitator},
            )


def load_learner(out, curriculum_slug: str) -> None:
    girl = _demo_learner()
    curriculum = CurriculumPage.objects.filter(
        slug=curriculum_slug, locale__language_code="ky"
    ).first()
    if girl is None or curriculum is None:
        return
    give_demo_consents(girl)
    lessons = [lesson for day in progress.outline(curriculum) for lesson in day.lessons]
    half = lessons[: len(lessons) // 2]
    for lesson in half:
        services.mark_lesson_done(girl, lesson.page, demo_uuid("lesson", lesson.key))
    answered = 0
    for lesson in half:
        blocks = services.quiz_blocks(lesson.page)
        for number, block in enumerate(blocks, start=1):
            if answered >= 4:
                break
            right = block.value["correct"]
            if answered == 1:  # one wrong first try, then right: a real record looks so
                wrong = 1 if right != 1 else 2
                services.answer_quiz(girl, lesson.page, number, wrong,
                                     demo_uuid("quiz", lesson.key, number, "first"))
            services.answer_quiz(girl, lesson.page, number, right,
                                 demo_uuid("quiz", lesson.key, number))
            answered += 1
    if half:
        first = half[0].page
        upload = SimpleUploadedFile("led-kit.jpg", draw_led_kit(), content_type="image/jpeg")
        services.add_photo(
            girl, upload, "Менин биринчи LED шамым: өзүм ширеттим!", demo_uuid("photo"),
            lesson=first,
        )
    with_survey = surveys.response_of(girl, SurveyRound.PRE)
    if with_survey is None:
        items = surveys.survey_items(locale("ky"))
        values = [3, 4, 3, 3, 2, 2, 4, 2, 3, 4, 3, 2, 0]
        data = {
            f"item-{item.translation_key}": str(values[index % len(values)])
            if item.kind == SurveyItem.Kind.LIKERT else "0"
            for index, item in enumerate(items)
        }
        surveys.submit(girl, SurveyRound.PRE, data, demo_uuid("survey", "pre"), items=items)
    done = LessonProgress.objects.filter(learner=girl).count()
    out(f"demo-learner: {done} of {len(lessons)} lessons done, answers, a photo, pre-camp survey.")
