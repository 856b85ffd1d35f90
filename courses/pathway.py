"""My path to university: the programmes she chose, the ORT subject tests they ask
for, and the year's dates from the admission guide.

The dates and the tests are content (``UniversityGuidePage.key_dates``,
``UniversityPage.ort_subjects``), edited in the admin every year: nothing here is a
date or a threshold.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from .models import OrtSubject, PathChoice, UniversityGuidePage, UniversityPage
from .services import LearningError


@dataclass
class KeyDate:
    key: str
    label: str
    start: datetime.date
    end: datetime.date | None
    is_past: bool


@dataclass
class Plan:
    guide: UniversityGuidePage | None
    universities: list = field(default_factory=list)
    chosen: list = field(default_factory=list)
    subjects: list = field(default_factory=list)  # [(label, [university titles])]
    next_steps: list = field(default_factory=list)
    past_steps: list = field(default_factory=list)


def guide_page() -> UniversityGuidePage | None:
    guides = UniversityGuidePage.objects.live().public()
    return guides.filter(locale=Locale.get_active()).first() or guides.first()


def key_dates(guide: UniversityGuidePage, today: datetime.date | None = None) -> list[KeyDate]:
    today = today or timezone.localdate()
    dates = []
    for block in guide.key_dates:
        value = block.value
        last_day = value.get("end") or value["start"]
        dates.append(KeyDate(
            value["key"], value["label"], value["start"], value.get("end"), last_day < today
        ))
    return sorted(dates, key=lambda date: date.start)


def plan_for(learner, today: datetime.date | None = None) -> Plan:
    guide = guide_page()
    if guide is None:
        return Plan(guide=None)
    universities = list(guide.universities())
    chosen_keys = set(
        PathChoice.objects.filter(learner=learner).values_list("university_key", flat=True)
    )
    chosen = [u for u in universities if u.translation_key in chosen_keys]
    labels = dict(OrtSubject.choices)
    subjects = []
    for key, label in labels.items():
        needed_by = [u.title for u in chosen if key in (u.ort_subjects or [])]
        if needed_by:
            subjects.append((label, needed_by))
    dates = key_dates(guide, today)
    return Plan(
        guide=guide,
        universities=[(u, u.translation_key in chosen_keys) for u in universities],
        chosen=chosen,
        subjects=subjects,
        next_steps=[date for date in dates if not date.is_past],
        past_steps=[date for date in dates if date.is_past],
    )


def choose(learner, university_key: str, keep: bool = True) -> None:
    """Put a university on her path (or take it off). Doing it twice changes nothing."""
    try:
        key = uuid.UUID(str(university_key))
    except ValueError:
        key = None
    if key is None or not UniversityPage.objects.live().filter(translation_key=key).exists():
        raise LearningError(_("This university is not in the guide."), code="university")
    if keep:
        PathChoice.objects.get_or_create(
            learner=learner, university_key=key, defaults={"added_at": timezone.now()}
        )
    else:
        PathChoice.objects.filter(learner=learner, university_key=key).delete()
