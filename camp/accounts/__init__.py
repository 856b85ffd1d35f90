"""Girls' accounts in a camp: creating them, their PINs, login cards, the shared phone.

The girls' accounts themselves (usernames, PINs, limits) are the kernel's
(``cms.core.accounts``); this module ties them to a camp. A facilitator creates girls
for her camp (they are enrolled at once through ``camp.enrolment``), prints login
cards right after (a PIN is shown only once), and turns a shared phone into the
camp's sign-in device: a girl taps her name in the camp's list and types her PIN.
"""

from __future__ import annotations

import json
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from camp.enrolment import CLOSED_STATUSES, EnrolmentError, enrol
from camp.models import Camp, Enrolment
from cms.core import accounts as kernel_accounts
from cms.core import pdf

SIGNIN_COOKIE = "camp_signin"
SIGNIN_SALT = "camp.signin-device"
#: PINs stay on the facilitator's screen (in her server-side session) this long.
FRESH_PIN_SECONDS = 60 * 60
FRESH_PINS_KEY = "camp_fresh_pins"
PIN_PAD_COOKIE = "camp_pin_pads"
PIN_PAD_SALT = "camp.fresh-pins"


# --- Creating girls for a camp -----------------------------------------------------------


@transaction.atomic
def add_girls(camp: Camp, rows: list[kernel_accounts.GirlRow], by):
    """Create an account for each girl and enrol her in ``camp`` (or its waiting list).

    All or nothing: if the camp no longer takes girls, no account is made.
    """
    if camp.status in CLOSED_STATUSES:
        raise EnrolmentError(
            translation.gettext("This camp is %(status)s: nobody can be enrolled any more.")
            % {"status": camp.get_status_display()}
        )
    created = kernel_accounts.create_girls(rows, by, language=camp.language)
    for account in created:
        # The user's roles were read before the learner group was added.
        account.user.__dict__.pop("roles", None)
        enrol(camp, account.user, by)
    return created


def camp_girls(camp: Camp, *, waiting_too: bool = False):
    """The girls of ``camp`` with an active account, by name: those enrolled, and with
    ``waiting_too`` those on the waiting list."""
    places = camp.enrolments.current() if waiting_too else camp.enrolments.enrolled()
    return (
        get_user_model().objects.filter(
            pk__in=places.values("learner"), is_active=True, anonymised_at__isnull=True,
        )
        .order_by("first_name", "last_name", "pk")
    )


def enrolment_of(camp: Camp, girl_id: int) -> Enrolment | None:
    """Her enrolment in this camp, or None: a girl of another camp is not found here."""
    return (
        Enrolment.objects.select_related("learner", "camp")
        .filter(camp=camp, learner_id=girl_id)
        .first()
    )


def reset_pin(enrolment: Enrolment, by) -> str:
    return kernel_accounts.reset_pin(enrolment.learner, by)


# --- PINs shown once ---------------------------------------------------------------------


def _pad_cookie(camp: Camp) -> str:
    return f"{PIN_PAD_COOKIE}_{camp.pk}"


def _digits_add(pin: str, pad: str, sign: int = 1) -> str:
    return "".join(str((int(a) + sign * int(b)) % 10) for a, b in zip(pin, pad, strict=True))


def _pads(request, camp: Camp) -> dict:
    value = request.get_signed_cookie(
        _pad_cookie(camp), default=None, salt=PIN_PAD_SALT, max_age=FRESH_PIN_SECONDS
    )
    try:
        return json.loads(value) if value else {}
    except ValueError:
        return {}


def remember_pins(request, response, camp: Camp, pins: dict[int, str]) -> None:
    """Keep fresh PINs for the facilitator's screen and cards, for one hour at most.

    No plain PIN is stored on the server (its session lives in Redis and the database):
    the session keeps each PIN plus a random pad, digit by digit, and the pads live
    only in a signed cookie of her browser that expires after the hour. Either half
    alone tells nothing; when the cards are made, or the hour ends, both go.
    """
    pads = _pads(request, camp)
    entry = request.session.get(FRESH_PINS_KEY, {}).get(str(camp.pk))
    if not pads or not entry or entry["at"] + FRESH_PIN_SECONDS < time.time():
        entry, pads = {"at": time.time(), "girls": {}}, {}
    for user_id, pin in pins.items():
        pad = "".join(secrets.choice("0123456789") for _ in pin)
        pads[str(user_id)] = pad
        entry["girls"][str(user_id)] = _digits_add(pin, pad)
    store = request.session.get(FRESH_PINS_KEY, {})
    store[str(camp.pk)] = entry
    request.session[FRESH_PINS_KEY] = store
    response.set_signed_cookie(
        _pad_cookie(camp), json.dumps(pads), salt=PIN_PAD_SALT,
        max_age=int(entry["at"] + FRESH_PIN_SECONDS - time.time()),
        httponly=True, samesite="Strict", secure=request.is_secure(),
    )


def fresh_pins(request, camp: Camp) -> list[tuple[object, str]]:
    """(girl, PIN) pairs created or reset within the hour, for this camp's girls only."""
    entry = request.session.get(FRESH_PINS_KEY, {}).get(str(camp.pk))
    if entry and entry["at"] + FRESH_PIN_SECONDS < time.time():
        forget_pins(request.session, camp)  # the hour is over: nothing stays behind
        return []
    pads = _pads(request, camp)
    if not entry or not pads:
        return []
    girls = {str(girl.pk): girl for girl in camp_girls(camp, waiting_too=True)}
    return [
        (girls[user_id], _digits_add(hidden, pads[user_id], -1))
        for user_id, hidden in entry["girls"].items()
        if user_id in girls and user_id in pads
    ]


def forget_pins(session, camp: Camp, response=None) -> None:
    store = session.get(FRESH_PINS_KEY, {})
    if store.pop(str(camp.pk), None) is not None:
        session[FRESH_PINS_KEY] = store
    if response is not None:
        response.delete_cookie(_pad_cookie(camp), samesite="Strict")


# --- Login cards ------------------------------------------------------------------------


#: What each consent scope means, in the words printed on the paper form (cms.core.models
#: Consent.Scope names the scopes).
CONSENT_EXPLAINED = {
    "participation": _(
        "She takes part in the six camp days: lessons, soldering and 3D printing under a "
        "facilitator's eye, and an account with a PIN for the lessons on a phone."),
    "photos": _(
        "The facilitator may photograph her and what she builds during the camp. The "
        "photos are seen by her, her family and her facilitators only; they are never "
        "published."),
    "surveys": _(
        "She answers short questionnaires before and after the camp. The answers are "
        "counted under a code, without her name, to learn whether the camp helps."),
    "health": _(
        "What the family tells about her health (an allergy, asthma, medicines) is "
        "written on her emergency card, seen only by her facilitators and the "
        "programme's safeguarding lead."),
}

#: Login cards refer to no file: only the data: URIs of their QR codes.
LOGIN_CARDS = pdf.Design(Path(settings.BASE_DIR) / "templates" / "camp" / "accounts")


def login_cards_pdf(camp: Camp, pins: list[tuple[object, str]], sign_in_url) -> bytes:
    """An A4 PDF of cards (eight a page): name, username, PIN and a QR code.

    In the camp's language. The QR code leads to the PIN sign-in page with her
    username filled in; the PIN is never in the code, only printed on the card.
    ``sign_in_url(girl)`` gives the absolute address for one girl.
    """
    with translation.override(camp.language):
        cards = [
            {"girl": girl, "pin": pin, "qr": pdf.qr_src(sign_in_url(girl))}
            for girl, pin in pins
        ]
        html = render_to_string(
            "camp/accounts/login_cards.html",
            {"camp": camp, "cards": cards, "LANGUAGE_CODE": camp.language},
        )
    return pdf.render(html, LOGIN_CARDS)[0]


# --- Consent forms on paper ---------------------------------------------------------------


def consent_forms_pdf(camp: Camp, language: str, *, by) -> bytes:
    """An A4 consent form per enrolled girl, in ``language`` (the family's, which may
    not be the camp's): what each scope means, boxes for the guardian's and the girl's
    answers and signatures, and a box where the facilitator writes the day it came back
    before she ticks the camp's consent sheet. Only the girl's name is printed: the
    paper goes home with her. Printing is kept in the audit log."""
    from cms.core.audit import record
    from cms.core.models import AuditEvent, Consent
    from cms.core.personal_data import retention_months

    girls = [e.learner for e in Enrolment.objects.enrolled().filter(
        camp=camp, learner__anonymised_at__isnull=True,
    ).select_related("learner").order_by("learner__first_name", "learner__pk")]
    days = list(camp.days.order_by("number").values_list("date", flat=True))
    with translation.override(language):
        scopes = [(label, CONSENT_EXPLAINED[scope]) for scope, label in Consent.Scope.choices]
        html = render_to_string("camp/accounts/consent_forms.html", {
            "camp": camp, "girls": girls, "scopes": scopes,
            "first_day": days[0] if days else camp.start_date,
            "last_day": days[-1] if days else camp.start_date,
            "months": retention_months(), "LANGUAGE_CODE": language,
        })
    record(by, AuditEvent.Action.EXPORTED, camp, what="consent forms", girls=len(girls))
    return pdf.render(html, LOGIN_CARDS)[0]


# --- The shared phone ("camp sign-in") ---------------------------------------------------


def signin_camp(request) -> Camp | None:
    """The camp this device signs girls in for, if a facilitator turned it on."""
    value = request.get_signed_cookie(
        SIGNIN_COOKIE, default=None, salt=SIGNIN_SALT,
        max_age=getattr(settings, "CAMP_SIGNIN_MAX_AGE", 60 * 60 * 24 * 14),
    )
    if not value or not str(value).isdigit():
        return None
    return Camp.objects.exclude(status__in=CLOSED_STATUSES).filter(pk=int(value)).first()


def turn_on_signin(response, request, camp: Camp) -> None:
    response.set_signed_cookie(
        SIGNIN_COOKIE, str(camp.pk), salt=SIGNIN_SALT,
        max_age=getattr(settings, "CAMP_SIGNIN_MAX_AGE", 60 * 60 * 24 * 14),
        httponly=True, samesite="Lax", secure=request.is_secure(),
    )


def turn_off_signin(response) -> None:
    response.delete_cookie(SIGNIN_COOKIE, samesite="Lax")
