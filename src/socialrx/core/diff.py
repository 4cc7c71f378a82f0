"""What changed between two texts, line by line (difflib), for the pages that compare versions
(the library's templates, the toolkit's policies): removed and added lines with the unchanged
ones around them; long unchanged runs are folded into one "n unchanged lines" row. The pages
escape every line."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

SAME, ADDED, REMOVED, FOLDED = "same", "added", "removed", "folded"


@dataclass(frozen=True)
class Line:
    change: str  # SAME, ADDED, REMOVED or FOLDED
    text: str = ""
    old_number: int | None = None  # the line's number in the older text
    new_number: int | None = None  # in the newer text
    folded: int = 0  # FOLDED: how many unchanged lines it stands for


@dataclass(frozen=True)
class Diff:
    lines: tuple[Line, ...]
    added: int
    removed: int

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed)


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if text else []


def _same_run(old, new, i1, i2, j1, first: bool, last: bool, context: int) -> list[Line]:
    run = [
        Line(SAME, old[i], old_number=i + 1, new_number=j1 + k + 1)
        for k, i in enumerate(range(i1, i2))
    ]
    keep_head = 0 if first else context
    keep_tail = 0 if last else context
    if len(run) <= keep_head + keep_tail + 1:
        return run
    hidden = len(run) - keep_head - keep_tail
    tail = run[len(run) - keep_tail :] if keep_tail else []
    return [*run[:keep_head], Line(FOLDED, folded=hidden), *tail]


def line_diff(old: str, new: str, *, context: int = 3) -> Diff:
    """The changes from `old` to `new`, with `context` unchanged lines around each."""
    before, after = _lines(old), _lines(new)
    opcodes = difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
    lines: list[Line] = []
    added = removed = 0
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            first, last = index == 0, index == len(opcodes) - 1
            lines += _same_run(before, after, i1, i2, j1, first, last, context)
            continue
        for i in range(i1, i2):
            lines.append(Line(REMOVED, before[i], old_number=i + 1))
            removed += 1
        for j in range(j1, j2):
            lines.append(Line(ADDED, after[j], new_number=j + 1))
            added += 1
    return Diff(tuple(lines), added=added, removed=removed)
