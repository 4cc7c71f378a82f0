"""What registry search needs on each new database connection.

SQLite: Python functions with the names and meaning of PostgreSQL's, so one query is written
for both: `srx_fold` (search_text.fold; PostgreSQL's is migration 0006's, over unaccent), and
for pg_trgm's word, strict word and whole similarity, their equivalents in edit distance
(rapidfuzz).

PostgreSQL: pg_trgm's strict word similarity threshold (the `%>>` operator's), set explicitly
rather than left to the server's default."""

from __future__ import annotations

from django.db.backends.signals import connection_created
from rapidfuzz import fuzz, process

from .search_text import FILLER, FOLD_FUNCTION, GENERIC, fold

SQLITE_WORD_SIMILARITY = "srx_word_similarity"
SQLITE_STRICT_WORD_SIMILARITY = "srx_strict_word_similarity"
SQLITE_SIMILARITY = "srx_similarity"
POSTGRES_STRICT_THRESHOLD = 0.5


def word_similarity(query: str | None, folded: str | None) -> float:
    """How well the (folded) query matches the (folded) text, 0 to 1: the better of its best
    alignment against a stretch of the text (rapidfuzz's partial ratio) and its words' best
    matches among the text's words (`strict_word_similarity`). A query longer than the text
    is aligned whole: inside a long query a short name would always align ("rochester general"
    would find "THE GENERAL")."""
    if not query or not folded:
        return 0.0
    if len(query) > len(folded):
        aligned = fuzz.ratio(query, folded) / 100
    else:
        aligned = fuzz.partial_ratio(query, folded) / 100
    return max(aligned, strict_word_similarity(query, folded))


def strict_word_similarity(query: str | None, folded: str | None) -> float:
    """How well the query's whole words are found among the text's, 0 to 1: each word's best
    ratio against a word of the text, weighted by its length, and half as much for words
    thousands of names share ("swedish cherry hill" is all in "swedish medical center cherry
    hill"; "rochester" is not a word of "winchester medical center"). Words like "the" and
    "and" count on neither side."""
    if not query or not folded:
        return 0.0
    words = [w for w in folded.split() if w not in FILLER] or folded.split()
    total = found = 0.0
    for word in query.split():
        best = process.extractOne(word, words, scorer=fuzz.ratio)
        weight = len(word) / 2 if word in GENERIC else len(word)
        total += weight
        found += weight * (best[1] / 100 if best else 0.0)
    return found / total if total else 0.0


def similarity(query: str | None, folded: str | None) -> float:
    """How alike the two whole strings are, 0 to 1."""
    if not query or not folded:
        return 0.0
    return fuzz.ratio(query, folded) / 100


def configure_connection(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        raw = connection.connection
        raw.create_function(FOLD_FUNCTION, 1, fold, deterministic=True)
        raw.create_function(SQLITE_WORD_SIMILARITY, 2, word_similarity, deterministic=True)
        raw.create_function(
            SQLITE_STRICT_WORD_SIMILARITY, 2, strict_word_similarity, deterministic=True
        )
        raw.create_function(SQLITE_SIMILARITY, 2, similarity, deterministic=True)
    elif connection.vendor == "postgresql":
        with connection.connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('pg_trgm.strict_word_similarity_threshold', %s, false)",
                [str(POSTGRES_STRICT_THRESHOLD)],
            )


# Connected when the registry's models load (models.aliases imports this module), before any
# connection is opened.
connection_created.connect(configure_connection, dispatch_uid="registry-search-connection")
