"""Small helpers for the learning forms in lesson and block templates."""

import hashlib
import re
import uuid

from django import template
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from wagtail.models import Site

from cms.core import content_cache
from courses import glossary

register = template.Library()


@register.simple_tag(takes_context=True)
def lesson_worksheets(context, page) -> list:
    """The printable worksheets of this lesson, for those who may print them (drawn per
    reader, outside the parts kept for every reader)."""
    from cms.core.permissions import can
    from courses.worksheets import sheets_for

    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not can(user, "courses.print_worksheets"):
        return []
    return sheets_for(page.slug)


#: Where a girl's own form values go in a question or steps block kept for every girl
#: in the same state (``lesson_body``): characters of Unicode's private use area, which
#: no lesson text holds and no template escapes.
CSRF_HOLE = "\ue000csrf\ue001"
CLIENT_ID_HOLE = "\ue000client-id\ue001"
HOLES = re.compile("\ue000(csrf|client-id)\ue001")


@register.simple_tag(takes_context=True)
def client_id(context) -> str:
    """A fresh UUID for one form: the phone sends it with the write, so a retry counts
    once. In a block kept for many girls, a hole that each request fills anew."""
    if context.get("kept_with_holes"):
        return CLIENT_ID_HOLE
    return str(uuid.uuid4())


def fill_holes(html: str, csrf_token) -> str:
    """A kept block made hers: the request's CSRF token, and a fresh UUID for each form."""
    token = str(csrf_token)
    return HOLES.sub(lambda hole: token if hole[1] == "csrf" else str(uuid.uuid4()), html)


def her_state_of(learning, kind: str, number) -> str:
    """What of her record a question or steps block shows: her last answer to the
    question (and whether it was right), or the steps she ticked in the block."""
    if number is None:
        return "-"
    if kind == "quiz":
        last = learning.answers.get(number)
        return f"{last.answer}{'+' if last.is_correct else '-'}" if last else "none"
    prefix = f"{number}."
    return ",".join(sorted(key[len(prefix):] for key in learning.steps_done
                           if key.startswith(prefix))) or "none"


@register.filter
def lookup(mapping, key):
    """``mapping[key]``, or None: for the per-block state of a lesson."""
    if not mapping:
        return None
    return mapping.get(key)


@register.simple_tag
def step_key(number, index) -> str:
    """The key of a step: "<steps block number>.<step number>"."""
    return f"{number}.{index}"


@register.simple_tag(takes_context=True)
def block_number(context, kind: str):
    """The position of the block being drawn among the lesson's blocks of ``kind``
    ("quiz" or "steps"), when a girl follows the lesson; else None."""
    learning = context.get("learning")
    block_id = context.get("block_id")
    if learning is None or not block_id:
        return None
    numbers = learning.quiz_numbers if kind == "quiz" else learning.steps_numbers
    return numbers.get(block_id)


@register.simple_tag
def kept_picture(image, alt: str = "") -> str:
    """``includes/picture.html`` for ``image``, drawn once and kept until the content
    changes (a replaced picture moves it on). The steps of a lesson are drawn for each
    girl (her ticks), and their pictures with them: finding six renditions took a
    fifth of her lesson page's time, though the markup is the same for everyone."""
    if not image:
        return ""
    label = hashlib.blake2b(alt.encode(), digest_size=8).hexdigest()
    drawn = content_cache.kept(
        f"picture:{image.pk}:{label}",
        lambda: render_to_string("includes/picture.html", {"image": image, "alt": alt}),
    )
    return mark_safe(drawn)  # noqa: S308 - safe: drawn by the template, which escapes


#: Blocks drawn for the girl who reads the lesson: her answers, her ticks.
INTERACTIVE_BLOCKS = frozenset({"quiz", "steps"})


@register.simple_tag(takes_context=True)
def lesson_body(context):
    """The blocks of the lesson's body, in order.

    For a girl, questions and steps are drawn for each request (her answers, her
    ticks). Every other block is the same for everyone who reads this language, so it
    is drawn once and kept in the cache under the page's cache key and the content's
    version (a picture replaced moves it on too), and its pictures and files are not
    even read from the database while it is kept. A reader with no learning state
    (a visitor, a facilitator) sees questions and steps the same as every other such
    reader: the whole body is kept for them. The first use of each glossary word in
    the shared blocks (not in questions, steps or code, so that every reader sees the
    same links) links to its entry (``courses.glossary``): the links are content, kept
    with the blocks.
    """
    page = context["page"]
    stream, shared = page.body, context.flatten()

    def draw(index: int) -> str:
        child = stream[index]
        return child.render_as_block(context={**shared, "block_id": child.id})

    not_linked = {index for index, raw in enumerate(stream.raw_data)
                  if raw["type"] in INTERACTIVE_BLOCKS | {"code"}}

    def linked(drawn: list) -> list:
        return glossary.link_first_uses(drawn, page.locale, getattr(page, "track", ""),
                                        not_linked)

    if not context.get("learning"):
        return mark_safe(  # noqa: S308 - safe: every part was drawn by a block template
            _kept_for_page("lesson-body-public", context,
                           lambda: "".join(linked([draw(index) for index in range(len(stream))])))
        )

    def parts() -> list:
        return linked([
            index if raw["type"] in INTERACTIVE_BLOCKS else draw(index)
            for index, raw in enumerate(stream.raw_data)
        ])

    learning = context["learning"]
    raw_blocks = stream.raw_data

    def hers(index: int) -> str:
        """Her question or steps block: drawn once for every girl whose record shows the
        same there (no answer yet, answer 2 and right, steps 1 and 2 ticked...) and kept
        with holes for her form values, which are filled on every request."""
        kind, block_id = raw_blocks[index]["type"], raw_blocks[index].get("id")
        numbers = learning.quiz_numbers if kind == "quiz" else learning.steps_numbers
        state = her_state_of(learning, kind, numbers.get(block_id))

        def drawn_with_holes() -> str:
            child = stream[index]
            return child.render_as_block(context={
                **shared, "block_id": child.id, "csrf_token": CSRF_HOLE,
                "kept_with_holes": True})

        kept = _kept_for_page(f"lesson-block:{index}:{state}", context, drawn_with_holes)
        return fill_holes(kept, shared.get("csrf_token", ""))

    drawn = _kept_for_page("lesson-body", context, parts)
    html = "".join(hers(part) if isinstance(part, int) else part for part in drawn)
    return mark_safe(html)  # noqa: S308 - safe: every part was drawn by a block template


def _kept_for_page(name: str, context, build):
    """``build()`` for the page being drawn, kept per page state, language and site until
    any content changes (``cms.core.content_cache``); drawn afresh in a preview."""
    page, request = context.get("page"), context.get("request")
    if page is None or request is None or getattr(request, "is_preview", False):
        return build()
    site = Site.find_for_request(request)
    key = f"{name}:{page.cache_key}:{translation.get_language()}:{site and site.pk}"
    return content_cache.kept(key, build)


class KeptPartNode(template.Node):
    def __init__(self, name: str, nodelist):
        self.name, self.nodelist = name, nodelist

    def render(self, context):
        drawn = _kept_for_page(self.name, context, lambda: self.nodelist.render(context))
        return mark_safe(drawn)  # noqa: S308 - safe: drawn by the template, which escapes


@register.tag("kept_part")
def kept_part(parser, token):
    """``{% kept_part "name" %}...{% endkept_part %}``: a part of a page that is the same
    for every reader of its language (crumbs, heading, neighbours), drawn once and kept
    until the page or any content changes (``cms.core.content_cache``), in the shared cache
    and in each process. Wagtail's ``wagtailpagecache`` keys on the page alone, so a
    renamed day or a new neighbour would show late, and it costs a round trip each."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("kept_part takes one name: {% kept_part \"name\" %}")
    nodelist = parser.parse(("endkept_part",))
    parser.delete_first_token()
    return KeptPartNode(bits[1].strip("\"'"), nodelist)
