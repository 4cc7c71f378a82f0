"""Searching the registry: by name (typo-tolerant), city or account handle, with filters."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Case,
    Exists,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)

from socialrx.core.platforms import AccountAddressError, detect_platform, normalize_account
from socialrx.core.search import (
    MIN_FUZZY_LENGTH,
    SQLITE_FUZZY_FUNCTION,
    SQLITE_THRESHOLD,
)

from ..freshness import data_version
from ..models import Account, Entity, EntityKind

MAX_QUERY_LENGTH = 200


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


def listed_accounts() -> QuerySet[Account]:
    return Account.objects.filter(removed_on__isnull=True).order_by("platform", "-followers")


def search_entities(filters: SearchFilters) -> QuerySet[Entity]:
    """Entities matching the filters; with a query, the closest names first."""
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
    query = " ".join(filters.query.split())[:MAX_QUERY_LENGTH]
    if query:
        return _matching(entities, query)
    # Browsing without a query: listings with a presence first (an indexed column).
    return entities.order_by("-has_account", "name", "id")


def with_listed_accounts(entities: QuerySet[Entity]) -> QuerySet[Entity]:
    return entities.select_related("affiliated_hospital", "health_system").prefetch_related(
        Prefetch("accounts", queryset=listed_accounts(), to_attr="listed_accounts")
    )


# Entities whose account handles contain the query, at most this many (a handle search
# finds a few listings; the cap keeps "e" from listing the whole registry).
MAX_HANDLE_MATCHES = 500


def _matching(entities: QuerySet[Entity], query: str) -> QuerySet[Entity]:
    """Every condition is one an index serves on PostgreSQL (trigram indexes on name, on
    UPPER(name) and on account keys; UPPER(city), CCN and NPI), so the database combines
    index scans instead of reading every row."""
    address = _pasted_address(query)
    if address is not None:
        # A pasted account address means that account: its characters say nothing about
        # names (rapidfuzz would find every "Mayo Clinic" in "https://x.com/MayoClinic").
        holders = _holders(Q(platform=address.platform, key=address.key))
        return entities.filter(pk__in=holders).order_by("name", "id")
    literal = Q(name__icontains=query) | Q(city__iexact=query) | Q(ccn=query.upper())
    literal |= Q(npi=query) | Q(pk__in=_holders(_handle_condition(query)))
    starts = Case(When(name__istartswith=query, then=1), default=0, output_field=IntegerField())
    entities = entities.annotate(starts=starts, score=_score(query))
    if len(query) >= MIN_FUZZY_LENGTH:
        literal |= _fuzzy_condition(query)
    return entities.filter(literal).order_by("-starts", "-score", "name", "id")


def _holders(condition: Q) -> list[int]:
    """Ids of the entities holding a listed account that meets `condition` (one query)."""
    if condition == Q(pk=None):
        return []
    accounts = listed_accounts().filter(condition).order_by()
    return list(accounts.values_list("entity_id", flat=True).distinct()[:MAX_HANDLE_MATCHES])


def _pasted_address(query: str):
    """The account a pasted address (a platform URL, a Mastodon @name@server) names, if any."""
    if not detect_platform(query):
        return None
    try:
        return normalize_account(query)
    except AccountAddressError:
        return None


def _handle_condition(query: str) -> Q:
    """An account whose handle contains the query (without its @)."""
    # Keys are stored in lower case: a case-sensitive "contains" uses the key's trigram index.
    handle = query.lstrip("@").lower()
    return Q(key__contains=handle) if len(handle) >= 3 else Q(pk=None)


def _score(query: str):
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramWordSimilarity  # noqa: PLC0415 - contrib.postgres is installed only on PostgreSQL

        return TrigramWordSimilarity(query, "name")
    return Func(Value(query), F("name"), function=SQLITE_FUZZY_FUNCTION, output_field=FloatField())


def _fuzzy_condition(query: str) -> Q:
    if connection.vendor == "postgresql":
        # pg_trgm's `<%` operator (word similarity over its threshold), served by the
        # GIN trigram index on name.
        return Q(name__trigram_word_similar=query)
    return Q(score__gte=SQLITE_THRESHOLD)


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
