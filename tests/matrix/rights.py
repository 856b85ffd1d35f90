"""Families' data requests and parents' password codes (gals/rights/rules.py).

A guardian of the girl's household asks; the administrators and the girl's own camp
facilitators answer (a programme manager never reaches a child's record); a
facilitator of another camp sees the list page, but not this request. A facilitator of
the daughter's camp gives a parent a password code; the code is typed by a visitor who
is not signed in."""

from django.urls import reverse

from gals import data_requests, reset_codes
from gals.models import DataRequest, PasswordResetCode

from . import PUBLIC, Row

ANSWER = {"facilitator", "admin"}


def prepare(world):
    world.data_request, _new = data_requests.ask(world.girl_a, "export", world.guardian_a)
    world.parent_line = world.household_a.members.get(user=world.guardian_a)
    world.reset_code = reset_codes.give_code(world.parent_line, world.facilitator_a)


def requests_state(w):
    return list(DataRequest.objects.order_by("pk").values_list("pk", "answered_at"))


def codes_state(w):
    return list(PasswordResetCode.objects.order_by("pk").values_list("pk", "used_at"))


def password_of(w):
    w.guardian_a.refresh_from_db()
    return (w.guardian_a.password, codes_state(w))


ROWS = [
    Row("gals:data_request_new",
        lambda w: reverse("gals:data_request_new", args=[w.girl_a.pk]),
        {"guardian"}, method="post", data=lambda w: {"kind": "erase"}, ok=(302,),
        unchanged=requests_state),
    Row("gals:data_requests", lambda w: reverse("gals:data_requests"),
        {"facilitator", "other_facilitator", "admin"}),
    Row("gals:data_request", lambda w: reverse("gals:data_request", args=[w.data_request.pk]),
        ANSWER),
    Row("gals:data_request", lambda w: reverse("gals:data_request", args=[w.data_request.pk]),
        ANSWER, method="post", data=lambda w: {"reason": "Апасы сурады"}, ok=(200,),
        unchanged=requests_state),
    Row("gals:reset_code_new",
        lambda w: reverse("gals:reset_code_new", args=[w.household_a.pk, w.parent_line.pk]),
        ANSWER, method="post", ok=(302,), unchanged=codes_state),
    Row("gals:reset_code", lambda w: reverse("gals:reset_code", args=[w.reset_code.pk]),
        ANSWER),
    Row("gals:reset", lambda w: reverse("gals:reset"), PUBLIC),
    Row("gals:reset_password",
        lambda w: reverse("gals:reset_password", args=[w.reset_code.code]), {"anonymous"}),
    Row("gals:reset_password",
        lambda w: reverse("gals:reset_password", args=[w.reset_code.code]), {"anonymous"},
        method="post",
        data=lambda w: {"password1": "Жаңы-сырсөз-2026", "password2": "Жаңы-сырсөз-2026"},
        ok=(302,), unchanged=password_of),
]
