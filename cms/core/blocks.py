"""StreamField blocks shared by every content page.

Each block names its template, icon, description and a preview value, so editors
see in the admin what a girl will see on her phone.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link"]


class ParagraphBlock(blocks.RichTextBlock):
    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "blocks/paragraph_block.html"
        description = _("Paragraphs of text with headings and lists.")
        preview_value = "<p>Кепшерлегич ар дайым өз таканчында турат.</p>"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt = blocks.CharBlock(
        label=_("Text alternative"),
        max_length=250,
        help_text=_("What the picture shows, for someone who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image with caption")
        template = "blocks/captioned_image_block.html"
        description = _("A picture sized for phones, with a caption.")


class StepBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("What to do"))
    image = ImageChooserBlock(label=_("Image"), required=False)


class StepsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    steps = blocks.ListBlock(StepBlock(), label=_("Steps"), min_num=1)

    class Meta:
        icon = "list-ol"
        label = _("Step-by-step instructions")
        template = "blocks/steps_block.html"
        description = _("Numbered steps, each with an optional picture.")
        preview_value = {
            "title": "LED",
            "steps": [{"text": "Узун бутун (+) тап."}, {"text": "Резисторду туташтыр."}],
        }


class SafetyBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = _("Safety warning")
        template = "blocks/safety_block.html"
        description = _("A warning that stands out: read it before you start.")
        preview_value = {"title": "Коопсуздук", "text": "<p>Көз айнекти кий.</p>"}


class CodeBlock(blocks.StructBlock):
    language = blocks.ChoiceBlock(
        label=_("Language"),
        choices=[
            ("arduino", "Arduino (C++)"),
            ("python", "Python"),
            ("blocks", _("Block code")),
            ("text", _("Plain text")),
        ],
        default="arduino",
    )
    code = blocks.TextBlock(label=_("Code"))

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["language_label"] = dict(self.child_blocks["language"].field.choices).get(
            value["language"], ""
        )
        return context

    class Meta:
        icon = "code"
        label = _("Code")
        template = "blocks/code_block.html"
        description = _("A program to copy, shown exactly as written.")
        preview_value = {"language": "arduino", "code": "digitalWrite(13, HIGH);"}


class DownloadBlock(blocks.StructBlock):
    file = DocumentChooserBlock(label=_("File"))
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    description = blocks.CharBlock(label=_("Description"), required=False, max_length=300)

    class Meta:
        icon = "download"
        label = _("Downloadable file")
        template = "blocks/download_block.html"
        description = _("A file to download: a 3D model, a sketch, a worksheet.")


class VideoBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    url = blocks.URLBlock(label=_("Video address"), required=False)
    transcript = blocks.RichTextBlock(
        label=_("Text alternative"),
        features=RICH_TEXT_FEATURES,
        help_text=_("Everything the video shows, in words: read it when data is short."),
    )

    class Meta:
        icon = "media"
        label = _("Video with text alternative")
        template = "blocks/video_block.html"
        description = _("A link to a video and its full text, so no one needs the data.")


class QuizBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=300)
    choices = blocks.ListBlock(
        blocks.CharBlock(max_length=200), label=_("Answers"), min_num=2, max_num=6
    )
    correct = blocks.IntegerBlock(
        label=_("Number of the right answer"), min_value=1, help_text=_("1 is the first answer.")
    )
    explanation = blocks.TextBlock(label=_("Explanation"))

    def clean(self, value):
        value = super().clean(value)
        if value["correct"] > len(value["choices"]):
            raise StructBlockValidationError(
                block_errors={
                    "correct": ValidationError(
                        _("There is no answer with this number.")
                    )
                }
            )
        return value

    class Meta:
        icon = "help"
        label = _("Check your understanding")
        template = "blocks/quiz_block.html"
        description = _("A question with one right answer and an explanation.")
        preview_value = {
            "question": "LEDдин кайсы буту узун?",
            "choices": ["Плюс (+)", "Минус (−)"],
            "correct": 1,
            "explanation": "Узун бут – анод, плюс.",
        }


class ReflectionBlock(blocks.StructBlock):
    prompt = blocks.TextBlock(label=_("Question to think about"))

    class Meta:
        icon = "openquote"
        label = _("Reflection")
        template = "blocks/reflection_block.html"
        description = _("A question for the girl to think about or discuss.")
        preview_value = {"prompt": "Бүгүн эмнени биринчи жолу жасадың?"}


class BaseStreamBlock(blocks.StreamBlock):
    """The body of every content page."""

    paragraph = ParagraphBlock(features=RICH_TEXT_FEATURES)
    image = CaptionedImageBlock()
    steps = StepsBlock()
    safety = SafetyBlock()
    code = CodeBlock()
    download = DownloadBlock()
    video = VideoBlock()
    quiz = QuizBlock()
    reflection = ReflectionBlock()


class TextItemBlock(blocks.CharBlock):
    """One line of a list: a goal, an objective, an item of equipment."""

    class Meta:
        icon = "list-ul"
        label = _("Item")
        template = "blocks/text_item_block.html"
