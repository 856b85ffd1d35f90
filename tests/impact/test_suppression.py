"""No child can be singled out: in the partner's view and in every export."""

import random

import pytest
from django.utils.translation import override

from camp.impact import services
from camp.impact.charts import bar_chart
from camp.impact.suppression import THRESHOLD, Cell, Row, complementary, primary
from cms.core.models import User

pytestmark = pytest.mark.django_db


def shown(cell):
    return None if cell.hidden else cell.value


def test_a_camp_of_three_girls_is_hidden_and_cannot_be_worked_back(programme):
    report = services.build_report(
        services.visible_camps(User(is_superuser=True)), suppress=True)
    camps = {row.key: row for row in report.table("camp").rows}
    schools = report.table("school").rows
    # Camp B has 3 girls: hidden. Camp A (6) would give B away as Talas (9) minus A,
    # so it is hidden too; camp C (10) in another region stays.
    assert camps[programme.camp_b.pk].cells["girls"].hidden
    assert camps[programme.camp_a.pk].cells["girls"].hidden
    assert shown(camps[programme.camp_c.pk].cells["girls"]) == 10
    assert sum(1 for row in schools if row.cells["girls"].hidden) == 2
    # The regions are large enough and stay, as does the total.
    regions = {row.label[:5]: row for row in report.table("region").rows}
    assert shown(regions["Талас"].cells["girls"]) == 9
    assert shown(report.total.cells["girls"]) == 19
    # Talas: 8 of 9 completed, so "1 did not" is a figure of one girl: hidden; then
    # Naryn's 5 is hidden too, or Talas would be 13 minus 5.
    assert regions["Талас"].cells["completed"].hidden
    assert regions["Нарын"].cells["completed"].hidden
    assert shown(report.total.cells["completed"]) == 13
    # By language: Russian is camp B alone; Kyrgyz would be 19 minus it.
    assert all(row.cells["girls"].hidden for row in report.table("language").rows)
    # Attendance of a three-girl camp is a figure of three girls.
    assert camps[programme.camp_b.pk].cells["attendance"].hidden


def test_confidence_of_three_girls_is_hidden(programme):
    report = services.build_report(
        services.visible_camps(User(is_superuser=True)), suppress=True)
    rows = {row.key: row for row in report.confidence.rows}
    assert all(cell.hidden for key, cell in rows["science"].cells.items())
    assert shown(rows["maths"].cells["change"]) == 1.8


def test_the_manager_sees_exact_figures(programme):
    report = services.build_report(
        services.visible_camps(User(is_superuser=True)), suppress=False)
    assert not any(cell.hidden for table in report.all_tables() for row in table.rows
                   for cell in row.cells.values())


def _check_groups(rows, totals, columns):
    """The rule the tables must keep: in a group whose total is shown, hidden cells are
    none, or at least two adding up to 5 or more; under a hidden total, one at least."""
    groups = {}
    for row in rows:
        groups.setdefault(row.parent, []).append(row)
    for parent, members in groups.items():
        for key in columns:
            hidden = [row.cells[key].value for row in members if row.cells[key].hidden]
            total = totals[parent][key]
            if total.hidden:
                assert hidden or not any(row.cells[key].value for row in members)
            elif sum(hidden) > 0:
                # (Hidden zeros of a small row add nothing: a shown zero total
                # already says every line of it is zero.)
                assert len(hidden) >= 2 and sum(hidden) >= THRESHOLD
            # Nothing small is left in sight.
            for row in members:
                value = row.cells[key]
                assert value.hidden or not 0 < value.value < THRESHOLD


@pytest.mark.parametrize("seed", range(30))
def test_complementary_suppression_holds_on_random_tables(seed):
    rng = random.Random(seed)
    parents = {}
    rows = []
    for region in range(rng.randint(1, 4)):
        sums = {"girls": 0, "completed": 0}
        for camp in range(rng.randint(1, 5)):
            girls = rng.choice([0, 1, 2, 3, 4, 5, 6, 12, 25, 30])
            completed = rng.randint(0, girls)
            sums["girls"] += girls
            sums["completed"] += completed
            rows.append(Row(key=(region, camp), label="", basis=girls, parent=region,
                            cells={"girls": Cell(girls), "completed": Cell(completed)}))
        parents[region] = Row(key=region, label="", basis=sums["girls"], parent="total",
                              cells={key: Cell(value) for key, value in sums.items()})
    total = {key: Cell(sum(p.cells[key].value for p in parents.values()))
             for key in ("girls", "completed")}
    columns = ["girls", "completed"]
    total_row = Row(key="total", label="", basis=total["girls"].value, cells=total)
    primary([total_row], columns, {"completed": "girls"})
    primary(parents.values(), columns, {"completed": "girls"})
    complementary(list(parents.values()), columns, {"total": total_row.cells})
    primary(rows, columns, {"completed": "girls"})
    complementary(rows, columns, {key: row.cells for key, row in parents.items()})
    _check_groups(list(parents.values()), {"total": total_row.cells}, columns)
    _check_groups(rows, {key: row.cells for key, row in parents.items()}, columns)


def _suppress_one_region(lines, total):
    """Camps (girls, completed) of one region whose total is shown, suppressed as the
    report does it."""
    columns, parts = ["girls", "completed"], {"completed": "girls"}
    rows = [Row(key=name, label=name, basis=girls, parent="region",
                cells={"girls": Cell(girls), "completed": Cell(completed)})
            for name, (girls, completed) in lines.items()]
    region = {key: Cell(value) for key, value in total.items()}
    primary(rows, columns, parts)
    complementary(rows, columns, {"region": region})
    return {row.key: {key: shown(cell) for key, cell in row.cells.items()} for row in rows}


def test_two_hidden_figures_adding_up_to_five_or_more_hide_nothing_else():
    # Camps of 3 and 4 girls are hidden; together they are 7, more than a reader can
    # single out, so the large camps keep their figures.
    figures = _suppress_one_region(
        {"small": (3, 0), "smaller": (4, 0), "middle": (10, 0), "large": (12, 0)},
        {"girls": 29, "completed": 0})
    assert figures["small"]["girls"] is None and figures["smaller"]["girls"] is None
    assert figures["middle"]["girls"] == 10 and figures["large"]["girls"] == 12


def test_a_hidden_zero_does_not_hide_a_large_figure():
    # "small" (3 girls, none finished) is hidden whole; "almost" has 6 girls of whom 5
    # finished, so "1 did not" hides its 5. The hidden 0 and 5 add up to five: the 12
    # who finished in the large camp are not hidden for them.
    figures = _suppress_one_region(
        {"small": (3, 0), "almost": (6, 5), "large": (20, 12)},
        {"girls": 29, "completed": 17})
    assert figures["small"]["completed"] is None and figures["almost"]["completed"] is None
    assert figures["large"]["completed"] == 12


def test_exports_give_a_percentage_to_one_decimal_and_a_mean_to_two():
    assert Cell(200 / 3, "percent").export == 66.7
    assert Cell(200 / 3, "share").export == 66.7
    assert Cell(4 / 3, "mean").export == 1.33


def test_the_page_shows_a_percentage_whole_and_a_mean_to_two_decimals():
    with override("ru"):
        assert str(Cell(200 / 3, "percent")) == "67%"
        assert str(Cell(4 / 3, "mean")) == "1,33"
        assert str(Cell(12345)).replace("\xa0", " ") == "12 345"


def test_a_hidden_figure_draws_no_bar():
    rows = [Row(key=key, label=key, basis=girls, cells={"girls": Cell(girls)})
            for key, girls in (("small", 3), ("large", 10))]
    primary(rows, ["girls"], {})
    small, large = (group.bars[0] for group in bar_chart(
        "girls", "Girls", rows, [("girls", "Girls")]).groups)
    # Its length would give the hidden number away: only "<5" is drawn.
    assert small.width == 0 and small.text == "<5"
    assert large.width > 0 and large.text == "10"


def test_under_a_hidden_total_one_hidden_figure_is_enough():
    # The region's own total is hidden, so the shown camps cannot be taken from it: the
    # small camp hidden, the two large ones stay.
    rows = [Row(key=key, label=key, basis=girls, parent="region", cells={"girls": Cell(girls)})
            for key, girls in (("small", 3), ("middle", 10), ("large", 12))]
    primary(rows, ["girls"], {})
    complementary(rows, ["girls"], {"region": {"girls": Cell(25, hidden=True)}})
    assert [shown(row.cells["girls"]) for row in rows] == [None, 10, 12]


def test_a_lone_hidden_figure_is_covered_by_the_smallest_beside_it():
    # Camp "small" alone hidden would be the region's total minus the rest: the
    # smallest other figure goes with it, and the largest stays in sight.
    figures = _suppress_one_region(
        {"small": (3, 0), "middle": (6, 0), "large": (20, 0)}, {"girls": 29, "completed": 0})
    assert [figures[key]["girls"] for key in ("small", "middle", "large")] == [None, None, 20]


def test_a_figure_whose_rest_is_small_is_hidden():
    # 5 of 8 girls finished: "3 did not" is a figure of three girls, so the 5 is hidden.
    figures = _suppress_one_region(
        {"camp": (8, 5), "large": (20, 12), "larger": (30, 20)},
        {"girls": 58, "completed": 37})
    assert figures["camp"]["girls"] == 8 and figures["camp"]["completed"] is None


def test_a_figure_of_four_girls_is_hidden():
    # Four girls in a camp, four who did not finish: each a figure a reader could
    # put names to.
    figures = _suppress_one_region(
        {"four": (4, 0), "camp": (10, 6), "large": (30, 25)}, {"girls": 44, "completed": 31})
    assert figures["four"]["girls"] is None and figures["camp"]["completed"] is None
    assert figures["large"]["girls"] == 30
