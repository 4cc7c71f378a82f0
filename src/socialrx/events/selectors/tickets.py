"""A person's tickets and orders (the "My events" page), and the reads the ticket pages need.

A ticket is a person's when its attendee is linked to their account, or its email is one of
their verified email addresses (a colleague registered them before they had an account)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from allauth.account.models import EmailAddress
from django.db.models import BooleanField, Case, Prefetch, Q, Value, When
from django.db.models.functions import Lower
from django.utils import timezone

from socialrx.core.errors import NotFound
from socialrx.core.permissions import allowed, person_cache

from ..models import HOLDING_STATUSES, Attendee, AttendeeStatus, Order, OrderStatus

VERIFIED_EMAILS = "events.verified_emails"


def verified_emails(user) -> frozenset[str]:
    """The person's verified email addresses, lowercased (loaded once per request)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    return person_cache(
        user,
        VERIFIED_EMAILS,
        lambda: frozenset(
            email.lower()
            for email in EmailAddress.objects.filter(user=user, verified=True).values_list(
                "email", flat=True
            )
        ),
    )


def _upcoming_first(items, event_of, now):
    """Events not yet over, soonest first; then past ones, latest first."""
    upcoming = [item for item in items if event_of(item).ends_at >= now]
    past = [item for item in items if event_of(item).ends_at < now]
    upcoming.sort(key=lambda item: (event_of(item).starts_at, item.pk))
    past.sort(key=lambda item: (event_of(item).starts_at, item.pk), reverse=True)
    return upcoming + past


def tickets_of(user, *, now=None) -> list[Attendee]:
    """The person's own tickets (any status), upcoming events first."""
    now = now or timezone.now()
    mine = Q(person=user)
    emails = verified_emails(user)
    if emails:
        mine |= Q(email_key__in=sorted(emails))
    tickets = list(
        Attendee.objects.filter(mine).select_related(
            "event", "ticket_type", "order", "order__made_by"
        )
    )
    return _upcoming_first(tickets, lambda ticket: ticket.event, now)


def orders_of(user, *, now=None) -> list[Order]:
    """The orders the person placed, upcoming first, each with its attendees (`attendees.all`,
    by name: their event, order and ticket type set from the order, so no query each)."""
    now = now or timezone.now()
    orders = list(
        Order.objects.filter(made_by=user)
        .select_related("event", "ticket_type", "organization", "made_by")
        .prefetch_related(Prefetch("attendees", Attendee.objects.order_by("full_name", "pk")))
    )
    for order in orders:
        for attendee in order.attendees.all():
            attendee.event, attendee.ticket_type, attendee.order = (
                order.event,
                order.ticket_type,
                order,
            )
    return _upcoming_first(orders, lambda order: order.event, now)


@dataclass(frozen=True)
class TicketRow:
    """A ticket on the person's page with what they may do with it."""

    attendee: Attendee
    mine: bool  # the ticket is the viewer's own (not only bought by them)
    can_download: bool
    can_rename: bool
    can_cancel: bool
    refund_open: bool
    own: bool = False  # listed among the viewer's own tickets too


def ticket_rows(user, attendees: list[Attendee], *, now=None, mine=True) -> list[TicketRow]:
    now = now or timezone.now()
    rows = []
    for attendee in attendees:
        live = attendee.status != AttendeeStatus.CANCELLED
        event = attendee.event
        rows.append(
            TicketRow(
                attendee=attendee,
                mine=mine,
                can_download=attendee.status == AttendeeStatus.CONFIRMED,
                can_rename=live
                and attendee.order.made_by_id == user.pk
                and now <= event.rename_until,
                can_cancel=live and now < event.ends_at,
                refund_open=now <= event.refund_until,
            )
        )
    return rows


# A past order lists this many attendees, then "and N more" with a link to the order's page.
PAST_ORDER_ATTENDEES = 3


@dataclass(frozen=True)
class OrderRow:
    order: Order
    tickets: list[TicketRow]  # those shown (a long past order: its first few)
    live: int  # tickets still holding a place
    count: int  # every ticket of the order
    more: int = 0  # tickets not shown


def order_rows(user, orders: list[Order], *, own: set[int] = frozenset(), now=None):
    """The orders worth listing beside the viewer's own tickets, with their attendees' rows:
    those registering someone else, or still awaiting payment (an order of the viewer alone,
    paid, is their ticket, listed already). The viewer's own tickets (`own`: attendee ids) carry
    no actions here; a past order shows its first few attendees."""
    now = now or timezone.now()
    rows = []
    for order in orders:
        attendees = list(order.attendees.all())
        others = any(attendee.pk not in own for attendee in attendees)
        if not others and order.status != OrderStatus.PENDING:
            continue
        tickets = [
            replace(row, can_download=False, can_rename=False, can_cancel=False, own=True)
            if row.attendee.pk in own
            else row
            for row in ticket_rows(user, attendees, now=now, mine=False)
        ]
        shown = tickets
        if order.event.ends_at < now and len(tickets) > PAST_ORDER_ATTENDEES + 1:
            shown = tickets[:PAST_ORDER_ATTENDEES]
        rows.append(
            OrderRow(
                order=order,
                tickets=shown,
                live=sum(1 for a in attendees if a.status in HOLDING_STATUSES),
                count=len(tickets),
                more=len(tickets) - len(shown),
            )
        )
    return rows


def split_past(items, event_of, *, now=None) -> tuple[list, list]:
    """`items` (in order) whose event is not over yet, and those whose event is."""
    now = now or timezone.now()
    upcoming = [item for item in items if event_of(item).ends_at >= now]
    past = [item for item in items if event_of(item).ends_at < now]
    return upcoming, past


def attendee_for(user, public_id, perm: str = "events.view_ticket") -> Attendee:
    """The attendee, if `user` holds `perm` on it (on its order for "events.manage_order");
    else NotFound, the same answer as for an unknown id."""
    attendee = (
        Attendee.objects.select_related("event", "ticket_type", "order", "order__made_by")
        .filter(public_id=public_id)
        .first()
    )
    target = attendee.order if attendee and perm == "events.manage_order" else attendee
    if attendee is None or not allowed(user, perm, target):
        raise NotFound("Ticket not found.")
    return attendee


@dataclass(frozen=True)
class MyRegistration:
    """The viewer at one event: their own tickets there still holding a place (by account or
    verified email), and the orders they placed there that still hold one."""

    tickets: tuple[Attendee, ...]
    orders: tuple[Order, ...]

    @property
    def registered(self) -> bool:
        return any(ticket.status == AttendeeStatus.CONFIRMED for ticket in self.tickets)

    @property
    def awaiting_payment(self) -> bool:
        return bool(self.tickets) and not self.registered

    @property
    def others(self) -> int:
        """How many people, besides the viewer, their orders register."""
        mine = {ticket.pk for ticket in self.tickets}
        return sum(
            1 for order in self.orders for attendee in order.holding if attendee.pk not in mine
        )


def registration_at(user, event) -> MyRegistration | None:
    """Is the viewer registered for `event`, and which orders did they place for it: one query
    (none for a visitor, who gets None)."""
    if not getattr(user, "is_authenticated", False):
        return None
    emails = (
        EmailAddress.objects.filter(user=user, verified=True)
        .annotate(key=Lower("email"))
        .values("key")
    )
    theirs = Q(person=user) | Q(email_key__in=emails)
    attendees = (
        Attendee.objects.filter(event=event, status__in=HOLDING_STATUSES)
        .filter(theirs | Q(order__made_by=user))
        .annotate(
            is_mine=Case(
                When(theirs, then=Value(True)), default=Value(False), output_field=BooleanField()
            )
        )
        .select_related("order")
        .order_by("order__created_at", "order_id", "full_name", "pk")
    )
    tickets, orders = [], {}
    for attendee in attendees:
        if attendee.is_mine:
            tickets.append(attendee)
        if attendee.order.made_by_id == user.pk:
            order = orders.setdefault(attendee.order_id, attendee.order)
            order.holding = [*getattr(order, "holding", []), attendee]
    return MyRegistration(tuple(tickets), tuple(orders.values()))
