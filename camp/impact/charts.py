"""Bar charts drawn on the server as SVG: small, sharp on a phone and on paper.

A chart is computed here (bar lengths, positions) and drawn by the template
``impact/_chart.html``; its figures are the table beside it, which screen readers
read instead (the SVG is hidden from them). A hidden figure has no bar, only "<5".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .suppression import Cell, Row

WIDTH = 320
LABEL_HEIGHT = 16
BAR_HEIGHT = 14
GAP = 10
VALUE_ROOM = 44  # room right of the longest bar for its figure
COLOURS = ["#5b2a86", "#d9822b", "#2a7d5b"]


@dataclass
class Bar:
    y: float
    width: float
    text: str
    colour: str

    @property
    def text_x(self) -> float:
        return round(self.width + 4, 1)

    @property
    def text_y(self) -> float:
        return round(self.y + BAR_HEIGHT - 3, 1)


@dataclass
class Group:
    label: str
    label_y: float
    bars: list[Bar]


@dataclass
class Chart:
    key: str
    title: str
    series: list[tuple[str, str]]  # (label, colour)
    groups: list[Group] = field(default_factory=list)
    height: float = 0
    width: int = WIDTH


def bar_chart(key: str, title: str, rows: list[Row], columns: list[tuple[str, str]],
              maximum: float | None = None) -> Chart:
    """Horizontal bars, one group per row and one bar per column (series)."""
    values = [row.cells[column].bar for row in rows for column, _label in columns]
    top = maximum or max([value for value in values if value is not None] or [0]) or 1
    chart = Chart(key=key, title=title, series=[
        (label, COLOURS[index % len(COLOURS)]) for index, (_key, label) in enumerate(columns)
    ])
    y = 0.0
    for row in rows:
        group = Group(label=row.label, label_y=y + LABEL_HEIGHT - 4, bars=[])
        y += LABEL_HEIGHT
        for index, (column, _label) in enumerate(columns):
            cell: Cell = row.cells[column]
            length = 0.0 if cell.bar is None else (WIDTH - VALUE_ROOM) * cell.bar / top
            group.bars.append(Bar(y=y, width=round(max(length, 0), 1), text=str(cell),
                                  colour=COLOURS[index % len(COLOURS)]))
            y += BAR_HEIGHT + 2
        y += GAP
        chart.groups.append(group)
    chart.height = round(y, 1)
    return chart


def report_charts(report) -> dict:
    """The charts of the dashboard and of the printed report."""
    region = report.table("region")
    return {
        "regions": bar_chart(
            "regions", _("Girls by region"), region.rows,
            [("girls", _("Girls enrolled")), ("completed", _("Girls who completed"))],
        ),
        "tracks": bar_chart(
            "tracks", _("Lessons finished by track, %"), report.tracks.rows,
            [("rate", _("Completion"))], maximum=100,
        ),
        "confidence": bar_chart(
            "confidence", _("Confidence before and after the camp (1 to 5)"),
            [row for row in report.confidence.rows
             if row.cells["pre"].kind == "mean" and row.basis],
            [("pre", _("Before the camp")), ("post", _("After the camp"))], maximum=5,
        ),
    }
