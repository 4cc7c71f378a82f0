"""What a search asks, read from a query string (the library page's GET form, the API): the
words, the facet values and the order, each checked, with a notice for the person for every
part that could not be used. Nothing a person types makes the search fail: a query is cut to
MAX_QUERY_LENGTH characters, control characters are dropped, a query without a letter or a
digit searches nothing, and an unknown facet value or order is left out (the page says so; the
API answers 400 with the same reason)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..models import Access, ResourceKind

MAX_QUERY_LENGTH = 200
# More words than this are not searched (a query is a few words; each word is a condition).
MAX_WORDS = 12
# Values of one facet taken from a query string (the form offers a few dozen at most).
MAX_VALUES = 30

RELEVANCE, NEWEST, MOST_USED = "relevance", "newest", "most_used"
SORTS = {RELEVANCE: "Relevance", NEWEST: "Newest", MOST_USED: "Most used"}

# The facets: query-string name, label, in page order.
FACETS = (
    ("kind", "Type"),
    ("topic", "Topic"),
    ("platform", "Platform"),
    ("audience", "Audience"),
    ("access", "Access"),
)
FIXED_CHOICES = {
    "kind": dict(ResourceKind.choices),
    "access": {
        Access.PUBLIC.value: "Public",
        Access.MEMBER.value: "Members",
        Access.PREMIUM.value: "Premium",
    },
}

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class SearchParams:
    query: str = ""  # as searched: cleaned and cut to MAX_QUERY_LENGTH
    # Facet name -> the values chosen (slugs for topics and audiences, codes for platforms).
    chosen: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = NEWEST
    notices: tuple[str, ...] = ()
    # The notices about values left out (an unknown facet value or order): the API refuses
    # the request with the first (400) where the page lists them and goes on.
    refused: tuple[str, ...] = ()

    @property
    def words(self) -> tuple[str, ...]:
        return query_words(self.query)[0]

    @property
    def excluded_words(self) -> tuple[str, ...]:
        return query_words(self.query)[1]

    @property
    def has_query(self) -> bool:
        return bool(self.words)

    def values(self, facet: str) -> tuple[str, ...]:
        return self.chosen.get(facet, ())


def clean_text(raw: str) -> str:
    """`raw` without control characters (PostgreSQL refuses a NUL), spaces folded."""
    kept = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in raw)
    return " ".join(kept.split())


def query_words(query: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(wanted words, excluded words) of a query in the web-search syntax PostgreSQL reads:
    `-word` leaves out, `or` and quotes are read as plain separators by the fallback."""
    wanted: list[str] = []
    excluded: list[str] = []
    for token in query.split():
        target = excluded if token.startswith("-") and len(token) > 1 else wanted
        for word in _WORD.findall(token.casefold()):
            if word == "or" and target is wanted:
                continue
            if word not in target:
                target.append(word)
    return tuple(wanted[:MAX_WORDS]), tuple(excluded[:MAX_WORDS])


def read_params(
    data, vocabulary: dict[str, dict[str, str]], *, default_sort: str | None = None
) -> SearchParams:
    """SearchParams from `data` (a QueryDict, or a dict of lists); `vocabulary` maps the
    topic, platform and audience facets to {value: label} (see selectors.search.vocabulary)."""
    notices: list[str] = []
    raw_query = _first(data, "q")
    query = clean_text(raw_query[: MAX_QUERY_LENGTH * 4])
    if len(query) > MAX_QUERY_LENGTH:
        query = query[:MAX_QUERY_LENGTH].rstrip()
        notices.append(
            f"Your search was too long: only its first {MAX_QUERY_LENGTH} characters were used."
        )
    if query and not query_words(query)[0]:
        notices.append(
            "Type a word to search: a search of only symbols or punctuation finds nothing, "
            "so every resource is listed below."
        )
        query = ""

    refused: list[str] = []
    choices = {**FIXED_CHOICES, **vocabulary}
    chosen: dict[str, tuple[str, ...]] = {}
    for name, label in FACETS:
        kept: list[str] = []
        for value in _list(data, name)[:MAX_VALUES]:
            value = clean_text(value)
            if not value:
                continue
            if value in choices.get(name, {}):
                if value not in kept:
                    kept.append(value)
            else:
                refused.append(
                    f"{label} “{value[:40]}” is not one the library uses; it was left out."
                )
        if kept:
            chosen[name] = tuple(kept)

    has_query = bool(query_words(query)[0])
    sort = clean_text(_first(data, "sort"))
    if sort and sort not in SORTS:
        refused.append(
            f"The order “{sort[:40]}” is not one the library offers; "
            "results are in the usual order."
        )
        sort = ""
    if not sort:
        sort = default_sort or (RELEVANCE if has_query else NEWEST)
    if sort == RELEVANCE and not has_query:
        sort = NEWEST  # relevance needs words; without them the newest come first
    return SearchParams(
        query=query,
        chosen=chosen,
        sort=sort,
        notices=(*notices, *refused),
        refused=tuple(refused),
    )


def _first(data, name: str) -> str:
    values = _list(data, name)
    return values[0] if values else ""


def _list(data, name: str) -> list[str]:
    if hasattr(data, "getlist"):
        values = data.getlist(name)
    else:
        values = data.get(name) or []
        if isinstance(values, str):
            values = [values]
    return [str(value) for value in values if value is not None]
