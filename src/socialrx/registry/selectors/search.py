"""Searching the registry: by name (typos, accents, abbreviations, known short names), city,
city and name together, CCN or NPI (with or without the label), ZIP code, account handle or
pasted address; with filters; ordered by relevance, name or followers.

A search with a query is one ranking statement (search_ranking: the candidates found through
indexes, each lookup capped, ranked by their match plus their prominence) and, per page, one
query for the page's entities and one for their listed accounts, however large the registry.
Browsing without a query is a plain queryset ordered by an index."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet

from .. import search_sql as sql
from ..freshness import data_version
from ..models import Account, Entity, EntityKind
from ..search_ranking import Ranked, rank
from ..search_text import MAX_QUERY_LENGTH, ParsedQuery, Sort, parse_query

__all__ = [
    "MAX_QUERY_LENGTH",
    "RankedEntities",
    "SearchFilters",
    "SearchResults",
    "Sort",
    "filter_choices",
    "listed_accounts",
    "search",
    "search_entities",
    "with_listed_accounts",
]


@dataclass(frozen=True)
class SearchFilters:
    query: str = ""
    kind: str = ""
    state: str = ""
    hospital_type: str = ""
    ownership: str = ""
    platform: str = ""
    specialty: str = ""
    presence: str = ""  # "any" (has an account), "none", or "" (either)
    sort: str = ""  # a Sort; relevance when empty


def listed_accounts() -> QuerySet[Account]:
    return Account.objects.filter(removed_on__isnull=True).order_by("platform", "-followers")


def with_listed_accounts(entities):
    """The entities with their listed accounts (`listed_accounts`) and linked entities."""
    if isinstance(entities, RankedEntities):
        return RankedEntities(entities.ranked, with_accounts=True)
    return entities.select_related("affiliated_hospital", "health_system").prefetch_related(
        Prefetch("accounts", queryset=listed_accounts(), to_attr="listed_accounts")
    )


class RankedEntities:
    """Ranked search results, sliced like a queryset (for the paginator, the API and the CSV
    export): a slice fetches its entities in one query (and their listed accounts in one more,
    once `with_listed_accounts` asked for them). Each entity carries its `relevance` and
    `top_followers`."""

    ordered = True

    def __init__(self, ranked: list[Ranked], with_accounts: bool = False):
        self.ranked = ranked
        self.with_accounts = with_accounts

    def count(self) -> int:
        return len(self.ranked)

    def __len__(self) -> int:
        return len(self.ranked)

    def all(self) -> RankedEntities:
        return self

    def exists(self) -> bool:
        return bool(self.ranked)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self._fetch(self.ranked[index])
        return self._fetch([self.ranked[index]])[0]

    def __iter__(self) -> Iterator[Entity]:
        return self.iterator()

    def iterator(self, chunk_size: int = 2000) -> Iterator[Entity]:
        for start in range(0, len(self.ranked), chunk_size):
            yield from self._fetch(self.ranked[start : start + chunk_size])

    def _fetch(self, ranked: list[Ranked]) -> list[Entity]:
        if not ranked:
            return []
        found = Entity.objects.filter(pk__in=[r.id for r in ranked])
        if self.with_accounts:
            found = with_listed_accounts(found)
        by_id = {entity.pk: entity for entity in found}
        entities = []
        for r in ranked:
            entity = by_id.get(r.id)
            if entity is not None:  # deleted since it was ranked
                entity.relevance, entity.top_followers = r.relevance, r.top_followers
                entities.append(entity)
        return entities


@dataclass
class SearchResults:
    """The entities found, in order, and what the page says about how they were found."""

    entities: QuerySet[Entity] | RankedEntities
    parsed: ParsedQuery
    sort: str
    capped: bool = False

    @property
    def order_reason(self) -> str:
        return order_reason(self.parsed, self.sort)

    @property
    def reading(self) -> str:
        return reading(self.parsed)


def search_entities(filters: SearchFilters):
    """The entities matching the filters, in the order asked (see `search`)."""
    return search(filters).entities


def search(filters: SearchFilters) -> SearchResults:
    entities = _filtered(filters)
    parsed = parse_query(filters.query)
    sort = filters.sort if filters.sort in Sort.values else Sort.RELEVANCE
    if parsed.unreadable:
        return SearchResults(entities.none(), parsed, sort)
    if not parsed.text:
        return SearchResults(_browse(entities, sort), parsed, sort)
    ranked, capped = rank(entities, parsed, sort)
    return SearchResults(RankedEntities(ranked), parsed, sort, capped)


def _filtered(filters: SearchFilters) -> QuerySet[Entity]:
    entities = Entity.objects.all()
    if filters.kind:
        entities = entities.filter(kind=filters.kind)
    if filters.state:
        entities = entities.filter(state=filters.state)
    if filters.hospital_type:
        entities = entities.filter(hospital_type=filters.hospital_type)
    if filters.ownership:
        entities = entities.filter(ownership_group=filters.ownership)
    if filters.specialty:
        entities = entities.filter(specialty=filters.specialty)
    if filters.platform:
        entities = entities.filter(
            Exists(listed_accounts().filter(entity=OuterRef("pk"), platform=filters.platform))
        )
    if filters.presence == "any":
        entities = entities.filter(has_account=True)
    elif filters.presence == "none":
        entities = entities.filter(has_account=False)
    return entities


def _browse(entities: QuerySet[Entity], sort: str) -> QuerySet[Entity]:
    """Without a query: listings with an account first, then by name (an index serves it)."""
    if sort == Sort.NAME:
        return entities.order_by("name", "id")
    if sort == Sort.FOLLOWERS:
        followers = entities.annotate(top_followers=sql.top_followers())
        return followers.order_by(F("top_followers").desc(), "-has_account", "name", "id")
    return entities.order_by("-has_account", "name", "id")


# --- what the page says ------------------------------------------------------------------------


def reading(parsed: ParsedQuery) -> str:
    """How the query was read, when not simply as a name."""
    if parsed.ccn:
        return f"Read as the CMS certification number {parsed.ccn}."
    if parsed.npi:
        return f"Read as the NPI {parsed.npi}."
    if parsed.zip_code:
        return f"Read as a ZIP code: listings in {parsed.zip_code}."
    if parsed.address:
        return f"Read as the address of an account: {parsed.address.url}"
    spelled = [v for v in parsed.variants if v != parsed.folded]
    if spelled:
        return "Also looked for as “" + "”, “".join(spelled) + "”."
    return ""


def order_reason(parsed: ParsedQuery, sort: str) -> str:
    if sort == Sort.NAME:
        return "Sorted by name, A to Z."
    if sort == Sort.FOLLOWERS:
        return (
            "Sorted by the largest following of each listing's accounts; listings without "
            "accounts come last."
        )
    if not parsed.text:
        return "Listings with a social media account come first, then by name."
    return (
        "Sorted by relevance: how closely the name, a known short name, the city or an "
        "identifier matches your search, then how prominent the listing is (its largest "
        "following, its beds, a verified account, a listing its organization claimed)."
    )


# --- the choices of the filter form ---------------------------------------------------------


def filter_choices() -> dict[str, list[str]]:
    """Hospital types and physician specialties present in the registry (cached until the
    registry changes)."""
    key = f"registry:filter-choices:{data_version()}"
    choices = cache.get(key)
    if choices is None:
        choices = {
            "hospital_types": _distinct("hospital_type", EntityKind.HOSPITAL),
            "specialties": _distinct("specialty", EntityKind.PHYSICIAN),
        }
        cache.set(key, choices, 60 * 60)
    return choices


def _distinct(field: str, kind: str) -> list[str]:
    return list(
        Entity.objects.filter(kind=kind)
        .exclude(**{field: ""})
        .order_by(field)
        .values_list(field, flat=True)
        .distinct()
    )
