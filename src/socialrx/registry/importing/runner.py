"""Streams an import file through its layout in batches: a dry run (the preview) or the
import itself. Memory holds one batch of rows, whatever the file's length (the keys already
met, to refuse a duplicate key, are kept on disk: `seen.py`).

Progress goes to the cache, not the database: the import runs in one transaction (all or
nothing), so a progress row written inside it would be invisible to the page polling it."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import reset_queries
from django.utils import timezone

from socialrx.core.tabular import Row, Table, open_table

from .layouts import LAYOUTS, ImportContext, Layout, Parsed
from .seen import SeenKeys, digest
from .values import RowRejected

BATCH_SIZE = 1000
MAX_KEPT_ERRORS = 500
PROGRESS_TTL = 60 * 60 * 24
# REGISTRY_IMPORT_XLSX_MAX_PART_MB when unset: the most one part of an .xlsx upload may unpack to.
DEFAULT_XLSX_MAX_PART_MB = 1024


@dataclass
class Outcome:
    counts: Counter = field(default_factory=Counter)
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # the first few hundred

    def reject(self, row_number: int, key: str, message: str) -> None:
        self.counts["rejected"] += 1
        if len(self.errors) < MAX_KEPT_ERRORS:
            self.errors.append((row_number, key[:120], message[:500]))

    def as_counts(self) -> dict[str, int]:
        return {name: self.counts[name] for name in ("created", "updated", "unchanged", "rejected")}


def open_import_file(path: str | Path, kind: str, filename: str) -> tuple[Layout, Table]:
    """The layout and the opened table; FileProblem when the file cannot be imported at all."""
    layout = LAYOUTS[kind]
    table = open_table(
        path, layout.columns, filename=filename, xlsx_max_part_bytes=xlsx_max_part_bytes()
    )
    layout.check_columns(frozenset(table.columns))
    return layout, table


def xlsx_max_part_bytes() -> int:
    """REGISTRY_IMPORT_XLSX_MAX_PART_MB in bytes, read on each import so settings can change it."""
    megabytes = getattr(settings, "REGISTRY_IMPORT_XLSX_MAX_PART_MB", DEFAULT_XLSX_MAX_PART_MB)
    return int(float(megabytes) * 1024 * 1024)


def run(
    table: Table, layout: Layout, context: ImportContext, *, progress_key: str = "", total=None
) -> Outcome:
    """Parse, de-duplicate and process every row; return the counts and the kept errors."""
    outcome = Outcome()
    present = frozenset(table.columns)
    seen = SeenKeys()
    batch: list[Parsed] = []
    done = 0
    try:
        for row in table.rows():
            done += 1
            parsed = _parse(layout, row, present, outcome)
            if parsed is not None:
                batch.append(parsed)
            if len(batch) >= BATCH_SIZE:
                _flush(layout, _first_rows(batch, seen, outcome), context, outcome)
                batch = []
                report_progress(progress_key, done, total)
        _flush(layout, _first_rows(batch, seen, outcome), context, outcome)
    finally:
        seen.close()
    report_progress(progress_key, done, total)
    return outcome


def _parse(layout, row: Row, present, outcome: Outcome) -> Parsed | None:
    if row.problem:
        outcome.reject(row.number, "", f"The row {row.problem}.")
        return None
    try:
        return layout.parse(row.values, present, row.number)
    except RowRejected as rejected:
        outcome.reject(row.number, "", rejected.message)
        return None


def _first_rows(batch: list[Parsed], seen: SeenKeys, outcome: Outcome) -> list[Parsed]:
    """The batch without the rows whose key an earlier row of the file already had."""
    kept = []
    for parsed, first in zip(batch, seen.first_time([digest(p.key) for p in batch]), strict=True):
        if first:
            kept.append(parsed)
        else:
            message = f"{parsed.label} appears on an earlier row of this file."
            outcome.reject(parsed.row_number, parsed.label, message)
    return kept


def _flush(layout: Layout, batch: list[Parsed], context: ImportContext, outcome: Outcome) -> None:
    if not batch:
        return
    result = layout.process(batch, context)
    # With DEBUG on (the development server runs imports inline) Django keeps the last 9,000
    # statements; a batch's INSERTs are large, so that log alone would grow to gigabytes.
    reset_queries()
    outcome.counts["created"] += result.created
    outcome.counts["updated"] += result.updated
    outcome.counts["unchanged"] += result.unchanged
    for row_number, key, message in result.rejected:
        outcome.reject(row_number, key, message)


def context_for(*, actor, dry_run: bool, source: str, via: str) -> ImportContext:
    return ImportContext(
        actor=actor, dry_run=dry_run, source=source, via=via, today=timezone.localdate()
    )


# --- progress --------------------------------------------------------------------------------


def report_progress(key: str, done: int, total: int | None) -> None:
    """Rows done so far, and when (a job that stops reporting has lost its worker)."""
    if key:
        cache.set(key, {"done": done, "total": total, "at": time.time()}, PROGRESS_TTL)


def read_progress(key: str) -> dict | None:
    return cache.get(key)
