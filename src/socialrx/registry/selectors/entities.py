"""Reads for an entity's page: the entity by its URL, its accounts with their follower
history, its hospitals or physicians, and its history."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.db.models import F, Prefetch, QuerySet

from socialrx.core.errors import NotFound
from socialrx.core.models import AuditEvent
from socialrx.core.requests import is_uuid

from ..models import SLUG_KINDS, Account, Claim, ClaimStatus, Entity, EntityKind, Snapshot

HISTORY_LIMIT = 50


def entity_by_key(kind_slug: str, key: str) -> Entity:
    """The entity at /registry/<kind>/<key>/: hospitals by CCN, physicians by NPI, the others
    by public id. The same NotFound for an unknown kind or key."""
    kind = SLUG_KINDS.get(kind_slug)
    lookup = {
        EntityKind.HOSPITAL: "ccn",
        EntityKind.PHYSICIAN: "npi",
    }.get(kind, "public_id")
    if kind is None or not (is_uuid(key) if lookup == "public_id" else _is_code(key)):
        raise NotFound("No such entry in the registry.")
    entity = (
        Entity.objects.select_related("health_system", "affiliated_hospital", "organization")
        .filter(kind=kind, **{lookup: key.upper() if lookup == "ccn" else key})
        .first()
    )
    if entity is None:
        raise NotFound("No such entry in the registry.")
    return entity


def _is_code(value: str) -> bool:
    """Letters and digits only, as CCNs and NPIs are: anything else (a NUL byte, which
    PostgreSQL refuses in a query) cannot be one."""
    return re.fullmatch(r"[0-9A-Za-z]{1,10}", value) is not None


def accounts_with_history(entity: Entity, *, include_removed: bool = False) -> list[Account]:
    accounts = entity.accounts.prefetch_related(
        Prefetch("snapshots", queryset=Snapshot.objects.order_by("taken_on"))
    ).order_by(
        F("removed_on").asc(nulls_first=True), "platform", F("followers").desc(nulls_last=True)
    )
    if not include_removed:
        accounts = accounts.filter(removed_on__isnull=True)
    return list(accounts)


def account_of(entity: Entity, public_id) -> Account:
    account = entity.accounts.filter(public_id=public_id).first()
    if account is None:
        raise NotFound("No such account.")
    return account


@dataclass
class Series:
    label: str
    points: list[tuple[date, int]]
    is_generated: bool


def growth_series(accounts: list[Account]) -> list[Series]:
    return [
        Series(str(a), [(s.taken_on, s.followers) for s in a.snapshots.all()], a.is_generated)
        for a in accounts
        if len(a.snapshots.all()) >= 2
    ]


def hospitals_of(system: Entity, limit: int = 100) -> QuerySet[Entity]:
    return system.hospitals.order_by("name")[:limit]


def physicians_at(hospital: Entity, limit: int = 25) -> QuerySet[Entity]:
    return hospital.physicians.order_by("name")[:limit]


def entity_history(entity: Entity) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(target_type="registry.entity", target_id=str(entity.pk))[
            :HISTORY_LIMIT
        ]
    )


def claim_of(user, entity: Entity) -> Claim | None:
    """The person's open (pending or verified) claim on the entity, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Claim.objects.filter(
            entity=entity, claimant=user, status__in=[ClaimStatus.PENDING, ClaimStatus.VERIFIED]
        )
        .order_by("-created_at")
        .first()
    )


def listings_of_organization(organization_id: int, limit: int = 5) -> list[Entity]:
    """The registry listings an organization on SocialRx claimed (usually one), by name: the
    member directory links an organization's entry to them (one query)."""
    return list(Entity.objects.filter(organization_id=organization_id).order_by("name")[:limit])
