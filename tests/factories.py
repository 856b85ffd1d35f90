"""Test data made by code: a bilingual site and curricula of any size."""

from io import BytesIO

from PIL import Image as PILImage

from cms.core.demo import Assets, ensure_page, home_pages, items
from courses.models import CampDayPage, CurriculumPage, LessonPage


def png_bytes(width: int = 64, height: int = 48, colour=(91, 42, 134)) -> bytes:
    buffer = BytesIO()
    PILImage.new("RGB", (width, height), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def sample_assets() -> Assets:
    return Assets(
        drawings={"test-picture": png_bytes},
        files={"test-sketch": ("blink.ino", "void setup() {}\nvoid loop() {}\n")},
    )


def every_block(assets: Assets, language: str) -> str:
    """A lesson body with one block of every type, in the given language."""
    word = {"ky": "Кепшерлөө: үйрөнөбүз, көрөбүз", "ru": "Пайка: учимся и смотрим"}[language]
    return assets.stream([
        {"type": "paragraph", "value": f"<p>{word}</p>"},
        {"type": "image", "value": {"image": "test-picture", "alt": word, "caption": word}},
        {"type": "steps", "value": {"title": word, "steps": [
            {"text": f"{word} 1", "image": "test-picture"}, {"text": f"{word} 2", "image": None},
        ]}},
        {"type": "safety", "value": {"title": word, "text": f"<p>{word}</p>"}},
        {"type": "code", "value": {"language": "arduino", "code": "digitalWrite(13, HIGH);"}},
        {"type": "download", "value": {"file": "test-sketch", "title": word, "description": ""}},
        {"type": "video", "value": {"title": word, "url": "", "transcript": f"<p>{word}</p>"}},
        {"type": "quiz", "value": {
            "question": f"{word}?", "choices": ["A", "B", "C"], "correct": 2,
            "explanation": word,
        }},
        {"type": "reflection", "value": {"prompt": word}},
    ])


def make_curriculum(days: int = 2, lessons_per_day: int = 2, slug: str = "camp"):
    """A curriculum in Kyrgyz and Russian; returns the pages by language."""
    homes = home_pages()
    assets = sample_assets()
    curricula = ensure_page(homes, CurriculumPage, slug, {
        "ky": {"title": "Техно лагерь", "intro": "Алты күн."},
        "ru": {"title": "Техно-лагерь", "intro": "Шесть дней."},
    })
    lessons = {"ky": [], "ru": []}
    for day_number in range(1, days + 1):
        day_pages = ensure_page(curricula, CampDayPage, f"day-{day_number}", {
            code: {
                "title": f"{title} {day_number}",
                "day_number": day_number,
                "theme": title,
                "goals": items(["Максат", "Цель"], "goal"),
                "materials": items(["Кепшерлегич"], "item"),
            }
            for code, title in (("ky", "Күн"), ("ru", "День"))
        })
        for number in range(1, lessons_per_day + 1):
            pages = ensure_page(day_pages, LessonPage, f"lesson-{day_number}-{number}", {
                code: {
                    "title": f"{title} {day_number}.{number}",
                    "track": "soldering",
                    "duration_minutes": 45,
                    "objectives": items(["Үйрөнөм"], "objective"),
                    "body": every_block(assets, code),
                }
                for code, title in (("ky", "Сабак"), ("ru", "Урок"))
            })
            for code, page in pages.items():
                lessons[code].append(page)
    return {"homes": homes, "curricula": curricula, "lessons": lessons}
