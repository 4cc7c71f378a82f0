"""Small-cell suppression for the tables other apps show (research's survey results above all):
no count under a minimum (11 by default, the CMS cell-size suppression policy: no cell of 1 to
10 may be displayed) in any table, and none that can be recomputed from the totals shown.

    table = suppress_small_cells([[25, 4, 30], [40, 18, 52]])
    table.cells          -> ((*, *, 30), (*, *, 52))
    table.row_totals     -> (59, 110)
    table.column_totals  -> (65, 22, 82)

4 is under 11 (primary). Alone in its row it would be 59 - 25 - 30, so 25 is hidden too; then
column 1 would give it away (22 - 18), so 18 is hidden; then column 0 (65 - 40), so 40 is.

Primary suppression hides every count from 1 to minimum - 1 (a zero too with
`suppress_zero=True`: zero is shown by default, as CMS does, since it describes no one).
Complementary suppression then treats the table with its published totals as a set of lines
(each row with its row total, each column with its column total, the totals with the grand
total): a line with exactly one hidden entry would give it away as total minus the others, so
another entry of that line is hidden (the smallest count that is not zero, preferring cells over
totals and cells whose other line needs a second hidden entry too), until no line has exactly
one. A total that is itself small is suppressed like any cell.

The pattern guarantees no hidden count equals a sum or difference of shown numbers along a
row or column; it does not compute the interval of values an attacker could still bound with
linear programming (a hidden count of 4 in a line whose other hidden count is 12 is still
protected, but narrowly). Callers publishing many overlapping tables of the same people should
suppress them together."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

CMS_MINIMUM_CELL_SIZE = 11

_Position = tuple[str, int, int]  # ("cell", row, column), ("row_total", row, 0)...


@dataclass(frozen=True, slots=True)
class Suppressed:
    """A hidden count. Every hidden count renders the same ("*"), whether it was small itself
    (primary) or hidden to protect one (complementary): showing which is which would tell
    readers which counts are small. `primary` is for the code, never for display."""

    minimum: int
    primary: bool

    def __str__(self) -> str:
        return "*"


Count = int | Suppressed


@dataclass(frozen=True, slots=True)
class SuppressedTable:
    cells: tuple[tuple[Count, ...], ...]
    row_totals: tuple[Count, ...] | None  # None: row totals are not published
    column_totals: tuple[Count, ...] | None
    grand_total: Count | None  # published when any totals are
    minimum: int

    @property
    def note(self) -> str:
        """The footnote to print under the table."""
        return (
            f"* Not shown: a count under {self.minimum}, or a count hidden so that one cannot "
            "be worked out from the totals."
        )

    @property
    def suppressed_count(self) -> int:
        entries = [c for row in self.cells for c in row]
        entries += list(self.row_totals or ()) + list(self.column_totals or ())
        entries.append(self.grand_total)
        return sum(isinstance(entry, Suppressed) for entry in entries)


def suppress_small_cells(
    counts: Sequence[Sequence[int]],
    *,
    minimum: int = CMS_MINIMUM_CELL_SIZE,
    row_totals: bool = True,
    column_totals: bool = True,
    suppress_zero: bool = False,
) -> SuppressedTable:
    """A copy of `counts` (a rectangular table of non-negative whole numbers, rows of columns)
    with its small counts and their complements hidden, and its totals computed and suppressed
    alike. `row_totals` / `column_totals`: whether the table is published with that margin
    (or it is published elsewhere: then say True, so it is protected too). Raises ValueError
    for a ragged or empty table, a negative or non-integer count, or a minimum under 1."""
    grid = _validated(counts, minimum)
    rows, columns = len(grid), len(grid[0])
    values: dict[_Position, int] = {
        ("cell", r, c): grid[r][c] for r in range(rows) for c in range(columns)
    }
    if row_totals:
        values |= {("row_total", r, 0): sum(grid[r]) for r in range(rows)}
    if column_totals:
        values |= {
            ("column_total", 0, c): sum(grid[r][c] for r in range(rows)) for c in range(columns)
        }
    if row_totals or column_totals:
        values[("grand_total", 0, 0)] = sum(map(sum, grid))

    primary = {p for p, v in values.items() if v < minimum and (v > 0 or suppress_zero)}
    hidden = _complementary(values, _lines(rows, columns, row_totals, column_totals), set(primary))

    def shown(position: _Position) -> Count:
        if position in hidden:
            return Suppressed(minimum=minimum, primary=position in primary)
        return values[position]

    return SuppressedTable(
        cells=tuple(tuple(shown(("cell", r, c)) for c in range(columns)) for r in range(rows)),
        row_totals=tuple(shown(("row_total", r, 0)) for r in range(rows)) if row_totals else None,
        column_totals=(
            tuple(shown(("column_total", 0, c)) for c in range(columns)) if column_totals else None
        ),
        grand_total=shown(("grand_total", 0, 0)) if (row_totals or column_totals) else None,
        minimum=minimum,
    )


def _validated(counts: Sequence[Sequence[int]], minimum: int) -> list[list[int]]:
    if isinstance(minimum, bool) or not isinstance(minimum, int) or minimum < 1:
        raise ValueError(f"minimum must be a whole number of at least 1, not {minimum!r}")
    grid = [list(row) for row in counts]
    if not grid or not grid[0]:
        raise ValueError("the table is empty")
    if any(len(row) != len(grid[0]) for row in grid):
        raise ValueError("every row of the table must have the same number of columns")
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"row {r + 1}, column {c + 1}: {value!r} is not a count")
    return grid


def _lines(rows: int, columns: int, row_totals: bool, column_totals: bool) -> list[list[_Position]]:
    """Each published sum with the entries it adds up: the line's total last."""
    lines: list[list[_Position]] = []
    if row_totals:
        lines += [
            [("cell", r, c) for c in range(columns)] + [("row_total", r, 0)] for r in range(rows)
        ]
        lines.append([("row_total", r, 0) for r in range(rows)] + [("grand_total", 0, 0)])
    if column_totals:
        lines += [
            [("cell", r, c) for r in range(rows)] + [("column_total", 0, c)] for c in range(columns)
        ]
        lines.append([("column_total", 0, c) for c in range(columns)] + [("grand_total", 0, 0)])
    return lines


def _complementary(
    values: dict[_Position, int], lines: list[list[_Position]], hidden: set[_Position]
) -> set[_Position]:
    lines_of: dict[_Position, list[int]] = {}
    for index, line in enumerate(lines):
        for position in line:
            lines_of.setdefault(position, []).append(index)

    def exposed(index: int) -> bool:
        return sum(p in hidden for p in lines[index]) == 1

    changed = True
    while changed:  # each pass hides at least one more entry, so this ends
        changed = False
        for index, line in enumerate(lines):
            if not exposed(index):
                continue
            choices = [p for p in line if p not in hidden]
            if not choices:
                continue

            def cost(position: _Position, line_index: int = index) -> tuple:
                helps = sum(exposed(other) for other in lines_of[position] if other != line_index)
                value = values[position]
                return (position[0] != "cell", value == 0, -helps, value, position)

            hidden.add(min(choices, key=cost))
            changed = True
    return hidden
