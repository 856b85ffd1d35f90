"""A camp certificate as an Open Badges 3.0 ``OpenBadgeCredential`` (VC Data Model 2.0).

Built on request from the stored certificate and signed then, with the site's one
signing key (``signing.private_key``): nothing is stored, so a reissue, a corrected
name or an anonymisation shows in the next download. A certificate whose stored facts
no longer match their own signature is never exported (``Unavailable``): a fresh
signature must not vouch for facts changed in the database.

The proof is a Data Integrity proof with the ``eddsa-jcs-2022`` cryptosuite (W3C
Data Integrity EdDSA Cryptosuites v1.0): the credential and the proof options are
each put in the JSON Canonicalization Scheme (RFC 8785), hashed with SHA-256, and the
two hashes (options first) signed with Ed25519. It needs no JSON-LD processing, so a
verifier needs only a JCS library and Ed25519. The key is named by
``verificationMethod``: the issuer profile's URL and the key id as fragment; the
profile lists every published key (current and retired) as a ``Multikey``.

Revocation is a ``BitstringStatusListEntry``: bit number ``certificate.pk`` of one
signed ``BitstringStatusListCredential``, made from the same revoked rows as
``/.well-known/techcamp-status.json``.

Personal data: only what the paper prints, the first name and last initial, as a
plain-text ``IdentityObject`` of type ``name``; none at all once her data is
anonymised (the credential says that the name was removed on request).
"""

from __future__ import annotations

import base64
import datetime
import gzip
import hashlib
import json

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from courses.models import Track

from . import signing
from .models import Certificate
from .rendering import site_settings
from .services import camp_span

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
CONTEXT = [VC_CONTEXT, OB_CONTEXT]
#: 1EdTech's published JSON Schema that the credential declares and is tested against.
OB_SCHEMA = ("https://purl.imsglobal.org/spec/ob/v3p0/schema/json/"
             "ob_v3p0_achievementcredential_schema.json")
CRYPTOSUITE = "eddsa-jcs-2022"
#: Multicodec prefix of an Ed25519 public key in a ``Multikey``.
ED25519_PUB = b"\xed\x01"
#: The W3C Bitstring Status List's smallest list (16 KB before compression), so
#: that one bit fetched says little about which certificate was looked up.
STATUS_LIST_BITS = 131_072
MEDIA_TYPE = "application/vc"


class Unavailable(Exception):
    """This certificate cannot be exported: revoked for the holder's download, or its
    stored facts do not match its signature."""


# --- JSON Canonicalization Scheme (RFC 8785) and multibase --------------------------


def jcs(value) -> bytes:
    """RFC 8785 for the values a credential holds: objects, arrays, strings, integers,
    booleans and null (no floats, so no number formatting to get wrong)."""
    return _jcs(value).encode("utf-8")


def _jcs(value) -> str:
    if isinstance(value, dict):
        items = sorted(value.items(), key=lambda item: item[0].encode("utf-16-be"))
        return "{" + ",".join(_string(k) + ":" + _jcs(v) for k, v in items) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(_jcs(v) for v in value) + "]"
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, int):
        if abs(value) > 2**53:
            raise ValueError("integer too large for JCS")
        return str(value)
    if isinstance(value, str):
        return _string(value)
    raise TypeError(f"not a JCS value: {type(value).__name__}")


def _string(text: str) -> str:
    # Python escapes exactly as ECMAScript's JSON.stringify when non-ASCII stays raw:
    # \" \\ \b \f \n \r \t, other controls as lowercase \u00xx.
    return json.dumps(text, ensure_ascii=False)


_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def base58btc(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    out = ""
    while number:
        number, digit = divmod(number, 58)
        out = _B58[digit] + out
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + out


def multikey(key: signing.PublicKey) -> str:
    return "z" + base58btc(ED25519_PUB + signing.raw_public(key.public))


# --- Addresses -------------------------------------------------------------------------


def absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def issuer_url() -> str:
    return absolute(reverse("certificate_issuer"))


def status_list_url() -> str:
    return absolute(reverse("certificate_status_list"))


def achievement_url(language: str) -> str:
    return absolute(reverse("certificate_achievement", kwargs={"language": language}))


def credential_url(certificate: Certificate, language: str) -> str:
    with translation.override(language):
        return absolute(reverse("certificates:credential_public",
                                kwargs={"code": certificate.code}))


def _instant(day: datetime.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _now() -> str:
    return timezone.now().astimezone(datetime.UTC).replace(microsecond=0).isoformat().replace(
        "+00:00", "Z")


# --- The documents -----------------------------------------------------------------------


def programme_name() -> str:
    return site_settings().organisation or _("Tech Camp programme")


def achievement(language: str) -> dict:
    """What every girl of every camp earns, described in ``language`` (ky or ru), with
    the other language's description named as related."""
    with translation.override(language):
        return {
            "id": achievement_url(language),
            "type": ["Achievement"],
            "achievementType": "CertificateOfCompletion",
            "name": _("Six-day STEM tech camp"),
            "description": _(
                "Six days of hands-on learning in a village school: soldering and "
                "electronics, 3D modelling and printing, programming, soft skills and "
                "teamwork, and how to get into university."
            ),
            "criteria": {"narrative": _(
                "Come to the camp on the days its facilitators set and finish the core "
                "lessons of its curriculum; a facilitator may also grant the certificate "
                "with a written reason."
            )},
            "tag": [str(label) for label in Track.labels],
            "inLanguage": language,
            "related": [
                {"id": achievement_url(other), "type": ["Related"], "inLanguage": other}
                for other, _name in settings.LANGUAGES if other != language
            ],
        }


def issuer_profile() -> dict:
    """The issuer with every key that signs (or signed) its credentials; each key's
    dates of validity are in ``/.well-known/techcamp-keys.json``."""
    url = issuer_url()
    keys = sorted(signing.public_keys().values(), key=lambda key: key.key_id)
    return {
        "@context": CONTEXT,
        "id": url,
        "type": ["Profile"],
        "name": programme_name(),
        "url": absolute("/"),
        "verificationMethod": [
            {"id": f"{url}#{key.key_id}", "type": "Multikey", "controller": url,
             "publicKeyMultibase": multikey(key)}
            for key in keys
        ],
        "assertionMethod": [f"{url}#{key.key_id}" for key in keys],
    }


def _tracks(certificate: Certificate) -> str:
    labels = dict(Track.choices)
    return ", ".join(str(labels.get(track, track)) for track in certificate.tracks)


def credential(certificate: Certificate, language: str) -> dict:
    """The signed credential of one certificate, in ``language``."""
    if signing.check(certificate)[0] is not signing.Check.SIGNED:
        raise Unavailable
    camp = certificate.camp
    region = camp.school.district.region
    first, last = camp_span(camp)
    learner = certificate.learner
    with translation.override(language):
        name = _("Six-day STEM tech camp")
        subject = {
            "type": ["AchievementSubject"],
            "activityStartDate": _instant(first),
            "activityEndDate": _instant(last),
            "achievement": achievement(language),
        }
        document = {
            "@context": CONTEXT,
            "id": credential_url(certificate, language),
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "name": name,
            "issuer": {"id": issuer_url(), "type": ["Profile"], "name": programme_name()},
            "validFrom": _instant(certificate.issued_on),
            "awardedDate": _instant(certificate.issued_on),
            "credentialSubject": subject,
            "evidence": [{
                "id": absolute(reverse("certificates:verify_code",
                                       kwargs={"code": certificate.code})),
                "type": ["Evidence"],
                "name": camp.title,
                "description": _(
                    "%(camp)s, %(village)s, %(region)s, %(first)s – %(last)s. "
                    "Days attended: %(days)d. Tracks finished: %(tracks)s."
                ) % {
                    "camp": camp.title, "village": camp.school.village,
                    "region": region.name_ky if language == "ky" else region.name_ru,
                    "first": formats.date_format(first, "DATE_FORMAT"),
                    "last": formats.date_format(last, "DATE_FORMAT"),
                    "days": certificate.days_attended,
                    "tracks": _tracks(certificate) or "—",
                },
                "genre": _("Camp"),
            }],
            "credentialSchema": [{"id": OB_SCHEMA, "type": "1EdTechJsonSchemaValidator2019"}],
            "credentialStatus": {
                "id": f"{status_list_url()}#{certificate.pk}",
                "type": "BitstringStatusListEntry",
                "statusPurpose": "revocation",
                "statusListIndex": str(certificate.pk),
                "statusListCredential": status_list_url(),
            },
        }
        if learner.anonymised_at:
            document["description"] = _("The holder's name was removed on request.")
        else:
            subject["identifier"] = [{
                "type": "IdentityObject", "identityType": "name", "hashed": False,
                "identityHash": learner.display_name,
            }]
    return sign(document, created=_now())


def status_list_credential(today: datetime.date | None = None) -> dict:
    """The signed list of revoked certificates: bit ``pk`` set for each. The same all
    day while nothing changes (its dates are today's), so its ETag holds."""
    today = today or timezone.localdate()
    revoked = list(Certificate.objects.filter(revoked_on__isnull=False)
                   .values_list("pk", flat=True))
    last = max(revoked, default=0)
    size = STATUS_LIST_BITS * (last // STATUS_LIST_BITS + 1)
    bits = bytearray(size // 8)
    for index in revoked:
        bits[index // 8] |= 0x80 >> (index % 8)
    encoded = "u" + base64.urlsafe_b64encode(gzip.compress(bytes(bits), mtime=0)).rstrip(
        b"=").decode("ascii")
    url = status_list_url()
    document = {
        "@context": [VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_url(),
        "validFrom": _instant(today),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encoded,
        },
    }
    return sign(document, created=_instant(today))


# --- The proof -------------------------------------------------------------------------


def sign(document: dict, *, created: str) -> dict:
    """Add an ``eddsa-jcs-2022`` Data Integrity proof made with today's key."""
    key = signing.private_key()
    options = {
        "type": "DataIntegrityProof",
        "cryptosuite": CRYPTOSUITE,
        "created": created,
        "verificationMethod": f"{issuer_url()}#{signing.key_id_of(key.public_key())}",
        "proofPurpose": "assertionMethod",
    }
    config = {**options, "@context": document["@context"]}
    data = hashlib.sha256(jcs(config)).digest() + hashlib.sha256(jcs(document)).digest()
    proof = {**options, "proofValue": "z" + base58btc(key.sign(data))}
    return {**document, "proof": [proof]}


def encode(document: dict) -> bytes:
    """The bytes served: compact UTF-8 JSON in a fixed key order."""
    return json.dumps(document, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")
