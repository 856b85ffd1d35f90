"""What a girl does while she learns: lessons and steps done, answers, photos.

Every write carries a client-made UUID (``client_id``): a phone that sends the same
thing twice, or an offline queue that replays it, changes nothing the second time.
Errors are ``LearningError`` with a message for the girl; when one is raised,
nothing was stored.

    lesson_by_key(key) -> LessonPage | None
    finish_lesson(learner, lesson, client_id) -> FinishedLesson (with her finished lessons)
    mark_lesson_done(learner, lesson, client_id) -> (LessonProgress, created)
    mark_step_done(learner, lesson, step, client_id) -> (StepProgress, created)
    answer_quiz(learner, lesson, number, answer, client_id) -> QuizResult
    add_photo(learner, file, caption, client_id, lesson=None) -> (ProjectPhoto, created)
    quiz_results(learners, curriculum) -> list[QuestionResult]   # for the facilitator

Surveys are in ``courses.surveys``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from PIL import Image

from cms.core import content_cache
from cms.core.audit import record
from cms.core.consent import has_consent, standing_by_girl
from cms.core.images import clean_image
from cms.core.models import AuditEvent, Consent

from . import her_state, progress
from .models import LessonPage, LessonProgress, ProjectPhoto, QuizAttempt, StepProgress

CAPTION_MAX_LENGTH = 200


class LearningError(ValidationError):
    """A girl's request that cannot be done; the message says why, in her language."""


def parse_client_id(value) -> uuid.UUID:
    """The phone's UUID for this write; a missing or malformed one is refused."""
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError) as error:
        raise LearningError(
            _("This request could not be read. Reload the page and try again."),
            code="client_id",
        ) from error


def lesson_by_key(lesson_key) -> LessonPage | None:
    """The live lesson with this translation key, in the active language if it exists.
    Asked on every answer and tick, so it is kept until the content changes."""
    language = get_language()

    def find():
        lessons = LessonPage.objects.live().public().filter(translation_key=lesson_key)
        lessons = lessons.select_related("locale")
        return (
            lessons.filter(locale__language_code=language).first()
            or lessons.order_by("locale_id").first()
        )

    return content_cache.kept(f"lesson-by-key:{lesson_key}:{language}", find)


def _refuse_someone_elses_id():
    raise LearningError(
        _("This request could not be read. Reload the page and try again."),
        code="client_id",
    )


def _own_replay(model, learner, client_id):
    """A row this phone already sent; a UUID reused by someone else is refused."""
    existing = model.objects.filter(client_id=client_id).first()
    if existing is not None and existing.learner_id != learner.pk:
        _refuse_someone_elses_id()
    return existing


def _sent_or_kept(rows, learner, client_id, same):
    """Among ``rows`` (read in one query): the row this phone sent before (a UUID of
    someone else's is refused), else her row that ``same`` picks out, else None."""
    for row in rows:
        if row.client_id == client_id:
            if row.learner_id != learner.pk:
                _refuse_someone_elses_id()
            return row
    return next((row for row in rows if row.learner_id == learner.pk and same(row)), None)


@dataclass(frozen=True)
class FinishedLesson:
    progress: LessonProgress
    created: bool
    #: The keys of every lesson she has finished, this one included.
    completed: frozenset


def finish_lesson(learner, lesson: LessonPage, client_id: uuid.UUID) -> FinishedLesson:
    """She finished ``lesson``. Once per lesson, whatever the language or the retries.

    One query reads her finished lessons and the row this phone may have sent before;
    only a new completion writes. Her finished lessons come back with it, for the
    way on to her next lesson."""
    key = lesson.translation_key

    def read():
        rows = list(LessonProgress.objects.filter(Q(learner=learner) | Q(client_id=client_id)))
        found = _sent_or_kept(rows, learner, client_id, lambda row: row.lesson_key == key)
        mine = frozenset(row.lesson_key for row in rows if row.learner_id == learner.pk)
        return found, mine

    found, completed = read()
    if found is not None:
        return FinishedLesson(found, False, completed)
    try:
        with transaction.atomic():
            row = LessonProgress.objects.create(
                learner=learner, lesson_key=key, completed_at=timezone.now(),
                client_id=client_id)
        return FinishedLesson(row, True, completed | {key})
    except IntegrityError:  # the same request raced itself: the first one won
        found, completed = read()
        if found is None:
            raise
        return FinishedLesson(found, False, completed)


def mark_lesson_done(learner, lesson: LessonPage, client_id: uuid.UUID):
    """``finish_lesson`` as (LessonProgress, created)."""
    finished = finish_lesson(learner, lesson, client_id)
    return finished.progress, finished.created


def blocks_of_type(lesson: LessonPage, block_type: str) -> list:
    """The lesson's blocks of one type, in order. Only those are read from the stored
    body: answering a question does not load the lesson's pictures and files."""
    body = lesson.body
    return [body[index] for index, raw in enumerate(body.raw_data) if raw["type"] == block_type]


def lesson_steps(lesson: LessonPage) -> list[str]:
    """The keys of the lesson's steps: "<n>.<m>", the m-th step of the n-th steps block.
    Counted in the stored body, so a tick does not look up the steps' pictures."""
    keys = []
    steps_blocks = [raw for raw in lesson.body.raw_data if raw["type"] == "steps"]
    for number, raw in enumerate(steps_blocks, start=1):
        keys += [f"{number}.{step}" for step in range(1, len(raw["value"]["steps"]) + 1)]
    return keys


def steps_done(learner, lesson_key) -> set[str]:
    return set(
        StepProgress.objects.filter(learner=learner, lesson_key=lesson_key).values_list(
            "step", flat=True
        )
    )


def mark_step_done(learner, lesson: LessonPage, step: str, client_id: uuid.UUID):
    """She ticked one step, so the lesson opens where she left off. One query when the
    step was ticked before (or this phone sent it already), one write when not."""
    if step not in lesson_steps(lesson):
        raise LearningError(_("This lesson has no such step."), code="step")
    key = lesson.translation_key

    def read():
        rows = StepProgress.objects.filter(
            Q(learner=learner, lesson_key=key, step=step) | Q(client_id=client_id))
        return _sent_or_kept(list(rows), learner, client_id,
                             lambda row: row.lesson_key == key and row.step == step)

    found = read()
    if found is not None:
        return found, False
    try:
        with transaction.atomic():
            return StepProgress.objects.create(
                learner=learner, lesson_key=key, step=step, completed_at=timezone.now(),
                client_id=client_id), True
    except IntegrityError:
        found = read()
        if found is None:
            raise
        return found, False


def quiz_blocks(lesson: LessonPage) -> list:
    """The lesson's check questions in order; question n is ``quiz_blocks(lesson)[n - 1]``."""
    return blocks_of_type(lesson, "quiz")


@dataclass(frozen=True)
class QuizResult:
    attempt: QuizAttempt
    is_correct: bool
    correct_choice: str
    explanation: str
    created: bool


def answer_quiz(learner, lesson: LessonPage, number: int, answer, client_id: uuid.UUID):
    """Score her answer to question ``number`` of ``lesson`` and keep the attempt."""
    blocks = quiz_blocks(lesson)
    if not isinstance(number, int) or not 1 <= number <= len(blocks):
        raise LearningError(_("This question does not exist in the lesson."), code="question")
    block = blocks[number - 1]
    choices = list(block.value["choices"])
    try:
        answer = int(answer)
    except (TypeError, ValueError):
        answer = 0
    if not 1 <= answer <= len(choices):
        raise LearningError(_("Choose one of the answers first."), code="answer")
    correct = block.value["correct"]
    # Written first: a phone sends an answer again only after a lost reply, so the
    # row it sent before is looked for only when its UUID is already taken.
    try:
        with transaction.atomic():
            attempt = QuizAttempt.objects.create(
                learner=learner,
                lesson_key=lesson.translation_key,
                quiz_number=number,
                block_id=block.id or "",
                answer=answer,
                is_correct=answer == correct,
                language=lesson.locale.language_code,
                answered_at=timezone.now(),
                client_id=client_id,
            )
        created = True
    except IntegrityError:
        attempt, created = _own_replay(QuizAttempt, learner, client_id), False
        if attempt is None:
            raise
    return QuizResult(
        attempt=attempt,
        is_correct=attempt.is_correct,
        correct_choice=choices[correct - 1] if 1 <= correct <= len(choices) else "",
        explanation=block.value["explanation"],
        created=created,
    )


def last_answers(learner, lesson_key) -> dict[int, QuizAttempt]:
    """Her latest attempt at each question of a lesson, by question number.

    Her attempts at one lesson are few (a girl who tries a question fifty times has
    fifty short rows), so they are read newest first and the first of each question
    kept: a plain query costs a third of the CPU of a window function picking the
    newest in the database, and it runs on every lesson page she opens.
    """
    attempts = (
        QuizAttempt.objects.filter(learner=learner, lesson_key=lesson_key)
        .order_by("-answered_at", "-pk")
        .only("quiz_number", "answer", "is_correct")
    )
    newest: dict[int, QuizAttempt] = {}
    for attempt in attempts:
        newest.setdefault(attempt.quiz_number, attempt)
    return newest


@dataclass
class QuestionResult:
    lesson: LessonPage
    number: int
    question: str
    girls: int
    first_right: int

    @property
    def share_right(self) -> int:
        return round(100 * self.first_right / self.girls) if self.girls else 0


def quiz_results(learners, curriculum) -> list[QuestionResult]:
    """Per question of ``curriculum``: how many of ``learners`` answered, and how many
    were right the first time. Hardest first. A fixed number of queries."""
    from .progress import _lessons

    learner_ids = [getattr(learner, "pk", learner) for learner in learners]
    lessons = {lesson.translation_key: lesson for lesson in _lessons(curriculum)}
    first: dict[tuple, dict[int, bool]] = {}
    attempts = (
        QuizAttempt.objects.filter(learner_id__in=learner_ids, lesson_key__in=lessons)
        .order_by("answered_at", "pk")
        .values_list("lesson_key", "quiz_number", "learner_id", "is_correct")
    )
    for lesson_key, number, learner_id, is_correct in attempts:
        first.setdefault((lesson_key, number), {}).setdefault(learner_id, is_correct)
    results = []
    for (lesson_key, number), by_girl in first.items():
        lesson = lessons[lesson_key]
        blocks = quiz_blocks(lesson)
        question = blocks[number - 1].value["question"] if number <= len(blocks) else ""
        results.append(
            QuestionResult(lesson, number, question, len(by_girl), sum(by_girl.values()))
        )
    results.sort(key=lambda result: (result.share_right, result.lesson.path, result.number))
    return results


def has_photo_consent(learner) -> bool:
    return has_consent(learner, Consent.Scope.PHOTOS)


def photo_consent_ids(learners) -> set[int]:
    """The ids of the girls among ``learners`` whose photo consent stands (one query)."""
    needed = {(Consent.Scope.PHOTOS, signer) for signer in Consent.Kind.values}
    return {pk for pk, pairs in standing_by_girl(learners).items() if pairs >= needed}


def photos_with_consent(learners, kind=ProjectPhoto.Kind.BUILD) -> dict[int, list]:
    """Per girl (by id): her photos of ``kind``, newest first, only while her photo
    consent stands (both signatures); a girl whose consent was withdrawn is left out.
    Two queries for a class."""
    allowed = photo_consent_ids(learners)
    found: dict[int, list[ProjectPhoto]] = {}
    for photo in ProjectPhoto.objects.filter(
            learner_id__in=allowed, kind=kind).order_by("-created_at", "-pk"):
        found.setdefault(photo.learner_id, []).append(photo)
    return found


def roll_call_photos(learners) -> dict[int, ProjectPhoto]:
    """Per girl (by id): her photo for the roll call, while her photo consent stands."""
    return {pk: photos[0] for pk, photos in
            photos_with_consent(learners, ProjectPhoto.Kind.ROLL_CALL).items()}


def set_roll_call_photo(learner, file, client_id: uuid.UUID, *, by=None):
    """Her facilitator's photo of her face for the roll call: cleaned like every photo,
    with the photo consent; it replaces the one before (she may delete it on her own
    photos page)."""
    photo, created = add_photo(learner, file, _("Photo for the roll call"), client_id,
                               kind=ProjectPhoto.Kind.ROLL_CALL, by=by)
    if created:
        for older in ProjectPhoto.objects.filter(
                learner=learner, kind=ProjectPhoto.Kind.ROLL_CALL).exclude(pk=photo.pk):
            delete_photo(older, by=by)
    return photo, created


def add_photo(learner, file, caption: str, client_id: uuid.UUID, lesson=None,
              kind=ProjectPhoto.Kind.BUILD, *, by=None):
    """Keep a photo of what she built: cleaned (``cms.core.images.clean_image``), resized,
    stripped of EXIF and GPS, in the private storage. Needs the photo consent. ``by``,
    the person adding it, goes into the audit log with it."""
    existing = _own_replay(ProjectPhoto, learner, client_id)
    if existing is not None:
        return existing, False
    if not has_photo_consent(learner):
        raise LearningError(
            _("Photos can be kept only when you and your parent have agreed to it. "
              "Ask your facilitator."),
            code="consent",
        )
    caption = (caption or "").strip()
    if not caption:
        raise LearningError(_("Write a few words about what is in the photo."), code="caption")
    if len(caption) > CAPTION_MAX_LENGTH:
        raise LearningError(
            _("The caption is too long: %(max)s characters at most.")
            % {"max": CAPTION_MAX_LENGTH},
            code="caption",
        )
    if file is None:
        raise LearningError(_("Choose a photo first."), code="photo")
    try:
        cleaned = clean_image(file)
    except ValidationError as error:
        raise LearningError(error.messages[0], code="photo") from error
    with Image.open(cleaned) as picture:
        width, height = picture.size
    cleaned.seek(0)
    photo = ProjectPhoto(
        learner=learner,
        lesson_key=lesson.translation_key if lesson is not None else None,
        caption=caption,
        kind=kind,
        width=width,
        height=height,
        created_at=timezone.now(),
        client_id=client_id,
    )
    photo.image.save(cleaned.name, cleaned, save=False)
    try:
        with transaction.atomic():
            photo.save()
            if by is not None:
                record(by, AuditEvent.Action.CREATED, photo, kind=kind)
    except IntegrityError:
        photo.image.storage.delete(photo.image.name)
        return ProjectPhoto.objects.get(client_id=client_id), False
    return photo, True


def delete_photo(photo: ProjectPhoto, *, by=None) -> None:
    """Remove the photo and its file; ``by``, the person removing it, goes into the
    audit log."""
    storage, name = photo.image.storage, photo.image.name
    with transaction.atomic():
        if by is not None:
            record(by, AuditEvent.Action.DELETED, photo)
        photo.delete()
    if name:
        storage.delete(name)


@dataclass
class LessonState:
    """What the lesson page shows a girl who follows it: her progress in it."""

    done: bool
    steps_done: set
    answers: dict
    quiz_numbers: dict
    steps_numbers: dict
    photo_consent: bool
    photos: list
    next_lesson: progress.LessonLink | None = None
    previous_lesson: progress.LessonLink | None = None
    quiz_seed: str = ""


def lesson_state(learner, lesson: LessonPage) -> LessonState:
    key = lesson.translation_key
    # The blocks' ids from the stored body: their values (and the steps' pictures) are
    # read only where a block is drawn.
    raw = lesson.body.raw_data
    quiz_numbers = _numbered(raw, "quiz")
    steps_numbers = _numbered(raw, "steps")
    record = her_state.kept_progress(learner, key, lambda: _her_progress(learner, key))
    photos = her_state.kept_photos(learner, lambda: _her_photos(learner))
    return LessonState(
        done=key in record.completed,
        steps_done=set(record.steps_done),
        answers=record.answers,
        quiz_numbers=quiz_numbers,
        steps_numbers=steps_numbers,
        photo_consent=photos.consent,
        photos=list(photos.of_lesson(key)),
        next_lesson=progress.her_next_lesson(learner, lesson, record.completed),
        previous_lesson=_previous_lesson(lesson),
        quiz_seed=quiz_seed(learner),
    )


def _numbered(raw_blocks, block_type: str) -> dict:
    """Block id -> its position among the body's blocks of ``block_type``, from 1."""
    ids = [raw.get("id") for raw in raw_blocks if raw["type"] == block_type]
    return {block_id: number for number, block_id in enumerate(ids, start=1)}


def _previous_lesson(lesson: LessonPage) -> progress.LessonLink | None:
    route = progress.route_of(lesson)
    return route.previous(lesson) if route is not None else None


def quiz_seed(learner) -> str:
    """The seed her phone shuffles the lesson questions' choices with (static/js/quiz-order.js).

    The same for her on every page and every day, so a retry or a saved day shows the same
    order; an HMAC under the site's secret, so the page does not carry her account number
    in another form, and no one can choose a seed to get the source order back.
    """
    return salted_hmac("courses.quiz-order", str(learner.pk)).hexdigest()[:16]


def _her_progress(learner, key) -> her_state.HerProgress:
    return her_state.HerProgress(
        completed=frozenset(progress.completed_lesson_keys(learner)),
        steps_done=frozenset(steps_done(learner, key)),
        answers=last_answers(learner, key),
    )


def _her_photos(learner) -> her_state.HerPhotos:
    consent = has_photo_consent(learner)
    photos = ProjectPhoto.objects.filter(learner=learner, lesson_key__isnull=False)
    return her_state.HerPhotos(
        consent=consent, by_lesson=her_state.group_by_lesson(photos) if consent else {})
