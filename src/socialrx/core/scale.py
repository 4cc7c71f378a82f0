"""The scale-data kernel: how each app brings generated rows to `socialrx seed-scale`, the
data the benchmarks run on, at three sizes.

An app with scale data declares it on its AppConfig, and core never imports it:

    class RegistryConfig(AppConfig):
        scale = "socialrx.registry.scale.SCALE"  # a ScaleData
        scale_order = 40  # lower runs first; apps that declare none run last

`ScaleData.seed(context)` writes the app's rows for `context.size` through bulk writers
(`context.writer(Model, fields)`: COPY on PostgreSQL, executemany on SQLite, in chunks, so
memory holds one chunk however many rows a size asks for), hands what later apps need along by
name (`context.put("scale_people", people)`), and returns a `ScaleReport` of what it wrote.
Its random numbers come from `context.random(name)`: the same rows every run.

The rules that keep a database safe (`load`): everything loads in one transaction (a failure
leaves nothing behind); a database holding rows no seed-scale load made (`foreign_rows`) is
refused before anything is written; an earlier seed-scale load (`loaded_rows`) is replaced only
when asked, by each app's `clear`, in the reverse of the loading order.
"""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.apps import AppConfig, apps
from django.core.exceptions import ImproperlyConfigured
from django.core.management.color import no_style
from django.db import DatabaseError, connection, models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.module_loading import import_string

from .calendar import center_today

SIZES = ("S", "M", "L")
# Apps with scale data but no scale_order run after every app that declares one.
LAST = 1_000_000
# Rows a writer keeps before every writer sends its rows to the database.
CHUNK_ROWS = 50_000
# The mail domain of generated people and organizations (.example never receives mail): what
# marks a person, an organization or an invoice as made by seed-scale.
EMAIL_DOMAIN = "scale.socialrx.example"


class ScaleRefused(Exception):
    """The database is not one seed-scale may load into; nothing was written."""


@dataclass
class ScaleReport:
    """What an app wrote ({"people": 500}); `load` names the app and times its seed."""

    counts: dict[str, int] = field(default_factory=dict)
    app: str = ""
    seconds: float = 0.0


def _no_rows() -> dict[str, int]:
    return {}


def _nothing_to_clear() -> None:
    return None


@dataclass(frozen=True)
class ScaleData:
    """What an app declares: its `seed`, and how to tell and clear what a load left."""

    seed: Callable[[ScaleContext], ScaleReport | None]
    # Rows no seed-scale load made, by name ({"people": 3}): any of them refuses the load.
    foreign_rows: Callable[[], dict[str, int]] = _no_rows
    # Rows an earlier seed-scale load made: `--replace` clears them with `clear`.
    loaded_rows: Callable[[], dict[str, int]] = _no_rows
    clear: Callable[[], None] = _nothing_to_clear


class ScaleError(LookupError):
    """An app asked the context for something no earlier app made."""


class BulkWriter:
    """Rows of one model, written in chunks. Every concrete field not in `fields` gets its
    default (auto_now fields the load's time); the primary key is numbered by the writer
    (`next_id`) unless `fields` holds it, so rows can refer to rows not yet written."""

    def __init__(self, context: ScaleContext, model: type[models.Model], fields: Iterable[str]):
        self.context, self.model = context, model
        meta = model._meta
        given = [meta.get_field(name) for name in fields]
        self.numbered = meta.pk not in given and isinstance(meta.pk, models.AutoField)
        constant_fields = [f for f in meta.concrete_fields if f not in given and f is not meta.pk]
        columns = ([meta.pk] if self.numbered else []) + given + constant_fields
        self._constants = tuple(_prepared(f, self._default(f)) for f in constant_fields)
        self._table = connection.ops.quote_name(meta.db_table)
        self._columns = [connection.ops.quote_name(f.column) for f in columns]
        offset = 1 if self.numbered else 0
        self._convert = [
            (index + offset, converter)
            for index, converter in enumerate(_converter(f) for f in given)
            if converter is not None
        ]
        top = model._base_manager.aggregate(top=Max("pk"))["top"]
        self.next_id = (top or 0) + 1
        if top is None and connection.vendor == "postgresql":
            context.indexes.set_aside(meta.db_table)
        self._rows: list[tuple] = []
        self.count = 0  # rows added, written or not yet

    def _default(self, model_field: models.Field) -> Any:
        if getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False):
            return self.context.now
        if model_field.unique and model_field.has_default() and callable(model_field.default):
            raise ImproperlyConfigured(
                f"{self.model.__name__}.{model_field.name} is unique: give it for every row."
            )
        value = model_field.get_default()
        if value is None and not model_field.null:
            raise ImproperlyConfigured(
                f"{self.model.__name__}.{model_field.name} has no default: give it."
            )
        return value

    def add(self, *values: Any) -> int | None:
        """Queue one row (values in the order of `fields`); returns its primary key."""
        row_id = None
        if self.numbered:
            row_id = self.next_id
            self.next_id += 1
            values = (row_id, *values)
        row = values + self._constants
        if self._convert:
            row = list(row)
            for index, converter in self._convert:
                if row[index] is not None:
                    row[index] = converter(row[index])
        self._rows.append(row)
        self.count += 1
        if len(self._rows) >= CHUNK_ROWS:
            self.context.flush()
        return row_id

    def flush(self) -> None:
        if not self._rows:
            return
        columns = ", ".join(self._columns)
        raw = connection.connection
        # The driver's own connection (no per-row query log); its errors become Django's.
        with connection.wrap_database_errors:
            if connection.vendor == "postgresql":
                copying = f"COPY {self._table} ({columns}) FROM STDIN"
                with raw.cursor() as cursor, cursor.copy(copying) as copy:
                    for row in self._rows:
                        copy.write_row(row)
            else:
                marks = ", ".join("?" * len(self._columns))
                # Names from the model, quoted; the values go as parameters.
                sql = f"INSERT INTO {self._table} ({columns}) VALUES ({marks})"  # noqa: S608
                raw.executemany(sql, self._rows)
        self._rows = []


def _prepared(model_field: models.Field, value: Any) -> Any:
    converter = _converter(model_field)
    return converter(value) if converter is not None and value is not None else value


def _converter(model_field: models.Field) -> Callable[[Any], Any] | None:
    """How a value reaches the database driver; None when the driver takes it as it is.
    psycopg adapts UUIDs, dates and aware datetimes itself; SQLite needs Django's forms."""
    kind = model_field.get_internal_type()
    if kind == "JSONField":
        return lambda value: model_field.get_db_prep_save(value, connection)
    if connection.vendor == "postgresql":
        return None
    if kind == "UUIDField":
        return lambda value: value.hex
    if kind == "DateTimeField":
        return connection.ops.adapt_datetimefield_value
    if kind == "DateField":
        return date.isoformat
    if kind == "DecimalField":
        return str
    return None


class SetAsideIndexes:
    """PostgreSQL builds an index over a loaded table many times faster than it keeps one
    row by row (trigram indexes most of all), and checks a foreign key over a whole table in
    one join. So the indexes and foreign keys of a table that starts empty are dropped, then
    made again once every row is in (`restore`), in the same transaction: a unique index or a
    foreign key the rows break fails the load, which rolls back with the indexes in place.
    Primary keys and unique constraints stay."""

    def __init__(self):
        self.statements: list[str] = []  # indexes first, then foreign keys

    def set_aside(self, table: str) -> None:
        quoted = connection.ops.quote_name(table)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
                "JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = %s::regclass "
                "AND NOT x.indisprimary "
                "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)",
                [table],
            )
            for name, definition in cursor.fetchall():
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
                self.statements.insert(0, definition)
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = %s::regclass AND contype = 'f'",
                [table],
            )
            for name, definition in cursor.fetchall():
                name = connection.ops.quote_name(name)
                cursor.execute(f"ALTER TABLE {quoted} DROP CONSTRAINT {name}")
                self.statements.append(f"ALTER TABLE {quoted} ADD CONSTRAINT {name} {definition}")

    def restore(self) -> ScaleReport | None:
        if not self.statements:
            return None
        started = time.monotonic()
        indexes = sum(1 for statement in self.statements if not statement.startswith("ALTER"))
        with connection.cursor() as cursor:
            for statement in self.statements:
                cursor.execute(statement)
        counts = {"indexes": indexes, "foreign keys": len(self.statements) - indexes}
        self.statements = []
        return ScaleReport(counts, "(rebuilt)", time.monotonic() - started)


class ScaleContext:
    """The size being loaded, the bulk writers, what apps hand each other, the reports."""

    def __init__(self, size: str):
        if size not in SIZES:
            raise ValueError(f"Unknown size {size!r}: one of {', '.join(SIZES)}.")
        self.size = size
        self.today: date = center_today()
        self.now: datetime = timezone.now()
        self.writers: list[BulkWriter] = []
        self.indexes = SetAsideIndexes()
        self._objects: dict[str, Any] = {}
        self._at_end: list[Callable[[], ScaleReport | None]] = []

    def random(self, name: str) -> random.Random:
        """A random stream of its own per name: an app's rows do not change when another
        app's generation changes."""
        return random.Random(f"socialrx-scale:{name}")

    def writer(self, model: type[models.Model], fields: Iterable[str]) -> BulkWriter:
        """A writer of `model`. Writers flush in the order they were made: make a model's
        writer after the writers of the models it refers to."""
        writer = BulkWriter(self, model, fields)
        self.writers.append(writer)
        return writer

    def flush(self) -> None:
        for writer in self.writers:
            writer.flush()

    def put(self, name: str, obj: Any) -> Any:
        if name in self._objects:
            raise ScaleError(f"Two apps put scale data named {name!r}.")
        self._objects[name] = obj
        return obj

    def get(self, name: str) -> Any:
        try:
            return self._objects[name]
        except KeyError:
            known = ", ".join(sorted(self._objects)) or "none yet"
            raise ScaleError(
                f"No scale data named {name!r} (made so far: {known}). The app that makes it "
                "must declare a lower scale_order than the app asking for it."
            ) from None

    def at_end(self, finish: Callable[[], ScaleReport | None]) -> None:
        """Run `finish` once every app has loaded (an app that others write through, such as
        billing's invoice book, reports there)."""
        self._at_end.append(finish)

    def finish(self) -> list[ScaleReport]:
        reports = []
        for finish in self._at_end:
            report = finish()
            self.flush()
            if report is not None:
                reports.append(report)
        return reports


def random_uuid(rng: random.Random) -> uuid.UUID:
    """A version 4 UUID from `rng`: public ids (and so URLs) are the same every load."""
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def scale_apps() -> list[tuple[AppConfig, ScaleData]]:
    """The installed apps that declare scale data, in loading order (scale_order, then
    INSTALLED_APPS order), each with its ScaleData."""
    configs = [config for config in apps.get_app_configs() if getattr(config, "scale", None)]
    configs.sort(key=lambda config: getattr(config, "scale_order", LAST))
    declared = []
    for config in configs:
        try:
            data = import_string(config.scale)
        except ImportError as error:
            raise ImproperlyConfigured(
                f"{config.label}.scale = {config.scale!r}: {error}"
            ) from error
        if not isinstance(data, ScaleData):
            raise ImproperlyConfigured(f"{config.label}.scale names {data!r}, not a ScaleData.")
        declared.append((config, data))
    return declared


def _summary(rows_by_app: dict[str, dict[str, int]]) -> str:
    return "; ".join(
        f"{app}: " + ", ".join(f"{count:,} {name}" for name, count in rows.items() if count)
        for app, rows in rows_by_app.items()
        if any(rows.values())
    )


def check_database(declared: list[tuple[AppConfig, ScaleData]], *, replace: bool) -> bool:
    """Refuse (ScaleRefused) a database with rows seed-scale did not make, or an earlier load
    without `replace`. Returns whether an earlier load is there to clear."""
    foreign = {config.label: data.foreign_rows() for config, data in declared}
    if any(any(rows.values()) for rows in foreign.values()):
        raise ScaleRefused(
            "This database holds data that seed-scale did not make "
            f"({_summary(foreign)}). seed-scale loads only into a database of its own: create "
            "an empty one, migrate it and load there. Nothing was written."
        )
    loaded = {config.label: data.loaded_rows() for config, data in declared}
    earlier = any(any(rows.values()) for rows in loaded.values())
    if earlier and not replace:
        raise ScaleRefused(
            f"This database already holds a seed-scale load ({_summary(loaded)}). Pass "
            "--replace to clear it and load again. Nothing was written."
        )
    return earlier


def load(size: str, *, replace: bool = False, progress=None) -> list[ScaleReport]:
    """Load every app's scale data for `size` in one transaction; `progress(report)` is called
    as each app finishes. Then, on PostgreSQL, ANALYZE the tables written."""
    declared = scale_apps()
    context = ScaleContext(size)
    reports: list[ScaleReport] = []

    def done(report: ScaleReport) -> None:
        reports.append(report)
        if progress is not None:
            progress(report)

    with transaction.atomic():
        if connection.vendor == "postgresql":
            # Foreign keys checked as each chunk is written (writers flush in order), not
            # queued row by row until the commit.
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        if check_database(declared, replace=replace):
            for _, data in reversed(declared):
                data.clear()
        for config, data in declared:
            started = time.monotonic()
            report = data.seed(context)
            context.flush()
            if report is not None:
                report.app, report.seconds = config.label, time.monotonic() - started
                done(report)
        for report in context.finish():
            done(report)
        rebuilt = context.indexes.restore()
        if rebuilt is not None:
            done(rebuilt)
        _reset_sequences({writer.model for writer in context.writers if writer.numbered})
    if connection.vendor == "postgresql":
        try:
            with connection.cursor() as cursor:
                for table in dict.fromkeys(w.model._meta.db_table for w in context.writers):
                    cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
        except DatabaseError as error:
            # The load is committed: say so, rather than "rolled back" as a failed load is.
            raise ScaleAnalyzeFailed(str(error)) from error
    return reports


class ScaleAnalyzeFailed(Exception):
    """The data were loaded and committed, but updating the planner's statistics failed."""


def _reset_sequences(written: set[type[models.Model]]) -> None:
    """The writers numbered rows themselves: PostgreSQL's sequences move past them (SQLite's
    AUTOINCREMENT counter follows the largest key written)."""
    statements = connection.ops.sequence_reset_sql(no_style(), sorted(written, key=str))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def delete_all(*model_list: type[models.Model]) -> None:
    """Empty these tables, in this order, with one DELETE each (no rows loaded into Python).
    For `clear`, once `foreign_rows` said every row is a seed-scale row."""
    with connection.cursor() as cursor:
        for model in model_list:
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - a model's table, quoted
