"""What every import layout provides: its columns, how a row becomes a record, and how a batch
of records is compared with the registry (a dry run) or written to it.

The runner streams the file in batches; a layout sees one batch at a time, so memory stays
bounded however long the file is, and each batch costs a fixed number of queries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from socialrx.core.tabular import Column, FileProblem

from ..values import RowRejected

__all__ = ["BatchResult", "Column", "FileProblem", "ImportContext", "Layout", "Parsed"]


@dataclass(frozen=True)
class ImportContext:
    actor: Any  # the staff member who started the import (None for the command line)
    dry_run: bool
    source: str  # where the rows come from, e.g. "Import of hospitals.csv"
    via: str  # recorded in history: "import:<job id>"
    today: date
    # PostgreSQL's bulk path for this run (`importing.bulk`), set by the runner; None elsewhere.
    bulk: Any = None


@dataclass
class Parsed:
    row_number: int
    key: tuple  # the record's identity in the file (duplicates are refused)
    label: str  # how errors name it: "CCN 010001"
    data: dict[str, Any]


@dataclass
class BatchResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[tuple[int, str, str]] = field(default_factory=list)

    def reject(self, parsed: Parsed, message: str) -> None:
        self.rejected.append((parsed.row_number, parsed.label, message))


class Layout:
    """One kind of file. Subclasses set `columns` and implement `parse` and `process`."""

    kind: str = ""
    title: str = ""
    columns: Sequence[Column] = ()
    description: str = ""  # shown on the upload page: which files this reads

    def check_columns(self, present: frozenset[str]) -> None:
        """Refuse the file when a combination of columns is missing (single required columns
        are `Column.required`)."""

    def parse(self, values: dict[str, str], present: frozenset[str], row_number: int) -> Parsed:
        raise NotImplementedError

    def process(self, batch: list[Parsed], context: ImportContext) -> BatchResult:
        raise NotImplementedError

    @property
    def required_labels(self) -> list[str]:
        return [column.label or column.aliases[0] for column in self.columns if column.required]

    @property
    def optional_labels(self) -> list[str]:
        return [column.label or column.aliases[0] for column in self.columns if not column.required]


def present_value(values: dict[str, str], present: frozenset[str], name: str) -> str | None:
    """The cell of column `name`, or None when the file has no such column (then the field is
    left as it is, rather than emptied)."""
    return values.get(name, "") if name in present else None


def reject(message: str) -> RowRejected:
    return RowRejected(message)
