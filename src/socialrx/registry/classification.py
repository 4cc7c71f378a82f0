"""The groups the published studies compare hospitals by, derived from what CMS publishes.

Griffis et al. (J Med Internet Res 2014) report adoption and followers by ownership (public,
private non-profit, private for-profit) and by bed size (under 100, 100–299, 300 or more).
CMS's Hospital General Information file names twelve kinds of ownership and no bed count, so
ownership is grouped here, and size comes from a bed count when one is known."""

from __future__ import annotations

from django.db import models

from socialrx.core.geography import region_of


class OwnershipGroup(models.TextChoices):
    PUBLIC = "public", "Public (government)"
    NONPROFIT = "nonprofit", "Private non-profit"
    FOR_PROFIT = "for_profit", "Private for-profit"


class SizeBand(models.TextChoices):
    SMALL = "small", "Small (under 100 beds)"
    MEDIUM = "medium", "Medium (100–299 beds)"
    LARGE = "large", "Large (300 beds or more)"


CRITICAL_ACCESS = "Critical Access Hospitals"
# Federal law caps a critical access hospital at 25 inpatient beds (42 CFR 485.620), so its
# size band is known even without a bed count.
CRITICAL_ACCESS_MAX_BEDS = 25

_PUBLIC_PREFIXES = ("government", "veterans", "department of defense", "tribal")
_NONPROFIT_PREFIXES = ("voluntary non-profit", "voluntary nonprofit", "non-profit", "nonprofit")
_FOR_PROFIT_PREFIXES = ("proprietary", "physician", "for-profit", "for profit")


def ownership_group(ownership: str) -> str:
    """Group a CMS ownership label; "" when it is empty or unfamiliar."""
    text = (ownership or "").strip().lower()
    for prefixes, group in (
        (_PUBLIC_PREFIXES, OwnershipGroup.PUBLIC),
        (_NONPROFIT_PREFIXES, OwnershipGroup.NONPROFIT),
        (_FOR_PROFIT_PREFIXES, OwnershipGroup.FOR_PROFIT),
    ):
        if text.startswith(prefixes):
            return group
    return ""


def size_band(bed_count: int | None, hospital_type: str = "") -> str:
    """The Griffis bed-size band; "" when the size is unknown."""
    if bed_count is None:
        if hospital_type == CRITICAL_ACCESS:
            return SizeBand.SMALL
        return ""
    if bed_count < 100:
        return SizeBand.SMALL
    if bed_count < 300:
        return SizeBand.MEDIUM
    return SizeBand.LARGE


def classify(entity) -> None:
    """Set an entity's derived columns (region, ownership group, size band) from its own."""
    from .models import EntityKind  # noqa: PLC0415 - the models use this module: a top-level import would be a cycle

    entity.region = region_of(entity.state, entity.country)
    is_hospital = entity.kind == EntityKind.HOSPITAL
    entity.ownership_group = ownership_group(entity.ownership) if is_hospital else ""
    entity.size_band = size_band(entity.bed_count, entity.hospital_type) if is_hospital else ""


DERIVED_FIELDS = ("region", "ownership_group", "size_band")
