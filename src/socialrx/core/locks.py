"""Serialising work that must not run twice at once, such as two imports of overlapping files,
which would each decide "new" for the same key and the second would fail on the unique
constraint. Holding one lock for the transaction makes the second wait and then see the first
one's rows (a PostgreSQL advisory lock; SQLite already runs one writing transaction at a
time).

Each caller names its own lock with a constant key of its own, or with `lock_key` of a name
that starts with its app and purpose ("billing.hold:…"): the keys share one space per
database, so two kinds of work with one key would wait for each other."""

from __future__ import annotations

import hashlib

from django.db import connection


def lock_key(name: str) -> int:
    """A signed 64-bit advisory-lock key for `name` (PostgreSQL's bigint)."""
    digest = hashlib.blake2b(name.encode(), digest_size=8)
    return int.from_bytes(digest.digest(), "big", signed=True)


def hold_transaction_lock(key: int) -> None:
    """Call inside the transaction; released when it commits or rolls back."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
