"""The proof the printed QR code carries: a compact signed copy of what the paper shows.

The QR code opens ``/<lang>/verify/<code>/`` as before; after a ``#`` it carries the
certificate's printed facts and an Ed25519 signature over them, so that anyone can check
the paper without reaching the server (``static/js/cert-check.js`` does it in the
browser, this module in Python). A browser never sends the part after ``#`` to the
server: the facts travel only from the paper to the phone that scans it.

This is the one place where a child's data is in an address, and only what the paper
already prints: first name and initial, camp, village, the camp's dates, days attended
and tracks (with the code, the version, the language, the day it was signed and the key
id). No region, no school, no surname, no birth year.

Two forms, two jobs:

- **Signed** (``canonical``): a compact JSON array, UTF-8, no spaces, the format tag
  ``tc-qr-1`` first, then the key id and the facts in the order of ``FIELDS``. Dates
  are ISO days, tracks a list in the order of ``TRACKS``.
- **Carried** (``pack``/``unpack``): the same facts as bytes, written in the 43 characters
  that both a URL fragment and the QR code's alphanumeric mode take as they are (digits,
  capitals and ``$*+-./:``), 3 characters for 2 bytes. Alphanumeric mode spends 5.5 bits
  on a character, byte mode 8: this is what keeps the code at version 10 or lower.
  Cyrillic letters take one byte each (``_TEXT``), not UTF-8's two.

Bytes: format (1), key id (5: its 10 hex digits), signature (64), version (1), language
and tracks (1), days attended (1), first day, last day, signing day (2 each, days since
2020-01-01), then first name, initial, camp and village (a length byte and the text).

A household's GALS certificate is carried the same way under its own first byte and
signed tag (``gals.certificates.FAMILY_QR``): a ``Layout`` names the facts of each kind,
and ``pack``, ``unpack`` and ``check`` read any layout registered here.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass

FORMAT = "tc-qr-1"
FORMAT_BYTE = 1
FIELDS = (
    "code", "version", "first_name", "initial", "camp", "village", "first_day", "last_day",
    "days_attended", "tracks", "language", "signed_on",
)
#: Frozen for this format: a new track is added at the end, never in between.
TRACKS = ("soldering", "modelling", "programming", "university", "softskills")
LANGUAGES = ("ky", "ru")
EPOCH = datetime.date(2020, 1, 1)
#: Longest texts carried (characters); a longer camp title is cut and ends in "…", so the
#: code stays at version 10 with small modules still 0.5 mm wide on paper.
LIMITS = {"first_name": 20, "initial": 1, "camp": 40, "village": 24}
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ$*+-./:"
_VALUE = {char: value for value, char in enumerate(ALPHABET)}
#: One byte per letter: ASCII as it is, А-я (U+0410-U+044F) from 0x80, then the letters
#: of Kyrgyz and its neighbours; anything else is 0x01 and three bytes of code point.
_EXTRA = "ЁёҢңӨөҮүІіЎўҚқҒғҺһӘәҖҗ…"
_ESCAPE = 0x01


class NotACertificate(ValueError):
    """Text that is not a compact certificate of this programme."""


@dataclass(frozen=True)
class Layout:
    """Which facts one kind of certificate signs and in what order its QR code carries
    them. ``head``: one byte each, ``"flags"`` being the language (bit 7) and the list
    fact ``choice_name`` as bits 0-6 of ``choices``; ``days``: two bytes each; ``texts``:
    a length byte and the text each."""

    kind: str
    tag: str
    byte: int
    fields: tuple[str, ...]
    head: tuple[str, ...]
    days: tuple[str, ...]
    texts: tuple[str, ...]
    choices: tuple[str, ...] = ()
    choice_name: str = ""

    @property
    def header_size(self) -> int:
        return 70 + len(self.head) + 2 * len(self.days)


@dataclass(frozen=True)
class Compact:
    key_id: str
    signature: bytes
    facts: dict
    layout: Layout | None = None


def cut(text: str, limit: int) -> str:
    """One line of at most ``limit`` characters, ending in "…" when it was longer."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def facts(certificate, span=None) -> dict:
    """What the QR code carries, from today's stored facts (see ``signing.facts``)."""
    from . import signing

    return compact_facts(signing.facts(certificate, span))


#: A girl's camp certificate; frozen, as papers with it are printed.
GIRLS = Layout(
    kind="camp", tag=FORMAT, byte=FORMAT_BYTE, fields=FIELDS,
    head=("version", "flags", "days_attended"), days=("first_day", "last_day", "signed_on"),
    texts=("first_name", "initial", "camp", "village"), choices=TRACKS, choice_name="tracks",
)
#: Every layout a QR code may carry, by its first byte (gals adds the families').
LAYOUTS: dict[int, Layout] = {GIRLS.byte: GIRLS}


def register(layout: Layout) -> None:
    """Let ``unpack`` and ``check`` read another kind of certificate."""
    if LAYOUTS.setdefault(layout.byte, layout) != layout:
        raise ValueError(f"QR format byte {layout.byte} is taken")


def canonical(key_id: str, values: dict, layout: Layout = GIRLS) -> bytes:
    return json.dumps(
        [layout.tag, key_id, *(values[name] for name in layout.fields)],
        ensure_ascii=False, separators=(",", ":"),
    ).encode("utf-8")


# --- Text in one byte a letter ------------------------------------------------------


def _pack_text(text: str) -> bytes:
    out = bytearray()
    for char in text:
        point = ord(char)
        if 0x20 <= point < 0x7F:
            out.append(point)
        elif 0x410 <= point <= 0x44F:
            out.append(0x80 + point - 0x410)
        elif char in _EXTRA:
            out.append(0xC0 + _EXTRA.index(char))
        else:
            out += bytes([_ESCAPE]) + point.to_bytes(3, "big")
    if len(out) > 255:
        raise ValueError("text too long for the compact form")
    return bytes(out)


def _unpack_text(data: bytes) -> str:
    chars, i = [], 0
    while i < len(data):
        byte = data[i]
        if 0x20 <= byte < 0x7F:
            chars.append(chr(byte))
        elif 0x80 <= byte < 0xC0:
            chars.append(chr(0x410 + byte - 0x80))
        elif 0xC0 <= byte < 0xC0 + len(_EXTRA):
            chars.append(_EXTRA[byte - 0xC0])
        elif byte == _ESCAPE and i + 3 < len(data):
            point = int.from_bytes(data[i + 1:i + 4], "big")
            if point > 0x10FFFF or 0xD800 <= point <= 0xDFFF:
                raise NotACertificate("bad character")
            chars.append(chr(point))
            i += 3
        else:
            raise NotACertificate("bad character")
        i += 1
    return "".join(chars)


# --- 43 characters for bytes --------------------------------------------------------


def to_text(data: bytes) -> str:
    out = []
    for i in range(0, len(data) - 1, 2):
        n = data[i] * 256 + data[i + 1]
        out += [ALPHABET[n % 43], ALPHABET[n // 43 % 43], ALPHABET[n // 1849]]
    if len(data) % 2:
        out += [ALPHABET[data[-1] % 43], ALPHABET[data[-1] // 43]]
    return "".join(out)


def from_text(text: str) -> bytes:
    if len(text) % 3 == 1:
        raise NotACertificate("bad length")
    try:
        values = [_VALUE[char] for char in text]
    except KeyError as error:
        raise NotACertificate("bad character") from error
    out = bytearray()
    for i in range(0, len(values), 3):
        chunk = values[i:i + 3]
        n = sum(value * 43**power for power, value in enumerate(chunk))
        if len(chunk) == 3:
            if n > 0xFFFF:
                raise NotACertificate("bad chunk")
            out += n.to_bytes(2, "big")
        else:
            if n > 0xFF:
                raise NotACertificate("bad chunk")
            out.append(n)
    return bytes(out)


# --- The carried form ---------------------------------------------------------------


def _day_number(iso: str) -> int:
    number = (datetime.date.fromisoformat(iso) - EPOCH).days
    if not 0 <= number <= 0xFFFF:
        raise ValueError("date outside the compact form")
    return number


def _day(number: int) -> str:
    return (EPOCH + datetime.timedelta(days=number)).isoformat()


def pack(key_id: str, signature: bytes, values: dict, layout: Layout = GIRLS) -> str:
    if not key_id.startswith("tc-") or len(key_id) != 13 or len(signature) != 64:
        raise ValueError("not a key id and signature of this site")
    data = bytearray([layout.byte]) + bytes.fromhex(key_id[3:]) + signature
    for name in layout.head:
        if name == "flags":
            mask = sum(1 << layout.choices.index(choice)
                       for choice in values.get(layout.choice_name, ()))
            data.append((LANGUAGES.index(values["language"]) << 7) | mask)
        else:
            data.append(values[name])
    for name in layout.days:
        data += _day_number(values[name]).to_bytes(2, "big")
    for name in layout.texts:
        text = _pack_text(values[name])
        data += bytes([len(text)]) + text
    return to_text(bytes(data))


def unpack(code: str, text: str) -> Compact:
    """The key id, signature and facts carried after ``#``, in whichever registered
    layout its first byte names; ``code`` is the one in the address (it is signed too).
    Raises ``NotACertificate`` for anything else."""
    try:
        data = from_text(text.strip().upper())
        layout = LAYOUTS.get(data[0]) if data else None
        if layout is None or len(data) < layout.header_size:
            raise NotACertificate("not this format")
        key_id = "tc-" + data[1:6].hex()
        signature = data[6:70]
        values = {"code": code}
        at = 70
        for name in layout.head:
            if name == "flags":
                flags = data[at]
                if flags & 0x7F & ~((1 << len(layout.choices)) - 1):
                    raise NotACertificate("unknown choices")
                values["language"] = LANGUAGES[flags >> 7]
                if layout.choice_name:
                    values[layout.choice_name] = [
                        choice for i, choice in enumerate(layout.choices) if flags & (1 << i)]
            else:
                values[name] = data[at]
            at += 1
        for name in layout.days:
            values[name] = _day(int.from_bytes(data[at:at + 2], "big"))
            at += 2
        for name in layout.texts:
            size = data[at]
            if at + 1 + size > len(data):
                raise NotACertificate("cut short")
            values[name] = _unpack_text(data[at + 1:at + 1 + size])
            at += 1 + size
        if at != len(data):
            raise NotACertificate("trailing bytes")
    except IndexError as error:
        raise NotACertificate("cut short") from error
    return Compact(key_id, bytes(signature), values, layout)


def fragment(certificate, span=None) -> str:
    """What follows ``#`` in the QR code's address; empty when the certificate has no
    compact signature (one whose facts were changed outside the site is not re-signed).
    ``span``: the camp's first and last day, when the caller knows them."""
    from . import signing

    if not certificate.qr_signature or not certificate.key_id:
        return ""
    try:
        return pack(certificate.key_id, signing.unb64(certificate.qr_signature),
                    facts(certificate, span))
    except ValueError:  # a date before 2020, a reissue count past 255
        return ""


def compact_facts(full: dict) -> dict:
    """``signing.facts`` cut down to what the paper prints."""
    return {
        "code": full["code"],
        "version": full["version"],
        "first_name": cut(full["first_name"], LIMITS["first_name"]),
        "initial": full["initial"][:1],
        "camp": cut(full["camp"], LIMITS["camp"]),
        "village": cut(full["village"], LIMITS["village"]),
        "first_day": full["first_day"],
        "last_day": full["last_day"],
        "days_attended": full["days_attended"],
        "tracks": [track for track in TRACKS if track in full["tracks"]],
        "language": full["language"],
        "signed_on": full["signed_on"],
    }


def check(code: str, text: str):
    """The same check as the browser's: ``(outcome, compact, key)`` where outcome is one
    of "valid", "tampered", "unknown_key" and "not_a_certificate". Revocation is the
    status list's business, not the paper's."""
    from cryptography.exceptions import InvalidSignature

    from . import codes, signing

    parsed, problem = codes.parse(code or "")
    if problem is not None:
        return "not_a_certificate", None, None
    try:
        compact = unpack(parsed, text)
    except (NotACertificate, ValueError):
        return "not_a_certificate", None, None
    key = signing.public_keys().get(compact.key_id)
    if key is None:
        return "unknown_key", compact, None
    if not key.covers(datetime.date.fromisoformat(compact.facts["signed_on"])):
        return "tampered", compact, key
    try:
        key.public.verify(compact.signature,
                          canonical(compact.key_id, compact.facts, compact.layout))
    except InvalidSignature:
        return "tampered", compact, key
    return "valid", compact, key
