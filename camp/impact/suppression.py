"""Small-number suppression: no figure lets a reader single out a girl.

A figure built from fewer than ``THRESHOLD`` girls (or families) is shown as "<5".
That alone is not enough: a hidden cell can be worked back from its row's total
and the cells beside it, or from the rest of its own row (30 girls, 28 finished:
"2 did not" is a figure of two girls). So, in order:

1. *Primary*: a row built from 1-4 girls hides every figure in it; a count of 1-4
   is hidden; a part whose rest (whole minus part) is 1-4 is hidden.
2. *Complementary*, per column and per group of rows under a shown total (the
   districts of one region, the regions of the whole; a girl of two camps counts in
   each of their lines, so lines may add up to a little more than the total, which
   only makes a hidden cell harder to work back): while a group has
   exactly one hidden cell, or its hidden cells add up to fewer than 5, the
   smallest shown non-zero cell of the group is hidden too. When the total itself
   is hidden, at least one cell of its group is hidden, so the shown cells never
   add up to it.

Tables are suppressed from the top of the hierarchy down, so each level knows
whether its total is shown. Zero is shown: it describes nobody.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.formats import number_format

THRESHOLD = 5
HIDDEN_TEXT = "<5"


@dataclass
class Cell:
    """One figure as a reader gets it: the value, or hidden."""

    value: float | int | None
    kind: str = "count"  # "count", "percent", "mean", "share"
    hidden: bool = False

    def __str__(self) -> str:
        if self.hidden:
            return HIDDEN_TEXT
        if self.value is None:
            return "—"
        if self.kind == "count":
            return number_format(int(self.value), force_grouping=True)
        if self.kind in ("percent", "share"):
            return f"{number_format(round(self.value), 0)}%"
        return number_format(self.value, 2)

    @property
    def export(self):
        """For CSV and XLSX: the number, "<5", or empty."""
        if self.hidden:
            return HIDDEN_TEXT
        if self.value is None:
            return ""
        if self.kind == "count":
            return int(self.value)
        return round(float(self.value), 2 if self.kind == "mean" else 1)

    @property
    def bar(self) -> float | None:
        """The length a chart may draw, or None when there is nothing to draw."""
        return None if self.hidden or self.value is None else float(self.value)


def small(value) -> bool:
    return value is not None and 0 < value < THRESHOLD


@dataclass
class Row:
    """One line of a breakdown table. ``cells`` by column key; ``basis`` is how many
    girls the line is built from; ``parent`` the key of the line it adds up to."""

    key: object
    label: str
    cells: dict[str, Cell]
    basis: int
    parent: object = None
    extra: dict = field(default_factory=dict)


def primary(rows: Iterable[Row], counts: list[str], parts: dict[str, str],
            keep: tuple[str, ...] = ("camps",)) -> None:
    """Hide what is built from fewer than 5 girls. ``parts`` maps a count column to the
    column it is a part of (completed -> girls); ``keep`` are counts of things, not
    people (camps), which stay."""
    for row in rows:
        if small(row.basis):
            for key, cell in row.cells.items():
                cell.hidden = key not in keep
            continue
        for key in counts:
            cell = row.cells[key]
            if small(cell.value):
                cell.hidden = True
            whole = parts.get(key)
            if whole and cell.value is not None and small(row.cells[whole].value - cell.value):
                cell.hidden = True


def _protect(cells: list[Cell], total_hidden: bool) -> None:
    """Complementary suppression of one column of one group."""
    while True:
        hidden = [c for c in cells if c.hidden]
        shown = sorted((c for c in cells if not c.hidden and c.value), key=lambda c: c.value)
        if total_hidden:
            # The total is not shown: the group's shown cells must not add up to it.
            needs_more = not hidden and any(c.value for c in cells)
        else:
            needs_more = bool(hidden) and (
                len(hidden) == 1 or sum(c.value or 0 for c in hidden) < THRESHOLD
            )
        if not needs_more or not shown:
            return
        shown[0].hidden = True


def complementary(rows: list[Row], counts: list[str], totals: dict[object, dict[str, Cell]]
                  ) -> None:
    """``totals`` maps a parent key to the cells of the line the group adds up to."""
    groups: dict[object, list[Row]] = {}
    for row in rows:
        groups.setdefault(row.parent, []).append(row)
    for parent, members in groups.items():
        parent_cells = totals.get(parent, {})
        for key in counts:
            total = parent_cells.get(key)
            _protect([row.cells[key] for row in members], bool(total and total.hidden))
