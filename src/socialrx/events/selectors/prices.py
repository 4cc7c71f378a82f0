"""What a ticket costs a buyer, and whether they may buy it now.

The list price is the ticket type's; a MEMBER ticket costs the buyer's plan price (through
`membership.selectors.member_price`, kind "events.ticket"). The buyer is the organization for a
team order, else the person (None: a visitor, who sees list prices). Availability is about the
calendar and who may buy; places left are counted by `selectors.places`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from socialrx.membership.selectors import is_member, member_organization_ids, member_price
from socialrx.organizations.models import Organization

from ..calendars import describe_moment
from ..models import Event, EventStatus, TicketKind, TicketType
from .places import TICKET_KIND


@dataclass(frozen=True)
class TicketPrice:
    """One unit's price for a buyer: `cents` to pay (list − discount), with the discount's
    reason for the invoice line; `available` False with `why_not` when it cannot be bought."""

    cents: int
    list_cents: int
    discount_cents: int = 0
    reason: str = ""
    available: bool = True
    why_not: str = ""

    @property
    def is_free(self) -> bool:
        return self.cents == 0


def registration_refusal(event: Event, *, now: datetime | None = None) -> str:
    """Why nobody can register for the event now ("" when registration is open)."""
    now = now or timezone.now()
    if event.status == EventStatus.CANCELLED:
        return f"{event.title} was cancelled."
    if event.status != EventStatus.PUBLISHED:
        return f"Registration for {event.title} is not open."
    if now < event.registration_opens_at:
        return f"Registration opens on {describe_moment(event.registration_opens_at, event)}."
    if now > event.registration_closes_at:
        return f"Registration closed on {describe_moment(event.registration_closes_at, event)}."
    return ""


def sale_refusal(ticket_type: TicketType, *, now: datetime | None = None) -> str:
    """Why the ticket type is not on sale now ("" when it is); the event's own window aside."""
    now = now or timezone.now()
    event = ticket_type.event
    if ticket_type.sales_start and now < ticket_type.sales_start:
        return (
            f"{ticket_type.name} goes on sale on {describe_moment(ticket_type.sales_start, event)}."
        )
    if ticket_type.sales_end and now >= ticket_type.sales_end:
        ended = describe_moment(ticket_type.sales_end, event)
        if ticket_type.kind == TicketKind.EARLY_BIRD:
            return f"The early-bird price ended on {ended}."
        return f"{ticket_type.name} is no longer on sale: sales ended on {ended}."
    return ""


def buyer_is_member(buyer) -> bool:
    """An organization with benefits today, or a person of one."""
    if buyer is None:
        return False
    if isinstance(buyer, Organization):
        return is_member(buyer)
    if not getattr(buyer, "is_authenticated", False):
        return False
    return bool(member_organization_ids(buyer))


def member_refusal(ticket_type: TicketType, buyer) -> str:
    if ticket_type.kind != TicketKind.MEMBER or buyer_is_member(buyer):
        return ""
    if isinstance(buyer, Organization):
        return f"{ticket_type.name} tickets are for member organizations; {buyer} is not a member."
    return (
        f"{ticket_type.name} tickets are for people of member organizations. "
        "Choose another ticket type."
    )


def price_for(buyer, ticket_type: TicketType, *, now: datetime | None = None) -> TicketPrice:
    """One unit of `ticket_type` for `buyer` now (a group ticket's unit is the whole group)."""
    now = now or timezone.now()
    list_cents = ticket_type.price_cents
    why_not = (
        registration_refusal(ticket_type.event, now=now)
        or sale_refusal(ticket_type, now=now)
        or member_refusal(ticket_type, buyer)
    )
    if ticket_type.kind == TicketKind.MEMBER and list_cents and not why_not:
        price = member_price(buyer, list_cents, kind=TICKET_KIND)
        return TicketPrice(price.cents, list_cents, price.discount_cents, price.reason)
    return TicketPrice(list_cents, list_cents, 0, "", available=not why_not, why_not=why_not)


def prices_for(buyer, ticket_types, *, now: datetime | None = None) -> dict[int, TicketPrice]:
    """`price_for` for several ticket types of one event, by id; the buyer's membership is
    looked up once (member prices are memoised per list price)."""
    now = now or timezone.now()
    member = buyer_is_member(buyer)
    memo: dict[int, object] = {}
    prices = {}
    for ticket_type in ticket_types:
        list_cents = ticket_type.price_cents
        why_not = registration_refusal(ticket_type.event, now=now) or sale_refusal(
            ticket_type, now=now
        )
        if not why_not and ticket_type.kind == TicketKind.MEMBER and not member:
            why_not = member_refusal(ticket_type, buyer)
        if ticket_type.kind == TicketKind.MEMBER and list_cents and not why_not:
            if list_cents not in memo:
                memo[list_cents] = member_price(buyer, list_cents, kind=TICKET_KIND)
            price = memo[list_cents]
            prices[ticket_type.pk] = TicketPrice(
                price.cents, list_cents, price.discount_cents, price.reason
            )
        else:
            prices[ticket_type.pk] = TicketPrice(
                list_cents, list_cents, available=not why_not, why_not=why_not
            )
    return prices
