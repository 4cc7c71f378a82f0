"""Searching by name, tolerant of typos, on either database (see `fuzzy`)."""

from .fuzzy import (
    MIN_FUZZY_LENGTH,
    POSTGRES_THRESHOLD,
    SQLITE_FUZZY_FUNCTION,
    SQLITE_THRESHOLD,
    configure_search_connection,
    fuzzy_score,
)

__all__ = [
    "MIN_FUZZY_LENGTH",
    "POSTGRES_THRESHOLD",
    "SQLITE_FUZZY_FUNCTION",
    "SQLITE_THRESHOLD",
    "configure_search_connection",
    "fuzzy_score",
]
