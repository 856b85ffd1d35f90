"""The hasher of girls' PINs, and equal work for every failed sign-in.

A six-digit PIN has a million values: whoever holds a stolen database tries them all,
whatever the hash costs (docs/security.md, "The PIN and its hash"). What protects a PIN
is the limit on tries; the hash only has to keep it out of plain sight. So a PIN is
hashed with PBKDF2-SHA256 at a tenth of the default work: a class of 30 is made in
about a second instead of eight, and a girl's sign-in costs 25 ms of CPU, not 250.
Passwords (staff, parents) keep Django's default hasher.

Two accounts must not be told apart by how long a wrong try takes: every failed check
runs both hashers once, the PIN's and the default one, whatever the account (or none).
"""

from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher, get_hasher, make_password


class PinHasher(PBKDF2PasswordHasher):
    algorithm = "pbkdf2_sha256_pin"
    iterations = 100_000


def pin_hasher():
    """The hasher girls' PINs are stored with (``settings.PIN_HASHER``)."""
    return get_hasher(settings.PIN_HASHER)


def hash_pin(pin: str) -> str:
    return make_password(pin, hasher=pin_hasher())


def is_pin_hash(encoded: str) -> bool:
    return bool(encoded) and encoded.startswith(pin_hasher().algorithm + "$")


def spend_failed_try_work(raw: str, *, done: str) -> None:
    """Run whichever of the two hashers a failed check has not run yet (``done``: "pin",
    "password" or "none", an unknown username), so that every failure costs both."""
    if done != "pin":
        hash_pin(raw)
    if done != "password":
        make_password(raw)
