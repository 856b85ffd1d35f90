"""Duty of care: the record of concerns (camp/care/rules.py).

A concern is read only by the safeguarding lead and the person who recorded it
(facilitator A here); only the lead follows it up and closes it. Everyone else -
another camp's facilitator, a manager, a partner, a parent, an editor, the girl, an
administrator who is not a lead - gets the refusal, and the attempt is audited
(tests/care/test_concerns.py)."""

import datetime

from django.urls import reverse
from django.utils import timezone

from camp.care.models import Concern, FollowUp

from . import Row

LEAD = {"lead"}


def prepare(world):
    world.concern = Concern.objects.create(
        learner=world.girl_a, camp=world.camp_a, recorded_by=world.facilitator_a,
        what="Ыйлап отурду, үйгө баргысы келбейт.", happened_on=timezone.localdate(),
    )


def concern_url(w):
    return reverse("care:concern", args=[w.concern.pk])


def concerns(w):
    return Concern.objects.count()


def concern_state(w):
    concern = Concern.objects.get(pk=w.concern.pk)
    return (concern.status, FollowUp.objects.filter(concern=concern).count())


ROWS = [
    Row("care:lead", lambda w: reverse("care:lead"), LEAD),
    Row("care:my_concerns", lambda w: reverse("care:my_concerns"),
        {"facilitator", "other_facilitator", "lead"}),
    Row("care:concern_new",
        lambda w: reverse("care:concern_new", args=[w.camp_a.pk, w.girl_a.pk]),
        {"facilitator"}),
    Row("care:concern_new", lambda w: reverse("care:concern_new", args=[w.camp_a.pk, w.girl_a.pk]),
        {"facilitator"}, method="post",
        data=lambda w: {"what": "Колунда көк так бар.",
                        "happened_on": (timezone.localdate()
                                        - datetime.timedelta(days=1)).isoformat(),
                        "told": "", "action_taken": ""},
        ok=(302,), unchanged=concerns),
    Row("care:concern", concern_url, {"facilitator", "lead"}),
    Row("care:concern", concern_url, LEAD, method="post",
        data=lambda w: {"text": "Апасы менен сүйлөштүм.", "close": "on"},
        ok=(302,), unchanged=concern_state),
]
