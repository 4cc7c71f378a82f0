"""PostgreSQL's staging table for an entity import: the rows to write are copied in (COPY),
then created, updated and given their history by a few set-based statements per flush,
instead of an INSERT or UPDATE per entity.

Each flush runs under a savepoint. When the database refuses it (a unique key another kind of
entity already holds, a value too long for its column), the flush is tried again on halves of
its rows, each attempt rolled back, until the first refused row is found: the import then
stops naming that row, and the transaction around the whole import rolls everything back."""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from django.db import DataError, IntegrityError, connection, models, transaction
from django.utils import timezone

from socialrx.core import audit
from socialrx.core.models import AuditEvent

from ..classification import DERIVED_FIELDS as DERIVED
from ..models import Entity

STAGE_TABLE = "registry_import_stage"
# Columns the database fills for a new entity, and the one written on every update.
_GENERATED = ("id", "public_id", "created_at", "updated_at")
# Whatever the row numbers of a file, they lie in this range.
_ALL_ROWS = (0, 2**31 - 1)
# New ids taken from the sequence at once (those left unused are a gap in the ids, as after
# any rolled-back insert).
_ID_BLOCK = 10_000
# What a row can make the database refuse (a key taken, a value out of range); any other error
# (a lost connection, a bug) is not looked for in the rows.
_REFUSALS = (IntegrityError, DataError)


class RowRefused(Exception):
    """The database refused one row of the file: nothing of the import may land."""

    def __init__(self, row_number: int, label: str, reason: str):
        super().__init__(f"Row {row_number}: {reason}")
        self.row_number, self.label, self.reason = row_number, label, reason

    @property
    def message(self) -> str:
        record = f" ({self.label})" if self.label else ""
        return (
            f"The import stopped at row {self.row_number:,}{record}: the database refused it "
            f"({self.reason}). Nothing from this file was imported."
        )


class StagedRow(NamedTuple):
    """One entity to write. `entity_id` is the new entity's id (taken from its sequence in
    advance, so its history needs no lookup) or the existing entity's. A named tuple: a
    million-row file makes as many."""

    row_number: int
    label: str
    entity_id: int
    is_new: bool
    target_repr: str
    before: str | None  # JSON; None for a new entity (its history is built in SQL)
    after: str | None
    values: tuple  # the file's fields, in Stage.fields order
    derived: tuple[str, str, str]


class Stage:
    """The staging table of one import, created in its transaction and dropped with it."""

    def __init__(self, *, fields: tuple[str, ...], key_field: str, template: Entity, context,
                 after_create: list[str]):  # fmt: skip
        self.fields, self.key_field = fields, key_field
        self.context = context
        self.after_create = after_create  # statements linking rows that waited for new entities
        self.pending = 0
        concrete = {field.attname: field for field in Entity._meta.concrete_fields}
        self._constants = [
            (concrete[name], getattr(template, name))
            for name in concrete
            if name not in _GENERATED and name not in fields and name not in DERIVED
        ]
        # Who acts and how a target is named, as the audit log writes them (the action here is
        # only a placeholder: the history statement names each row's own).
        probe = audit.build(actor=context.actor, action="registry.entity.created", target=template)
        self._actor_id, self._actor_email = probe.actor_id, probe.actor_email
        self._target_type, self._kind = probe.target_type, str(template.kind)
        with connection.cursor() as cursor:
            # Foreign keys are checked as each statement ends, not at commit: a row whose
            # hospital is gone is then found and named like any other refused row (and the
            # database queues no check per row for the whole import).
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"DROP TABLE IF EXISTS {STAGE_TABLE}")
            cursor.execute(self._create_sql(concrete))
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [Entity._meta.db_table])
            self._sequence = cursor.fetchone()[0]
        self._ids: list[int] = []

    def _create_sql(self, concrete: dict[str, models.Field]) -> str:
        # Text rather than each column's varchar(n): a value too long is then refused by the
        # INSERT, whose failing row is found by halving, not by the COPY.
        columns = [f"{name} {_stage_type(concrete[name])}" for name in self.fields]
        return (
            f"CREATE TEMPORARY TABLE {STAGE_TABLE} (row_number integer NOT NULL, "
            "label text NOT NULL, entity_id bigint NOT NULL, is_new boolean NOT NULL, "
            "target_repr text NOT NULL, before jsonb, after jsonb, "
            f"{', '.join(columns)}, region text, ownership_group text, size_band text"
            ") ON COMMIT DROP"
        )

    def new_ids(self, count: int) -> list[int]:
        """Ids for `count` new entities, taken from the table's sequence a block at a time."""
        if count > len(self._ids):
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT nextval(%s) FROM generate_series(1, %s)",
                    [self._sequence, max(count - len(self._ids), _ID_BLOCK)],
                )
                self._ids.extend(row[0] for row in cursor.fetchall())
        ids, self._ids = self._ids[:count], self._ids[count:]
        return ids

    def add(self, rows: list[StagedRow]) -> None:
        # StagedRow's own fields in order, then the file's fields and the derived columns.
        columns = [*StagedRow._fields[:7], *self.fields, *DERIVED]
        statement = f"COPY {STAGE_TABLE} ({', '.join(columns)}) FROM STDIN"
        with connection.cursor() as cursor:
            try:
                with cursor.copy(statement) as copy:
                    for row in rows:
                        copy.write_row((*row[:7], *row.values, *row.derived))
            except Exception as error:
                refusal = _copy_refusal(error, rows)
                if refusal is None:
                    raise
                raise refusal from error
        self.pending += len(rows)

    def apply(self) -> None:
        """Write what is staged; RowRefused names the first row the database refused."""
        if not self.pending:
            return
        try:
            with transaction.atomic():
                self._write(*_ALL_ROWS)
        except _REFUSALS:
            raise self._refusal() from None
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {STAGE_TABLE}")
        self.pending = 0

    def drop(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {STAGE_TABLE}")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # Django's foreign keys, as declared

    # --- the statements -----------------------------------------------------------------

    def _write(self, first: int, last: int) -> None:
        params = self._params(first, last)
        with connection.cursor() as cursor:
            cursor.execute(self._insert_sql(), params)
            for statement in self.after_create:
                cursor.execute(statement.format(stage=STAGE_TABLE), params)
            cursor.execute(self._update_sql(), params)
            cursor.execute(self._history_sql(), params)

    def _params(self, first: int, last: int) -> dict[str, Any]:
        params = {
            "first": first,
            "last": last,
            "now": timezone.now(),
            "actor": self._actor_id,
            "email": self._actor_email,
            "target_type": self._target_type,
            "kind": self._kind,
            "via": self.context.via,
        }
        for index, (field, value) in enumerate(self._constants):
            params[f"c{index}"] = field.get_db_prep_save(value, connection)
        return params

    def _insert_sql(self) -> str:
        constants = [
            f"CAST(%(c{index})s AS {field.db_type(connection)})"
            for index, (field, _) in enumerate(self._constants)
        ]
        written = (*self.fields, *DERIVED)
        columns = ["id", "public_id", "created_at", "updated_at",
                   *(field.column for field, _ in self._constants), *written]  # fmt: skip
        values = ["s.entity_id", "gen_random_uuid()", "%(now)s", "%(now)s", *constants,
                  *(f"s.{name}" for name in written)]  # fmt: skip
        return (
            f"INSERT INTO {Entity._meta.db_table} ({', '.join(columns)}) "  # noqa: S608 - names from the models, never from the file
            f"SELECT {', '.join(values)} FROM {STAGE_TABLE} s "
            "WHERE s.is_new AND s.row_number BETWEEN %(first)s AND %(last)s "
            "ORDER BY s.row_number"
        )

    def _update_sql(self) -> str:
        assignments = [f"{name} = s.{name}" for name in (*self.fields, *DERIVED)]
        return (
            f"UPDATE {Entity._meta.db_table} e SET {', '.join(assignments)}, "  # noqa: S608 - names from the models, never from the file
            f"updated_at = %(now)s FROM {STAGE_TABLE} s "
            "WHERE NOT s.is_new AND e.id = s.entity_id "
            "AND s.row_number BETWEEN %(first)s AND %(last)s"
        )

    def _history_sql(self) -> str:
        # A new entity's history is what `entities.created_summary` records: its name, kind
        # and key; an update's before and after were worked out in Python.
        created = (
            "jsonb_build_object('name', s.name, 'kind', CAST(%(kind)s AS text), "
            f"'key', s.{self.key_field}, 'via', CAST(%(via)s AS text))"
        )
        return (
            f"INSERT INTO {AuditEvent._meta.db_table} (created_at, actor_id, actor_email, "  # noqa: S608 - names from the models, never from the file
            "action, target_type, target_id, target_repr, before, after, ip_address) "
            "SELECT %(now)s, CAST(%(actor)s AS bigint), CAST(%(email)s AS text), "
            "CASE WHEN s.is_new THEN 'registry.entity.created' "
            "ELSE 'registry.entity.updated' END, CAST(%(target_type)s AS text), "
            "CAST(s.entity_id AS text), s.target_repr, COALESCE(s.before, '{}'::jsonb), "
            f"COALESCE(s.after, {created}), NULL FROM {STAGE_TABLE} s "
            "WHERE s.row_number BETWEEN %(first)s AND %(last)s ORDER BY s.row_number"
        )

    # --- naming the refused row -----------------------------------------------------------

    def _refusal(self) -> RowRefused:
        """Halve the staged rows until one row alone is refused; every attempt is undone."""
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT row_number, label FROM {STAGE_TABLE} ORDER BY 1")  # noqa: S608 - names from the models, never from the file
            staged = cursor.fetchall()
        low, high = 0, len(staged) - 1  # the refused row lies in staged[low..high]
        error: Exception | None = None
        while low < high:
            middle = (low + high) // 2
            failure = self._attempt(staged[low][0], staged[middle][0])
            if failure is not None:
                high, error = middle, failure
            else:
                low = middle + 1
        alone = self._attempt(staged[low][0], staged[low][0])
        number, label = staged[low]
        return RowRefused(number, label, _reason(alone or error))

    def _attempt(self, first: int, last: int) -> Exception | None:
        try:
            with transaction.atomic():
                self._write(first, last)
                raise _Undo
        except _Undo:
            return None
        except _REFUSALS as error:
            return error


class _Undo(Exception):
    """Rolls back an attempt that succeeded: attempts only look for the refused row."""


def _stage_type(field: models.Field) -> str:
    if isinstance(field, models.CharField):
        return "text"
    return field.db_type(connection)


_COPY_LINE = re.compile(r"\bline (\d+)")


def _copy_refusal(error: Exception, rows: list[StagedRow]) -> RowRefused | None:
    """COPY names the line it refused ("COPY …, line 17, column name: …"): the 17th row sent."""
    diagnostic = getattr(error, "diag", None)
    match = _COPY_LINE.search(getattr(diagnostic, "context", None) or "")
    if match and 1 <= int(match.group(1)) <= len(rows):
        row = rows[int(match.group(1)) - 1]
        return RowRefused(row.row_number, row.label, _reason(error))
    return None


def _reason(error: Exception | None) -> str:
    """The database's own words: its message, and the detail that names the value."""
    if error is None:  # refused with the rows around it, never alone
        return "it could not be written together with the rows near it"
    cause = getattr(error, "__cause__", None) or error
    diagnostic = getattr(cause, "diag", None)
    primary = getattr(diagnostic, "message_primary", None) or str(cause).splitlines()[0]
    detail = getattr(diagnostic, "message_detail", None)
    text = f"{primary}: {detail}" if detail else primary
    return text.rstrip(".")[:300]
