"""The dashboard's registry panels (declared in menus.py): the staff's review queues, and the
listings a person's organizations claimed."""

from __future__ import annotations

from django.db.models import Count, Q

from socialrx.core.permissions import allowed, org_roles

from .models import Claim, ClaimStatus, Entity, ImportJob, ImportStatus
from .rules import verified_registry_claims
from .selectors.reviews import pending_counts


def staff_queue(request) -> dict:
    """Claims and corrections waiting for review, imports waiting to be started or running:
    three queries."""
    imports = ImportJob.objects.aggregate(
        ready=Count("pk", filter=Q(status=ImportStatus.READY)),
        running=Count("pk", filter=Q(status__in=[ImportStatus.VALIDATING, ImportStatus.IMPORTING])),
    )
    return {
        **pending_counts(),
        "imports_ready": imports["ready"],
        "imports_running": imports["running"],
    }


def listings(request) -> dict | None:
    """The registry listings the person's organizations claimed (or the person, by a verified
    claim), with their current accounts, and the person's claims waiting for review. Three
    queries however many; nothing for a person with neither, unless they run an organization
    that could claim its listing."""
    user = request.user
    roles = org_roles(user)
    entities = list(
        Entity.objects.filter(
            Q(organization_id__in=roles) | Q(pk__in=verified_registry_claims(user))
        )
        .annotate(accounts_count=Count("accounts", filter=Q(accounts__removed_on__isnull=True)))
        .order_by("name")
    )
    pending = list(
        Claim.objects.filter(claimant=user, status=ClaimStatus.PENDING)
        .select_related("entity")
        .order_by("-created_at")
    )
    runs_an_organization = "admin" in roles.values()
    if not entities and not pending and not runs_an_organization:
        return None
    return {
        "listings": [
            {"entity": entity, "may_manage": allowed(user, "registry.manage_accounts", entity)}
            for entity in entities
        ],
        "pending_claims": pending,
    }
