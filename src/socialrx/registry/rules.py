"""Who may claim an entity, keep its accounts, and review what the public sends in."""

from __future__ import annotations

import rules

from socialrx.core.permissions import (
    declare,
    forget,
    is_authenticated,
    is_center_staff,
    org_roles,
    person_cache,
)

from .models import Claim, ClaimStatus

CLAIMS = "registry.claims"


def verified_registry_claims(user) -> frozenset[int]:
    """Ids of the registry entities the user's verified claims cover (one query per user
    object)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    return person_cache(
        user,
        CLAIMS,
        lambda: frozenset(
            Claim.objects.filter(claimant_id=user.pk, status=ClaimStatus.VERIFIED).values_list(
                "entity_id", flat=True
            )
        ),
    )


def forget_registry_claims(user) -> None:
    """Call after a person's claim is decided so the next check reloads their claims."""
    forget(user, CLAIMS)


@rules.predicate
def represents_entity(user, entity) -> bool:
    """A verified claimant of the registry entity, or an admin of the organization that
    claimed it."""
    if entity is None:
        return False
    if entity.pk in verified_registry_claims(user):
        return True
    return entity.organization_id is not None and (
        org_roles(user).get(entity.organization_id) == "admin"
    )


declare(
    {
        "registry.claim_entity": is_authenticated,
        "registry.manage_accounts": represents_entity | is_center_staff,
        "registry.edit_details": is_center_staff,
        "registry.manage_imports": is_center_staff,
        "registry.review_claims": is_center_staff,
        "registry.review_corrections": is_center_staff,
        "registry.see_who_changed": is_center_staff,
    }
)
