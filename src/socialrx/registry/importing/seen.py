"""The keys an import has met so far, to refuse a key's second row. Kept in a temporary
SQLite database on disk (the standard library's): a million-row file's keys would otherwise
sit in memory, and memory must stay the size of a batch however long the file is."""

from __future__ import annotations

import hashlib
import sqlite3

# SQLite's limit on a statement's parameters, with room to spare.
_CHUNK = 900


def digest(key: tuple) -> bytes:
    """16 bytes per key, whatever its length."""
    return hashlib.blake2b(repr(key).encode(), digest_size=16).digest()


class SeenKeys:
    def __init__(self):
        # "" opens a private database in a temporary file, deleted when it is closed.
        self._db = sqlite3.connect("")
        self._db.execute("CREATE TABLE seen (digest BLOB PRIMARY KEY) WITHOUT ROWID")

    def first_time(self, digests: list[bytes]) -> list[bool]:
        """For each digest, in order: whether this is the first time the file has it."""
        earlier: set[bytes] = set()
        for start in range(0, len(digests), _CHUNK):
            chunk = digests[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            query = f"SELECT digest FROM seen WHERE digest IN ({marks})"  # noqa: S608 - only "?"
            earlier.update(row[0] for row in self._db.execute(query, chunk))
        firsts, fresh = [], set()
        for value in digests:
            first = value not in earlier and value not in fresh
            firsts.append(first)
            if first:
                fresh.add(value)
        self._db.executemany("INSERT INTO seen VALUES (?)", [(value,) for value in fresh])
        return firsts

    def close(self) -> None:
        self._db.close()
