"""Changing an entity's own details (name, address, website, phone): center staff, usually
when accepting a correction."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from socialrx.core.errors import DomainError
from socialrx.core.permissions import require

from ..classification import classify
from ..freshness import mark_changed
from ..importing import values
from ..models import CorrectableField, Entity
from .history import record_entity_change


def clean_detail(field: str, value: str) -> Any:
    """A proposed value for a correctable field, checked as the field requires."""
    value = (value or "").strip()
    if field not in CorrectableField.values:
        raise DomainError("Choose which detail is wrong.", field="field")
    if field == CorrectableField.NAME and not value:
        raise DomainError("Enter the correct name.", field="proposed_value")
    try:
        if field == CorrectableField.WEBSITE and value:
            value = values.website(value)
            URLValidator(schemes=["http", "https"])(value)
        if field == CorrectableField.POSTAL_CODE:
            value = values.zip_code(value)
    except (values.RowRejected, ValidationError):
        raise DomainError(
            f"“{value}” is not a valid {CorrectableField(field).label.lower()}.",
            field="proposed_value",
        ) from None
    limit = Entity._meta.get_field(field).max_length
    if len(value) > limit:
        raise DomainError(f"Keep it under {limit} characters.", field="proposed_value")
    return value


@transaction.atomic
def update_entity_details(*, actor, entity: Entity, changes: dict[str, str], via: str) -> Entity:
    require(actor, "registry.edit_details", entity)
    entity = Entity.objects.select_for_update().get(pk=entity.pk)
    before, after = {}, {}
    for field, raw in changes.items():
        value = clean_detail(field, raw)
        if getattr(entity, field) != value:
            before[field], after[field] = getattr(entity, field), value
            setattr(entity, field, value)
    if not after:
        return entity
    classify(entity)
    entity.save()
    record_entity_change(
        actor=actor,
        action="registry.entity.updated",
        entity=entity,
        before=before,
        after=after,
        via=via,
    )
    # Not only its own page: the pages of its health system, its hospital and its physicians
    # show its name and place, so every page's version moves.
    mark_changed()
    return entity
