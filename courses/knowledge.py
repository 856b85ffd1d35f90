"""The knowledge test of each track: before the camp and after it, scored on the server.

The questions are files in ``courses/content/knowledge-test/`` (``<track>.ky.yaml`` and
``<track>.ru.yaml``, see docs/content.md), read and checked here and imported by
``import_curriculum`` into ``KnowledgeItem`` rows. Each track has two parallel forms,
A and B (question N of A and question N of B test the same thing). Half the girls take
A before the camp and B after it, the other half B then A (``form_for``, from her
pseudonymous survey code), so a difference in difficulty between the forms cancels out
in the programme's means and no girl meets a question twice.

The right answers stay on the server: the page shows the questions and the choices'
numbers as written, the phone sends the numbers chosen, and the server scores them.
A girl is told only that her answers are saved.

    read_tests(root) -> (tests, problems)          # the files, checked
    import_tests(tests) -> int                     # KnowledgeItem rows made or changed
    form_for(code, round) -> "a" | "b"
    test_for(track, form) -> list[KnowledgeItem]
    submit(learner, track, round, data, client_id) -> (KnowledgeResponse, created)
    taken(learner) -> {(track, round)}
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .content_files import CONTENT_ROOT, LANGUAGES, Problem
from .models import (
    KnowledgeAnswer,
    KnowledgeForm,
    KnowledgeItem,
    KnowledgeResponse,
    SurveyCode,
    SurveyRound,
    Track,
)
from .services import LearningError
from .surveys import already_sent, code_for, has_survey_consent

FOLDER = "knowledge-test"
MIN_ITEMS, MAX_ITEMS = 5, 8
MIN_CHOICES, MAX_CHOICES = 3, 5


# --- The files -----------------------------------------------------------------------


@dataclass
class TrackTest:
    """One track's two forms, in both languages: ``forms[form][language]`` is a list of
    ``{"question", "choices", "correct"}``."""

    track: str
    forms: dict = field(default_factory=dict)


def _item_problems(item, where: str, path: Path, problems: list[Problem]) -> bool:
    if not isinstance(item, dict):
        problems.append(Problem(path, 1, f"{where}: a question is question, choices, correct"))
        return False
    ok = True
    if not isinstance(item.get("question"), str) or not item["question"].strip():
        problems.append(Problem(path, 1, f"{where}: the question has no text"))
        ok = False
    choices = item.get("choices")
    if not isinstance(choices, list) or not MIN_CHOICES <= len(choices) <= MAX_CHOICES \
            or not all(isinstance(c, str | int | float) and str(c).strip() for c in choices):
        problems.append(Problem(path, 1, f"{where}: {MIN_CHOICES} to {MAX_CHOICES} choices, "
                                         "each with text"))
        return False
    if len({str(c).strip() for c in choices}) != len(choices):
        problems.append(Problem(path, 1, f"{where}: two choices are the same"))
        ok = False
    correct = item.get("correct")
    if not isinstance(correct, int) or isinstance(correct, bool) \
            or not 1 <= correct <= len(choices):
        problems.append(Problem(path, 1, f"{where}: the right answer {correct!r} is not one "
                                         f"of its {len(choices)} choices (1 to {len(choices)})"))
        ok = False
    return ok


def _read_file(path: Path, problems: list[Problem]) -> dict | None:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problems.append(Problem(path, (mark.line + 1) if mark else 1, f"not valid YAML: {error}"))
        return None
    if not isinstance(data, dict):
        problems.append(Problem(path, 1, "a test file is track, a and b"))
        return None
    return data


def read_tests(root: Path | str = CONTENT_ROOT) -> tuple[list[TrackTest], list[Problem]]:
    """Every track's test under ``root/knowledge-test`` with the problems found.

    Once the folder is there, each track needs both forms in both languages, 5 to 8
    questions per form, one right answer among 3 to 5 choices; the two languages keep
    the same questions, the same number of choices and the right answer at the same
    number; and no choice number holds the right answer of more than half the track's
    questions.
    """
    folder = Path(root) / FOLDER
    problems: list[Problem] = []
    tests: list[TrackTest] = []
    if not folder.is_dir():
        return [], []  # content without tests (a test's own folder): nothing to check
    found: dict[str, dict[str, tuple[Path, dict]]] = {}
    for path in sorted(folder.glob("*.yaml")):
        parts = path.name.split(".")
        if len(parts) != 3 or parts[1] not in LANGUAGES:
            problems.append(Problem(path, 1, "a test file is named <track>.ky.yaml or "
                                             "<track>.ru.yaml"))
            continue
        data = _read_file(path, problems)
        if data is None:
            continue
        if parts[0] not in Track.values or data.get("track") != parts[0]:
            problems.append(Problem(path, 1, f"unknown track {data.get('track')!r} (the file "
                                             f"name and track: name one of "
                                             f"{', '.join(Track.values)})"))
            continue
        found.setdefault(parts[0], {})[parts[1]] = (path, data)
    for track in Track.values:
        languages = found.get(track, {})
        missing = [language for language in LANGUAGES if language not in languages]
        if missing:
            problems.append(Problem(folder / f"{track}.{missing[0]}.yaml", 0,
                                    f"the {track} test has no {missing[0]} file"))
            continue
        test = TrackTest(track)
        good = True
        for form in KnowledgeForm.values:
            test.forms[form] = {}
            for language in LANGUAGES:
                path, data = languages[language]
                items = data.get(form)
                if not isinstance(items, list) or not MIN_ITEMS <= len(items) <= MAX_ITEMS:
                    problems.append(Problem(path, 1, f"form {form}: {MIN_ITEMS} to {MAX_ITEMS} "
                                                     "questions"))
                    good = False
                    continue
                for number, item in enumerate(items, start=1):
                    good &= _item_problems(item, f"form {form}, question {number}", path,
                                           problems)
                test.forms[form][language] = items
        if not good:
            continue
        ky_path = languages["ky"][0]
        for form in KnowledgeForm.values:
            ky, ru = test.forms[form]["ky"], test.forms[form]["ru"]
            if len(ky) != len(ru):
                problems.append(Problem(ky_path, 1, f"form {form}: {len(ky)} questions in ky, "
                                                    f"{len(ru)} in ru"))
                good = False
                continue
            for number, (one, other) in enumerate(zip(ky, ru, strict=True), start=1):
                if len(one["choices"]) != len(other["choices"]) \
                        or one["correct"] != other["correct"]:
                    problems.append(Problem(ky_path, 1, f"form {form}, question {number}: the "
                                                        "choices or the right answer differ "
                                                        "between ky and ru"))
                    good = False
        if not good:
            continue
        positions: dict[int, int] = {}
        for form in KnowledgeForm.values:
            for item in test.forms[form]["ky"]:
                positions[item["correct"]] = positions.get(item["correct"], 0) + 1
        total = sum(positions.values())
        crowded = [place for place, count in positions.items() if count * 2 > total]
        if crowded:
            problems.append(Problem(ky_path, 1, f"the right answer is choice {crowded[0]} in "
                                                f"{positions[crowded[0]]} of {total} questions: "
                                                "spread it over the choices"))
            continue
        tests.append(test)
    return tests, problems


def positions(tests: list[TrackTest]) -> dict[int, int]:
    """How many questions have their right answer at each choice, for ``--stats``."""
    counts: dict[int, int] = {}
    for test in tests:
        for form in test.forms.values():
            for item in form["ky"]:
                counts[item["correct"]] = counts.get(item["correct"], 0) + 1
    return counts


def _text(value) -> str:
    return str(value).strip()


@transaction.atomic
def import_tests(tests: list[TrackTest]) -> int:
    """Make or update the questions from the files; returns how many changed.

    A question that is no longer in the files is deleted (answers keep their score:
    the test taken holds it, and each answer its choice and whether it was right).
    """
    existing = {(item.track, item.form, item.number): item
                for item in KnowledgeItem.objects.all()}
    changed = 0
    keep = set()
    for test in tests:
        for form, languages in test.forms.items():
            for number, (ky, ru) in enumerate(zip(languages["ky"], languages["ru"],
                                                  strict=True), start=1):
                values = {
                    "question_ky": _text(ky["question"]), "question_ru": _text(ru["question"]),
                    "choices_ky": [_text(c) for c in ky["choices"]],
                    "choices_ru": [_text(c) for c in ru["choices"]],
                    "correct": ky["correct"],
                }
                place = (test.track, form, number)
                keep.add(place)
                item = existing.get(place)
                if item is None:
                    KnowledgeItem.objects.create(track=test.track, form=form, number=number,
                                                 **values)
                    changed += 1
                elif any(getattr(item, key) != value for key, value in values.items()):
                    for key, value in values.items():
                        setattr(item, key, value)
                    item.save()
                    changed += 1
    for place, item in existing.items():
        if place not in keep:
            item.delete()
            changed += 1
    return changed


# --- Taking the test ---------------------------------------------------------------------


def form_for(code: str, round: str) -> str:
    """Her form in this round: A then B for half the codes, B then A for the others."""
    first_a = hashlib.sha256(code.encode()).digest()[0] % 2 == 0
    before = KnowledgeForm.A if first_a else KnowledgeForm.B
    if round == SurveyRound.PRE:
        return before
    return KnowledgeForm.B if before == KnowledgeForm.A else KnowledgeForm.A


def test_for(track: str, form: str) -> list[KnowledgeItem]:
    return list(KnowledgeItem.objects.filter(track=track, form=form).order_by("number"))


def existing_code(learner) -> str | None:
    return SurveyCode.objects.filter(learner=learner).values_list("code", flat=True).first()


def taken(learner) -> set[tuple[str, str]]:
    """The (track, round) pairs she has answered."""
    code = existing_code(learner)
    if not code:
        return set()
    return set(KnowledgeResponse.objects.filter(code=code).values_list("track", "round"))


def tracks_with_tests() -> list[str]:
    present = set(KnowledgeItem.objects.values_list("track", flat=True).distinct())
    return [track for track in Track.values if track in present]


def parse_choices(items: list[KnowledgeItem], data) -> dict[int, int]:
    """Her choice per question number; every question needs one of its choices."""
    chosen = {}
    for item in items:
        raw = data.get(f"q-{item.number}", "")
        try:
            value = int(raw)
        except (TypeError, ValueError):
            value = 0
        if not 1 <= value <= len(item.choices_ky):
            raise LearningError(
                _("Please answer every question: choose one answer in each."), code="missing"
            )
        chosen[item.number] = value
    return chosen


def submit(learner, track: str, round: str, data, client_id: uuid.UUID,
           language: str | None = None):
    """Score and keep one track's test. Sent twice (the same UUID, or the same track and
    round again), it counts once: the first answers stand."""
    if round not in SurveyRound.values or track not in Track.values:
        raise LearningError(_("There is no such test."), code="round")
    if not has_survey_consent(learner):
        raise LearningError(
            _("The test needs your agreement and your parent's. Ask your facilitator."),
            code="consent",
        )
    code = code_for(learner)
    earlier = already_sent(KnowledgeResponse.objects.all(), client_id, code,
                           track=track, round=round)
    if earlier is not None:
        return earlier, False
    form = form_for(code, round)
    items = test_for(track, form)
    if not items:
        raise LearningError(_("The test is not ready yet."), code="no_items")
    chosen = parse_choices(items, data)
    right = {item.number: chosen[item.number] == item.correct for item in items}
    score = sum(right.values())
    try:
        with transaction.atomic():
            response = KnowledgeResponse.objects.create(
                code=code, track=track, round=round, form=form,
                language=(language or get_language() or "ky")[:2],
                score=score, items=len(items), percent=round_percent(score, len(items)),
                submitted_at=timezone.now(), client_id=client_id,
            )
            KnowledgeAnswer.objects.bulk_create(
                KnowledgeAnswer(response=response, number=number, choice=chosen[number],
                                is_correct=right[number])
                for number in sorted(chosen)
            )
    except IntegrityError:
        return KnowledgeResponse.objects.get(code=code, track=track, round=round), False
    return response, True


def round_percent(score: int, items: int) -> float:
    return round(100 * score / items, 1) if items else 0.0
