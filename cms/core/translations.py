"""Pages in the reader's language: a camp follows its curriculum in the camp's language,
and a reader of another language sees a day's or a lesson's translation where one is
published, the camp's page otherwise (marked with its language by the template)."""

from __future__ import annotations

from collections.abc import Iterable

from wagtail.models import Locale


def for_reader(pages: Iterable, language: str) -> dict[int, object]:
    """pk of each page -> the page to show a reader of ``language``: its live translation
    where there is one, else the page itself. Each shown page gets ``shown_language``,
    the language it is written in. Two queries per page type, however many pages."""
    pages = [page for page in pages if page is not None]
    codes = dict(Locale.objects.values_list("pk", "language_code"))
    wanted: dict[type, set] = {}
    for page in pages:
        if codes.get(page.locale_id) != language:
            wanted.setdefault(type(page), set()).add(page.translation_key)
    found = {}
    for model, keys in wanted.items():
        for translation in model.objects.filter(
            translation_key__in=keys, locale__language_code=language
        ).live():
            found[translation.translation_key] = translation
    shown = {}
    for page in pages:
        page_shown = found.get(page.translation_key, page)
        page_shown.shown_language = codes.get(page_shown.locale_id)
        shown[page.pk] = page_shown
    return shown
