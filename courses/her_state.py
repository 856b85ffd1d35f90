"""A girl's own record of a lesson as its page shows it (done, ticks, answers, photos,
photo consent), kept in the cache until she or her consent changes.

Her record is read on every lesson page she opens (five queries), and changes only
when she writes: so it is kept under a counter of her own (``cms.core.data_versions``) that
moves on when any of her rows is saved or deleted, by anyone, on any server. The date
is part of the key, because a consent can start or end on a date without a write.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from cms.core.data_versions import DataVersion

#: A day at most: a new counter value makes what was kept unreachable long before.
KEPT_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class HerRecord:
    completed: frozenset
    steps_done: frozenset
    answers: dict
    photo_consent: bool
    photos: tuple


def version_of(learner_id: int) -> DataVersion:
    return DataVersion(f"her-record:{learner_id}")


def kept_record(learner, lesson_key, build) -> HerRecord:
    """``build()`` kept for this girl, lesson and date until her record changes."""
    key = f"her-lesson:{learner.pk}:{lesson_key}:{timezone.localdate().isoformat()}"
    return version_of(learner.pk).kept(key, build, KEPT_SECONDS)


def on_her_write(sender, instance, **kwargs) -> None:
    learner_id = getattr(instance, "learner_id", None)
    if learner_id:
        version_of(learner_id).changed()


def connect(models) -> None:
    for model in models:
        for signal in (post_save, post_delete):
            signal.connect(on_her_write, sender=model,
                           dispatch_uid=f"her-record-{model.__name__}-{id(signal)}")
