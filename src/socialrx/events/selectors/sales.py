"""Staff reads of one event's sales. The money comes from billing: the invoice lines of kind
"events.ticket" whose sold object is an order of this event.

- Paid: the lines of paid invoices (what they billed).
- Refunded: what was refunded or credited against those lines (card or check refunds, credit
  notes naming the line).
- Net: paid less refunded.
- Outstanding: the lines of open invoices (an invoice awaiting its check, a card checkout in
  progress), less anything already credited against them.
Void invoices count nowhere.

Tickets come from the attendees: registered (confirmed), awaiting payment (pending, still
holding a place), and the places left (`selectors.places`).

Over time, each day on the event's clock: tickets confirmed that day (attendees confirmed
then, still registered), and revenue: paid lines on the day their invoice was paid, less
refunds and credit notes on the day they were made. The last day's cumulative revenue equals
the total net; the tickets confirmed add up to the registered total."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, F, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from socialrx.billing.models import CreditNote, InvoiceLine, InvoiceStatus, Refund

from ..calendars import local
from ..models import Attendee, AttendeeStatus, Event, Order
from .places import TICKET_KIND, event_places
from .reports import ticket_types_of


def event_lines(event: Event) -> QuerySet[InvoiceLine]:
    """Billing's lines selling this event's orders, each annotated with its order's ticket
    type (`ticket_type_id`)."""
    orders = Order.objects.filter(event=event)
    return InvoiceLine.objects.filter(
        kind=TICKET_KIND, sold_public_id__in=orders.values("public_id")
    ).annotate(
        ticket_type_id=Subquery(
            Order.objects.filter(public_id=OuterRef("sold_public_id")).values("ticket_type_id")[:1]
        )
    )


@dataclass
class TypeSales:
    label: str
    price_cents: int = 0
    registered: int = 0
    awaiting_payment: int = 0
    quota: int | None = None
    left: int | None = None
    paid_cents: int = 0
    refunded_cents: int = 0
    outstanding_cents: int = 0

    @property
    def net_cents(self) -> int:
        return self.paid_cents - self.refunded_cents


@dataclass(frozen=True)
class SalesByType:
    rows: list[TypeSales]
    total: TypeSales


def _line_total(model) -> Coalesce:
    """The refunds (or credit notes) made on each line, as `sales_over_time` counts them: a
    credit note events adds to an open invoice names its line without touching the line's
    `refunded_cents`."""
    made = (
        model.objects.filter(line=OuterRef("pk"))
        .order_by()
        .values("line")
        .annotate(total=Sum("amount_cents"))
        .values("total")
    )
    return Coalesce(Subquery(made), Value(0))


def sales_by_type(event: Event) -> SalesByType:
    """Per ticket type and in total (five queries, however many sales)."""
    types = ticket_types_of(event)
    rows = {tt.pk: TypeSales(tt.name, tt.price_cents, quota=tt.quota) for tt in types}
    money = (
        event_lines(event)
        .annotate(
            refunds_made=_line_total(Refund),
            credits_made=_line_total(CreditNote),
        )
        .order_by()
        .values("ticket_type_id", "invoice__status")
        .annotate(amount=Sum("amount_cents"), refunded=Sum(F("refunds_made") + F("credits_made")))
    )
    for entry in money:
        row = rows.get(entry["ticket_type_id"])
        if row is None:  # an order whose type was removed: impossible (protected), skip
            continue
        if entry["invoice__status"] == InvoiceStatus.PAID:
            row.paid_cents += entry["amount"] or 0
            row.refunded_cents += entry["refunded"] or 0
        elif entry["invoice__status"] == InvoiceStatus.OPEN:
            row.outstanding_cents += (entry["amount"] or 0) - (entry["refunded"] or 0)
    registered = dict(
        Attendee.objects.filter(event=event, status=AttendeeStatus.CONFIRMED)
        .order_by()
        .values("ticket_type_id")
        .annotate(n=Count("pk"))
        .values_list("ticket_type_id", "n")
    )
    places = event_places(event, types)
    for tt in types:
        row = rows[tt.pk]
        row.registered = registered.get(tt.pk, 0)
        counted = places.by_type[tt.pk]
        row.awaiting_payment = max(counted.sold - row.registered, 0)
        row.left = counted.left
    listed = list(rows.values())
    total = TypeSales(
        "All ticket types",
        registered=sum(row.registered for row in listed),
        awaiting_payment=sum(row.awaiting_payment for row in listed),
        quota=event.capacity,
        left=places.left,
        paid_cents=sum(row.paid_cents for row in listed),
        refunded_cents=sum(row.refunded_cents for row in listed),
        outstanding_cents=sum(row.outstanding_cents for row in listed),
    )
    return SalesByType(listed, total)


@dataclass
class SalesDay:
    day: date
    tickets: int = 0
    tickets_to_date: int = 0
    paid_cents: int = 0
    refunded_cents: int = 0
    revenue_to_date_cents: int = 0

    @property
    def net_cents(self) -> int:
        return self.paid_cents - self.refunded_cents


@dataclass(frozen=True)
class SalesOverTime:
    """The days with a sale, a payment or a refund (the table), and every day from the first
    to the last (the chart: a day without sales is a zero, not a gap)."""

    days: list[SalesDay] = field(default_factory=list)
    every_day: list[SalesDay] = field(default_factory=list)

    @property
    def tickets(self) -> int:
        return sum(day.tickets for day in self.days)

    @property
    def paid_cents(self) -> int:
        return sum(day.paid_cents for day in self.days)

    @property
    def refunded_cents(self) -> int:
        return sum(day.refunded_cents for day in self.days)

    @property
    def revenue_cents(self) -> int:
        return self.paid_cents - self.refunded_cents


def sales_over_time(event: Event) -> SalesOverTime:
    """Tickets confirmed and revenue per day on the event's clock (four queries)."""
    by_day: dict[date, SalesDay] = defaultdict(lambda: SalesDay(date.min))

    def day_of(moment) -> SalesDay:
        shown = local(moment, event).date()
        entry = by_day[shown]
        entry.day = shown
        return entry

    confirmed = Attendee.objects.filter(
        event=event, status=AttendeeStatus.CONFIRMED, confirmed_at__isnull=False
    ).values_list("confirmed_at", flat=True)
    for moment in confirmed:
        day_of(moment).tickets += 1
    paid_lines = event_lines(event).filter(invoice__status=InvoiceStatus.PAID)
    for amount, paid_at, issued_on in paid_lines.values_list(
        "amount_cents", "invoice__paid_at", "invoice__issued_on"
    ):
        if paid_at is None:  # never on a paid invoice; counted on its issue day if it were
            entry = by_day[issued_on]
            entry.day = issued_on
        else:
            entry = day_of(paid_at)
        entry.paid_cents += amount
    line_ids = paid_lines.values("pk")
    for model in (Refund, CreditNote):
        for amount, made_at in model.objects.filter(line__in=line_ids).values_list(
            "amount_cents", "created_at"
        ):
            day_of(made_at).refunded_cents += amount
    if not by_day:
        return SalesOverTime()
    first, last = min(by_day), max(by_day)
    every_day, tickets, revenue = [], 0, 0
    for ordinal in range(first.toordinal(), last.toordinal() + 1):
        day = date.fromordinal(ordinal)
        entry = by_day.get(day) or SalesDay(day)
        tickets += entry.tickets
        revenue += entry.net_cents
        entry.tickets_to_date, entry.revenue_to_date_cents = tickets, revenue
        every_day.append(entry)
    days = [entry for entry in every_day if entry.day in by_day]
    return SalesOverTime(days, every_day)
