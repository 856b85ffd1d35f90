"""What the site publishes for anyone checking a certificate away from it: the public
keys with their validity, and the revoked codes. Both are small, stable JSON (sorted,
compact) so that an unchanged list keeps its ETag."""

import hashlib
import json

from wagtail import hooks

from . import signing
from .models import Certificate

#: Other revoked certificates on the same list (a household's GALS certificate): camp
#: may not import gals, so gals answers through this Wagtail hook, a function returning
#: ``(code, revoked on)`` pairs (gals/wagtail_hooks.py).
OTHER_REVOCATIONS = "camp_certificate_revocations"

#: Seconds a verifier or proxy may keep each document before asking again.
KEYS_MAX_AGE = 24 * 60 * 60
STATUS_MAX_AGE = 10 * 60


def _encode(document: dict) -> bytes:
    return json.dumps(document, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def keys_document() -> bytes:
    keys = sorted(signing.public_keys().values(), key=lambda key: key.key_id)
    return _encode({"format": signing.FORMAT, "keys": [key.as_json() for key in keys]})


def status_document() -> bytes:
    """Every revoked code with its date; a code not listed is not revoked."""
    revoked = list(Certificate.objects.filter(revoked_on__isnull=False)
                   .values_list("code", "revoked_on"))
    for others in hooks.get_hooks(OTHER_REVOCATIONS):
        revoked += others()
    return _encode({"revoked": {code: day.isoformat() for code, day in sorted(revoked)}})


def etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
