"""Serialising registry imports. Two imports of overlapping files running at once would each
decide "new" for the same CCN and the second would fail on the unique key; holding one lock
for the import's transaction makes the second wait and then see the first one's rows
(PostgreSQL advisory lock; SQLite already runs one writing transaction at a time)."""

from __future__ import annotations

from django.db import connection

# An arbitrary constant naming "registry imports" among the database's advisory locks.
IMPORT_LOCK_KEY = 0x5250_4932  # "RPI2"


def hold_import_lock() -> None:
    """Call inside the import's transaction; released when it commits or rolls back."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK_KEY])
