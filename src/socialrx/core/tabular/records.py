"""What a table is read into: the columns a caller wants, its rows, and the problem that stops
a whole file. The CSV and XLSX readers both hand their records over in these terms."""

from __future__ import annotations

from collections.abc import Generator, Sequence
from dataclasses import dataclass
from typing import Protocol

# A cell longer than this is not a name, an address or a code: the row is reported.
MAX_CELL_CHARS = 10_000
# What a blank record may hold: whitespace (Excel's no-break space too) and delimiters.
BLANK_CHARS = " \t\r\n\v\f\xa0\ufeff,;|"


@dataclass(frozen=True)
class Column:
    """A column the caller wants, and the header texts that name it in the files we accept."""

    name: str
    aliases: tuple[str, ...]
    required: bool = False
    label: str = ""

    def __post_init__(self) -> None:
        # A bare string would otherwise be taken as a tuple of its letters.
        aliases = (self.aliases,) if isinstance(self.aliases, str) else tuple(self.aliases)
        if not aliases:
            raise ValueError(f"Column {self.name!r} needs at least one alias.")
        object.__setattr__(self, "aliases", aliases)
        if not self.label:
            object.__setattr__(self, "label", aliases[0])


class FileProblem(Exception):
    """The whole file cannot be read; nothing is imported. `message` says why and what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# Slots: a large file makes a million of these, and without a __dict__ each is cheaper.
@dataclass(frozen=True, slots=True)
class Row:
    """One data row. `number` is the row number a spreadsheet shows (the header is row 1)."""

    number: int
    values: dict[str, str]
    problem: str = ""


# A generator, not just an iterator: reading only the first records must close the file.
Records = Generator[tuple[int, list[str]], None, None]


class Source(Protocol):
    def records(self) -> Records:
        """Every non-blank record of the file, header included, with its row number."""
        ...


def has_content(cells: Sequence[str]) -> bool:
    """False for a blank record. Delimiters count as blank: ";;;" is an empty row of a
    semicolon file even when read as one cell with another delimiter."""
    # One join rather than a generator over the cells: this runs for every record.
    return bool("".join(cells).strip(BLANK_CHARS))
