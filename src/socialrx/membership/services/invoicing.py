"""Membership asks billing to invoice its years and adjustments. Each invoice line names a
MembershipCharge (kind `membership.period` or `membership.adjustment`); billing tells
`membership.sales` when the invoice is paid or voided."""

from __future__ import annotations

import uuid
from datetime import date

from django.db import transaction

from socialrx.billing.sellables import Quote
from socialrx.billing.services.invoices import Line, issue_invoice
from socialrx.core.errors import DomainError
from socialrx.core.permissions import require

from ..models import ChargeKind, Membership, MembershipCharge, Plan

PERIOD_KIND = "membership.period"
ADJUSTMENT_KIND = "membership.adjustment"


def invoice_membership(
    *,
    membership: Membership,
    kind: str,
    description: str,
    amount_cents: int,
    actor=None,
    plan: Plan | None = None,
    period: tuple[date, date] | None = None,
    issued_on: date | None = None,
    due_on: date | None = None,
):
    """Issue (through billing) the invoice of one membership charge and record the charge."""
    charge_id = uuid.uuid4()
    invoice = issue_invoice(
        buyer=membership.organization,
        lines=[
            Line(
                kind=ADJUSTMENT_KIND if kind == ChargeKind.ADJUSTMENT else PERIOD_KIND,
                sold_public_id=charge_id,
                quote=Quote(description=description, unit_price_cents=amount_cents),
            )
        ],
        billing_name=membership.billing_contact_name or str(membership.organization),
        billing_email=membership.billing_email,
        po_number=membership.po_number,
        tax_exempt_note=membership.tax_exempt_note,
        actor=actor,
        issued_on=issued_on,
        due_on=due_on,
    )
    MembershipCharge.objects.create(
        public_id=charge_id,
        membership=membership,
        invoice=invoice,
        kind=kind,
        plan=plan or membership.plan,
        period_starts_on=period[0] if period else None,
        period_ends_on=period[1] if period else None,
    )
    return invoice


@transaction.atomic
def issue_adjustment_invoice(*, actor, membership: Membership, description: str, amount_cents: int):
    """Staff bill a difference, for example after an organization grew into a larger band."""
    require(actor, "membership.manage_memberships")
    description = (description or "").strip()
    if not description:
        raise DomainError("Describe what the adjustment is for.", field="description")
    if amount_cents <= 0:
        raise DomainError("The amount must be more than zero.", field="amount")
    return invoice_membership(
        membership=membership,
        kind=ChargeKind.ADJUSTMENT,
        description=description,
        amount_cents=amount_cents,
        actor=actor,
    )
