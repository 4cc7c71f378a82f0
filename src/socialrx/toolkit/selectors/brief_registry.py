"""The brief's registry figures: peers' adoption and the organization's own presence, each
with its source and date (its patient experience is brief_experience's).

What the registry already computes is read, never counted again: the adoption statistics
(`registry.selectors.statistics.adoption`, one row per state, hospital type and size band)
and the listing's accounts. The result is plain JSON (strings, numbers, ISO dates) because the
brief keeps it as drawn.

The organization's listing is the one it claimed (a verified claim links the listing to the
organization). Without one, the listing whose CMS certification number is the one on the
organization's profile stands in, and the brief says it is not claimed; without either, the
brief says so, and compares by what the profile says (state, bed count)."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from socialrx.core.geography import region_of, state_name
from socialrx.core.platforms import Platform
from socialrx.organizations.models import Organization, OrganizationType
from socialrx.registry.classification import size_band
from socialrx.registry.models import Entity, EntityKind
from socialrx.registry.selectors.statistics import DIMENSIONS, adoption

REGISTRY_SOURCE = "SocialRx public registry"
ADOPTION_SOURCE = f"{REGISTRY_SOURCE}, adoption statistics"

# The registry kind an organization is compared with when it has no listing.
KIND_OF_ORGANIZATION = {
    OrganizationType.HOSPITAL: EntityKind.HOSPITAL,
    OrganizationType.HEALTH_SYSTEM: EntityKind.HEALTH_SYSTEM,
    OrganizationType.PRACTICE: EntityKind.ORGANIZATION,
    OrganizationType.OTHER: EntityKind.ORGANIZATION,
    OrganizationType.INDIVIDUAL: EntityKind.PHYSICIAN,
}
# Which groups peers are drawn from, in the brief's order: "hospitals like it" are those of the
# same state, type and size; the other kinds have fewer groupings.
PEER_DIMENSIONS = ("state", "type", "size", "specialty", "category")
# How the brief names a group of each dimension in a sentence ("hospitals in Minnesota").
GROUP_PHRASES = {
    "region": "{plural} in the {label}",
    "state": "{plural} in {label}",
    "type": "{plural} of the type “{label}”",
    "size": "{plural} of {label_lower}",
    "specialty": "{plural} in {label}",
    "category": "{plural} of the category “{label}”",
}
KIND_SINGULARS = {
    EntityKind.HOSPITAL: "hospital",
    EntityKind.HEALTH_SYSTEM: "health system",
    EntityKind.PHYSICIAN: "physician",
    EntityKind.ORGANIZATION: "other health organization",
}
KIND_PLURALS = {
    EntityKind.HOSPITAL: "hospitals",
    EntityKind.HEALTH_SYSTEM: "health systems",
    EntityKind.PHYSICIAN: "physicians",
    EntityKind.ORGANIZATION: "other health organizations",
}


def percent(part: int, whole: int) -> float | None:
    """A share in percent with one decimal, as the brief prints it; None of nothing."""
    return round(100 * part / whole, 1) if whole else None


def listing_of(organization: Organization) -> tuple[Entity | None, bool]:
    """(the organization's listing, whether it claimed it). Two queries at most. Of several
    claimed listings (a system may claim its hospitals too), the one of its own kind first."""
    claimed = list(Entity.objects.filter(organization=organization).order_by("name", "pk")[:10])
    if claimed:
        own_kind = KIND_OF_ORGANIZATION.get(organization.org_type)
        return next((e for e in claimed if e.kind == own_kind), claimed[0]), True
    if organization.cms_certification_number:
        matched = Entity.objects.filter(
            kind=EntityKind.HOSPITAL, ccn=organization.cms_certification_number.upper()
        ).first()
        if matched is not None:
            return matched, False
    return None, False


def _listing_summary(listing: Entity, claimed: bool) -> dict:
    return {
        "name": listing.display_name,
        "kind": listing.get_kind_display(),
        "url": listing.get_absolute_url(),
        "claimed": claimed,
        "ccn": listing.ccn,
        "location": listing.location,
        "is_generated": listing.is_generated,
        "source": listing.source or REGISTRY_SOURCE,
    }


# --- peers ------------------------------------------------------------------------------------


def _basis(organization: Organization, listing: Entity | None, kind: str) -> dict[str, str]:
    """dimension -> the organization's group in it ("" when not known): from its listing,
    else from its profile (its state, and its size band from its licensed beds)."""
    dimensions = DIMENSIONS[kind]
    # Kinds the registry does not break down by state are compared within their region.
    wanted = PEER_DIMENSIONS if "state" in dimensions else ("region", *PEER_DIMENSIONS)
    values = {}
    for name in wanted:
        if name not in dimensions:
            continue
        field = dimensions[name][0]
        if listing is not None:
            values[name] = getattr(listing, field) or ""
        elif field == "state":
            values[name] = organization.state
        elif field == "region":
            values[name] = region_of(organization.state)
        elif field == "size_band":
            beds = organization.licensed_beds
            values[name] = size_band(beds) if beds else ""
        else:
            values[name] = ""
    return values


def _group(
    label: str, phrase: str, dimension: str, total: int, present: int, by_platform, platforms
) -> dict:
    return {
        "label": label,
        "phrase": phrase,
        "dimension": dimension,
        "total": total,
        "present": present,
        "percent": percent(present, total),
        "platforms": [
            {
                "key": platform,
                "count": by_platform.get(platform, 0),
                "percent": percent(by_platform.get(platform, 0), total),
            }
            for platform in platforms
        ],
    }


def peer_adoption(organization: Organization, listing: Entity | None, *, as_of: date) -> dict:
    """The share of peers with any account and with one on each platform, for each group the
    organization belongs to, then for the whole kind."""
    kind = listing.kind if listing is not None else KIND_OF_ORGANIZATION[organization.org_type]
    figures = adoption(kind=kind, as_of=as_of)
    plural = KIND_PLURALS[kind]
    platforms = list(figures.platforms)
    groups, unknown = [], []
    for dimension, value in _basis(organization, listing, kind).items():
        dimension_label = figures.dimension_labels[dimension]
        if not value:
            unknown.append(dimension_label.lower())
            continue
        row = next((r for r in figures.breakdowns.get(dimension, []) if r.key == value), None)
        if row is None:
            label = state_name(value) if dimension == "state" else value
            unknown.append(f"{dimension_label.lower()} ({label}: no {plural} in the registry)")
            continue
        groups.append(
            _group(
                f"{dimension_label}: {row.label}",
                GROUP_PHRASES[dimension].format(
                    plural=plural, label=row.label, label_lower=row.label.lower()
                ),
                dimension,
                row.total,
                row.present,
                row.by_platform,
                platforms,
            )
        )
    groups.append(
        _group(
            f"All {plural} in the registry",
            f"{plural} in the registry",
            "all",
            figures.total,
            figures.present,
            figures.by_platform,
            platforms,
        )
    )
    return {
        "kind": plural,
        "kind_one": KIND_SINGULARS[kind],
        "as_of": figures.as_of,
        "source": ADOPTION_SOURCE,
        "url": f"{reverse('registry:adoption')}?kind={kind}&as_of={figures.as_of.isoformat()}",
        "basis": "listing" if listing is not None else "profile",
        "platforms": [{"key": p, "label": Platform(p).label} for p in platforms],
        "groups": groups,
        "unknown": unknown,
        "accounts_counted": figures.accounts_counted,
        "generated_accounts": figures.generated_accounts,
        "generated_entities": figures.generated_entities,
        "generated_bed_counts": figures.generated_bed_counts,
    }


# --- the organization's own presence ---------------------------------------------------------


def own_presence(listing: Entity | None, claimed: bool) -> dict:
    """The listing's accounts listed today, with when each was last checked."""
    if listing is None:
        return {"listing": None, "accounts": [], "as_of": None, "source": REGISTRY_SOURCE}
    accounts = [
        {
            "platform": account.platform,
            "label": account.get_platform_display(),
            "handle": account.handle,
            "url": account.url,
            "followers": account.followers,
            "verified": account.verified,
            "first_listed": account.first_listed,
            "last_checked": account.last_checked,
            "is_generated": account.is_generated,
        }
        for account in listing.accounts.filter(removed_on__isnull=True).order_by(
            "platform", "handle"
        )
    ]
    checked = [a["last_checked"] for a in accounts if a["last_checked"] is not None]
    return {
        "listing": _listing_summary(listing, claimed),
        "accounts": accounts,
        "as_of": max(checked) if checked else None,
        "source": f"{REGISTRY_SOURCE}, the listing's accounts as last checked",
    }
