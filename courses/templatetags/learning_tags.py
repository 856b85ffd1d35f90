"""Small helpers for the learning forms in lesson and block templates."""

import uuid

from django import template

register = template.Library()


@register.simple_tag
def client_id() -> str:
    """A fresh UUID for one form: the phone sends it with the write, so a retry counts once."""
    return str(uuid.uuid4())


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
