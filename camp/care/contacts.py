"""Whom to call for a girl: her family's guardians, offered on her emergency card.

Camp may not import gals (gals -> camp), so gals answers through the Wagtail hook
``GUARDIANS``: a function giving ``[(name, phone), ...]`` for a girl
(gals/wagtail_hooks.py)."""

from wagtail import hooks

GUARDIANS = "camp_guardian_contacts"


def guardian_contacts(girl) -> list[tuple[str, str]]:
    """Her guardians with a phone number, each once."""
    found: list[tuple[str, str]] = []
    for source in hooks.get_hooks(GUARDIANS):
        for contact in source(girl):
            if contact not in found and contact[1]:
                found.append(contact)
    return found
