"""Every lesson block renders what a girl needs to see."""

import pytest
from wagtail.blocks import StreamValue
from wagtail.blocks.struct_block import StructBlockValidationError

from cms.core.blocks import BaseStreamBlock, QuizBlock

pytestmark = pytest.mark.django_db


def test_every_block_type_renders_on_a_lesson_page(client, curriculum):
    lesson = curriculum["lessons"]["ky"][0]
    html = client.get(lesson.url).content.decode()
    assert "<p>Кепшерлөө: үйрөнөбүз, көрөбүз</p>" in html  # paragraph, letters intact
    assert "<picture>" in html and 'type="image/avif"' in html and 'type="image/webp"' in html
    assert 'loading="lazy"' in html
    assert 'class="steps"' in html and "<figcaption>Кепшерлөө" in html
    assert 'class="safety"' in html
    assert "digitalWrite(13, HIGH);" in html
    assert 'download>Кепшерлөө' in html and "blink" in html
    assert "Видео эмнени көрсөтөт" in html  # the video's text alternative heading
    assert 'type="radio"' in html and "Кепшерлөө: үйрөнөбүз, көрөбүз?" in html
    assert 'class="reflection"' in html


def test_every_block_type_is_covered_by_the_sample_lesson(curriculum):
    used = {block.block_type for block in curriculum["lessons"]["ru"][0].body}
    assert used == set(BaseStreamBlock.base_blocks.keys())


def test_quiz_refuses_a_right_answer_that_does_not_exist():
    block = QuizBlock()
    value = block.to_python(
        {"question": "?", "choices": ["a", "b"], "correct": 3, "explanation": "."}
    )
    with pytest.raises(StructBlockValidationError):
        block.clean(value)


def test_every_block_has_a_template_icon_and_description():
    for name, block in BaseStreamBlock.base_blocks.items():
        assert block.meta.template, name
        assert block.meta.icon, name
        assert block.meta.description, name


def test_blocks_with_text_only_render_their_preview_value():
    stream = BaseStreamBlock()
    for name in ("paragraph", "steps", "safety", "code", "quiz", "reflection"):
        child = stream.child_blocks[name]
        value = StreamValue(stream, [(name, child.get_preview_value())])
        assert child.get_preview_value()
        assert value.render_as_block().strip(), name
