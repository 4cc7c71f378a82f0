"""The public registry API: search entities, an entity with its accounts and follower
history, adoption statistics. Read-only, open to anyone, paginated and rate-limited per client
address (REGISTRY_API_RATE)."""

from datetime import date
from enum import Enum
from typing import Any
from uuid import UUID

from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import field_validator

from socialrx.core.api_errors import documented
from socialrx.core.api_pagination import BoundedPagination
from socialrx.core.errors import NotFound
from socialrx.core.platforms import Platform
from socialrx.core.throttle import ClientThrottle

from .models import Entity, EntityKind
from .selectors import entities as entity_selectors
from .selectors import search, statistics
from .selectors.search import SearchFilters, Sort

# The first hospital accounts date from the mid-2000s; the dashboard's form has the same floor.
FIRST_YEAR = 2004
# What the registry's endpoints can refuse with. No authentication is needed, but a browser
# session of a center-role account without two-factor authentication is refused (403) by the
# middleware that gates such accounts.
REGISTRY_ERRORS = (403, 422, 429)

# REGISTRY_API_RATE requests per client address, signed in or not.
router = Router(
    auth=None, throttle=[ClientThrottle(scope="registry", rate_setting="REGISTRY_API_RATE")]
)

KindParam = Enum("KindParam", {kind.name: kind.value for kind in EntityKind}, type=str)
PlatformParam = Enum("PlatformParam", {p.name: p.value for p in Platform}, type=str)
PresenceParam = Enum("PresenceParam", {"ANY": "any", "NONE": "none"}, type=str)
SortParam = Enum("SortParam", {sort.name: sort.value for sort in Sort}, type=str)


class SnapshotOut(Schema):
    taken_on: date
    followers: int


class AccountOut(Schema):
    public_id: UUID
    platform: str
    handle: str
    url: str
    followers: int | None
    verified: bool
    status: str
    first_listed: date
    last_checked: date | None
    is_generated: bool


class AccountDetailOut(AccountOut):
    snapshots: list[SnapshotOut]

    @staticmethod
    def resolve_snapshots(account) -> list:
        return list(account.snapshots.all())


class EntityOut(Schema):
    public_id: UUID
    kind: str
    name: str
    ccn: str
    npi: str
    city: str
    state: str
    page_url: str
    is_generated: bool
    accounts: list[AccountOut]

    @staticmethod
    def resolve_page_url(entity) -> str:
        return entity.get_absolute_url()

    @staticmethod
    def resolve_accounts(entity) -> list:
        return entity.listed_accounts


class LinkedEntityOut(Schema):
    public_id: UUID
    name: str
    page_url: str

    @staticmethod
    def resolve_page_url(entity) -> str:
        return entity.get_absolute_url()


class EntityDetailOut(Schema):
    public_id: UUID
    kind: str
    name: str
    ccn: str
    npi: str
    street_address: str
    city: str
    state: str
    postal_code: str
    county: str
    country: str
    website: str
    hospital_type: str
    ownership: str
    ownership_group: str
    emergency_services: bool | None
    star_rating: int | None
    bed_count: int | None
    bed_count_is_generated: bool
    size_band: str
    region: str
    credential: str
    specialty: str
    category: str
    health_system: LinkedEntityOut | None
    affiliated_hospital: LinkedEntityOut | None
    page_url: str
    is_generated: bool
    accounts: list[AccountDetailOut]

    @staticmethod
    def resolve_page_url(entity) -> str:
        return entity.get_absolute_url()

    @staticmethod
    def resolve_accounts(entity) -> list:
        return entity.accounts_with_history


# PostgreSQL cannot compare text with a NUL character in it; the document says so.
NO_NUL = {"pattern": r"^[^\x00]*$"}


def _text(description: str) -> Any:
    return Field("", description=f"{description} No NUL character.", json_schema_extra=NO_NUL)


def _not_null(schema: dict) -> None:
    # A query parameter is left out, never null: the document offers only the choices.
    [kept] = [choice for choice in schema.pop("anyOf") if choice.get("type") != "null"]
    # An enum is a reference: under allOf, so this schema keeps its description beside it.
    schema.update({"allOf": [kept]} if "$ref" in kept else kept)


def _choice(description: str) -> Any:
    return Field(None, description=description, json_schema_extra=_not_null)


class SearchParams(Schema):
    q: str = _text(
        "Name (typos, accents and abbreviations tolerated, known short names such as MGH), "
        "city, city and name together, CCN or NPI (bare or labelled: `CCN 240010`), 5-digit "
        "ZIP code, handle or an account's address; only the first 200 characters count."
    )
    kind: KindParam | None = _choice("Only this kind.")
    state: str = _text("Two-letter state code, any case; only the first two characters count.")
    platform: PlatformParam | None = _choice("Only entities with an account on this platform.")
    hospital_type: str = _text("Hospital type, e.g. `Acute Care Hospitals`.")
    ownership: str = _text("Ownership, e.g. `for_profit`.")
    specialty: str = _text("A physician's specialty.")
    presence: PresenceParam | None = _choice("`any`: with a listed account; `none`: without one.")
    sort: SortParam | None = _choice(
        "`relevance` (default): how well the name, a short name, the city or an identifier "
        "matches, raised by the listing's prominence (largest following, beds, a verified "
        "account, claimed); without `q`, listings with an account first. `name`: A to Z. "
        "`followers`: largest following first."
    )

    @field_validator("q", "state", "hospital_type", "ownership", "specialty")
    @classmethod
    def _no_nul_character(cls, value: str) -> str:
        # PostgreSQL cannot compare text with a NUL character in it (it failed: a 500).
        if "\x00" in value:
            raise ValueError("must not contain a NUL character")
        return value


@router.get(
    "/entities",
    **documented(list[EntityOut], *REGISTRY_ERRORS),
    summary="Search the registry (name with typos, city, identifier, handle; filters; sort)",
)
@paginate(BoundedPagination)
def search_entities(request, params: Query[SearchParams]):
    filters = SearchFilters(
        query=params.q[:200],
        kind=params.kind.value if params.kind else "",
        state=params.state.upper()[:2],
        platform=params.platform.value if params.platform else "",
        hospital_type=params.hospital_type,
        ownership=params.ownership,
        specialty=params.specialty,
        presence=params.presence.value if params.presence else "",
        sort=params.sort.value if params.sort else "",
    )
    return search.with_listed_accounts(search.search(filters).entities)


@router.get(
    "/entities/{public_id}",
    **documented(
        EntityDetailOut, 403, 404, 422, 429, reasons={404: "No such entry in the registry."}
    ),
    summary="One entity with its accounts and their follower history",
)
def entity_detail(request, public_id: UUID):
    entity = (
        Entity.objects.select_related("health_system", "affiliated_hospital")
        .filter(public_id=public_id)
        .first()
    )
    if entity is None:
        raise NotFound("No such entry in the registry.")
    entity.accounts_with_history = entity_selectors.accounts_with_history(entity)
    return entity


class PlatformShare(Schema):
    platform: str
    entities: int
    share: float


class GroupOut(Schema):
    group: str
    label: str
    total: int
    with_any_account: int
    share: float
    by_platform: dict[str, int]


class TimePointOut(Schema):
    date: date
    with_any_account: int
    by_platform: dict[str, int]


class AdoptionOut(Schema):
    kind: str
    as_of: date
    total: int
    with_any_account: int
    share: float
    accounts_counted: int
    generated_accounts: int
    by_platform: list[PlatformShare]
    by_group: dict[str, list[GroupOut]]
    over_time: list[TimePointOut]


class AdoptionParams(Schema):
    kind: KindParam = Field(KindParam.HOSPITAL, description="Which entities to count.")
    as_of: date | None = _choice(
        f"The day to count as of, from {FIRST_YEAR}-01-01 to today; default today. "
        "A day outside that range is invalid input (422), like a malformed one."
    )

    @field_validator("as_of")
    @classmethod
    def _within_the_registry(cls, value: date | None) -> date | None:
        if value is None:
            return value
        if value > timezone.localdate():
            raise ValueError("as_of cannot be in the future")
        if value.year < FIRST_YEAR:
            raise ValueError(f"as_of must be in {FIRST_YEAR} or later")
        return value


@router.get(
    "/adoption",
    **documented(AdoptionOut, *REGISTRY_ERRORS),
    summary="Adoption statistics as of a date (default today)",
)
def adoption(request, params: Query[AdoptionParams]):
    as_of = params.as_of or timezone.localdate()
    result = statistics.adoption(kind=params.kind.value, as_of=as_of)
    return {
        "kind": result.kind,
        "as_of": result.as_of,
        "total": result.total,
        "with_any_account": result.present,
        "share": round(result.share, 4),
        "accounts_counted": result.accounts_counted,
        "generated_accounts": result.generated_accounts,
        "by_platform": [
            {"platform": platform, "entities": count, "share": round(share, 4)}
            for platform, _, count, share in result.platform_rows()
        ],
        "by_group": {
            name: [
                {
                    "group": row.key,
                    "label": row.label,
                    "total": row.total,
                    "with_any_account": row.present,
                    "share": round(row.share, 4),
                    "by_platform": row.by_platform,
                }
                for row in rows
            ]
            for name, rows in result.breakdowns.items()
        },
        "over_time": [
            {"date": p.day, "with_any_account": p.present, "by_platform": p.by_platform}
            for p in result.over_time
        ],
    }
