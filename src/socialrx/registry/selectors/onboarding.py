"""Reads of "find your hospital or practice", the first step of adding an organization: the
listings a new organization can start from, whether one is already claimed, and what a
listing fills into the organization's form."""

from __future__ import annotations

import re

from django.db.models import Exists, OuterRef, Q

from socialrx.core.errors import NotFound
from socialrx.core.geography import STATE_NAMES
from socialrx.core.requests import is_uuid
from socialrx.organizations.models import Organization, OrganizationType
from socialrx.organizations.selectors import organizations_administered_by

from ..models import Claim, ClaimStatus, Entity, EntityKind, OrganizationCategory
from .search import MAX_QUERY_LENGTH, SearchFilters, search_entities

MAX_RESULTS = 20
# The organization each kind of listing becomes.
ORGANIZATION_TYPES = {
    EntityKind.HOSPITAL: OrganizationType.HOSPITAL,
    EntityKind.HEALTH_SYSTEM: OrganizationType.HEALTH_SYSTEM,
    EntityKind.PHYSICIAN: OrganizationType.INDIVIDUAL,
}
# A query that can only be a CMS certification number or an NPI, so "nothing found" can say so.
_CCN = re.compile(r"[0-9]{2}[0-9A-Z][0-9]{3}")
_NPI = re.compile(r"[0-9]{10}")
# Words CMS writes in capitals that stay so in an address (directions, P.O. boxes).
_KEEP_UPPER = {"N", "S", "E", "W", "NE", "NW", "SE", "SW", "PO", "US", "II", "III"}


def is_claimed_condition() -> Q:
    """Claimed: linked to an organization on SocialRx, or someone's claim on it is verified."""
    verified = Claim.objects.filter(entity=OuterRef("pk"), status=ClaimStatus.VERIFIED)
    return Q(organization__isnull=False) | Q(Exists(verified))


def listings_to_start_from(query: str) -> list[Entity]:
    """Hospitals, health systems, practices and physicians matching a name, city, CCN or NPI,
    as the registry's search finds them (closest first), each with `is_claimed` and
    `readable_address`: the search's queries and one more."""
    query = " ".join(query.split())[:MAX_QUERY_LENGTH]
    if not query:
        return []
    listings = list(search_entities(SearchFilters(query=query))[:MAX_RESULTS])
    claimed = set(
        Entity.objects.filter(
            is_claimed_condition(), pk__in=[listing.pk for listing in listings]
        ).values_list("pk", flat=True)
    )
    for listing in listings:
        listing.is_claimed = listing.pk in claimed
        listing.readable_address = _readable(listing.street_address)
    return listings


def organization_to_claim_for(user, public_id: str) -> Organization:
    """An organization `user` administers, by its public id; the same NotFound for one that
    is missing and one that is not theirs."""
    organization = None
    if is_uuid(public_id):
        organization = organizations_administered_by(user).filter(public_id=public_id).first()
    if organization is None:
        raise NotFound("Organization not found.")
    return organization


def listing_is_claimed(entity: Entity) -> bool:
    return Entity.objects.filter(is_claimed_condition(), pk=entity.pk).exists()


def identifier_kind(query: str) -> str:
    """ "CMS certification number" or "NPI" when the query can only be one, else ""."""
    query = query.strip().upper()
    if _CCN.fullmatch(query):
        return "CMS certification number"
    if _NPI.fullmatch(query):
        return "NPI"
    return ""


def organization_type_of(entity: Entity) -> str:
    if entity.kind == EntityKind.ORGANIZATION:
        is_practice = entity.category == OrganizationCategory.CLINIC
        return OrganizationType.PRACTICE if is_practice else OrganizationType.OTHER
    return ORGANIZATION_TYPES[entity.kind]


def organization_prefill(entity: Entity) -> dict[str, str]:
    """The organization form's fields as the listing gives them (CMS's capitals made
    readable). A generated bed count is demo data: never offered as the real one."""
    org_type = organization_type_of(entity)
    prefill = {
        "org_type": org_type,
        "name": entity.display_name[:200],
        "street_address": _readable(entity.street_address)[:200],
        "city": _readable(entity.city)[:100],
        "state": entity.state if entity.state in STATE_NAMES else "",
        "postal_code": entity.postal_code,
        "phone": entity.phone,
        "website": entity.website[:200],
    }
    if org_type == OrganizationType.HOSPITAL:
        prefill["cms_certification_number"] = entity.ccn
        if entity.bed_count and not entity.bed_count_is_generated:
            prefill["licensed_beds"] = str(entity.bed_count)
    if org_type == OrganizationType.PRACTICE and entity.npi:
        prefill["npi"] = entity.npi
    return {field: value for field, value in prefill.items() if value}


def _readable(text: str) -> str:
    """ "1216 SECOND STREET SW" as "1216 Second Street SW"; text in mixed case as it is."""
    if not text.isupper():
        return text
    return " ".join(word if word in _KEEP_UPPER else word.capitalize() for word in text.split())
