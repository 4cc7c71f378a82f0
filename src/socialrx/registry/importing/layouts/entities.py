"""What the layouts of entity files share: upserting one kind of entity by a key field.

Rows are upserted by their key (CCN, NPI, source id or name-and-place). Only the columns the
file has are compared and written: a file without a bed count leaves bed counts alone. One
module per kind: `hospitals`, `physicians`, `organizations` and `health_systems`.

`process` below is how SQLite writes a batch; on PostgreSQL the layouts marked `bulk` hand
their batches to `importing.bulk`, which decides the same way and writes through COPY."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone

from socialrx.core import audit

from ...classification import DERIVED_FIELDS, classify
from ...models import Entity
from .. import values as v
from .base import BatchResult, ImportContext, Layout, Parsed

Reader = Callable[[str], Any]


class EntityLayout(Layout):
    """Upsert of one kind of entity by a key field."""

    entity_kind: str = ""
    key_field: str = ""
    key_label: str = ""
    # canonical column -> (entity field, reader); a reader raises RowRejected.
    readers: dict[str, tuple[str, Reader]] = {}
    # Fields written when an entity is created even if the file lacks the column.
    defaults: dict[str, Any] = {}
    # Whether PostgreSQL imports this kind through the staging table (`importing.bulk`): a
    # layout whose key is the entity's own (CCN, NPI) and whose rows all read the same fields.
    bulk: bool = False

    def parse(self, values: dict[str, str], present: frozenset[str], row_number: int) -> Parsed:
        data = {}
        for column, (field_name, reader) in self.readers.items():
            if column in present:
                data[field_name] = reader(values.get(column, ""))
        data.update(self.extra_fields(values, present))
        key = self.record_key(data)
        return Parsed(row_number, key, self.label_of(data), data)

    def extra_fields(self, values: dict[str, str], present: frozenset[str]) -> dict[str, Any]:
        return {}

    def record_key(self, data: dict[str, Any]) -> tuple:
        return (data[self.key_field],)

    def label_of(self, data: dict[str, Any]) -> str:
        return f"{self.key_label} {data[self.key_field]}"

    # --- comparing and writing -----------------------------------------------------------

    def existing(self, batch: list[Parsed]) -> dict[tuple, Entity]:
        keys = [parsed.data[self.key_field] for parsed in batch]
        found = Entity.objects.filter(kind=self.entity_kind, **{f"{self.key_field}__in": keys})
        return {(getattr(entity, self.key_field),): entity for entity in found}

    def resolve(self, batch: list[Parsed], result: BatchResult) -> list[Parsed]:
        """Turn references (a hospital's CCN) into ids; refuse rows whose reference is unknown."""
        return batch

    def bulk_after_create(self) -> list[str]:
        """SQL run on the bulk path once new entities are in: rows of other tables that waited
        for them. `{stage}` names the staging table; `%(first)s`/`%(last)s` bound its rows."""
        return []

    def process(self, batch: list[Parsed], context: ImportContext) -> BatchResult:
        if context.bulk is not None:
            return context.bulk.process(batch)
        result = BatchResult()
        batch = self.resolve(batch, result)
        existing = self.existing(batch)
        to_create: list[Entity] = []
        to_update: dict[int, Entity] = {}
        changed_fields: set[str] = set()
        history: list[tuple[str, Entity, dict, dict]] = []
        for parsed in batch:
            entity = existing.get(parsed.key)
            if entity is None and context.dry_run:
                # A preview only counts new rows: building a model instance for each would
                # double the time it takes to check a million-row file.
                result.created += 1
                continue
            if entity is None:
                entity = self.new_entity(parsed, context)
                to_create.append(entity)
                existing[parsed.key] = entity  # a later row of the batch updates this one
                result.created += 1
                history.append(("registry.entity.created", entity, {}, created_summary(entity)))
                continue
            before, after = apply_values(entity, parsed.data)
            if not after:
                result.unchanged += 1
                continue
            result.updated += 1
            changed_fields.update(after)
            if entity.pk is not None:
                to_update[entity.pk] = entity
            history.append(("registry.entity.updated", entity, before, after))
        if not context.dry_run:
            self.write(to_create, list(to_update.values()), changed_fields, history, context)
        return result

    def new_entity(self, parsed: Parsed, context: ImportContext) -> Entity:
        entity = Entity(kind=self.entity_kind, source=context.source, **self.defaults)
        for field_name, value in parsed.data.items():
            setattr(entity, field_name, value)
        classify(entity)
        return entity

    def write(self, to_create, to_update, changed_fields, history, context) -> None:
        now = timezone.now()
        Entity.objects.bulk_create(to_create, batch_size=500)
        for entity in to_update:
            entity.updated_at = now
        if to_update:
            fields = sorted(changed_fields | set(DERIVED_FIELDS) | {"updated_at"})
            Entity.objects.bulk_update(to_update, fields, batch_size=500)
        audit.record_many(
            [
                audit.build(
                    actor=context.actor,
                    action=action,
                    target=entity,
                    before=before,
                    after={**after, "via": context.via},
                )
                for action, entity, before, after in history
            ]
        )


def apply_values(entity: Entity, data: dict[str, Any]) -> tuple[dict, dict]:
    """Set the file's values on `entity`; (before, after) of the fields that changed."""
    before, after = {}, {}
    for field_name, value in data.items():
        current = getattr(entity, field_name)
        if current != value:
            before[field_name], after[field_name] = current, value
            setattr(entity, field_name, value)
    if after:
        classify(entity)
    return before, after


def created_summary(entity: Entity) -> dict:
    return {"name": entity.name, "kind": entity.kind, "key": entity.key}


def text_reader(label: str, *, required: bool = False, max_length: int = v.MAX_TEXT) -> Reader:
    return lambda value: v.text(value, label, required=required, max_length=max_length)
