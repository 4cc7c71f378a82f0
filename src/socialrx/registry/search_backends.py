"""Typo-tolerant name matching on either database.

PostgreSQL answers with pg_trgm's word similarity (indexed by a GIN trigram index, see the
migrations). SQLite has no trigrams, so the registry registers `srx_fuzzy(query, text)` on
each SQLite connection: rapidfuzz's partial ratio (0–1), the best match of the query against
any stretch of the name — the same question word similarity answers."""

from __future__ import annotations

from rapidfuzz import fuzz, utils

SQLITE_FUZZY_FUNCTION = "srx_fuzzy"
# Scores at or above these count as a match on each backend (pg_trgm's default word
# similarity threshold is 0.6; a partial ratio of 0.8 tolerates one or two typos in a word).
POSTGRES_THRESHOLD = 0.5
SQLITE_THRESHOLD = 0.8
# Shorter queries match too much by chance: they are matched literally only.
MIN_FUZZY_LENGTH = 4


def fuzzy_score(query: str | None, text: str | None) -> float:
    if not query or not text:
        return 0.0
    return fuzz.partial_ratio(query, text, processor=utils.default_process) / 100


def install_sqlite_functions(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            SQLITE_FUZZY_FUNCTION, 2, fuzzy_score, deterministic=True
        )
