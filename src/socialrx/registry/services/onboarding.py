"""The claim offered at the end of adding an organization from its registry listing.

Creating the organization is the organizations app's own use case; this module holds only
what the registry adds: the new organization's admin claims the listing for it, through the
registry's claim rules (verified at once by an address at the listing's website domain,
otherwise reviewed by center staff)."""

from __future__ import annotations

from django.db import transaction

from socialrx.core.errors import Conflict

from ..models import Claim, ClaimStatus, Entity
from ..selectors.onboarding import listing_is_claimed
from . import claims as claim_services


@transaction.atomic
def claim_listing_for_organization(
    *, actor, entity: Entity, organization, job_title: str, message: str = ""
) -> Claim:
    """Claim `entity` for `organization`, which `actor` administers. A listing already
    claimed (linked to an organization, or verified for someone) is refused with the way
    forward, rather than queued for staff to refuse: a hospital has one organization here."""
    entity = Entity.objects.select_for_update().get(pk=entity.pk)
    own_verified = Claim.objects.filter(
        entity=entity, claimant=actor, status=ClaimStatus.VERIFIED
    ).exists()
    if (
        entity.organization_id != organization.pk
        and listing_is_claimed(entity)
        and not own_verified
    ):
        raise Conflict(
            f"{entity.display_name} is already claimed on SocialRx. Ask the admin of the "
            "organization that claimed it to invite you, or write to the center if the claim "
            "is wrong."
        )
    return claim_services.claim_entity(
        actor=actor,
        entity=entity,
        job_title=job_title,
        message=message,
        organization=organization,
    )
