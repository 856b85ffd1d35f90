"""The programme's figures, counted in the database.

    visible_camps(user) -> QuerySet[Camp]        # what this reader may count
    scope(user, filters) -> QuerySet[Camp]      # ... narrowed by the filters
    build_report(camps, suppress=...) -> Report  # every figure of the dashboard

Every figure is counted by the database (``annotate``/``aggregate``): one query
per camp row set, one for the enrolments (a short tuple per girl and camp, with the
days she came), two for lessons by track, one for the confidence survey, one for the
knowledge test, and a fixed number for each registered section (GALS), however many
girls there are.
The girls of each line are told apart from the enrolments, so no girl counts twice
in one line. Each figure has one definition, wherever it is shown (the page, the charts, the
CSV and XLSX exports, the printed reports):

- *Girls enrolled*: girls with an enrolment in the line's camps, each girl once.
  A girl who came to two camps counts in each camp's line, once in their region's
  line if both are there, and once in the total ("All camps" of every table and
  the figure at the top of the page are one and the same number).
- *Girls who completed*: girls who came on enough days (the camp's
  ``min_days_for_certificate``) of at least one of the line's camps, each once.
- *Certificates issued*: certificates (one per girl and camp), summed.
- *Attendance*: the days girls came over the girl-days held, summed over camps.

So the lines of a table may add up to more girls than its total; the counts of
camps and certificates and the attendance are sums of the per-camp rows.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Avg,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from camp.certificates.models import Certificate
from camp.models import Attendance, Camp, CampDay, Enrolment
from cms.core.models import Role
from courses.models import (
    KnowledgeResponse,
    LessonPage,
    LessonProgress,
    SurveyArea,
    SurveyCode,
    SurveyRound,
    SurveyScore,
    Track,
)

from . import sources
from .rules import reporting_camps
from .suppression import Cell, Row, complementary, primary, small

CAME = [Attendance.Status.PRESENT, Attendance.Status.LATE]
COUNTED_STATUSES = [Camp.Status.PUBLISHED, Camp.Status.RUNNING, Camp.Status.FINISHED]
LIKERT_AREAS = [area for area in SurveyArea.values if area != SurveyArea.ROLE_MODEL]

#: Breakdown tables: key, title, the key of the level each row adds up to.
DIMENSIONS = [
    ("region", gettext_lazy("By region"), "total"),
    ("district", gettext_lazy("By district"), "region"),
    ("school", gettext_lazy("By school"), "district"),
    ("camp", gettext_lazy("By camp"), "school"),
    ("language", gettext_lazy("By language of the camp"), "total"),
    ("year", gettext_lazy("By year"), "total"),
]
#: What the first column of each table names.
ROW_LABELS = {
    "region": gettext_lazy("Region"),
    "district": gettext_lazy("District"),
    "school": gettext_lazy("School"),
    "camp": gettext_lazy("Camp"),
    "language": gettext_lazy("Language"),
    "year": gettext_lazy("Year"),
    "tracks": gettext_lazy("Track"),
    "confidence": gettext_lazy("Area"),
    "knowledge": gettext_lazy("Track"),
}
#: Columns of a breakdown table; counts are of girls.
COUNTS = ["girls", "completed", "certified"]
PARTS = {"completed": "girls", "certified": "girls"}


def column_labels() -> dict[str, str]:
    return {
        "camps": _("Camps"),
        "girls": _("Girls enrolled"),
        "completed": _("Girls who completed"),
        "certified": _("Certificates issued"),
        "attendance": _("Attendance"),
    }


# --- Who counts what ------------------------------------------------------------------


def sees_small_numbers(user) -> bool:
    """Managers and administrators see exact figures on the screen; a partner sees the
    suppressed figures; a facilitator sees her own camps, whose girls she knows."""
    if user.is_superuser or user.has_role(Role.MANAGER):
        return True
    return user.has_role(Role.FACILITATOR) and not user.has_role(Role.PARTNER)


def visible_camps(user) -> QuerySet[Camp]:
    """The counted camps of those whose figures she reads: what the dashboard adds up."""
    return reporting_camps(user).filter(status__in=COUNTED_STATUSES)


@dataclass(frozen=True)
class Filters:
    region: object = None  # a Region
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    language: str = ""
    errors: tuple[str, ...] = ()

    @property
    def valid(self) -> bool:
        return not self.errors


def scope(user, filters: Filters) -> QuerySet[Camp]:
    """The camps the reader may count, narrowed by the filters; none for a bad filter."""
    if not filters.valid:
        return Camp.objects.none()
    camps = visible_camps(user)
    if filters.region is not None:
        camps = camps.filter(school__district__region=filters.region)
    if filters.date_from:
        camps = camps.filter(start_date__gte=filters.date_from)
    if filters.date_to:
        camps = camps.filter(start_date__lte=filters.date_to)
    if filters.language:
        camps = camps.filter(language=filters.language)
    return camps


def girls_of(camps: QuerySet[Camp]) -> QuerySet[Enrolment]:
    """Enrolled girls of these camps (a subquery, never a list)."""
    return Enrolment.objects.enrolled().filter(camp__in=camps)


# --- Camps, and the breakdowns summed from them ---------------------------------------


def _plain(value):
    """PostgreSQL sums and averages come back as Decimal; the figures are plain numbers."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def days_came(camp_field: str = "camp_id", learner_field: str = "learner_id") -> Subquery:
    """The days a girl came (present or late) to a camp, for a line of a query that
    names the camp and the girl: the one count of "came" of every figure."""
    came = (
        Attendance.objects.filter(
            camp_day__camp=OuterRef(camp_field), learner=OuterRef(learner_field),
            status__in=CAME,
        ).order_by().values("learner").annotate(n=Count("pk")).values("n")
    )
    return Coalesce(Subquery(came, output_field=IntegerField()), 0)


def enrolments(camps: QuerySet[Camp]) -> list[tuple[int, int, int, bool]]:
    """(camp, girl, days she came, completed) of every enrolled girl of these camps.
    One query; at programme scale some ten thousand short tuples.

    A girl *completed* a camp when she came on at least the camp's
    ``min_days_for_certificate`` days.
    """
    return [
        (camp, girl, came, came >= need)
        for camp, girl, came, need in girls_of(camps)
        .annotate(came=days_came(), need=F("camp__min_days_for_certificate"))
        .order_by().values_list("camp_id", "learner_id", "came", "need")
    ]


def camp_rows(camps: QuerySet[Camp], today: datetime.date | None = None,
              pairs: list[tuple[int, int, int, bool]] | None = None) -> list[dict]:
    """One dict per camp with girls: girls, completed, certified, attendance. Three
    queries (and ``enrolments`` when not given), each a single pass over its table.

    Attendance is the days girls came over the girl-days held so far (days up to
    today).
    """
    today = today or timezone.localdate()
    pairs = enrolments(camps) if pairs is None else pairs
    rows = list(
        girls_of(camps)
        .values(
            "camp_id", "camp__title", "camp__language", "camp__curriculum_id",
            "camp__school_id", "camp__school__name", "camp__school__village",
            "camp__school__district_id", "camp__school__district__name_ky",
            "camp__school__district__name_ru", "camp__school__district__region_id",
            "camp__school__district__region__code", "camp__school__district__region__name_ky",
            "camp__school__district__region__name_ru",
        )
        .annotate(year=ExtractYear("camp__start_date"), girls=Count("learner_id", distinct=True))
        .order_by("camp__school__district__region__name_ky", "camp__title", "camp_id")
    )
    held = dict(
        CampDay.objects.filter(camp__in=camps, date__lte=today)
        .order_by().values("camp").annotate(n=Count("pk")).values_list("camp", "n")
    )
    came: dict[int, list[int]] = {}
    for camp, _girl, days, completed in pairs:
        sums = came.setdefault(camp, [0, 0])
        sums[0] += days
        sums[1] += completed
    certified = dict(
        Certificate.objects.filter(
            camp__in=camps, revoked_on__isnull=True,
        ).filter(
            Exists(Enrolment.objects.enrolled().filter(
                camp=OuterRef("camp"), learner=OuterRef("learner"))),
        )
        .order_by().values("camp").annotate(n=Count("learner", distinct=True))
        .values_list("camp", "n")
    )
    for row in rows:
        camp = row["camp_id"]
        row["days_came"], row["completed"] = came.get(camp, (0, 0))
        row["days_held"] = held.get(camp, 0) * row["girls"]
        row["certified"] = certified.get(camp, 0)
    return rows


def _name(row: dict, prefix: str) -> str:
    language = "ru" if get_language() == "ru" else "ky"
    return row[f"{prefix}name_{language}"] or row[f"{prefix}name_ky"]


def girls_per_line(rows: list[dict], pairs: list[tuple[int, int, int, bool]]
                   ) -> dict[str, dict[object, tuple[int, int]]]:
    """(girls, girls who completed) of every line of every breakdown, and of the total
    under ``"total"``, each girl once per line; no query.

    This is the one definition of "girls enrolled" and "girls who completed": a girl
    in two camps of one region is one girl of that region, and one of the programme.
    """
    lines_of = {
        row["camp_id"]: [(name, _dimension(name, row)[0]) for name, _t, _p in DIMENSIONS]
        for row in rows
    }
    girls: dict[tuple[str, object], set] = {}
    completed: dict[tuple[str, object], set] = {}
    for camp, girl, _days, done in pairs:
        for line in [*lines_of.get(camp, ()), ("total", 0)]:
            girls.setdefault(line, set()).add(girl)
            if done:
                completed.setdefault(line, set()).add(girl)
    result: dict[str, dict[object, tuple[int, int]]] = {}
    for (name, key), members in girls.items():
        result.setdefault(name, {})[key] = (len(members), len(completed.get((name, key), ())))
    return result


def _dimension(name: str, row: dict) -> tuple[object, str, object]:
    """(key, label, parent key) of the line of table ``name`` this camp belongs to."""
    region = row["camp__school__district__region_id"]
    if name == "region":
        return region, _name(row, "camp__school__district__region__"), "total"
    if name == "district":
        return row["camp__school__district_id"], _name(row, "camp__school__district__"), region
    if name == "school":
        label = f"{row['camp__school__name']} ({row['camp__school__village']})"
        return row["camp__school_id"], label, row["camp__school__district_id"]
    if name == "camp":
        return row["camp_id"], row["camp__title"], row["camp__school_id"]
    if name == "language":
        from django.conf import settings

        return row["camp__language"], str(dict(settings.LANGUAGES)[row["camp__language"]]), "total"
    return row["year"], str(row["year"]), "total"


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _line(key, label, parent, sums: dict) -> Row:
    return Row(
        key=key, label=label, parent=parent, basis=sums["girls"],
        cells={
            "camps": Cell(sums["camps"]),
            "girls": Cell(sums["girls"]),
            "completed": Cell(sums["completed"]),
            "certified": Cell(sums["certified"]),
            "attendance": Cell(_percent(sums["days_came"], sums["days_held"]), "percent"),
        },
        extra={"region_code": sums.get("region_code", "")},
    )


def _sum(into: dict, row: dict) -> None:
    into["camps"] = into.get("camps", 0) + 1
    for key in ("girls", "completed", "certified", "days_came", "days_held"):
        into[key] = into.get(key, 0) + row[key]


@dataclass
class Table:
    key: str
    title: str
    columns: list[tuple[str, str]]  # (key, label)
    rows: list[Row]
    total: Row | None = None
    row_label: str = ""  # what the first column names; set from ROW_LABELS

    def __post_init__(self):
        if not self.row_label and self.key in ROW_LABELS:
            self.row_label = str(ROW_LABELS[self.key])


def breakdowns(rows: list[dict], suppress: bool,
               girls: dict[str, dict[object, tuple[int, int]]] | None = None
               ) -> tuple[Row, list[Table]]:
    """The total line and one table per dimension, suppressed top-down when asked.

    ``girls`` (from ``girls_per_line``) counts each girl once per line; without it
    the per-camp counts are summed (right when no girl is in two camps).
    """
    total: dict = {"camps": 0, "girls": 0, "completed": 0, "certified": 0,
                   "days_came": 0, "days_held": 0}
    for row in rows:
        _sum(total, row)
    if girls is not None:
        total["girls"], total["completed"] = girls.get("total", {}).get(0, (0, 0))
    total_row = _line("total", _("All camps"), None, total)
    labels = column_labels()
    columns = [(key, labels[key]) for key in ("camps", "girls", "completed", "certified",
                                               "attendance")]
    tables: dict[str, Table] = {}
    for name, title, _parent in DIMENSIONS:
        sums: dict[object, dict] = {}
        meta: dict[object, tuple[str, object]] = {}
        for row in rows:
            key, label, parent = _dimension(name, row)
            meta[key] = (label, parent)
            _sum(sums.setdefault(key, {}), row)
            if name == "region":
                sums[key]["region_code"] = row["camp__school__district__region__code"]
        if girls is not None:
            for key, line_sums in sums.items():
                line_sums["girls"], line_sums["completed"] = girls.get(name, {}).get(
                    key, (0, 0))
        lines = [_line(key, meta[key][0], meta[key][1], sums[key]) for key in sums]
        if name in ("language", "year"):
            lines.sort(key=lambda line: str(line.key))
        tables[name] = Table(name, str(title), columns, lines)
    if suppress:
        primary([total_row], COUNTS, PARTS)
        for name, _title, parent_level in DIMENSIONS:
            table = tables[name]
            primary(table.rows, COUNTS, PARTS)
            if parent_level == "total":
                parents = {"total": total_row.cells}
            else:
                parents = {line.key: line.cells for line in tables[parent_level].rows}
            complementary(table.rows, COUNTS, parents)
    for table in tables.values():
        table.total = total_row
    return total_row, list(tables.values())


# --- Lessons by track -----------------------------------------------------------------


def tracks(camps: QuerySet[Camp], rows: list[dict], suppress: bool,
           pairs: list[tuple[int, int, int, bool]]) -> Table:
    """Lessons finished of the lessons a girl could finish, per track. Two queries.

    The lessons of a track are the live lessons in the camps' curricula; a girl's
    expected lessons are those of her camps' curricula, each lesson once.
    """
    from courses.models import CurriculumPage

    curricula = {row["camp__curriculum_id"] for row in rows}
    paths = dict(CurriculumPage.objects.filter(pk__in=curricula).values_list("pk", "path"))
    keys_by_track: dict[str, set] = {}
    seen: dict[tuple[int, str], set] = {}
    if paths:
        found = Q()
        for path in paths.values():
            found |= Q(path__startswith=path)
        lessons = LessonPage.objects.live().filter(found).values_list("path", "track",
                                                                       "translation_key")
        for path, track, key in lessons:
            for curriculum, prefix in paths.items():
                if path.startswith(prefix):
                    seen.setdefault((curriculum, track), set()).add(key)
                    keys_by_track.setdefault(track, set()).add(key)
    done_by_lesson = dict(
        LessonProgress.objects.filter(
            learner__in=girls_of(camps).values("learner_id"),
            lesson_key__in=[key for keys in keys_by_track.values() for key in keys],
        )
        .order_by().values("lesson_key").annotate(done=Count("pk"))
        .values_list("lesson_key", "done")
    ) if keys_by_track else {}
    done = {
        track: sum(done_by_lesson.get(key, 0) for key in keys)
        for track, keys in keys_by_track.items()
    }
    # Progress is kept by the lesson's key, so a girl finishes a lesson once however
    # many camps she came to: she is expected to finish each lesson of her camps'
    # curricula once, and counts once among a track's girls.
    curriculum_of = {row["camp_id"]: row["camp__curriculum_id"] for row in rows}
    curricula_of: dict[int, set] = {}
    for camp, girl, _days, _done in pairs:
        curricula_of.setdefault(girl, set()).add(curriculum_of.get(camp))
    expected: dict[str, int] = {}
    enrolled: dict[str, int] = {}
    for own in curricula_of.values():
        for track in keys_by_track:
            keys = set().union(*(seen.get((curriculum, track), ()) for curriculum in own))
            if keys:
                expected[track] = expected.get(track, 0) + len(keys)
                enrolled[track] = enrolled.get(track, 0) + 1
    lines = []
    for track, label in Track.choices:
        if track not in expected:
            continue
        lines.append(Row(
            key=track, label=str(label), basis=enrolled[track], parent="total",
            cells={
                "girls": Cell(enrolled[track]),
                "done": Cell(done.get(track, 0)),
                "expected": Cell(expected[track]),
                "rate": Cell(_percent(done.get(track, 0), expected[track]), "percent"),
            },
        ))
    if suppress:
        primary(lines, ["girls"], {})
    columns = [
        ("girls", _("Girls enrolled")),
        ("done", _("Lessons finished")),
        ("expected", _("Lessons to finish")),
        ("rate", _("Completion")),
    ]
    return Table("tracks", _("Lessons finished by track"), columns, lines)


# --- The girls' confidence survey ------------------------------------------------------


def spread(n: int, mean: float | None, sum_of_squares: float | None) -> float | None:
    """The sample standard deviation from n, the mean and the sum of squares (the
    database adds; SQLite has no standard deviation of its own for one value)."""
    if not n or n < 2 or mean is None or sum_of_squares is None:
        return None
    variance = (sum_of_squares - n * mean * mean) / (n - 1)
    return math.sqrt(max(variance, 0.0))


def confidence(camps: QuerySet[Camp], suppress: bool) -> Table:
    """Per area: mean before and after the camp, the mean change, its spread (standard
    deviation) and n, over the girls who answered both rounds; and the retrospective
    "before the camp" rating given at the end. One query, over the girls' kept scores.

    Each girl's score in an area is the mean of her answers there (SurveyScore); the
    figures are means over girls, so a girl who answered more statements does not
    weigh more.
    """
    codes = SurveyCode.objects.filter(
        learner__in=girls_of(camps).values("learner_id")
    ).values("code")
    both = Q(pre__isnull=False, post__isnull=False)
    change = F("post") - F("pre")
    result = {}
    for row in (
        SurveyScore.objects.filter(code__in=codes).order_by().values("area")
        .annotate(n=Count("pk", filter=both), pre_mean=Avg("pre", filter=both),
                  post_mean=Avg("post", filter=both), change=Avg(change),
                  squares=Sum(change * change), back_mean=Avg("back"), n_back=Count("back"))
    ):
        area, n = row["area"], row["n"]
        result.update({
            f"n_{area}": n, f"pre_{area}": row["pre_mean"], f"post_{area}": row["post_mean"],
            f"change_{area}": row["change"],
            f"spread_{area}": spread(n, row["change"], row["squares"]),
            f"back_{area}": row["back_mean"], f"n_back_{area}": row["n_back"],
        })
    lines = []
    for area, label in SurveyArea.choices:
        n = result.get(f"n_{area}") or 0
        share = area == SurveyArea.ROLE_MODEL
        scale = 100 if share else 1
        kind = "share" if share else "mean"

        def value(key, result=result, area=area, scale=scale):
            number = result.get(f"{key}_{area}")
            return None if number is None else round(number * scale, 2)

        lines.append(Row(
            key=area, label=str(label), basis=n, parent="total",
            cells={
                "n": Cell(n),
                "pre": Cell(value("pre"), kind),
                "post": Cell(value("post"), kind),
                "change": Cell(value("change"), kind if share else "mean"),
                "spread": Cell(value("spread"), kind if share else "mean"),
                "back": Cell(value("back"), kind),
            },
            extra={"n_back": result.get(f"n_back_{area}") or 0},
        ))
    if suppress:
        for line in lines:
            if small(line.basis):
                for key in ("n", "pre", "post", "change", "spread"):
                    line.cells[key].hidden = True
            if small(line.extra["n_back"]):
                line.cells["back"].hidden = True
    columns = [
        ("n", _("Girls (both surveys)")),
        ("pre", _("Before the camp")),
        ("post", _("After the camp")),
        ("change", _("Change")),
        ("spread", _("Spread of the change (standard deviation)")),
        ("back", _("Looking back: before the camp")),
    ]
    return Table("confidence", _("Confidence in STEM, from 1 to 5"), columns, lines)


# --- The knowledge test of each track ---------------------------------------------------


def knowledge(camps: QuerySet[Camp], suppress: bool) -> Table:
    """Knowledge gain per track: over the girls who took the track's test both before and
    after the camp (n), the mean score before and after (per cent of the questions
    right), the mean gain in points and its spread (standard deviation). One query:
    each "after" test finds its "before" by the girl's code and the track.

    A track built from 1-4 girls is hidden whole for those who see suppressed figures,
    as a confidence area is.
    """
    codes = SurveyCode.objects.filter(
        learner__in=girls_of(camps).values("learner_id")
    ).values("code")
    before = KnowledgeResponse.objects.filter(
        code=OuterRef("code"), track=OuterRef("track"), round=SurveyRound.PRE,
    ).values("percent")[:1]
    gain = F("percent") - F("before")
    found = {
        row["track"]: row
        for row in KnowledgeResponse.objects.filter(code__in=codes, round=SurveyRound.POST)
        .annotate(before=Subquery(before))
        .filter(before__isnull=False)
        .order_by().values("track")
        .annotate(n=Count("pk"), pre_mean=Avg("before"), post_mean=Avg("percent"),
                  gain=Avg(gain), squares=Sum(gain * gain))
    }
    lines = []
    for track, label in Track.choices:
        row = found.get(track)
        if row is None:
            continue
        n = row["n"]

        def mean(value):
            return None if value is None else round(float(value), 1)

        lines.append(Row(
            key=track, label=str(label), basis=n, parent="total",
            cells={
                "n": Cell(n),
                "pre": Cell(mean(row["pre_mean"]), "percent"),
                "post": Cell(mean(row["post_mean"]), "percent"),
                "gain": Cell(mean(row["gain"]), "mean"),
                "spread": Cell(mean(spread(n, row["gain"], row["squares"])), "mean"),
            },
        ))
    if suppress:
        for line in lines:
            if small(line.basis):
                for cell in line.cells.values():
                    cell.hidden = True
    columns = [
        ("n", _("Girls (both tests)")),
        ("pre", _("Before the camp: right answers")),
        ("post", _("After the camp: right answers")),
        ("gain", _("Knowledge gain, percentage points")),
        ("spread", _("Spread of the gain (standard deviation)")),
    ]
    return Table("knowledge", _("Knowledge gain by track"), columns, lines)


# --- Sections other apps register (GALS) ----------------------------------------------


def suppress_section(section: sources.Section) -> None:
    by_key = {figure.key: figure for figure in section.figures}
    for figure in section.figures:
        hidden = False
        if figure.kind == "count" and figure.people and small(figure.value):
            hidden = True
        if figure.basis is not None and small(figure.basis):
            hidden = True
        whole = by_key.get(figure.whole)
        if whole is not None and whole.value is not None and figure.value is not None \
                and small(whole.value - figure.value):
            hidden = True
        figure.hidden = hidden


def section_cells(section: sources.Section) -> list[tuple[str, Cell]]:
    return [
        (figure.label, Cell(figure.value, figure.kind, figure.hidden))
        for figure in section.figures
    ]


# --- The whole report -------------------------------------------------------------------


@dataclass
class Report:
    total: Row
    tables: list[Table]
    tracks: Table
    confidence: Table
    knowledge: Table
    sections: list[tuple[sources.Section, list[tuple[str, Cell]]]]
    suppressed: bool
    girls: Cell = field(default_factory=lambda: Cell(0))

    def table(self, key: str) -> Table:
        return next(table for table in self.tables if table.key == key)

    @property
    def empty(self) -> bool:
        return not self.total.cells["camps"].value

    def all_tables(self) -> list[Table]:
        """Every table, for the exports, in the order of the page."""
        gals = []
        for section, cells in self.sections:
            rows = [Row(key=label, label=label, basis=0, cells={"value": cell})
                    for label, cell in cells]
            gals.append(Table(section.key, section.title, [("value", _("Figure"))], rows))
        return [*self.tables, self.tracks, self.confidence, self.knowledge, *gals]


def build_report(camps: QuerySet[Camp], *, suppress: bool, today=None) -> Report:
    pairs = enrolments(camps)
    rows = camp_rows(camps, today, pairs)
    total, tables = breakdowns(rows, suppress, girls_per_line(rows, pairs))
    girls = total.cells["girls"]  # the figure at the top is the tables' total
    sections = []
    for section in sources.sections(camps):
        if suppress:
            suppress_section(section)
        sections.append((section, section_cells(section)))
    return Report(
        total=total,
        tables=tables,
        tracks=tracks(camps, rows, suppress, pairs),
        confidence=confidence(camps, suppress),
        knowledge=knowledge(camps, suppress),
        sections=sections,
        suppressed=suppress,
        girls=girls,
    )
