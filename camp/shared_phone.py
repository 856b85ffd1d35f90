"""Writes from a shared phone that no girl confirmed.

Without signal, a girl who signed in on the camp's shared phone before may pick her
name from the phone's list and work on the days she saved: what she does waits on
the phone, marked unconfirmed, and is sent as hers only once she signs in with her
PIN (the server's sender check, ``cms.core.offline``). Nothing on the phone proves who
tapped a name, so a write whose girl never signs in must not become her progress.

Her facilitator, signed in on that phone, may hand such writes over: they are kept
here, apart from every girl's progress, on the camp's page, where she reads them
(and can ask the girl to do the lesson again) and discards them. They never count.
"""

from __future__ import annotations

import datetime
import json
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from cms.core.audit import record
from cms.core.models import AuditEvent

from .models import Enrolment, UnconfirmedWrite

#: A phone holds a few dozen at most: more in one hand-over is not a phone's queue.
MAX_ITEMS = 200


@dataclass
class HandOver:
    """What became of each item (by its client id): kept here, or left on the phone."""

    kept: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def read_items(text: str) -> list[dict]:
    """The phone's list of items, or a ValidationError in the reader's language."""
    try:
        items = json.loads(text or "")
    except ValueError:
        items = None
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise ValidationError(_("The phone's list could not be read. Reload the page "
                                "and try again."))
    if len(items) > MAX_ITEMS:
        raise ValidationError(_("Too many items at once: hand them over in parts."))
    return items


def _what(url: str, fields: dict):
    """(kind, lesson key, answer) of a write the lesson pages make, or None."""
    path = urlsplit(str(url)).path
    language = path.split("/")[1] if path.count("/") > 1 else ""
    if language not in dict(settings.LANGUAGES):
        return None
    try:
        with translation.override(language):
            match = resolve(path)
    except Resolver404:
        return None
    key = match.kwargs.get("lesson_key")
    if match.view_name == "courses:lesson_done":
        kind = UnconfirmedWrite.Kind.STEP if fields.get("step") else UnconfirmedWrite.Kind.LESSON
        return kind, key, None
    if match.view_name == "courses:quiz_answer":
        answer = str(fields.get("answer", ""))
        number = int(answer) if answer.isdigit() and len(answer) < 4 else None
        return UnconfirmedWrite.Kind.ANSWER, key, number
    return None


def _made_at(value) -> datetime.datetime:
    """When the phone says it was made; never in the future, never before a year ago."""
    now = timezone.now()
    made = parse_datetime(str(value or "")) if value else None
    if made is None:
        return now
    if timezone.is_naive(made):
        made = timezone.make_aware(made, datetime.UTC)
    return min(max(made, now - datetime.timedelta(days=365)), now)


def _place(by, girl_id) -> Enrolment | None:
    """Her place in a camp whose girls' records ``by`` keeps (the newest one)."""
    if not str(girl_id).isdigit():
        return None
    return (
        Enrolment.objects.looked_after_by(by).current()
        .filter(learner_id=int(girl_id), learner__anonymised_at__isnull=True)
        .order_by("-camp__start_date", "-pk").first()
    )


@transaction.atomic
def hand_over(items: list[dict], *, by) -> HandOver:
    """Keep the phone's unconfirmed writes of girls whose records ``by`` keeps.

    An item of a girl of another camp, or one that is not a lesson's write, stays on
    the phone (``refused``). The same item handed over twice is kept once.
    """
    result = HandOver()
    now = timezone.now()
    for item in items:
        client_id = str(item.get("client_id", ""))[:64]
        try:
            parsed = uuid.UUID(client_id)
        except ValueError:
            continue  # nothing the phone could match its item by
        fields = item.get("fields") if isinstance(item.get("fields"), dict) else {}
        what = _what(item.get("url", ""), fields)
        place = _place(by, item.get("user_id"))
        if what is None or place is None:
            result.refused.append(client_id)
            continue
        kind, lesson_key, answer = what
        write, created = UnconfirmedWrite.objects.get_or_create(
            client_id=parsed,
            defaults={
                "camp": place.camp, "learner": place.learner, "kind": kind,
                "lesson_key": lesson_key, "answer": answer,
                "label": str(item.get("label") or "")[:200],
                "made_at": _made_at(item.get("created_at")),
                "received_at": now, "received_by": by,
            },
        )
        if created:
            record(by, AuditEvent.Action.CREATED, write, camp=place.camp_id,
                   learner=place.learner_id, kind=kind)
        elif write.learner_id != place.learner_id:
            result.refused.append(client_id)  # another girl's id: not this one
            continue
        result.kept.append(client_id)
    return result


def listed(camp) -> list[UnconfirmedWrite]:
    """The camp's unconfirmed writes, each with ``title``: the lesson's title in the
    reader's language (the page title the phone had, once the lesson is gone)."""
    from courses.services import lesson_by_key

    writes = list(camp.unconfirmed_writes.select_related("learner")
                  .order_by("learner__first_name", "made_at", "pk"))
    for write in writes:
        lesson = lesson_by_key(write.lesson_key) if write.lesson_key else None
        write.title = lesson.title if lesson else write.label
    return writes


@transaction.atomic
def discard(write: UnconfirmedWrite, *, by) -> None:
    record(by, AuditEvent.Action.DELETED, write, camp=write.camp_id,
           learner=write.learner_id, kind=write.kind)
    write.delete()
