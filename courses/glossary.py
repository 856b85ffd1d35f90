"""The camp's glossary: its words in each language, and a lesson's first use of each
word linked to the word's entry.

    entries(locale) -> list[GlossaryTerm]              # the glossary page, A to Я
    other_names_in(lessons) -> list[OtherName]         # the glossary check
    link_first_uses(parts, locale, track, skip) -> list  # a lesson body's drawn blocks

The links are drawn with the lesson's shared blocks and kept with them in the cache
(``courses.templatetags.learning_tags.lesson_body``): an entry saved or deleted moves
the content's version on (``courses.apps``), so the next reader gets fresh links.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import escape, strip_tags
from wagtail.models import Locale

from cms.core import content_cache

from .models import GlossaryTerm

#: Text inside these elements is never linked: it is a link already, code, a heading,
#: or a control a girl taps.
NOT_LINKED_IN = frozenset({
    "a", "button", "code", "h1", "h2", "h3", "h4", "h5", "h6", "kbd", "label", "legend",
    "option", "pre", "samp", "script", "select", "style", "summary", "textarea",
})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})
MARKUP = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)")


#: The Kyrgyz alphabet, which holds the Russian one: ң after н, ө after о, ү after у.
ALPHABET = "абвгдеёжзийклмнңоөпрстуүфхцчшщъыьэюя"


def alphabetical(text: str) -> tuple:
    """A sort key in the order of the Kyrgyz (and Russian) alphabet; spaces, digits and
    Latin letters before it, in the order of their code points."""
    return tuple((1, ALPHABET.index(c)) if c in ALPHABET else (0, ord(c))
                 for c in text.casefold())


def entries(locale: Locale) -> list[GlossaryTerm]:
    """The entries of ``locale`` A to Я (Kyrgyz letters in their places)."""
    return sorted(GlossaryTerm.objects.filter(locale=locale), key=lambda t: alphabetical(t.term))


def form_pattern(form: str) -> str:
    """A form as a regular expression: words apart by any space, '*' for any ending."""
    words = []
    for word in form.split():
        stem = word.rstrip("*")
        words.append(re.escape(stem) + (r"\w*" if word.endswith("*") and stem else ""))
    return r"\s+".join(words)


def _forms(locale: Locale) -> tuple:
    """(form pattern, anchor, track) of every entry in ``locale``, the longest form
    first, so that 'кепшерлегич' is found as itself and not as a form of 'кепшерлөө'."""
    found = [
        (form_pattern(form), term.anchor, term.track)
        for term in GlossaryTerm.objects.filter(locale=locale)
        for form in term.form_list()
    ]
    return tuple(sorted(found, key=lambda found: (-len(found[0]), found[0])))


@functools.lru_cache(maxsize=16)
def _matcher(forms: tuple) -> tuple[re.Pattern, tuple]:
    alternatives = "|".join(f"(?:{pattern})" for pattern, _anchor in forms)
    whole = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
    each = tuple((re.compile(pattern, re.IGNORECASE), anchor) for pattern, anchor in forms)
    return whole, each


def link_first_uses(parts: list, locale: Locale, track: str = "", skip=()) -> list:
    """``parts`` (drawn blocks as HTML, or anything else, passed through) with the first
    use of each glossary word in a lesson of ``track`` linked to its entry; text in
    links, code, headings and controls is left alone, and so are the parts whose
    positions are in ``skip`` (a program with its caption)."""
    every = content_cache.kept(f"glossary-forms:{locale.language_code}", lambda: _forms(locale))
    forms = tuple((pattern, anchor) for pattern, anchor, only in every or ()
                  if not only or only == track)
    if not forms:
        return parts
    whole, each = _matcher(forms)
    page_url = reverse("courses:glossary")
    linked: set[str] = set()

    def link(match: re.Match) -> str:
        text = match.group(0)
        anchor = next((anchor for pattern, anchor in each if pattern.fullmatch(text)), None)
        if anchor is None or anchor in linked:
            return text
        linked.add(anchor)
        return f'<a class="term" href="{escape(page_url)}#{anchor}">{text}</a>'

    def in_html(html: str) -> str:
        pieces, closed_off = MARKUP.split(html), []
        for index, piece in enumerate(pieces):
            if index % 2:  # a tag or a comment
                tag = TAG_NAME.match(piece)
                if tag is None:
                    continue
                closing, name = tag.group(1), tag.group(2).lower()
                if name in NOT_LINKED_IN and name not in VOID:
                    if closing:
                        if name in closed_off:
                            del closed_off[len(closed_off) - 1 - closed_off[::-1].index(name)]
                    elif not piece.rstrip().endswith("/>"):
                        closed_off.append(name)
            elif piece and not closed_off:
                pieces[index] = whole.sub(link, piece)
        return "".join(pieces)

    return [in_html(part) if isinstance(part, str) and index not in skip else part
            for index, part in enumerate(parts)]


@dataclass(frozen=True)
class OtherName:
    """A lesson that calls a thing by another name than the glossary's."""

    lesson: object
    word: str
    term: str


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def lesson_text(lesson) -> str:
    """Everything a lesson says in words: title, introduction, objectives and body."""
    parts = [lesson.title, getattr(lesson, "intro", "") or ""]
    for field in ("objectives", "body"):
        stream = getattr(lesson, field, None)
        if stream is not None:
            parts += [strip_tags(text) for text in _strings(list(stream.raw_data))]
    return "\n".join(parts)


def other_names_in(lessons) -> list[OtherName]:
    """The other names (an entry's "not to use" list) each lesson uses, once per lesson
    and entry, with the entry's term: for the glossary check (``manage.py check_glossary``)."""
    avoided: dict[int, list] = {}
    found = []
    for lesson in lessons:
        if lesson.locale_id not in avoided:
            avoided[lesson.locale_id] = [
                (re.compile(rf"(?<!\w)(?:{form_pattern(name)})(?!\w)", re.IGNORECASE), term)
                for term in GlossaryTerm.objects.filter(locale_id=lesson.locale_id)
                for name in term.avoided_list()
            ]
        text, seen = lesson_text(lesson), set()
        for pattern, term in avoided[lesson.locale_id]:
            match = pattern.search(text)
            if match and term.pk not in seen:
                seen.add(term.pk)
                found.append(OtherName(lesson, match.group(0), term.term))
    return found
