"""What membership sells through billing: membership years and adjustments. Both are issued
by membership's own flows (approval, the renewal run, staff), never from the checkout page."""

from __future__ import annotations

from socialrx.billing.sellables import ExpectedSale, Quote, SellableKind
from socialrx.core.errors import NotFound

from .models import MembershipCharge
from .selectors import renewals_due
from .services.invoicing import ADJUSTMENT_KIND, PERIOD_KIND


def _charge(line) -> MembershipCharge | None:
    return (
        # Only the charge's row is locked: its plan is a nullable (outer) join.
        MembershipCharge.objects.select_for_update(of=("self",))
        .select_related("membership", "plan")
        .filter(public_id=line.sold_public_id)
        .first()
    )


def _quote(buyer, sold_public_id, quantity) -> Quote:
    charge = MembershipCharge.objects.select_related("invoice").filter(public_id=sold_public_id)
    charge = charge.first()
    if charge is None:
        raise NotFound("No such membership charge.")
    return Quote(description=str(charge), unit_price_cents=charge.invoice.total_cents)


def _year_paid(line) -> None:
    from .services.lifecycle import extend_for_charge  # noqa: PLC0415 - lifecycle imports the invoicing this module's kinds name

    charge = _charge(line)
    if charge is not None:
        extend_for_charge(charge)


def _voided(line) -> None:
    MembershipCharge.objects.filter(public_id=line.sold_public_id).update(voided=True)


def _renewals_due(days: int) -> list[ExpectedSale]:
    return [
        ExpectedSale(
            due_on=membership.covered_until,
            buyer_name=str(membership.organization),
            description=f"Membership renewal, {membership.plan.name}",
            amount_cents=membership.plan.annual_price_cents,
        )
        for membership in renewals_due(days=days)
    ]


KINDS = [
    SellableKind(
        code=PERIOD_KIND,
        label="Membership year",
        quote=_quote,
        on_paid=_year_paid,
        on_void=_voided,
        buyable=False,
        extra={"upcoming": _renewals_due},
    ),
    SellableKind(
        code=ADJUSTMENT_KIND,
        label="Membership adjustment",
        quote=_quote,
        on_void=_voided,
        buyable=False,
    ),
]
