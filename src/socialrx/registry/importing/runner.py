"""Streams an import file through its layout in batches: a dry run (the preview) or the
import itself. Memory holds a few batches of rows, whatever the file's length (the keys already
met, to refuse a duplicate key, are kept on disk: `seen.py`).

On PostgreSQL, hospitals and physicians go through `bulk.py` (COPY into a staging table, then
set-based writes), their file read a few batches ahead in a second thread (`readahead.py`);
every other layout, and every layout on SQLite, writes each batch through its own `process`.

Progress goes to the cache, not the database: the import runs in one transaction (all or
nothing), so a progress row written inside it would be invisible to the page polling it."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Generator
from dataclasses import dataclass, field, replace
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import reset_queries
from django.utils import timezone

from socialrx.core.tabular import Row, Table, open_table

from .bulk import FLUSH_ROWS, open_bulk
from .layouts import LAYOUTS, ImportContext, Layout, Parsed
from .readahead import read_ahead
from .seen import SeenKeys, digest
from .values import RowRejected

BATCH_SIZE = 1000
COUNT_NAMES = ("created", "updated", "unchanged", "rejected")
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
        return {name: self.counts[name] for name in COUNT_NAMES}


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
    context = replace(context, bulk=open_bulk(layout, context))
    chunks = _chunks(table, layout)
    if context.bulk is not None:
        # Reading and checking the file (Python) goes on while the database writes: the bulk
        # layouts' parsing needs no database, so a second thread can do it, up to a flush and a
        # half ahead (while the database writes a flush, the next one is being parsed).
        chunks = read_ahead(chunks, depth=3 * FLUSH_ROWS // (2 * BATCH_SIZE))
    done = 0
    try:
        for chunk in chunks:
            for rejection in chunk.rejected:
                outcome.reject(*rejection)
            _flush(layout, chunk.batch, context, outcome)
            done = chunk.done
            report_progress(progress_key, done, total)
    finally:
        chunks.close()  # on a failure too: the file and the reading thread end here
    if context.bulk is not None:
        context.bulk.finish()  # the rows still staged
    report_progress(progress_key, done, total)
    return outcome


@dataclass
class Chunk:
    """A batch of parsed rows whose keys are new to the file, the rows rejected while reading
    up to it, and how many rows of the file were read."""

    done: int
    batch: list[Parsed]
    rejected: list[tuple[int, str, str]]


def _chunks(table: Table, layout: Layout) -> Generator[Chunk, None, None]:
    present = frozenset(table.columns)
    seen = SeenKeys()
    batch: list[Parsed] = []
    rejected: list[tuple[int, str, str]] = []
    done = 0
    try:
        for row in table.rows():
            done += 1
            parsed = _parse(layout, row, present, rejected)
            if parsed is not None:
                batch.append(parsed)
            if len(batch) >= BATCH_SIZE:
                yield Chunk(done, _first_rows(batch, seen, rejected), rejected)
                batch, rejected = [], []
        yield Chunk(done, _first_rows(batch, seen, rejected), rejected)
    finally:
        seen.close()


def _parse(layout, row: Row, present, rejected: list) -> Parsed | None:
    if row.problem:
        rejected.append((row.number, "", f"The row {row.problem}."))
        return None
    try:
        return layout.parse(row.values, present, row.number)
    except RowRejected as refusal:
        rejected.append((row.number, "", refusal.message))
        return None


def _first_rows(batch: list[Parsed], seen: SeenKeys, rejected: list) -> list[Parsed]:
    """The batch without the rows whose key an earlier row of the file already had."""
    kept = []
    for parsed, first in zip(batch, seen.first_time([digest(p.key) for p in batch]), strict=True):
        if first:
            kept.append(parsed)
        else:
            message = f"{parsed.label} appears on an earlier row of this file."
            rejected.append((parsed.row_number, parsed.label, message))
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
