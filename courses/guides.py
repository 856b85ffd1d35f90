"""A lesson's facilitator's guide, as the camp's facilitators read it.

The guide is written next to the lesson's files (``<lesson>.guide.<lang>.md``, see
docs/content.md) and imported into ``LessonPage.facilitator_guide``. It is never drawn on
the lesson page, never searched and never kept offline for a girl: only the facilitator's
day (camp/day_plan.py, behind ``camp.day_plan``) shows it. The answer keys are not
written twice: they are read from the lesson's own check questions.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

#: The units a material is counted in: per team of 3-4 girls, per girl, for the camp.
UNITS = ("team", "girl", "camp")
#: A team has at most this many girls: a camp of n girls has ceil(n / TEAM_SIZE) teams.
TEAM_SIZE = 4


def teams_for(girls: int) -> int:
    """Teams of 3-4 girls: as few teams as hold everyone with at most four each."""
    return math.ceil(girls / TEAM_SIZE) if girls > 0 else 0


def quantity(amount, per: str, *, girls: int, teams: int) -> int:
    """How many of a material the camp needs (rounded up to whole pieces)."""
    times = {"team": teams, "girl": girls, "camp": 1}[per]
    return math.ceil(amount * times - 1e-9)


@dataclass
class Answer:
    number: int  # of the question on the lesson page, from 1
    question: str
    choice: int  # the right choice's number, from 1
    answer: str


@dataclass
class LessonGuide:
    lesson: object
    timing: list[dict] = field(default_factory=list)  # start, end (minutes), text
    preparation: list[str] = field(default_factory=list)
    materials: list[dict] = field(default_factory=list)  # item, per, quantity
    mistakes: list[dict] = field(default_factory=list)  # seen, do
    fast_team: str = ""
    slow_team: str = ""
    safety: list[str] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)


def answer_keys(lesson) -> list[Answer]:
    """The right answers of the lesson's check questions, in page order."""
    answers = []
    quizzes = [block.value for block in lesson.body if block.block_type == "quiz"]
    for number, quiz in enumerate(quizzes, start=1):
        choices = list(quiz["choices"])
        right = quiz["correct"]
        answers.append(Answer(number, quiz["question"], right,
                              choices[right - 1] if 0 < right <= len(choices) else ""))
    return answers


def lesson_guide(lesson) -> LessonGuide | None:
    """The lesson's guide with its answer keys, or None when it has no guide."""
    data = lesson.facilitator_guide or {}
    if not data:
        return None
    return LessonGuide(
        lesson=lesson,
        timing=list(data.get("timing", [])),
        preparation=list(data.get("preparation", [])),
        materials=list(data.get("materials", [])),
        mistakes=list(data.get("mistakes", [])),
        fast_team=data.get("fast_team", ""),
        slow_team=data.get("slow_team", ""),
        safety=list(data.get("safety", [])),
        answers=answer_keys(lesson),
    )
