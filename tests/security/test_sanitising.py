"""No script gets through rich text, captions or picture descriptions.

Editors write rich text in the admin's editor, which sends the editor's JSON; the
server turns it into HTML with only the features of the field. Every rich-text
field and block of the project's page types is found by walking the models, so a
new one is tested too. Captions and picture descriptions are plain text, escaped
on the way out.
"""

import json
from html.parser import HTMLParser

import pytest
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.models import get_page_models

PROJECT_APPS = {"cms", "courses", "camp", "gals"}

ATTACK = "<script>alert(1)</script><img src=x onerror=alert(2)>"
EDITOR_JSON = json.dumps({
    "blocks": [
        {"key": "a1", "type": "unstyled", "text": f"{ATTACK} read more", "depth": 0,
         "inlineStyleRanges": [{"offset": 0, "length": 8, "style": "BOLD"}],
         "entityRanges": [{"offset": len(ATTACK) + 1, "length": 4, "key": 0}],
         "data": {"onclick": "alert(3)"}},
        {"key": "b2", "type": "<svg onload=alert(4)>", "text": "x", "depth": 0,
         "inlineStyleRanges": [], "entityRanges": [], "data": {}},
        {"key": "c3", "type": "unstyled", "text": "second", "depth": 0,
         "inlineStyleRanges": [{"offset": 0, "length": 6, "style": "<b onmouseover=x>"}],
         "entityRanges": [{"offset": 0, "length": 6, "key": 1}], "data": {}},
    ],
    "entityMap": {
        "0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": "javascript:alert(5)"}},
        "1": {"type": "LINK", "mutability": "MUTABLE",
              "data": {"url": "data:text/html,<script>alert(6)</script>"}},
    },
})


def rich_text_widgets():
    """(where, widget) for every rich-text field and block of the project's pages."""
    found = []

    def walk(block, where):
        if isinstance(block, blocks.RichTextBlock):
            found.append((where, block.field.widget))
        for name, child in getattr(block, "child_blocks", {}).items():
            walk(child, f"{where}.{name}")
        if isinstance(block, blocks.ListBlock):
            walk(block.child_block, f"{where}[]")

    for model in get_page_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        for field in model._meta.get_fields():
            where = f"{model.__name__}.{field.name}"
            if isinstance(field, RichTextField):
                found.append((where, field.formfield().widget))
            elif isinstance(field, StreamField):
                walk(field.stream_block, where)
    return found


class Markup(HTMLParser):
    """What a browser would run: scripts, event handlers, script URLs."""

    def __init__(self, html: str):
        super().__init__()
        self.problems, self._in_script = [], False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "svg", "iframe", "object", "embed"):
            # The site's own scripts come from a file or carry the response's nonce.
            own = tag == "script" and (dict(attrs).get("src") or dict(attrs).get("nonce"))
            self._in_script = tag == "script" and not own
            if not own:
                self.problems.append(f"<{tag}> {attrs}")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"handler {name}={value}")
            if name in ("href", "src", "action", "formaction") and value and value.strip(
            ).lower().startswith(("javascript:", "data:text", "vbscript:")):
                self.problems.append(f"{name}={value}")

    def handle_endtag(self, tag):
        self._in_script = False if tag == "script" else self._in_script

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.problems.append(f"inline script: {data[:60]}")


def assert_harmless(html: str):
    problems = Markup(html).problems
    assert not problems, f"would run in a browser: {problems}"


def test_the_walk_finds_the_rich_text():
    places = [where for where, _ in rich_text_widgets()]
    assert any(where.startswith("LessonPage.body") for where in places)


@pytest.mark.django_db
def test_every_rich_text_input_drops_scripts():
    for where, widget in rich_text_widgets():
        html = widget.value_from_datadict({"field": EDITOR_JSON}, {}, "field")
        assert "read" in html and "more" in html, where  # the words survive ...
        assert_harmless(html)  # ... the code does not


@pytest.mark.django_db
def test_a_lesson_page_shows_the_words_not_the_code(client, curriculum):
    lesson = curriculum["lessons"]["ky"][0]
    widget = dict(rich_text_widgets())["LessonPage.body.paragraph"]
    cleaned = widget.value_from_datadict({"field": EDITOR_JSON}, {}, "field")
    image_id = next(block.value["image"].id for block in lesson.body if block.block_type == "image")
    lesson.body = json.dumps([
        {"type": "paragraph", "value": cleaned},
        {"type": "image", "value": {"image": image_id, "alt": f'"{ATTACK}', "caption": ATTACK}},
        {"type": "quiz", "value": {"question": ATTACK, "choices": [ATTACK, "B"], "correct": 1,
                                   "explanation": ATTACK}},
    ])
    lesson.title = ATTACK
    lesson.save_revision().publish()
    response = client.get(lesson.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as text
    assert "read" in html and "more" in html
    assert_harmless(html)
