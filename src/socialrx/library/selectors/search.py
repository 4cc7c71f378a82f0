"""Searching the library: published resources matching the words, narrowed by facets (type,
topic, platform, audience, access), ranked, with each facet's counts.

PostgreSQL searches the `search_vector` column the migration 0004_search keeps (title weighted
A, summary B, the body's words C) with `websearch_to_tsquery('english', …)` (stems, quotes
for phrases, `-word` to leave out) and ranks with `ts_rank_cd`. SQLite, for development and
the default test run, falls back on LIKE: every word must appear (any case) in the title, the
summary or the body's words, and the rank is, per word, 3 for the title, 2 for the summary and
1 for the body, summed in SQL.

Facets follow the usual faceted-search rule: each facet's counts apply the words and every
other facet's choices but not its own, so choosing "Guide" still shows how many checklists
there are. The counts take five queries, the vocabulary three, whatever the library's size.

Who sees what: the library page lists every published resource to everyone, member-only and
premium ones with their badge (they are the library's pitch); opening one needs the access
(resource page: a teaser otherwise). The API lists only what the reader may open (`tiers`)."""

from __future__ import annotations

import functools
import operator
from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    FloatField,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import RawSQL

from socialrx.taxonomy.models import Platform, Topic

from ..models import Audience, Resource, ResourceStatus
from .search_params import FACETS, FIXED_CHOICES, MOST_USED, RELEVANCE, SearchParams

# ts_rank_cd's weights for D, C, B, A: a word in the title counts ten times one in the body.
PG_WEIGHTS = "'{0.05, 0.1, 0.4, 1.0}'::real[]"
PG_QUERY = "websearch_to_tsquery('english', %s)"
# The fallback's weights per field, per word found in it.
FALLBACK_WEIGHTS = (("title", 3), ("summary", 2), ("search_text", 1))

# Facet name -> the model's many-to-many field (its through table's column is `<facet>_id`).
MANY = {"topic": "topics", "platform": "platforms", "audience": "audiences"}


@dataclass(frozen=True)
class Vocabulary:
    """The taxonomy the facets offer, in the order pages list it."""

    labels: dict[str, dict[str, str]]  # facet -> {slug or code: name}
    ids: dict[str, dict[str, int]]  # facet -> {slug or code: id}


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Facet:
    name: str  # the query-string name
    label: str
    options: tuple[FacetOption, ...]

    @property
    def any_selected(self) -> bool:
        return any(option.selected for option in self.options)


def vocabulary() -> Vocabulary:
    """Topics, platforms and audiences (three queries)."""
    rows = {
        "topic": Topic.objects.order_by("position", "name").values_list("id", "slug", "name"),
        "platform": Platform.objects.order_by("position", "name").values_list("id", "code", "name"),
        "audience": Audience.objects.order_by("position", "name").values_list("id", "slug", "name"),
    }
    labels: dict[str, dict[str, str]] = {}
    ids: dict[str, dict[str, int]] = {}
    for facet, found in rows.items():
        found = list(found)
        labels[facet] = {value: name for _pk, value, name in found}
        ids[facet] = {value: pk for pk, value, _name in found}
    return Vocabulary(labels=labels, ids=ids)


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def published() -> QuerySet[Resource]:
    return Resource.objects.filter(status=ResourceStatus.PUBLISHED)


def _with_words(queryset: QuerySet[Resource], params: SearchParams) -> QuerySet[Resource]:
    if not params.has_query:
        return queryset
    if is_postgresql():
        # The column is not on the model; no other table of these queries has one by its name.
        return queryset.filter(
            RawSQL(  # noqa: S611 - the query is a parameter
                f"search_vector @@ {PG_QUERY}", [params.query], output_field=BooleanField()
            )
        )
    for word in params.words:
        queryset = queryset.filter(_found(word))
    for word in params.excluded_words:
        queryset = queryset.exclude(_found(word))
    return queryset


def _found(word: str) -> Q:
    return functools.reduce(
        operator.or_, (Q(**{f"{name}__icontains": word}) for name, _weight in FALLBACK_WEIGHTS)
    )


def _with_facets(
    queryset: QuerySet[Resource],
    params: SearchParams,
    words: Vocabulary,
    *,
    skip: str | None = None,
) -> QuerySet[Resource]:
    """Resources having one of the chosen values of each facet (but `skip`)."""
    for name, _label in FACETS:
        values = params.values(name)
        if name == skip or not values:
            continue
        if name in MANY:
            through = getattr(Resource, MANY[name]).through
            ids = [words.ids[name][value] for value in values if value in words.ids[name]]
            queryset = queryset.filter(
                pk__in=through.objects.filter(**{f"{name}_id__in": ids}).values("resource_id")
            )
        else:
            queryset = queryset.filter(**{f"{name}__in": values})
    return queryset


def _base(params: SearchParams, tiers: frozenset[str] | None) -> QuerySet[Resource]:
    queryset = published()
    if tiers is not None:
        queryset = queryset.filter(access__in=tiers)
    return _with_words(queryset, params)


def _ranked(queryset: QuerySet[Resource], params: SearchParams) -> QuerySet[Resource]:
    if is_postgresql():
        rank = RawSQL(  # noqa: S611 - the query is a parameter
            f"ts_rank_cd({PG_WEIGHTS}, search_vector, {PG_QUERY})",
            [params.query],
            output_field=FloatField(),
        )
    else:
        rank = functools.reduce(
            operator.add,
            (
                Case(
                    When(**{f"{name}__icontains": word}, then=Value(weight)),
                    default=Value(0),
                    output_field=IntegerField(),
                )
                for word in params.words
                for name, weight in FALLBACK_WEIGHTS
            ),
        )
    return queryset.annotate(rank=rank)


def search(
    params: SearchParams, words: Vocabulary, *, tiers: frozenset[str] | None = None
) -> QuerySet[Resource]:
    """The matching published resources in the chosen order (rank first for relevance, then
    the newest), with their topics. `tiers`: only resources of these access levels (None:
    every level, as the library page lists them)."""
    queryset = _with_facets(_base(params, tiers), params, words)
    if params.has_query:
        queryset = _ranked(queryset, params)
    if params.sort == RELEVANCE and params.has_query:
        order = ("-rank", "-published_on", "-id")
    elif params.sort == MOST_USED:
        order = ("-use_count", "-published_on", "-id")
    else:
        order = ("-published_on", "-id")
    return (
        queryset.order_by(*order)
        .defer("body", "search_text")
        .prefetch_related(Prefetch("topics", queryset=Topic.objects.order_by("position", "name")))
    )


def facets(
    params: SearchParams, words: Vocabulary, *, tiers: frozenset[str] | None = None
) -> list[Facet]:
    """Each facet's values with the number of matching resources (five queries). A value is
    offered when something has it, or when it is chosen (so it can be unticked)."""
    found: list[Facet] = []
    base = _base(params, tiers)
    for name, label in FACETS:
        narrowed = _with_facets(base, params, words, skip=name).order_by()
        if name in MANY:
            field = MANY[name]
            counts_by_id = dict(
                narrowed.values(field).annotate(n=Count("pk")).values_list(field, "n")
            )
            counts = {value: counts_by_id.get(pk, 0) for value, pk in words.ids[name].items()}
            labels = words.labels[name]
        else:
            counts = dict(narrowed.values(name).annotate(n=Count("pk")).values_list(name, "n"))
            labels = FIXED_CHOICES[name]
        chosen = set(params.values(name))
        options = tuple(
            FacetOption(value, text, counts.get(value, 0), value in chosen)
            for value, text in labels.items()
            if counts.get(value, 0) or value in chosen
        )
        found.append(Facet(name, label, options))
    return found
