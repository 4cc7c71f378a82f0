"""Typo-tolerant name matching on either database.

PostgreSQL answers with pg_trgm's word similarity (indexed by a GIN trigram index, which each
app's migrations create for the names it searches). SQLite has no trigrams, so core registers
`srx_fuzzy(query, text)` on each SQLite connection: rapidfuzz's partial ratio (0–1), the best
match of the query against any stretch of the name — the same question word similarity
answers."""

from __future__ import annotations

from rapidfuzz import fuzz, utils

SQLITE_FUZZY_FUNCTION = "srx_fuzzy"
# Scores at or above these count as a match on each backend. Word similarity 0.6 (pg_trgm's
# default) finds "maoy clinic" and "mayo clinik" but not Cleveland Clinic for "mayo clinic"
# (0.58); a partial ratio of 0.8 tolerates one or two typos in a word.
POSTGRES_THRESHOLD = 0.6
SQLITE_THRESHOLD = 0.8
# Shorter queries match too much by chance: they are matched literally only.
MIN_FUZZY_LENGTH = 4


def fuzzy_score(query: str | None, text: str | None) -> float:
    """How well the query matches some stretch of the text. A query longer than the text is
    compared whole: the partial ratio would align the short name inside the long query, and
    "rochester general" would find "THE GENERAL"."""
    if not query or not text:
        return 0.0
    query, text = utils.default_process(query), utils.default_process(text)
    if len(query) > len(text):
        return fuzz.ratio(query, text) / 100
    return fuzz.partial_ratio(query, text) / 100


def configure_search_connection(sender, connection, **kwargs) -> None:
    """On each new connection: the fuzzy function on SQLite; on PostgreSQL, pg_trgm's word
    similarity threshold (its `<%` operator, which the trigram index serves, uses it)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            SQLITE_FUZZY_FUNCTION, 2, fuzzy_score, deterministic=True
        )
    elif connection.vendor == "postgresql":
        with connection.connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('pg_trgm.word_similarity_threshold', %s, false)",
                [str(POSTGRES_THRESHOLD)],
            )
