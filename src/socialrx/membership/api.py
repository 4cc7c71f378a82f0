from datetime import date
from uuid import UUID

from ninja import Router, Schema

from socialrx.core.api_errors import documented
from socialrx.organizations.selectors import organization_for

from . import selectors
from .models import Plan

public_router = Router(auth=None)
router = Router()


class PlanOut(Schema):
    public_id: UUID
    audience: str
    name: str
    band: str
    size_min: int
    size_max: int | None
    annual_price_cents: int
    currency: str
    seat_limit: int
    coaching_hours: int
    boot_camp_discount_percent: int
    conference_discount_percent: int
    resource_tiers: list[str]

    @staticmethod
    def resolve_band(plan: Plan) -> str:
        return plan.band_label


class MembershipInvoiceOut(Schema):
    """A membership invoice: the year or adjustment it bills (the invoice itself is billing's;
    see /billing/organizations/{public_id}/invoices for everything an organization bought)."""

    public_id: UUID
    number: str
    kind: str
    status: str
    issued_on: date
    due_on: date
    currency: str
    total_cents: int
    paid_cents: int
    balance_cents: int


INVOICE_FIELDS = [
    "public_id", "number", "status", "issued_on", "due_on", "currency", "total_cents",
    "paid_cents", "balance_cents",
]  # fmt: skip


class MembershipOut(Schema):
    organization: UUID
    is_member: bool
    status: str | None
    plan: PlanOut | None
    covered_from: date | None
    covered_until: date | None
    seats_used: int
    seat_limit: int
    invoices: list[MembershipInvoiceOut]


@public_router.get("/plans", **documented(list[PlanOut], 403), summary="Membership plans (public)")
def list_plans(request):
    return list(Plan.objects.active().order_by("audience", "size_min"))


@router.get(
    "/organizations/{public_id}/membership",
    **documented(MembershipOut, 401, 403, 404, 422),
    summary="An organization's membership and invoices (its admins and center staff)",
)
def organization_membership(request, public_id: UUID):
    organization = organization_for(request.user, public_id, "membership.view_billing")
    membership = selectors.membership_of(organization)
    used, limit = selectors.seat_summary(organization)
    return {
        "organization": organization.public_id,
        "is_member": selectors.is_member(organization),
        "status": membership.status if membership else None,
        "plan": membership.plan if membership else None,
        "covered_from": membership.covered_from if membership else None,
        "covered_until": membership.covered_until if membership else None,
        "seats_used": used,
        "seat_limit": limit,
        "invoices": [
            {
                **{field: getattr(charge.invoice, field) for field in INVOICE_FIELDS},
                "kind": charge.kind,
            }
            for charge in selectors.membership_charges(organization)
        ],
    }
