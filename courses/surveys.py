"""The confidence survey: before the camp (day 1), after it (day 6), and looking back.

Statements are ``SurveyItem`` snippets that programme managers write and translate
in the admin. A girl's answers are filed under her pseudonymous ``SurveyCode``,
never her name, so pre and post match without anyone reading who said what.
Reverse-scored statements count 6 minus the answer: a higher score always means
more confidence. "Do you know a woman who works in STEM?" is a yes/no item (1/0).

    survey_items() -> list[SurveyItem]            # in the active language
    code_for(learner) -> str
    submit(learner, round, data, client_id) -> (SurveyResponse, created)
    results_for(learner) -> list[AreaResult]       # what she sees
    group_change(learners) -> list[AreaResult]     # what her facilitator sees
    score_girls(codes)                             # keeps SurveyScore up to date
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Avg, Case, F, FloatField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from cms.core.consent import has_consent
from cms.core.models import Consent

from .models import (
    SurveyAnswer,
    SurveyArea,
    SurveyCode,
    SurveyItem,
    SurveyResponse,
    SurveyRound,
    SurveyScore,
)
from .services import LearningError

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"  # no 0/O, 1/I/L: read aloud safely
CODE_LENGTH = 8
LIKERT = range(1, 6)


def survey_items(locale: Locale | None = None) -> list[SurveyItem]:
    """The statements in the active language (or, where not translated, the default)."""
    locale = locale or Locale.get_active()
    items = list(SurveyItem.objects.filter(locale=locale))
    if not items:
        items = list(SurveyItem.objects.filter(locale=Locale.get_default()))
    return items


def has_survey_consent(learner) -> bool:
    return has_consent(learner, Consent.Scope.SURVEYS)


def code_for(learner) -> str:
    """Her pseudonymous code, made the first time it is needed."""
    existing = SurveyCode.objects.filter(learner=learner).values_list("code", flat=True).first()
    if existing:
        return existing
    for _attempt in range(10):
        code = "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))
        try:
            with transaction.atomic():
                return SurveyCode.objects.create(learner=learner, code=code).code
        except IntegrityError:
            existing = (
                SurveyCode.objects.filter(learner=learner).values_list("code", flat=True).first()
            )
            if existing:
                return existing
    raise RuntimeError("could not make a unique survey code")


def response_of(learner, round: str) -> SurveyResponse | None:
    code = SurveyCode.objects.filter(learner=learner).values_list("code", flat=True).first()
    if not code:
        return None
    return SurveyResponse.objects.filter(code=code, round=round).first()


def _value(data, name: str, allowed) -> int:
    try:
        value = int(data.get(name, ""))
    except (TypeError, ValueError):
        return 0
    return value if value in allowed else 0


def parse_answers(items: list[SurveyItem], round: str, data) -> dict:
    """Her form answers by item key: ``{key: (value, before_value)}``.

    Every statement needs an answer; a missing or impossible one is refused with
    a message, and nothing is stored.
    """
    answers = {}
    missing = False
    for item in items:
        name = f"item-{item.translation_key}"
        allowed = (0, 1) if item.kind == SurveyItem.Kind.YES_NO else LIKERT
        raw = data.get(name, "")
        value = _value(data, name, allowed)
        if raw == "" or (value == 0 and not (item.kind == SurveyItem.Kind.YES_NO and raw == "0")):
            missing = True
            continue
        before = None
        looks_back = item.in_retrospective and item.kind == SurveyItem.Kind.LIKERT
        if round == SurveyRound.POST and looks_back:
            before = _value(data, f"before-{item.translation_key}", LIKERT)
            if not before:
                missing = True
                continue
        answers[item.translation_key] = (value, before)
    if missing:
        raise LearningError(
            _("Please answer every statement: choose one circle in each row."), code="missing"
        )
    return answers


def already_sent(responses, client_id: uuid.UUID, code: str, **same_round):
    """What her phone sent before: the response with this client id (sent again after
    a lost answer), else hers for the same round. A client id that is someone else's
    is refused, so nobody replays another girl's answers."""
    replay = responses.filter(client_id=client_id).first()
    if replay is not None:
        if replay.code != code:
            raise LearningError(
                _("This request could not be read. Reload the page and try again."),
                code="client_id",
            )
        return replay
    return responses.filter(code=code, **same_round).first()


def submit(learner, round: str, data, client_id: uuid.UUID, items=None):
    """Store one survey. Sent twice (same UUID, or a second time for the round), it
    counts once: the first answers stand."""
    if round not in SurveyRound.values:
        raise LearningError(_("There is no such survey."), code="round")
    if not has_survey_consent(learner):
        raise LearningError(
            _("The survey needs your agreement and your parent's. Ask your facilitator."),
            code="consent",
        )
    code = code_for(learner)
    earlier = already_sent(SurveyResponse.objects.all(), client_id, code, round=round)
    if earlier is not None:
        return earlier, False
    items = items if items is not None else survey_items()
    if not items:
        raise LearningError(_("The survey is not ready yet."), code="no_items")
    answers = parse_answers(items, round, data)
    by_key = {item.translation_key: item for item in items}
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(
                code=code,
                round=round,
                language=items[0].locale.language_code,
                submitted_at=timezone.now(),
                client_id=client_id,
            )
            SurveyAnswer.objects.bulk_create(
                SurveyAnswer(
                    response=response,
                    item_key=key,
                    area=by_key[key].area,
                    reverse_scored=by_key[key].reverse_scored,
                    value=value,
                    before_value=before,
                )
                for key, (value, before) in answers.items()
            )
            score_girls([code])
    except IntegrityError:
        return SurveyResponse.objects.get(code=code, round=round), False
    return response, True


def score_expression(field_name: str):
    """``score()`` in SQL: higher is always more confident."""
    return Case(
        When(Q(reverse_scored=True) & ~Q(area=SurveyArea.ROLE_MODEL),
             then=Value(6.0) - F(field_name)),
        default=F(field_name) * Value(1.0),
        output_field=FloatField(),
    )


def score_girls(codes) -> None:
    """Work out again the SurveyScore rows of these codes (a list or a subquery) from
    their answers: per area, the mean of her answers before the camp, after it, and
    looking back. One query to read, one to write."""
    post = Q(response__round=SurveyRound.POST)
    rows = (
        SurveyAnswer.objects.filter(response__code__in=codes)
        .order_by().values("response__code", "area")
        .annotate(
            pre=Avg(score_expression("value"), filter=Q(response__round=SurveyRound.PRE)),
            post=Avg(score_expression("value"), filter=post),
            back=Avg(score_expression("before_value"),
                     filter=post & Q(before_value__isnull=False)),
        )
    )
    SurveyScore.objects.bulk_create(
        [SurveyScore(code=row["response__code"], area=row["area"], pre=row["pre"],
                     post=row["post"], back=row["back"]) for row in rows],
        update_conflicts=True, unique_fields=["code", "area"],
        update_fields=["pre", "post", "back"], batch_size=2000,
    )


def score(answer: SurveyAnswer, value: int | None = None) -> int | None:
    """Higher is more confident, whichever way the statement was written."""
    value = answer.value if value is None else value
    if value is None:
        return None
    if answer.area == SurveyArea.ROLE_MODEL:
        return value
    return 6 - value if answer.reverse_scored else value


@dataclass
class AreaResult:
    """Mean scores of one area. Likert areas 1-5; the role-model area is a share 0-1."""

    area: str
    label: str
    pre: float | None = None
    post: float | None = None
    before: float | None = None
    girls: int = 0

    @property
    def change(self) -> float | None:
        if self.pre is None or self.post is None:
            return None
        return round(self.post - self.pre, 2)

    @property
    def is_share(self) -> bool:
        return self.area == SurveyArea.ROLE_MODEL


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def _area_results(answers, matched_codes: set[str] | None) -> list[AreaResult]:
    """Per area: mean of each girl's mean score, pre, post and "looking back"."""
    per_girl: dict[tuple, list[int]] = {}
    for answer in answers:
        round_ = answer.response.round
        code = answer.response.code
        if matched_codes is not None and code not in matched_codes:
            continue
        per_girl.setdefault((answer.area, round_, code), []).append(score(answer))
        if round_ == SurveyRound.POST and answer.before_value is not None:
            per_girl.setdefault((answer.area, "before", code), []).append(
                score(answer, answer.before_value)
            )
    results = []
    for area, label in SurveyArea.choices:
        result = AreaResult(area=area, label=str(label))
        codes = set()
        for slot in ("pre", "post", "before"):
            girl_means = []
            for (answer_area, answer_slot, code), values in per_girl.items():
                if answer_area == area and answer_slot == slot:
                    girl_means.append(sum(values) / len(values))
                    codes.add(code)
            setattr(result, slot, _mean(girl_means))
        result.girls = len(codes)
        if result.pre is not None or result.post is not None:
            results.append(result)
    return results


def results_for(learner) -> list[AreaResult]:
    """Her own scores per area, before and after the camp."""
    code = SurveyCode.objects.filter(learner=learner).values_list("code", flat=True).first()
    if not code:
        return []
    answers = SurveyAnswer.objects.filter(response__code=code).select_related("response")
    return _area_results(answers, None)


def group_change(learners) -> list[AreaResult]:
    """A group's change per area, for the facilitator: only girls who answered both
    before and after count, so the change is not made by who happened to answer.
    Takes users (courses cannot see camps): the camp passes its girls. Three queries."""
    learner_ids = [getattr(learner, "pk", learner) for learner in learners]
    codes = set(
        SurveyCode.objects.filter(learner_id__in=learner_ids).values_list("code", flat=True)
    )
    rounds: dict[str, set] = {}
    for code, round_ in SurveyResponse.objects.filter(code__in=codes).values_list(
        "code", "round"
    ):
        rounds.setdefault(code, set()).add(round_)
    matched = {code for code, done in rounds.items() if done >= set(SurveyRound.values)}
    answers = SurveyAnswer.objects.filter(response__code__in=matched).select_related("response")
    return _area_results(answers, matched)
