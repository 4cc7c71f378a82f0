"""The PostgreSQL path of entity imports (hospitals and physicians): a batch is compared with
the registry in one indexed query and plain tuples, and what changes is copied into the staging
table (`stage.py`), written every FLUSH_ROWS rows by set-based statements.

It decides exactly as `EntityLayout.process` does, so the counts, the history and the derived
columns are the same on both databases: a row whose key the registry lacks is created (the
layout's defaults, then the file's fields, then `classify`); a row whose fields all equal the
registry's is unchanged; any other is updated, its history holding the fields that changed,
before and after. The preview (a dry run) makes the same decisions and writes nothing.

SQLite keeps `EntityLayout.process`: it has no COPY, and its files are the trial's, small."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from django.db import connection

from ..classification import classify
from ..models import Entity
from .layouts.base import BatchResult, ImportContext, Parsed
from .stage import DERIVED, Stage, StagedRow

# Rows staged between two writes: large enough that each statement's fixed cost is small,
# small enough that finding a refused row by halving takes a few seconds.
FLUSH_ROWS = 10_000
# What `classify` reads of an entity (besides its kind) to set the derived columns.
CLASSIFY_INPUTS = ("state", "country", "ownership", "bed_count", "hospital_type")


def open_bulk(layout, context: ImportContext) -> BulkEntities | None:
    """The bulk path for this run, or None where the layout's own `process` is used."""
    if connection.vendor != "postgresql" or not getattr(layout, "bulk", False):
        return None
    # The staging table lives in the import's transaction (it is dropped with it).
    if not context.dry_run and not connection.in_atomic_block:
        return None
    return BulkEntities(layout, context)


class BulkEntities:
    def __init__(self, layout, context: ImportContext):
        self.layout, self.context = layout, context
        self.key = layout.key_field
        self.template = Entity(kind=layout.entity_kind, source=context.source, **layout.defaults)
        self.fields: tuple[str, ...] = ()
        self.stage: Stage | None = None

    def process(self, batch: list[Parsed]) -> BatchResult:
        result = BatchResult()
        batch = self.layout.resolve(batch, result)
        if not batch:
            return result
        if not self.fields:
            self._begin(batch[0])
        existing = self._existing(batch)
        new: list[tuple[Parsed, tuple]] = []
        staged: list[StagedRow] = []
        for parsed in batch:
            values = self._values(parsed)
            found = existing.get(values[0])
            if found is None:
                result.created += 1
                new.append((parsed, values))
            elif self._compare(parsed, values, found, staged):
                result.updated += 1
            else:
                result.unchanged += 1
        if not self.context.dry_run:
            staged.extend(self._created(new))
            self._stage(staged)
        return result

    def finish(self) -> None:
        if self.stage is not None:
            self.stage.apply()
            self.stage.drop()

    # --- reading the registry -----------------------------------------------------------

    def _begin(self, first: Parsed) -> None:
        """The file's fields, from its first row: a layout reads the same fields from every row
        of a file (those of the columns it has)."""
        fields = [self.key, *(name for name in first.data if name != self.key)]
        if "name" not in fields:
            raise ValueError(f"The {self.layout.kind} layout reads no name: it has no bulk path.")
        self.fields = tuple(fields)
        # Read besides the file's fields: what classify needs, and the name (history's label).
        self._extra = tuple(name for name in (*CLASSIFY_INPUTS, "name") if name not in fields)
        self._inputs = [(name, name in self.fields) for name in CLASSIFY_INPUTS]
        columns = ", ".join(f"e.{name}" for name in (*self.fields, *self._extra))
        # One probe of the key's unique index per key, whatever the planner believes of the
        # table: a registry filling up within the import's transaction has no statistics, and
        # the planner then reads all of it for each batch. LIMIT 1 keeps the probe a separate
        # step (a nested loop); the index is partial (keys are never ""), hence that condition.
        self._lookup = (
            f"SELECT e.kind, e.id, {columns} FROM unnest(%s::text[]) AS wanted(key) "  # noqa: S608 - names from the models, never from the file
            f"CROSS JOIN LATERAL (SELECT * FROM {Entity._meta.db_table} e "
            f"WHERE e.{self.key} = wanted.key AND e.{self.key} <> '' LIMIT 1) e"
        )

    def _existing(self, batch: list[Parsed]) -> dict[str, tuple]:
        """(id, fields…, extra…) of the entities of this kind with the batch's keys."""
        keys = [parsed.data[self.key] for parsed in batch]
        kind = self.layout.entity_kind
        with connection.cursor() as cursor:
            cursor.execute(self._lookup, [keys])
            return {row[2]: row[1:] for row in cursor.fetchall() if row[0] == kind}

    def _values(self, parsed: Parsed) -> tuple:
        data = parsed.data
        if len(data) != len(self.fields):
            raise ValueError(f"Row {parsed.row_number} has other fields than the file's first row.")
        return tuple(data[name] for name in self.fields)

    # --- deciding ---------------------------------------------------------------------------

    def _compare(self, parsed: Parsed, values: tuple, found: tuple, staged: list) -> bool:
        """Whether the row changes the entity `found` (id, fields…, extra…); stage it if so."""
        before, after = {}, {}
        for index, name in enumerate(self.fields):
            current = found[index + 1]
            if current != values[index]:
                before[name], after[name] = current, values[index]
        if not after:
            return False
        if not self.context.dry_run:
            merged = dict(zip(self._extra, found[len(self.fields) + 1 :], strict=True))
            merged.update(zip(self.fields, values, strict=True))
            staged.append(
                StagedRow(
                    row_number=parsed.row_number,
                    label=parsed.label,
                    entity_id=found[0],
                    is_new=False,
                    target_repr=merged["name"][:255],
                    before=json.dumps(before),
                    after=json.dumps({**after, "via": self.context.via}),
                    values=values,
                    derived=self._derived(merged),
                )
            )
        return True

    def _created(self, new: list[tuple[Parsed, tuple]]) -> list[StagedRow]:
        ids = self._open_stage().new_ids(len(new))
        return [
            StagedRow(
                row_number=parsed.row_number,
                label=parsed.label,
                entity_id=entity_id,
                is_new=True,
                target_repr=parsed.data["name"][:255],
                before=None,
                after=None,
                values=values,
                derived=self._derived(parsed.data, template=True),
            )
            for (parsed, values), entity_id in zip(new, ids, strict=True)
        ]

    def _derived(self, values: dict[str, Any], *, template: bool = False) -> tuple[str, str, str]:
        """The derived columns of an entity with these values (a new one: the layout's defaults
        where the file has no column)."""
        inputs = [
            values[name] if in_file or not template else getattr(self.template, name)
            for name, in_file in self._inputs
        ]
        return derived_columns(self.layout.entity_kind, *inputs)

    # --- writing ------------------------------------------------------------------------------

    def _open_stage(self) -> Stage:
        if self.stage is None:
            self.stage = Stage(
                fields=self.fields,
                key_field=self.key,
                template=self.template,
                context=self.context,
                after_create=self.layout.bulk_after_create(),
            )
        return self.stage

    def _stage(self, rows: list[StagedRow]) -> None:
        if not rows:
            return
        stage = self._open_stage()
        stage.add(rows)
        if stage.pending >= FLUSH_ROWS:
            stage.apply()


class _Classified:
    """What `classify` reads and sets, and nothing else: a new input it reads fails loudly."""

    __slots__ = ("kind", *CLASSIFY_INPUTS, *DERIVED)

    def __init__(self, kind, state, country, ownership, bed_count, hospital_type):
        self.kind, self.state, self.country = kind, state, country
        self.ownership, self.bed_count, self.hospital_type = ownership, bed_count, hospital_type


@lru_cache(maxsize=4096)
def derived_columns(kind, state, country, ownership, bed_count, hospital_type) -> tuple:
    """(region, ownership group, size band), as `classify` sets them; a file has few distinct
    combinations, so each is worked out once."""
    entity = _Classified(kind, state, country, ownership, bed_count, hospital_type)
    classify(entity)
    return tuple(getattr(entity, name) for name in DERIVED)
