"""Plans and size bands. Staff edit plans; the bands of one audience must stay contiguous."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from socialrx.core import audit
from socialrx.core.errors import DomainError
from socialrx.core.permissions import require
from socialrx.organizations.models import Organization, OrganizationType

from ..models import Plan, PlanAudience

PLAN_FIELDS = [
    "audience",
    "name",
    "size_min",
    "size_max",
    "annual_price_cents",
    "currency",
    "seat_limit",
    "coaching_hours",
    "boot_camp_discount_percent",
    "conference_discount_percent",
    "resource_tiers",
    "is_active",
]


def check_bands(plans: list[Plan], audience: str) -> None:
    """Active bands of one audience start at 1, follow each other without gap or overlap, and
    the top band is open-ended (an individual physician is always size 1, so one band)."""
    label = PlanAudience(audience).label.lower()
    bands = sorted((p for p in plans if p.is_active), key=lambda p: p.size_min)
    if not bands:
        return
    if bands[0].size_min != 1:
        raise DomainError(f"The smallest band for {label} must start at 1.", field="size_min")
    for lower, upper in zip(bands, bands[1:], strict=False):
        if lower.size_max is None or upper.size_min <= lower.size_max:
            raise DomainError(
                f"“{lower.name}” ({lower.band_label}) overlaps "
                f"“{upper.name}” ({upper.band_label}).",
                field="size_min",
            )
        if upper.size_min != lower.size_max + 1:
            raise DomainError(
                f"Sizes {lower.size_max + 1}–{upper.size_min - 1} fall between “{lower.name}” "
                f"and “{upper.name}”: no plan would cover them.",
                field="size_min",
            )
    if bands[-1].size_max is not None and audience != PlanAudience.INDIVIDUAL:
        raise DomainError(
            f"The largest band for {label} must be open-ended (leave “up to” empty).",
            field="size_max",
        )


@transaction.atomic
def save_plan(*, actor, plan: Plan | None, data: dict[str, Any]) -> Plan:
    """Create or change a plan. A price change applies to periods that start later: a period
    keeps the price it was invoiced at."""
    require(actor, "membership.manage_plans")
    creating = plan is None
    plan = plan or Plan()
    before = {} if creating else audit.snapshot(plan, PLAN_FIELDS)
    for field in PLAN_FIELDS:
        if field in data:
            setattr(plan, field, data[field])
    try:
        plan.full_clean()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=None if field == "__all__" else field) from error
    siblings = list(
        Plan.objects.select_for_update().filter(audience=plan.audience).exclude(pk=plan.pk)
    )
    check_bands([*siblings, plan], plan.audience)
    plan.save()
    audit.record(
        actor=actor,
        action="membership.plan.created" if creating else "membership.plan.updated",
        target=plan,
        before=before,
        after=audit.snapshot(plan, PLAN_FIELDS),
    )
    return plan


AUDIENCE_OF_TYPE = {
    OrganizationType.HOSPITAL: PlanAudience.HOSPITAL,
    OrganizationType.HEALTH_SYSTEM: PlanAudience.HEALTH_SYSTEM,
    OrganizationType.PRACTICE: PlanAudience.PRACTICE,
    OrganizationType.OTHER: PlanAudience.OTHER,
    OrganizationType.INDIVIDUAL: PlanAudience.INDIVIDUAL,
}


def size_of(organization: Organization) -> int | None:
    """The size figure that places an organization in a band."""
    return {
        OrganizationType.HOSPITAL: organization.licensed_beds,
        OrganizationType.HEALTH_SYSTEM: organization.hospital_count,
        OrganizationType.PRACTICE: organization.provider_count,
        OrganizationType.OTHER: organization.employee_count,
        OrganizationType.INDIVIDUAL: 1,
    }[OrganizationType(organization.org_type)]


def plan_for(organization: Organization) -> Plan:
    """The active plan whose band holds the organization's size, or a DomainError saying
    what is missing."""
    audience = AUDIENCE_OF_TYPE[OrganizationType(organization.org_type)]
    size = size_of(organization)
    if size is None:
        unit = {
            PlanAudience.HOSPITAL: "licensed beds",
            PlanAudience.HEALTH_SYSTEM: "number of hospitals",
            PlanAudience.PRACTICE: "number of providers",
            PlanAudience.OTHER: "number of employees",
        }[audience]
        raise DomainError(f"Add the {unit} to the organization's profile to get a quote.")
    for plan in Plan.objects.active().filter(audience=audience).order_by("size_min"):
        if plan.covers(size):
            return plan
    raise DomainError(
        f"No plan is offered for {audience.label.lower()} of this size yet. Contact the center."
    )
