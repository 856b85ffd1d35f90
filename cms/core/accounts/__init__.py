"""Girls' accounts: readable usernames, short PINs, bulk creation.

Girls of 14-17 have no email and sign in on shared family phones. A facilitator
makes their accounts: the platform picks a username she can read aloud
(``aigul-k-4821``) and a short numeric PIN that is shown once and stored only as a
password hash. Wrong PINs are limited by ``cms.core.signin``: per account, and per
address only far above a camp's typos, because a whole camp shares one connection.
"""

from __future__ import annotations

import csv
import re
import secrets
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cms.core import signin
from cms.core.audit import record
from cms.core.models import AuditEvent, Role
from cms.core.pin_hashing import hash_pins

# Kyrgyz and Russian Cyrillic to Latin, as people in Kyrgyzstan write names in
# Latin letters: Жылдыз -> jyldyz, Үмүт -> umut, Төрө -> toro, Жаңыл -> janyl.
TRANSLITERATION = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "j",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "ң": "n",
    "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ү": "u",
    "ф": "f", "х": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sch", "ъ": "", "ы": "y",
    "ь": "", "э": "e", "ю": "yu", "я": "ya",
    # Look-alikes typed on other keyboards: ӊ (with tail), Kazakh ұ and ү-like letters.
    "ӊ": "n", "ұ": "u", "ә": "a", "і": "i", "ғ": "g", "қ": "k", "һ": "h",
}

NAME_PATTERN = re.compile(r"^[^\W\d_]+(?:[ '’-][^\W\d_]+)*$")
NAME_MAX_LENGTH = 50
BULK_MAX_LINES = 200
PIN_LENGTH = getattr(settings, "PIN_LENGTH", 6)


def transliterate(text: str) -> str:
    """Latin letters for a Kyrgyz or Russian name: "Айгүл" -> "aigul"."""
    text = unicodedata.normalize("NFC", text.strip().lower())
    out = []
    for char in text:
        if char in TRANSLITERATION:
            out.append(TRANSLITERATION[char])
        elif "a" <= char <= "z" or "0" <= char <= "9":
            out.append(char)
        else:
            # Latin letters with accents lose them; anything else becomes a hyphen.
            plain = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
            out.append(plain if plain.isalnum() else "-")
    return re.sub(r"-+", "-", "".join(out)).strip("-")


def username_stem(first_name: str, initial: str) -> str:
    """The readable part of a username: "aigul-k"."""
    first = transliterate(first_name)[:30] or "girl"
    letter = transliterate(initial)[:1]
    return f"{first}-{letter}" if letter else first


def unique_username(first_name: str, initial: str, taken: set[str] | None = None) -> str:
    """``aigul-k-4821``: the stem and four random digits, never one already in use.

    ``taken`` holds names given earlier in the same batch (not yet in the database).
    """
    User = get_user_model()
    taken = taken if taken is not None else set()
    stem = username_stem(first_name, initial)
    for digits in (4, 4, 4, 4, 5, 5, 6, 6, 8):
        candidate = f"{stem}-{secrets.randbelow(9 * 10 ** (digits - 1)) + 10 ** (digits - 1)}"
        if candidate not in taken and not User.objects.filter(
            username__iexact=candidate
        ).exists():
            taken.add(candidate)
            return candidate
    raise RuntimeError("no free username found")  # pragma: no cover - 10^8 tries space


def _weak(pin: str) -> bool:
    """All one digit, or a run up or down ("123456", "987654"): the first guesses."""
    steps = {int(b) - int(a) for a, b in zip(pin, pin[1:], strict=False)}
    return len(steps) == 1 and steps <= {-1, 0, 1}


def make_pin(length: int = PIN_LENGTH) -> str:
    """A random numeric PIN that is not one of the obvious guesses."""
    while True:
        pin = "".join(secrets.choice("0123456789") for _ in range(length))
        if not _weak(pin):
            return pin


# --- Bulk lists -----------------------------------------------------------------------


@dataclass
class GirlRow:
    """One girl of a list: what a facilitator types, validated."""

    first_name: str
    initial: str
    birth_year: int
    school_grade: int
    line: int = 0


class BulkError(ValidationError):
    """Some lines are wrong; ``messages`` names each by its line number."""


def _year_range() -> tuple[int, int]:
    this_year = timezone.localdate().year
    return this_year - 25, this_year - 8


def validate_girl(first_name: str, initial: str, birth_year, school_grade) -> GirlRow:
    """Check one girl's data; raises ValidationError with every problem, translated."""
    problems = []
    first_name = " ".join((first_name or "").split())
    initial = (initial or "").strip().rstrip(".").strip()
    if not first_name:
        problems.append(_("the first name is missing"))
    elif len(first_name) > NAME_MAX_LENGTH or not NAME_PATTERN.match(first_name):
        problems.append(_("the first name may hold letters only"))
    if len(initial) != 1 or not initial.isalpha():
        problems.append(_("write one letter of the last name, not the whole surname"))
    low, high = _year_range()
    try:
        year = int(str(birth_year).strip())
        if not low <= year <= high:
            raise ValueError
    except (TypeError, ValueError):
        year = 0
        problems.append(
            _("the birth year must be a year between %(low)d and %(high)d")
            % {"low": low, "high": high}
        )
    try:
        grade = int(str(school_grade).strip())
        if not 1 <= grade <= 12:
            raise ValueError
    except (TypeError, ValueError):
        grade = 0
        problems.append(_("the school grade must be a number from 1 to 12"))
    if problems:
        raise ValidationError(problems)
    return GirlRow(first_name[:1].upper() + first_name[1:], initial.upper(), year, grade)


def _split(line: str) -> list[str]:
    delimiter = "\t" if "\t" in line else ";" if ";" in line else ","
    return next(csv.reader([line], delimiter=delimiter, skipinitialspace=True))


def _looks_like_header(fields: list[str]) -> bool:
    return len(fields) >= 3 and not any(ch.isdigit() for ch in "".join(fields))


def parse_girls(text: str) -> list[GirlRow]:
    """Girls from pasted lines or a CSV file: first name, initial, birth year, grade.

    Comma, semicolon (Excel in Russian) or tab separate the fields; empty lines and
    a first line of column titles are skipped. Any wrong line makes the whole list
    fail with every wrong line named by its number, so a half-imported class never
    happens.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    rows: list[GirlRow] = []
    errors: list[str] = []
    count = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            fields = [f.strip() for f in _split(line)]
        except csv.Error:
            fields = []
        if count == 0 and not rows and not errors and _looks_like_header(fields):
            continue
        count += 1
        if len(fields) != 4:
            errors.append(
                _("Line %(line)d: write four fields separated by commas: "
                  "first name, initial, birth year, grade.") % {"line": number}
            )
            continue
        try:
            row = validate_girl(*fields)
        except ValidationError as error:
            errors.append(
                _("Line %(line)d: %(problems)s.")
                % {"line": number, "problems": "; ".join(error.messages)}
            )
            continue
        row.line = number
        rows.append(row)
    if count > BULK_MAX_LINES:
        raise BulkError(
            ngettext(
                "The list is too long: at most %(count)d girl at a time.",
                "The list is too long: at most %(count)d girls at a time.",
                BULK_MAX_LINES,
            ) % {"count": BULK_MAX_LINES}
        )
    if errors:
        raise BulkError(errors)
    if not rows:
        raise BulkError(_("The list is empty: write one girl per line."))
    return rows


def read_csv_upload(uploaded) -> str:
    """The text of an uploaded CSV: UTF-8 (with or without BOM) or Windows Cyrillic."""
    if uploaded.size > 512 * 1024:
        raise BulkError(_("The file is too large for a list of girls."))
    data = uploaded.read()
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise BulkError(_("The file could not be read: save it as CSV (UTF-8) and try again."))


# --- Creating accounts and PINs -------------------------------------------------------


@dataclass
class NewAccount:
    user: object
    pin: str


@transaction.atomic
def create_girls(rows: list[GirlRow], by, language: str = "") -> list[NewAccount]:
    """Make a learner account for each row, with a unique username and a fresh PIN.

    The PIN is returned once, for the screen and the printed card; the database
    keeps only its hash. Two girls of the same name get different usernames.
    """
    User = get_user_model()
    learners = Group.objects.get(name=Role.LEARNER)
    taken: set[str] = set()
    created = []
    pins = [make_pin() for _row in rows]
    for row, pin, encoded in zip(rows, pins, hash_pins(pins), strict=True):
        user = User(
            username=unique_username(row.first_name, row.initial, taken),
            first_name=row.first_name,
            last_name=row.initial,
            birth_year=row.birth_year,
            school_grade=row.school_grade,
            preferred_language=language,
        )
        user.password = encoded  # the PIN hasher's, made on every core
        user.save()
        user.groups.add(learners)
        record(by, AuditEvent.Action.CREATED, user, role=Role.LEARNER)
        created.append(NewAccount(user, pin))
    return created


def reset_pin(girl, by) -> str:
    """A new PIN for a girl who forgot hers; the old one stops working at once."""
    pin = make_pin()
    girl.set_pin(pin)
    girl.save(update_fields=["password"])
    signin.clear_failures(girl)
    record(by, AuditEvent.Action.CHANGED, girl, pin_reset=True)
    return pin
