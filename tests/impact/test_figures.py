"""The dashboard's figures against the ones worked out by hand (see factories.py)."""

import pytest

from camp.impact import services
from cms.core.models import User

pytestmark = pytest.mark.django_db


def everything():
    return services.visible_camps(User(is_superuser=True))


def cells(row) -> dict:
    return {key: cell.value for key, cell in row.cells.items()}


def line(table, label_start: str):
    return next(row for row in table.rows if row.label.startswith(label_start))


def test_totals_match_the_hand_count(programme):
    report = services.build_report(everything(), suppress=False)
    total = cells(report.total)
    assert total["camps"] == 3
    assert total["girls"] == report.girls.value == 19
    assert total["completed"] == 13  # 5 + 3 + 5 came on at least 5 days
    assert total["certified"] == 9  # 5 in A (one revoked) + 5 in C
    # Days the girls came over girl-days held: (5*6 + 2) + 3*6 + (5*6 + 5*3) over 6*19.
    assert total["attendance"] == round(100 * 95 / 114, 1)


def test_regions_languages_and_years(programme):
    report = services.build_report(everything(), suppress=False)
    talas = cells(line(report.table("region"), "Талас"))
    naryn = cells(line(report.table("region"), "Нарын"))
    assert (talas["girls"], talas["completed"], talas["certified"]) == (9, 8, 4)
    assert talas["attendance"] == round(100 * 50 / 54, 1)
    assert (naryn["girls"], naryn["completed"], naryn["certified"]) == (10, 5, 5)
    assert naryn["attendance"] == 75.0
    languages = {row.key: row.cells["girls"].value for row in report.table("language").rows}
    assert languages == {"ky": 16, "ru": 3}
    years = {row.key: row.cells["girls"].value for row in report.table("year").rows}
    assert years == {2025: 3, 2026: 16}
    camps = {row.key: cells(row) for row in report.table("camp").rows}
    assert camps[programme.camp_b.pk]["girls"] == 3
    assert camps[programme.camp_a.pk]["completed"] == 5


def test_lessons_by_track(programme):
    tracks = {row.key: cells(row) for row in services.build_report(
        everything(), suppress=False).tracks.rows}
    # Soldering: two lessons; camp A's five did both, its sixth one: 11 of 19 * 2.
    assert tracks["soldering"]["done"] == 11
    assert tracks["soldering"]["expected"] == 38
    assert tracks["soldering"]["rate"] == round(100 * 11 / 38, 1)
    # Programming: one lesson, done by camp C's five who came every day.
    assert (tracks["programming"]["done"], tracks["programming"]["expected"]) == (5, 19)


def test_confidence_change_per_area(programme):
    rows = {row.key: row for row in services.build_report(
        everything(), suppress=False).confidence.rows}
    maths = cells(rows["maths"])
    # Each girl's score is the mean of the plain and the reverse-scored statement
    # (4 before = 2, 2 after = 4): before 2, 2, 2.5, 2.5, 2; after 4, 4, 4, 4.5, 3.5.
    assert maths["n"] == 5
    assert maths["pre"] == 2.2
    assert maths["post"] == 4.0
    assert maths["change"] == 1.8
    assert maths["spread"] == 0.27  # sample SD of 2, 2, 1.5, 2, 1.5
    assert maths["back"] == 1.6  # "looking back", asked at the end
    # The girl of camp A answered only before: she is not in the change.
    assert cells(rows["science"])["n"] == 3
    assert cells(rows["engineering"])["n"] == 0


def test_filters_narrow_the_count(programme):
    manager = User(is_superuser=True)
    talas = services.scope(manager, services.Filters(region=programme.talas))
    assert services.build_report(talas, suppress=False).girls.value == 9
    russian = services.scope(manager, services.Filters(language="ru"))
    assert services.build_report(russian, suppress=False).girls.value == 3
    import datetime

    year = services.scope(manager, services.Filters(
        date_from=datetime.date(2026, 1, 1), date_to=datetime.date(2026, 7, 31)))
    assert services.build_report(year, suppress=False).girls.value == 6  # camp A only


def test_a_facilitator_counts_her_own_camps(programme):
    camps = services.visible_camps(programme.facilitator_c)
    report = services.build_report(camps, suppress=False)
    assert [row.key for row in report.table("camp").rows] == [programme.camp_c.pk]
    assert report.girls.value == 10


def test_withdrawn_girls_and_draft_camps_do_not_count(programme):
    from camp.models import Camp

    enrolment = programme.camp_c.enrolments.first()
    enrolment.status = enrolment.Status.WITHDRAWN
    enrolment.save()
    Camp.objects.filter(pk=programme.camp_b.pk).update(status=Camp.Status.DRAFT)
    report = services.build_report(everything(), suppress=False)
    assert report.girls.value == 19 - 1 - 3
