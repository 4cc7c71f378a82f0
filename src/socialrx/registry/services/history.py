"""History of registry entities. Changes to an entity and to its accounts are recorded
against the entity, so its page shows one history."""

from __future__ import annotations

from typing import Any

from socialrx.core import audit

from ..models import Account, Entity


def account_label(account: Account) -> str:
    return f"{account.get_platform_display()} {account.handle}"


def record_entity_change(
    *, actor, action: str, entity: Entity, before: dict[str, Any], after: dict[str, Any], via: str
) -> None:
    audit.record(
        actor=actor,
        action=action,
        target=entity,
        before=before,
        after={**after, "via": via},
    )
