"""One checkout for everything sold: lines priced on the server, one invoice for the buyer,
then payment by card, by invoice (net 30, optional purchase order), or nothing to pay."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from django.db import transaction

from socialrx.core.errors import DomainError
from socialrx.core.permissions import require

from ..models import HoldStatus, Invoice, PaymentRoute
from ..payment_providers import card_provider
from ..sellables import kind
from .holds import check_and_lock, new_hold
from .invoices import Line, issue_invoice, mark_paid_if_settled
from .payments import fulfil


@dataclass(frozen=True)
class Item:
    """What the buyer asks for. Never a price: prices come from the selling app."""

    kind: str
    sold_public_id: UUID
    quantity: int = 1


def price(buyer, items: list[Item]) -> list[Line]:
    """The lines `buyer` would be invoiced for `items`, priced by each selling app now."""
    if not items:
        raise DomainError("Choose something to buy.")
    lines = []
    for item in items:
        sellable = kind(item.kind)
        if not sellable.buyable:
            raise DomainError(f"{sellable.label} is not bought here.", field="kind")
        if not 1 <= item.quantity <= sellable.max_quantity:
            raise DomainError(
                f"Choose a quantity from 1 to {sellable.max_quantity}.", field="quantity"
            )
        quote = sellable.quote(buyer, item.sold_public_id, item.quantity)
        lines.append(Line(kind=item.kind, sold_public_id=item.sold_public_id, quote=quote))
    return lines


@transaction.atomic
def checkout(
    *,
    actor,
    buyer,
    items: list[Item],
    pay_by: str,
    billing_name: str,
    billing_email: str,
    po_number: str = "",
    tax_exempt_note: str = "",
) -> Invoice:
    """Invoice `buyer` for `items` and hold capacity-limited units: until the card checkout's
    time runs out (card), until the invoice is paid or voided (invoice), or sold at once
    (nothing to pay, fulfilled before this returns)."""
    require(actor, "billing.buy_for", buyer)
    lines = price(buyer, items)
    total = sum(line.quote.amount_cents for line in lines)
    route = PaymentRoute.FREE if total == 0 else pay_by
    if route not in {PaymentRoute.CARD, PaymentRoute.INVOICE, PaymentRoute.FREE} or (
        total > 0 and route == PaymentRoute.FREE
    ):
        raise DomainError("Choose how to pay: by card or by invoice.", field="pay_by")
    if route == PaymentRoute.CARD and card_provider() is None:
        raise DomainError(
            "Card payment is not available; choose to pay by invoice.", field="pay_by"
        )
    # Locks on the sold objects in one order, before the invoice number's lock, so two
    # checkouts never wait for each other in opposite orders.
    limited = {
        (line.kind, line.sold_public_id)
        for line in sorted(lines, key=lambda line: (line.kind, str(line.sold_public_id)))
        if check_and_lock(line.kind, line.sold_public_id, _units(lines, line))
    }
    invoice = issue_invoice(
        buyer=buyer,
        lines=lines,
        billing_name=billing_name,
        billing_email=billing_email,
        actor=actor,
        po_number=po_number,
        tax_exempt_note=tax_exempt_note,
        route=route,
        email=route == PaymentRoute.INVOICE,
    )
    status = {
        PaymentRoute.CARD: HoldStatus.HELD,
        PaymentRoute.INVOICE: HoldStatus.RESERVED,
        PaymentRoute.FREE: HoldStatus.RESERVED,
    }[route]
    for line in invoice.lines.all():
        if (line.kind, line.sold_public_id) in limited:
            new_hold(invoice, line, status=status)
    if route == PaymentRoute.FREE and mark_paid_if_settled(invoice):
        fulfil(invoice)
    return invoice


def _units(lines: list[Line], line: Line) -> int:
    """Units of one sold object across the order (two lines may name the same thing)."""
    return sum(
        other.quote.quantity
        for other in lines
        if (other.kind, other.sold_public_id) == (line.kind, line.sold_public_id)
    )
