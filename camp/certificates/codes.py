"""Verification codes: short enough to type, impossible to guess, typos caught.

A code is 10 characters of Crockford base32 (50 random bits from the operating
system's CSPRNG) and one check character: the 50-bit value modulo 37, written with
Crockford's check alphabet. 37 is prime, so every single wrong character and every
swap of two neighbours changes the check. Codes whose check would be one of the
symbols ``*~$=U`` are drawn again, so a printed code holds only letters and digits.

People type what they read: case, spaces and hyphens do not matter, I and L read
as 1, O as 0, and Cyrillic letters that look like Latin ones (А В Е К М Н О Р С Т Х)
count as those.
"""

from __future__ import annotations

import secrets
from enum import Enum

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CHECK_ALPHABET = ALPHABET + "*~$=U"
BODY_LENGTH = 10
LENGTH = BODY_LENGTH + 1

_TRANSLATE = str.maketrans(
    {
        "I": "1", "L": "1", "O": "0",
        # Cyrillic look-alikes, typed on a Kyrgyz or Russian keyboard.
        "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H",
        "О": "0", "Р": "P", "С": "C", "Т": "T", "Х": "X", "Ү": "Y", "У": "Y",
    }
)
_IGNORED = str.maketrans("", "", " -\t\u00a0\u2010\u2011\u2012\u2013\u2014")


class Problem(Enum):
    MALFORMED = "malformed"
    TYPO = "typo"


def _value(body: str) -> int:
    value = 0
    for char in body:
        value = value * 32 + ALPHABET.index(char)
    return value


def check_character(body: str) -> str:
    return CHECK_ALPHABET[_value(body) % 37]


def new_code() -> str:
    """A fresh code (11 characters, letters and digits only)."""
    while True:
        body = "".join(secrets.choice(ALPHABET) for _ in range(BODY_LENGTH))
        check = check_character(body)
        if check in ALPHABET:
            return body + check


def normalise(typed: str) -> str:
    """What the person meant, in canonical form (not yet checked)."""
    return (typed or "").translate(_IGNORED).upper().translate(_TRANSLATE)


def parse(typed: str) -> tuple[str | None, Problem | None]:
    """(canonical code, None) when well formed with a matching check; else (None, problem)."""
    code = normalise(typed)
    if len(code) != LENGTH:
        return None, Problem.MALFORMED
    body, check = code[:BODY_LENGTH], code[BODY_LENGTH:]
    if any(char not in ALPHABET for char in body) or check not in CHECK_ALPHABET:
        return None, Problem.MALFORMED
    if check_character(body) != check:
        return None, Problem.TYPO
    return code, None


def display(code: str) -> str:
    """Grouped for reading aloud and printing: ``7KQ2M-X9D4R-C``."""
    return f"{code[:5]}-{code[5:10]}-{code[10:]}"
