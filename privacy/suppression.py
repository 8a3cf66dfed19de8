"""Small-cell suppression for every aggregate shown outside the case team.

A count below the district's threshold could identify a child in a small school, so it is
never shown (primary suppression). A table also shows totals, and a single hidden cell in a
row or column could be recovered by subtracting the shown cells from the total, so more cells
are hidden until every row and column has at least two unknowns and the hidden cells of a
line add up to at least the threshold (complementary suppression). Zero is shown: it
identifies no one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

DEFAULT_THRESHOLD = 10


@dataclass(frozen=True)
class SuppressedTable:
    """A table ready to show: `None` marks a suppressed value, totals included."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: dict[tuple[str, str], int | None]
    row_totals: dict[str, int | None]
    column_totals: dict[str, int | None]
    total: int | None

    def cell(self, row: str, column: str) -> int | None:
        return self.cells[(row, column)]

    def series(self, row: str) -> list[tuple[str, int | None]]:
        return [(column, self.cells[(row, column)]) for column in self.columns]


def _is_small(value: int, threshold: int) -> bool:
    return 0 < value < threshold


class _Line:
    """One equation of the table: the cells of a row or column and its total."""

    def __init__(self, cells: list[tuple], total_key: tuple):
        self.cells = cells
        self.total_key = total_key


def suppress_table(
    counts: Mapping[tuple[str, str], int],
    *,
    rows: Sequence[str],
    columns: Sequence[str],
    threshold: int = DEFAULT_THRESHOLD,
) -> SuppressedTable:
    """Suppress a two-way table of counts with row, column and grand totals."""
    values: dict[tuple, int] = {}
    for row in rows:
        for column in columns:
            values[("cell", row, column)] = int(counts.get((row, column), 0))
    for row in rows:
        values[("row", row)] = sum(values[("cell", row, c)] for c in columns)
    for column in columns:
        values[("column", column)] = sum(values[("cell", r, column)] for r in rows)
    values[("total",)] = sum(values[("row", r)] for r in rows)

    hidden = {key for key, value in values.items() if _is_small(value, threshold)}
    lines = [_Line([("cell", r, c) for c in columns], ("row", r)) for r in rows] + [
        _Line([("cell", r, c) for r in rows], ("column", c)) for c in columns
    ]
    lines.append(_Line([("row", r) for r in rows], ("total",)))
    lines.append(_Line([("column", c) for c in columns], ("total",)))

    changed = True
    while changed:
        changed = False
        for line in lines:
            extra = _complement(line, values, hidden, threshold)
            if extra is not None:
                hidden.add(extra)
                changed = True

    def shown(key):
        return None if key in hidden else values[key]

    return SuppressedTable(
        rows=tuple(rows),
        columns=tuple(columns),
        cells={(r, c): shown(("cell", r, c)) for r in rows for c in columns},
        row_totals={r: shown(("row", r)) for r in rows},
        column_totals={c: shown(("column", c)) for c in columns},
        total=shown(("total",)),
    )


def _complement(line: _Line, values: dict, hidden: set, threshold: int):
    """The next value to hide so this line's hidden values cannot be worked out, or None."""
    members = [*line.cells, line.total_key]
    unknown = [key for key in members if key in hidden]
    if not unknown:
        return None
    hidden_sum_known = line.total_key not in hidden
    hidden_cells_sum = sum(values[key] for key in unknown if key != line.total_key)
    needs_more = len(unknown) == 1 or (hidden_sum_known and _is_small(hidden_cells_sum, threshold))
    if not needs_more:
        return None
    candidates = sorted(
        (key for key in line.cells if key not in hidden and values[key] > 0),
        key=lambda key: (values[key], key),
    )
    if candidates:
        return candidates[0]
    if line.total_key not in hidden:
        return line.total_key
    # Only zeros remain: the hidden values are already bounded by the other lines.
    return None


def suppress_series(
    counts: Mapping[str, int], *, labels: Sequence[str], threshold: int = DEFAULT_THRESHOLD
) -> SuppressedTable:
    """A one-way breakdown (one row) with its total, suppressed the same way."""
    return suppress_table(
        {("all", label): value for label, value in counts.items()},
        rows=["all"],
        columns=labels,
        threshold=threshold,
    )


def suppress_statistic(value, *, population: int, threshold: int = DEFAULT_THRESHOLD):
    """A statistic (such as a median) computed from fewer cases than the threshold is hidden."""
    return value if population >= threshold else None
