"""Exports: the figures as CSV and XLSX (always suppressed), and one line per girl
under her survey code for evaluators (streamed, never held in memory).

The line-level export carries no name, username, birth year or school: the survey
code, the camp's number, region, year and language, and what she did and answered.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from django.db import connections, transaction
from django.db.models import (
    Avg,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from camp.certificates.models import Certificate
from camp.models import Camp, CampDay
from cms.core.spreadsheets import CsvWriter, xlsx_workbook
from courses import surveys
from courses.models import LessonProgress, SurveyAnswer, SurveyArea, SurveyRound

from .services import Report, Table, days_came, girls_of


def _table_lines(table: Table) -> Iterator[list]:
    header = [table.row_label or _("Line"), *[label for _key, label in table.columns]]
    yield header
    for row in table.rows:
        yield [row.label, *[row.cells[key].export for key, _label in table.columns]]
    if table.total is not None and all(key in table.total.cells for key, _l in table.columns):
        yield [table.total.label,
               *[table.total.cells[key].export for key, _label in table.columns]]


def aggregates_csv(report: Report) -> str:
    """One long table: section, line, figure, value. Opens in any spreadsheet."""
    out = io.StringIO()
    writer = CsvWriter(out)
    writer.writerow([_("Table"), _("Line"), _("Figure"), _("Value")])
    for table in report.all_tables():
        lines = list(_table_lines(table))
        header = lines[0]
        for line in lines[1:]:
            for column, value in zip(header[1:], line[1:], strict=True):
                writer.writerow([table.title, line[0], column, value])
    return out.getvalue()


def aggregates_xlsx(report: Report) -> bytes:
    """One sheet per table, its first row the column names."""
    return xlsx_workbook(
        (table.title, _table_lines(table)) for table in report.all_tables()
    )


# --- One line per girl -------------------------------------------------------------------


def _area_mean(round_: str, area: str, field_name: str = "value"):
    answers = (
        SurveyAnswer.objects.filter(
            response__code=OuterRef("survey_code"), response__round=round_, area=area
        )
        .exclude(**{f"{field_name}__isnull": True})
        .order_by().values("area").annotate(mean=Avg(surveys.score_expression(field_name))).values("mean")
    )
    return Subquery(answers)


def row_columns() -> list[tuple[str, str]]:
    columns = [
        ("survey_code", _("Survey code")),
        ("camp_id", _("Camp number")),
        ("region", _("Region")),
        ("year", _("Year")),
        ("language", _("Language of the camp")),
        ("days_came", _("Days present")),
        ("days_held", _("Camp days held")),
        ("lessons_done", _("Lessons finished")),
        ("certified", _("Certificate")),
    ]
    # Outside the f-strings: makemessages does not see a _() written inside one.
    before, after, looking_back = _("before the camp"), _("after the camp"), _("looking back")
    for area, label in SurveyArea.choices:
        columns.append((f"pre_{area}", f"{label}: {before}"))
        columns.append((f"post_{area}", f"{label}: {after}"))
        if area != SurveyArea.ROLE_MODEL:
            columns.append((f"back_{area}", f"{label}: {looking_back}"))
    return columns


def girl_lines(camps: QuerySet[Camp], today=None) -> QuerySet:
    """The lines of the export as one query (every figure a subquery of the line)."""
    today = today or timezone.localdate()
    held = (
        CampDay.objects.filter(camp=OuterRef("camp_id"), date__lte=today)
        .order_by().values("camp").annotate(n=Count("pk")).values("n")
    )
    lessons = (
        LessonProgress.objects.filter(learner=OuterRef("learner_id"))
        .order_by().values("learner").annotate(n=Count("pk")).values("n")
    )
    lines = girls_of(camps).annotate(survey_code=F("learner__survey_code__code"))
    scores = {}
    for area in SurveyArea.values:
        scores[f"pre_{area}"] = _area_mean(SurveyRound.PRE, area)
        scores[f"post_{area}"] = _area_mean(SurveyRound.POST, area)
        if area != SurveyArea.ROLE_MODEL:
            scores[f"back_{area}"] = _area_mean(SurveyRound.POST, area, "before_value")
    return (
        lines.annotate(
            region=F("camp__school__district__region__code"),
            year=ExtractYear("camp__start_date"),
            language=F("camp__language"),
            days_came=days_came(),
            days_held=Coalesce(Subquery(held, output_field=IntegerField()), 0),
            lessons_done=Coalesce(Subquery(lessons, output_field=IntegerField()), 0),
            certified=Exists(Certificate.objects.filter(
                camp=OuterRef("camp_id"), learner=OuterRef("learner_id"),
                revoked_on__isnull=True)),
            **scores,
        )
        .order_by("camp_id", "pk")
        .values_list(*[key for key, _label in row_columns()])
    )


class _Echo:
    def write(self, value):
        return value


def girl_lines_csv(camps: QuerySet[Camp], chunk_size: int = 2000) -> Iterator[str]:
    """CSV text, a line at a time, read from the database in chunks."""
    writer = CsvWriter(_Echo())
    yield "\ufeff" + writer.writerow([label for _key, label in row_columns()])
    lines = girl_lines(camps)
    with transaction.atomic(using=lines.db):
        if connections[lines.db].vendor == "postgresql":
            # The query is wide (a subquery per column): PostgreSQL's JIT would spend
            # seconds compiling it before the first line; the lines need none of it.
            with connections[lines.db].cursor() as cursor:
                cursor.execute("SET LOCAL jit = off")
        yield from _lines(writer, lines.iterator(chunk_size=chunk_size))


def _lines(writer, rows) -> Iterator[str]:
    for line in rows:
        yield writer.writerow([
            round(value, 2) if isinstance(value, float) else value for value in line
        ])
