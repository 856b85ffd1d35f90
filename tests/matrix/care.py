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
    help_request(world)


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


def help_request(w):
    from camp.care.models import HelpRequest

    if not hasattr(w, "help_request"):
        w.help_request = HelpRequest.objects.create(
            learner=w.girl_a, message="Мага жардам керек.", share_with_facilitator=True)
    return w.help_request


def help_state(w):
    from camp.care.models import HelpRequest

    return HelpRequest.objects.get(pk=help_request(w).pk).status


def help_requests(w):
    from camp.care.models import HelpRequest

    return HelpRequest.objects.count()


ROWS += [
    Row("care:help", lambda w: reverse("care:help"), {"girl", "other_girl"}),
    Row("care:help", lambda w: reverse("care:help"), {"girl", "other_girl"}, method="post",
        data=lambda w: {"message": "Мага жардам керек.", "client_id": ""},
        ok=(302,), unchanged=help_requests),
    # The girl chose to share it with her facilitator: facilitator A reads it too.
    Row("care:help_request",
        lambda w: reverse("care:help_request", args=[help_request(w).pk]),
        {"facilitator", "lead"}),
    Row("care:help_request",
        lambda w: reverse("care:help_request", args=[help_request(w).pk]),
        LEAD, method="post", ok=(302,), unchanged=help_state),
]


def card_state(w):
    from camp.care.models import EmergencyCard

    return list(EmergencyCard.objects.values_list("contact_name", "health"))


ROWS += [
    Row("care:card", lambda w: reverse("care:card", args=[w.camp_a.pk, w.girl_a.pk]),
        {"facilitator", "lead"}),
    Row("care:card", lambda w: reverse("care:card", args=[w.camp_a.pk, w.girl_a.pk]),
        {"facilitator"}, method="post",
        data=lambda w: {"guardian": "", "contact_name": "Жаңыл", "contact_phone": "0700123456",
                        "health_note": ""},
        ok=(302,), unchanged=card_state),
    Row("care:day_needs", lambda w: reverse("care:day_needs", args=[w.camp_a.pk, 1]),
        {"facilitator"}),
]
