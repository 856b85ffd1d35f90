"""The camp's glossary: its words in Kyrgyz and Russian as shipped, a page anyone can
read, linked from the lessons and the curriculum, and each word's first use in a
lesson linked to its entry; content editors keep it in the admin."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from courses import glossary
from courses.models import GlossaryTerm
from tests.world import make_user

pytestmark = pytest.mark.django_db

TERM_LINK = re.compile(r'<a class="term" href="/(ky|ru)/glossary/#(term-[0-9a-f]+)">([^<]+)</a>')


def entry(term: str, language: str = "ky") -> GlossaryTerm:
    return GlossaryTerm.objects.get(term=term, locale__language_code=language)


def glossary_url(language: str) -> str:
    with translation.override(language):
        return reverse("courses:glossary")


def test_the_shipped_glossary_has_every_word_in_both_languages():
    ky = {t.translation_key: t for t in GlossaryTerm.objects.filter(locale__language_code="ky")}
    ru = {t.translation_key: t for t in GlossaryTerm.objects.filter(locale__language_code="ru")}
    assert len(ky) >= 25 and ky.keys() == ru.keys()
    pairs = {(ky[key].term, ru[key].term) for key in ky}
    for pair in [("кепшерлөө", "пайка"), ("схема", "цепь"), ("датчик", "датчик"),
                 ("босого", "порог"), ("слайсинг", "слайсинг"),
                 ("толтуруу", "заполнение"), ("кепшерлегич", "паяльник")]:
        assert pair in pairs
    for term in [*ky.values(), *ru.values()]:
        assert 20 <= len(term.definition) <= 500, term.term
    kyrgyz = " ".join(t.definition for t in ky.values())
    assert all(letter in kyrgyz for letter in "ңөү"), "Kyrgyz letters survive"


@pytest.mark.parametrize("language, term, definition", [
    ("ky", "кепшерлөө", "Эки металл бөлүгүн эриген припой менен бириктирүү."),
    ("ru", "пайка", "Соединение двух металлических деталей расплавленным припоем."),
])
def test_anyone_reads_the_glossary_in_her_language(client, language, term, definition):
    response = client.get(glossary_url(language))
    assert response.status_code == 200
    html = response.content.decode()
    found = entry(term, language)
    assert f'<div id="{found.anchor}"><dt>{term}</dt><dd>{definition}' in html
    assert html.count("<dt>") == GlossaryTerm.objects.filter(
        locale__language_code=language).count()
    other = "ru" if language == "ky" else "ky"
    assert GlossaryTerm.objects.get(translation_key=found.translation_key,
                                    locale__language_code=other).anchor == found.anchor, (
        "the same address in both languages")


def test_a_name_from_a_program_shows_as_code_and_nothing_else_as_markup(client):
    sketch = entry("скетч")
    sketch.definition = "Программа: `loop()` <b>кайра-кайра</b>."
    sketch.save()
    html = client.get(glossary_url("ky")).content.decode()
    assert ("<dd>Программа: <code>loop()</code> &lt;b&gt;кайра-кайра&lt;/b&gt;.</dd>" in html)


def test_the_glossary_is_in_the_kyrgyz_alphabets_order():
    words = ["өлчөө", "пайка", "ток", "Ом мыйзамы", "үтүк", "ушул", "ңаа", "нан", "Arduino"]
    assert sorted(words, key=glossary.alphabetical) == [
        "Arduino", "нан", "ңаа", "Ом мыйзамы", "өлчөө", "пайка", "ток", "ушул", "үтүк"]
    ky = glossary.entries(Locale.objects.get(language_code="ky"))
    terms = [t.term for t in ky]
    assert terms.index("кепшерлегич") < terms.index("кепшерлөө") < terms.index("кыска туташуу")
    assert terms[:5] == ["3D-принтер", "Arduino", "PLA", "STL", "Tinkercad"]
    assert terms[-1] == "чыңалуу"


def test_an_empty_glossary_says_so(client):
    GlossaryTerm.objects.all().delete()
    html = client.get(glossary_url("ru")).content.decode()
    assert "Словарь пока пуст." in html and "<dl" not in html


def test_lessons_and_the_curriculum_lead_to_the_glossary(client, world):
    lesson = world.curriculum["lessons"]["ky"][0]
    curriculum = lesson.get_parent().get_parent()
    for page in (lesson, curriculum):
        html = client.get(page.url).content.decode()
        assert f'<a href="{glossary_url("ky")}">Лагердин сөздүгү</a>' in html, page
    client.force_login(world.girl_a)  # and in the lesson she follows
    html = client.get(lesson.url).content.decode()
    assert f'href="{glossary_url("ky")}"' in html


@pytest.mark.parametrize("language, word, term", [
    ("ky", "Кепшерлөө", "кепшерлөө"), ("ru", "Пайка", "пайка"),
])
def test_a_lesson_links_a_word_where_it_first_appears(client, world, language, word, term):
    """The test lesson names soldering in a paragraph, a picture's caption, a safety
    note and a video's transcript: only the first is a link."""
    lesson = world.curriculum["lessons"][language][0]
    html = client.get(lesson.url).content.decode()
    links = TERM_LINK.findall(html)
    anchor = entry(term, language).anchor
    assert links == [(language, anchor, word)], "the program's caption 'Arduino' stays plain"
    paragraph = f'<p><a class="term" href="/{language}/glossary/#{anchor}">{word}</a>'
    assert paragraph in html, "in the first paragraph, which comes first"
    assert html.count(f"{word}:") > 3, "the later uses stay plain text"


def test_a_girl_following_the_lesson_gets_the_same_links(client, world):
    lesson = world.curriculum["lessons"]["ky"][0]
    client.force_login(world.girl_a)
    html = client.get(lesson.url).content.decode()
    assert TERM_LINK.findall(html) == [("ky", entry("кепшерлөө").anchor, "Кепшерлөө")]
    assert 'data-learning="quiz"' in html


def test_a_changed_or_removed_entry_shows_in_the_lesson_at_once(client, world):
    lesson = world.curriculum["lessons"]["ru"][0]
    assert len(TERM_LINK.findall(client.get(lesson.url).content.decode())) == 1  # now kept
    soldering = entry("пайка", "ru")
    soldering.forms = "смотрим"
    soldering.save()
    links = TERM_LINK.findall(client.get(lesson.url).content.decode())
    assert links == [("ru", soldering.anchor, "смотрим")]
    soldering.delete()
    assert TERM_LINK.findall(client.get(lesson.url).content.decode()) == []


def link(html: str, language: str = "ky", track: str = "soldering") -> str:
    locale = Locale.objects.get(language_code=language)
    with translation.override(language):
        return glossary.link_first_uses([html], locale, track)[0]


def test_each_word_is_linked_once_by_its_own_entry_and_in_any_ending():
    html = link("<p>Кепшерлегичти ал. Кепшерлөөнү баштайбыз, кепшерлегич ысык.</p>")
    assert TERM_LINK.findall(html) == [
        ("ky", entry("кепшерлегич").anchor, "Кепшерлегичти"),
        ("ky", entry("кепшерлөө").anchor, "Кепшерлөөнү"),
    ]
    assert html.endswith(", кепшерлегич ысык.</p>")


def test_words_in_links_code_headings_and_controls_are_left_alone():
    html = link('<h2>Датчик</h2><p><a href="/x">датчик</a> <code>датчик</code> '
                '<label>датчик <input type="radio"></label></p><p>Бул датчик.</p>')
    assert TERM_LINK.findall(html) == [("ky", entry("датчик").anchor, "датчик")]
    assert html.startswith('<h2>Датчик</h2><p><a href="/x">датчик</a> <code>датчик</code>')
    assert html.endswith('<p>Бул <a class="term" href="/ky/glossary/#'
                         f'{entry("датчик").anchor}">датчик</a>.</p>')


def test_a_word_is_found_whole_and_across_a_line_break():
    html = link("<p>Токтогула токтоп калды. Макет\n тактасына сай.</p>")
    assert TERM_LINK.findall(html) == [("ky", entry("макет тактасы").anchor, "Макет\n тактасына")]


def test_a_word_of_one_track_is_linked_only_in_that_tracks_lessons():
    text = "<p>Анкетаны толтуруу керек.</p>"
    assert TERM_LINK.findall(link(text, track="university")) == []
    assert TERM_LINK.findall(link(text, track="modelling")) == [
        ("ky", entry("толтуруу").anchor, "толтуруу")]


def test_editors_keep_the_glossary_and_girls_do_not(client, world):
    editor = make_user("redaktor", "editor")
    client.force_login(editor)
    listing = client.get("/admin/snippets/courses/glossaryterm/")
    assert listing.status_code == 200 and "3D-принтер" in listing.content.decode()
    soldering = entry("кепшерлөө")
    edit = client.get(f"/admin/snippets/courses/glossaryterm/edit/{soldering.pk}/")
    assert edit.status_code == 200 and 'value="кепшерлөө"' in edit.content.decode()
    client.force_login(world.girl_a)
    response = client.get("/admin/snippets/courses/glossaryterm/")
    assert response.status_code in (302, 403)



def with_paragraph(lesson, html: str):
    data = [dict(block) for block in lesson.body.raw_data]
    data.insert(0, {"type": "paragraph", "value": html})
    lesson.body = lesson.body.stream_block.to_python(data)
    lesson.save_revision().publish()
    return lesson


def test_the_check_names_a_lesson_that_calls_a_thing_by_another_name(world):
    ky = with_paragraph(world.curriculum["lessons"]["ky"][0],
                        "<p>Сенсорду туташтыр, анан <b>темирди</b> күйгүз. Сенсор иштейт.</p>")
    ru = with_paragraph(world.curriculum["lessons"]["ru"][0], "<p>Подключи датчик.</p>")
    found = glossary.other_names_in([ky, ru])
    assert sorted((use.lesson.pk, use.word, use.term) for use in found) == [
        (ky.pk, "Сенсорду", "датчик"), (ky.pk, "темирди", "кепшерлегич")]


def test_the_check_command_lists_them_and_fails_when_strict(world):
    from io import StringIO

    from django.core.management import CommandError, call_command

    lesson = with_paragraph(world.curriculum["lessons"]["ru"][1], "<p>Сенсор света.</p>")
    out = StringIO()
    call_command("check_glossary", stdout=out)
    assert f"ru {lesson.url_path}: 'Сенсор', the glossary says 'датчик'" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("check_glossary", "--strict", stdout=StringIO())
    GlossaryTerm.objects.filter(term="датчик").update(avoid="")
    call_command("check_glossary", "--strict", stdout=(out := StringIO()))
    assert out.getvalue().startswith("0 other names in ")
