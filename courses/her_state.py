"""A girl's own record of a lesson as its page shows it (done, ticks, answers) and her
photos with the consent they need, kept in the cache until she or her consent changes.

Her record is read on every lesson page she opens, and changes only when she writes: so
each part is kept under a counter of her own (``cms.core.data_versions``) that moves on
when one of its rows is saved or deleted, by anyone, on any server. The two parts have
counters of their own because they change at different rates: in a camp morning she
answers and finishes a lesson between two pages, so her progress is read again on
nearly every page, while her consent and photos change a few times a camp. Reading them
again with her progress was more than half of what her record cost.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from cms.core.data_versions import DataVersion

#: A day at most: a new counter value makes what was kept unreachable long before.
KEPT_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class HerProgress:
    """Her lessons done, and her ticks and latest answers in one lesson."""

    completed: frozenset
    steps_done: frozenset
    answers: dict


@dataclass(frozen=True)
class HerPhotos:
    """Whether her photo consent stands, and her photos by lesson (kept only while it
    stands)."""

    consent: bool
    by_lesson: dict

    def of_lesson(self, lesson_key) -> tuple:
        return self.by_lesson.get(lesson_key, ())


def progress_version_of(learner_id: int) -> DataVersion:
    return DataVersion(f"her-record:{learner_id}")


def photos_version_of(learner_id: int) -> DataVersion:
    return DataVersion(f"her-photos:{learner_id}")


def kept_progress(learner, lesson_key, build) -> HerProgress:
    """``build()`` kept for this girl and lesson until her progress changes."""
    return progress_version_of(learner.pk).kept(
        f"her-lesson:{learner.pk}:{lesson_key}", build, KEPT_SECONDS)


def kept_photos(learner, build) -> HerPhotos:
    """``build()`` kept for this girl until her photos or consent change, and for the
    day: a consent can start or end on a date without a write."""
    key = f"her-photos:{learner.pk}:{timezone.localdate().isoformat()}"
    return photos_version_of(learner.pk).kept(key, build, KEPT_SECONDS)


def group_by_lesson(photos) -> dict:
    grouped: dict = defaultdict(list)
    for photo in photos:
        grouped[photo.lesson_key].append(photo)
    return {key: tuple(found) for key, found in grouped.items()}


def _moves(version_of):
    def on_her_write(sender, instance, **kwargs) -> None:
        learner_id = getattr(instance, "learner_id", None)
        if learner_id:
            version_of(learner_id).changed()

    return on_her_write


_ON_PROGRESS_WRITE = _moves(progress_version_of)
_ON_PHOTOS_WRITE = _moves(photos_version_of)


def connect(progress_models, photos_models) -> None:
    """Her progress moves on with ``progress_models``' rows, her photos with
    ``photos_models``'."""
    for models, receiver in ((progress_models, _ON_PROGRESS_WRITE),
                             (photos_models, _ON_PHOTOS_WRITE)):
        for model in models:
            for signal in (post_save, post_delete):
                signal.connect(receiver, sender=model,
                               dispatch_uid=f"her-record-{model.__name__}-{id(signal)}")
