"""Aliases: short names center staff give an entity ("MGH", "CHOP") so search finds it by
them. Each change is recorded against the entity, so its page's history shows it."""

from __future__ import annotations

from django.db import transaction

from socialrx.core import audit
from socialrx.core.errors import DomainError
from socialrx.core.permissions import require

from ..freshness import mark_changed
from ..models import Entity, EntityAlias
from ..models.aliases import MAX_ALIAS_LENGTH
from ..search_text import fold


def clean_alias(alias: str) -> str:
    alias = " ".join((alias or "").split())
    if not alias:
        raise DomainError("Enter the short name.", field="alias")
    if len(alias) > MAX_ALIAS_LENGTH:
        raise DomainError(f"Keep it under {MAX_ALIAS_LENGTH} characters.", field="alias")
    if not fold(alias):
        raise DomainError("A short name needs letters or digits.", field="alias")
    return alias


@transaction.atomic
def add_alias(*, actor, entity: Entity, alias: str, via: str = "staff") -> EntityAlias:
    require(actor, "registry.edit_details", entity)
    alias = clean_alias(alias)
    if EntityAlias.objects.filter(entity=entity, folded=fold(alias)).exists():
        raise DomainError(f"{entity.display_name} already has the short name “{alias}”.")
    created = EntityAlias.objects.create(entity=entity, alias=alias, created_by=actor)
    audit.record(
        actor=actor,
        action="registry.alias.added",
        target=entity,
        before={},
        after={"alias": alias, "via": via},
    )
    mark_changed(entity)
    return created


@transaction.atomic
def remove_alias(*, actor, alias: EntityAlias) -> None:
    entity = alias.entity
    require(actor, "registry.edit_details", entity)
    deleted, _ = EntityAlias.objects.filter(pk=alias.pk).delete()
    if not deleted:
        raise DomainError("That short name was already removed.")
    audit.record(
        actor=actor,
        action="registry.alias.removed",
        target=entity,
        before={"alias": alias.alias},
        after={"via": "staff"},
    )
    mark_changed(entity)
