"""How the demo's buyers register and pay, as they would on the pages: `register` (places held),
billing's checkout at the price the buyer's plan gives, then payment by card (the card
provider's notice that the invoice was paid online: the demo has no card provider, so the
notice is the one the provider would send, marked "demo"), by check or ACH recorded by staff,
or an invoice left open. Services date what they write now; `date_order` then moves an order,
its attendees, invoice and payment to the day the story has them happen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from socialrx.billing.models import Invoice, PaymentRoute
from socialrx.billing.payment_providers import PaymentEvent
from socialrx.billing.services.checkout import Item, checkout
from socialrx.billing.services.payments import handle_provider_event, record_manual_payment
from socialrx.core.calendar import center_today
from socialrx.training.demo.dates import date_invoice

from ..models import Attendee, Event, Order, TicketType
from ..selectors.places import TICKET_KIND
from ..services.registration import AttendeeDetails, register

CARD = "card"
CHECK = "check"
ACH = "ach"
OPEN = "open"  # invoiced, not paid yet
PROVIDER = "demo"  # the card notices the demo records (no real provider)


@dataclass(frozen=True)
class Sale:
    order: Order
    invoice: Invoice | None
    registered: datetime
    paid_on: date | None  # None: free, or the invoice is still open


def buy(
    actor,
    event: Event,
    ticket_type: TicketType,
    attendees: list[AttendeeDetails],
    *,
    organization=None,
    paid: str,
    registered: datetime,
    paid_on: date | None = None,
    staff=None,
    po_number: str = "",
) -> Sale:
    """Register `attendees` (on the story's day `registered`), check out by invoice and pay it
    on `paid_on` (`paid`: CARD, CHECK, ACH, or OPEN for an invoice not paid yet). A free ticket
    is confirmed by the registration itself: nothing to check out. Call `date_order` once the
    event is on its real days."""
    order = register(actor, event, ticket_type, attendees, organization=organization)
    if ticket_type.price_cents == 0:
        return Sale(order, None, registered, None)
    paid_on = None if paid == OPEN else (paid_on or registered.date())
    invoice = checkout(
        actor=actor,
        buyer=organization or actor,
        items=[Item(TICKET_KIND, order.public_id, quantity=order.quantity)],
        pay_by=PaymentRoute.INVOICE,
        billing_name=actor.full_name,
        billing_email=actor.email,
        po_number=po_number,
    )
    invoice = Invoice.objects.get(pk=invoice.pk)
    if paid == CARD:
        handle_provider_event(
            PaymentEvent(
                event_id=f"evt_demo_{invoice.number}",
                event_type="checkout.session.completed",
                invoice_public_id=str(invoice.public_id),
                amount_cents=invoice.balance_cents,
                currency=invoice.currency,
                paid=True,
                payment_id=f"pi_demo_{invoice.number}",
            ),
            provider_name=PROVIDER,
        )
    elif paid in (CHECK, ACH):
        record_manual_payment(
            actor=staff,
            invoice=invoice,
            amount_cents=invoice.balance_cents,
            method=paid,
            reference=(
                f"ACH-{paid_on:%Y%m%d}-{invoice.number[-5:]}"
                if paid == ACH
                else f"Check {2700 + invoice.pk}"
            ),
            received_on=center_today(),
        )
    order.refresh_from_db()
    return Sale(order, Invoice.objects.get(pk=invoice.pk), registered, paid_on)


def date_order(sale: Sale) -> None:
    """The order made when the story has it, and paid (confirmed) on its day (a free order at
    once); an open invoice stays open, issued the day it was registered."""
    order, registered, paid_on = sale.order, sale.registered, sale.paid_on
    confirmed = None
    if order.confirmed_at is not None:
        confirmed = registered if paid_on is None else _afternoon(paid_on, registered)
    Order.objects.filter(pk=order.pk).update(created_at=registered, confirmed_at=confirmed)
    Attendee.objects.filter(order=order).update(created_at=registered)
    Attendee.objects.filter(order=order, confirmed_at__isnull=False).update(confirmed_at=confirmed)
    if sale.invoice is not None:
        date_invoice(sale.invoice.pk, registered.date(), paid_on)


def _afternoon(day: date, registered: datetime) -> datetime:
    """Paid on `day` (never before it was registered)."""
    moment = registered.replace(year=day.year, month=day.month, day=day.day) + timedelta(hours=3)
    return max(moment, registered)
