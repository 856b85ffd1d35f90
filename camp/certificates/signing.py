"""Ed25519 signatures over a certificate's facts, and the public keys that check them.

The private key comes from settings only (``CERTIFICATE_SIGNING_KEY``: a PEM file's path,
or the PEM itself), never the database or media: whoever can change the database must
not be able to sign. The public keys are settings too (the current key's, and the
retired ones in ``CERTIFICATE_RETIRED_KEYS``) for the same reason: a key written into the
database could vouch for forged facts. Every app server reads the same settings, so
every server signs and checks with the same keys.

The signed bytes are a fixed-order compact JSON array (``canonical``): no spaces, UTF-8,
the format tag first, then the key id and the facts in the order of ``FIELDS``.
"""

from __future__ import annotations

import base64
import datetime
import functools
import hashlib
import json
import os
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Max, Min

from . import qr

#: Changes when the list of signed facts changes; old signatures keep their own tag.
FORMAT = "tc-cert-1"
FIELDS = (
    "code", "version", "first_name", "initial", "camp", "village", "region_ky", "region_ru",
    "first_day", "last_day", "days_attended", "tracks", "language", "issued_on", "signed_on",
)


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def raw_public(public: Ed25519PublicKey) -> bytes:
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id_of(public: Ed25519PublicKey) -> str:
    """Made from the key itself, so a key id can never name another key."""
    return "tc-" + hashlib.sha256(raw_public(public)).hexdigest()[:10]


def new_private_pem() -> str:
    key = Ed25519PrivateKey.generate()
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode("ascii")


def write_private_key(path: Path, pem: str | None = None) -> str:
    """A new key file readable by its owner only; returns the PEM."""
    pem = pem or new_private_pem()
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(pem)
    return pem


@functools.lru_cache(maxsize=8)
def load_private_key(value: str) -> Ed25519PrivateKey:
    text = value if value.lstrip().startswith("-----BEGIN") else Path(value).read_text()
    key = serialization.load_pem_private_key(text.encode("ascii"), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ImproperlyConfigured("CERTIFICATE_SIGNING_KEY must be an Ed25519 private key.")
    return key


def private_key() -> Ed25519PrivateKey:
    """The key that signs today. In development a key file is made on first use."""
    value = str(getattr(settings, "CERTIFICATE_SIGNING_KEY", "") or "")
    dev_file = getattr(settings, "CERTIFICATE_DEV_KEY_FILE", None)
    if not value and dev_file:
        path = Path(dev_file)
        if not path.exists():
            try:
                write_private_key(path)
            except FileExistsError:  # another process made it a moment ago
                pass
        value = str(path)
    if not value:
        raise ImproperlyConfigured("CERTIFICATE_SIGNING_KEY is not set.")
    return load_private_key(value)


@dataclass(frozen=True)
class PublicKey:
    key_id: str
    public: Ed25519PublicKey
    valid_from: datetime.date | None = None
    valid_until: datetime.date | None = None

    def covers(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )

    def as_json(self) -> dict:
        return {
            "kid": self.key_id, "alg": "Ed25519", "public_key": b64(raw_public(self.public)),
            "valid_from": self.valid_from.isoformat() if self.valid_from else None,
            "valid_until": self.valid_until.isoformat() if self.valid_until else None,
        }


def _date(value) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def current_key() -> PublicKey:
    public = private_key().public_key()
    since = _date(getattr(settings, "CERTIFICATE_KEY_VALID_FROM", "") or None)
    return PublicKey(key_id_of(public), public, since)


def public_keys() -> dict[str, PublicKey]:
    """Every key this site vouches for, by key id: the current one and the retired ones."""
    keys = {}
    for entry in getattr(settings, "CERTIFICATE_RETIRED_KEYS", []) or []:
        public = Ed25519PublicKey.from_public_bytes(unb64(entry["public_key"]))
        key = PublicKey(key_id_of(public), public, _date(entry.get("valid_from")),
                        _date(entry.get("valid_until")))
        keys[key.key_id] = key
    current = current_key()
    keys[current.key_id] = current
    return keys


def facts(certificate, span: tuple | None = None) -> dict:
    """What the signature covers: what the paper and the verification page show.
    ``span``: the camp's first and last day when the caller has them already."""
    camp = certificate.camp
    school = camp.school
    region = school.district.region
    if span is None:
        span = camp.days.aggregate(first=Min("date"), last=Max("date"))
    else:
        span = {"first": span[0], "last": span[1]}
    learner = certificate.learner
    return {
        "code": certificate.code,
        "version": certificate.version,
        "first_name": learner.first_name or learner.username,
        "initial": learner.last_name[:1],
        "camp": camp.title,
        "village": school.village,
        "region_ky": region.name_ky,
        "region_ru": region.name_ru,
        "first_day": (span["first"] or camp.start_date).isoformat(),
        "last_day": (span["last"] or camp.start_date).isoformat(),
        "days_attended": certificate.days_attended,
        "tracks": list(certificate.tracks),
        "language": certificate.language,
        "issued_on": certificate.issued_on.isoformat(),
        "signed_on": certificate.signed_on.isoformat() if certificate.signed_on else None,
    }


def canonical(key_id: str, values: dict) -> bytes:
    return json.dumps(
        [FORMAT, key_id, *(values[name] for name in FIELDS)],
        ensure_ascii=False, separators=(",", ":"),
    ).encode("utf-8")


def sign(certificate, *, today: datetime.date) -> None:
    """Fill in ``signed_on``, ``key_id``, ``signature`` and the QR code's compact
    signature (``camp.certificates.qr``); the caller saves."""
    key = private_key()
    certificate.signed_on = today
    certificate.key_id = key_id_of(key.public_key())
    values = facts(certificate)
    certificate.signature = b64(key.sign(canonical(certificate.key_id, values)))
    certificate.qr_signature = b64(
        key.sign(qr.canonical(certificate.key_id, qr.compact_facts(values))))


SIGNATURE_FIELDS = ["signed_on", "key_id", "signature", "qr_signature"]


class Check(Enum):
    SIGNED = "signed"
    UNSIGNED = "unsigned"
    UNKNOWN_KEY = "unknown_key"
    TAMPERED = "tampered"


def check(certificate) -> tuple[Check, PublicKey | None]:
    """Do today's stored facts match the stored signature, under a key we publish?"""
    if not certificate.signature or not certificate.signed_on:
        return Check.UNSIGNED, None
    key = public_keys().get(certificate.key_id)
    if key is None:
        return Check.UNKNOWN_KEY, None
    if not key.covers(certificate.signed_on):
        return Check.TAMPERED, key
    values = facts(certificate)
    try:
        key.public.verify(unb64(certificate.signature), canonical(certificate.key_id, values))
        # The paper's QR code carries the compact form: it must match too.
        key.public.verify(unb64(certificate.qr_signature),
                          qr.canonical(certificate.key_id, qr.compact_facts(values)))
    except (InvalidSignature, ValueError):
        return Check.TAMPERED, key
    return Check.SIGNED, key
