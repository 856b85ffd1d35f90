"""Whom to call for a girl: her family's guardians, offered on her emergency card.

Camp may not import gals (gals -> camp), so gals registers a function that answers
``[(name, phone), ...]`` for a girl (gals/apps.py)."""

from collections.abc import Callable

_sources: list[Callable] = []


def register(source: Callable) -> Callable:
    if source not in _sources:
        _sources.append(source)
    return source


def guardian_contacts(girl) -> list[tuple[str, str]]:
    """Her guardians with a phone number, each once."""
    found: list[tuple[str, str]] = []
    for source in _sources:
        for contact in source(girl):
            if contact not in found and contact[1]:
                found.append(contact)
    return found
