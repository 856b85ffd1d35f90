"""Girls' accounts, her record, the shared phone and guardian invitations.

One rule for a child's record (camp/accounts/rules.py): her camp's own facilitators
and the administrators, never a programme manager (who sees names, attendance and
progress on the camp's pages: tests/matrix/camp.py).
"""

import datetime
import json
import uuid

from django.urls import reverse
from django.utils import timezone

from camp.models import UnconfirmedWrite
from cms.core.models import AuditEvent, Consent, User
from gals.models import GuardianInvite

from . import PUBLIC, Row

CAMP_OWN = {"facilitator", "admin"}


def camp_url(name, *extra):
    return lambda w: reverse(f"camp:{name}", args=[w.camp_a.pk, *[f(w) for f in extra]])


def girl(w):
    return w.girl_a.pk


def users(w):
    return User.objects.count()


def girl_state(w):
    row = User.objects.get(pk=w.girl_a.pk)
    return (row.first_name, row.password, row.anonymised_at)


def exports(w):
    return AuditEvent.objects.filter(action=AuditEvent.Action.EXPORTED).count()


def invite(w):
    return GuardianInvite.objects.create(
        household=w.household_a, girl=w.girl_a, family_role="father",
        expires_at=timezone.now() + datetime.timedelta(days=3),
    )


def handed_items(w):
    """One unconfirmed write of girl_a, as her shared phone hands it over."""
    lesson = w.curriculum["lessons"]["ky"][0]
    url = reverse("courses:lesson_done", kwargs={"lesson_key": lesson.translation_key})
    return {"items": json.dumps([{
        "client_id": str(uuid.uuid4()), "user_id": w.girl_a.pk, "url": url, "fields": {},
        "label": lesson.title, "created_at": timezone.now().isoformat(),
    }])}


def unconfirmed(w):
    return UnconfirmedWrite.objects.count()


def a_write(w):
    return UnconfirmedWrite.objects.create(
        camp=w.camp_a, learner=w.girl_a, kind="lesson", made_at=timezone.now(),
        received_at=timezone.now(), client_id=uuid.uuid4(),
    ).pk


ROWS = [
    Row("camp:accounts", camp_url("accounts"), CAMP_OWN),
    Row("camp:account_new", camp_url("account_new"), CAMP_OWN, method="post",
        data=lambda w: {"first_name": "Асел", "initial": "Б", "birth_year": 2010,
                        "school_grade": 9},
        ok=(302,), unchanged=users),
    Row("camp:accounts_bulk", camp_url("accounts_bulk"), CAMP_OWN, method="post",
        data=lambda w: {"lines": "Асел, Б, 2010, 9\nЖибек, Т, 2011, 8"},
        ok=(302,), unchanged=users),
    Row("camp:new_pins", camp_url("new_pins"), CAMP_OWN),
    Row("camp:forget_pins", camp_url("forget_pins"), CAMP_OWN, method="post", ok=(302,)),
    # With no PIN just made, the cards page sends her back to the accounts.
    Row("camp:login_cards", camp_url("login_cards"), CAMP_OWN, ok=(302,)),
    Row("camp:girl", camp_url("girl", girl), CAMP_OWN),
    Row("camp:reset_pin", camp_url("reset_pin", girl), CAMP_OWN, method="post",
        ok=(302,), unchanged=girl_state),
    Row("camp:consent", camp_url("consent", girl), CAMP_OWN, method="post",
        data=lambda w: {"scope": "photos", "kind": "guardian",
                        "given_on": timezone.localdate().isoformat()},
        ok=(302,), unchanged=lambda w: Consent.objects.count()),
    Row("camp:consent_sheet", camp_url("consent_sheet"), CAMP_OWN),
    Row("camp:consent_forms", lambda w: reverse("camp:consent_forms", args=[w.camp_a.pk, "ru"]),
        CAMP_OWN),
    Row("camp:consent_sheet", camp_url("consent_sheet"), CAMP_OWN, method="post",
        data=lambda w: {f"tick-{w.girl_a.pk}-photos:guardian": "on",
                        "given_on": timezone.localdate().isoformat()},
        ok=(302,), unchanged=lambda w: Consent.objects.count()),
    Row("camp:export_girl", camp_url("export_girl", girl), CAMP_OWN, method="post",
        data=lambda w: {"export-reason": "Her mother asked on 3 May."}, unchanged=exports),
    Row("camp:anonymise_girl", camp_url("anonymise_girl", girl), CAMP_OWN, method="post",
        data=lambda w: {"anonymise-reason": "Her mother asked on 3 May.",
                        "anonymise-confirm": "on"},
        ok=(302,), unchanged=girl_state),
    Row("camp:signin_device", camp_url("signin_device"), CAMP_OWN, method="post",
        data=lambda w: {"turn": "on"}, ok=(302,)),
    Row("camp:signin", lambda w: reverse("camp:signin"), PUBLIC),
    # Without the device's signed cookie nobody reaches a girl's PIN page.
    Row("camp:signin_pin", lambda w: reverse("camp:signin_pin", args=[w.girl_a.pk]), set()),
    Row("camp:switch_user", lambda w: reverse("camp:switch_user"), PUBLIC, method="post",
        ok=(302,)),
    # Any facilitator may hand a phone's unconfirmed writes over; the server keeps only
    # those of girls of her own camps (tests/camp/test_shared_phone.py).
    Row("camp:hand_over", lambda w: reverse("camp:hand_over"),
        CAMP_OWN | {"other_facilitator"}, method="post", data=handed_items,
        unchanged=unconfirmed),
    Row("camp:discard_unconfirmed", camp_url("discard_unconfirmed", a_write), CAMP_OWN,
        method="post", ok=(302,), unchanged=unconfirmed),
    Row("gals:invite_new", lambda w: reverse("gals:invite_new", args=[w.household_a.pk]),
        CAMP_OWN),
    Row("gals:invite", lambda w: reverse("gals:invite", args=[invite(w).pk]), CAMP_OWN),
    Row("gals:join", lambda w: reverse("gals:join"), PUBLIC),
    Row("gals:join_code", lambda w: reverse("gals:join_code", args=[invite(w).code]), PUBLIC),
]
