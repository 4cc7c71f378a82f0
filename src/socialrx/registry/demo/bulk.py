"""Writing hundreds of thousands of demo rows quickly: `make run` loads the full demo on a
fresh clone, and building a model instance per follower count would be most of its time."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from itertools import islice

from django.db import connection, models

# Rows per executemany: large enough to amortise the call, small enough to keep one chunk's
# parameters in memory at a time.
CHUNK = 20_000


def insert_rows(model: type[models.Model], field_names: list[str], rows: Iterable[tuple]) -> int:
    """Insert plain value tuples (ints, strings, dates) into `model`'s table: PostgreSQL's COPY,
    or one prepared INSERT run over many rows on SQLite. No model is built, so no default,
    signal or `auto_now` applies: give every column the table needs. Returns the rows written."""
    fields = [model._meta.get_field(name) for name in field_names]
    table, columns = _quoted(model, fields)
    written = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    written += 1
            return written
        marks = ", ".join(["%s"] * len(fields))
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"  # noqa: S608 - model names and "%s" only
        for chunk in _adapted_chunks(fields, rows):
            cursor.executemany(sql, chunk)
            written += len(chunk)
    return written


def update_rows(model: type[models.Model], field_names: list[str], rows: Iterable[tuple]) -> int:
    """Set `field_names` of many rows, each given as (pk, *values), with one prepared UPDATE
    run over all of them (bulk_update's CASE per column grows with the batch). Like
    `insert_rows`, it builds no model: `auto_now` columns keep their values."""
    fields = [model._meta.get_field(name) for name in field_names]
    table, columns = _quoted(model, [model._meta.pk, *fields])
    assignments = ", ".join(f"{column} = %s" for column in columns[1:])
    sql = f"UPDATE {table} SET {assignments} WHERE {columns[0]} = %s"  # noqa: S608 - model names and "%s" only
    written = 0
    with connection.cursor() as cursor:
        for chunk in _adapted_chunks([model._meta.pk, *fields], rows):
            cursor.executemany(sql, [(*values, pk) for pk, *values in chunk])
            written += len(chunk)
    return written


def _quoted(model: type[models.Model], fields: list[models.Field]) -> tuple[str, list[str]]:
    quote = connection.ops.quote_name
    return quote(model._meta.db_table), [quote(field.column) for field in fields]


def _adapted_chunks(fields: list[models.Field], rows: Iterable[tuple]) -> Iterator[list[tuple]]:
    """The rows in chunks, dates written as the database takes them (column by column: a
    million follower counts are adapted at C speed, not in a Python loop per row)."""
    adapters = [_adapter(field) for field in fields]
    rows = iter(rows)
    while chunk := list(islice(rows, CHUNK)):
        if any(adapters):
            columns = [
                list(map(adapt, column)) if adapt else column
                for adapt, column in zip(adapters, zip(*chunk, strict=True), strict=True)
            ]
            chunk = list(zip(*columns, strict=True))
        yield chunk


def _adapter(field: models.Field):
    """How a date is written (text on SQLite), remembered per value: a million follower counts
    share a hundred quarter ends."""
    if isinstance(field, models.DateTimeField):
        return functools.cache(connection.ops.adapt_datetimefield_value)
    if isinstance(field, models.DateField):
        return functools.cache(connection.ops.adapt_datefield_value)
    return None
