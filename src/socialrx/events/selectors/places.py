"""Places: how many an event and each of its ticket types have left.

An attendee takes a place (of its ticket type's quota and of the event's capacity) while
confirmed, or pending with its order's hold running or its order on an open invoice (a card
checkout in progress, or an invoice not yet paid). A live waitlist offer takes one too, for the
person it was offered to. Count under the event's lock (`services.registration.lock_event`) to
rely on the answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from socialrx.billing.models import InvoiceLine, InvoiceStatus

from ..models import Attendee, AttendeeStatus, Event, TicketType, WaitlistEntry, WaitlistStatus
from .waitlist import live_offers

TICKET_KIND = "events.ticket"  # billing's kind code: the sold object is an Order


def open_invoice_line(sold=None) -> QuerySet[InvoiceLine]:
    """The open invoice line selling an order: `sold` is its public id (or an OuterRef); None
    means the outer Attendee query's order."""
    sold = OuterRef("order__public_id") if sold is None else sold
    return InvoiceLine.objects.filter(
        kind=TICKET_KIND, sold_public_id=sold, invoice__status=InvoiceStatus.OPEN
    )


def holding(now: datetime | None = None) -> Q:
    """Attendees that take a place at `now` (a filter on Attendee)."""
    now = now or timezone.now()
    pending = Q(status=AttendeeStatus.PENDING)
    return (
        Q(status=AttendeeStatus.CONFIRMED)
        | (pending & Q(order__hold_expires_at__gt=now))
        | (pending & Exists(open_invoice_line()))
    )


def _offers(event: Event, ticket_type: TicketType | None, now, excluding_offer) -> int:
    offers = live_offers(event, ticket_type, now=now)
    if excluding_offer is not None:
        offers = offers.exclude(pk=getattr(excluding_offer, "pk", excluding_offer))
    return offers.count()


def taken_by_type(event: Event, *, now: datetime | None = None) -> dict[int, int]:
    """Attendees holding a place, by ticket type id (types with none are absent). Live offers
    are not included: see `selectors.waitlist.live_offers_by_type`."""
    rows = (
        Attendee.objects.filter(holding(now), event=event)
        .order_by()
        .values("ticket_type_id")
        .annotate(n=Count("pk"))
        .values_list("ticket_type_id", "n")
    )
    return dict(rows)


def places_left(
    event: Event, *, now: datetime | None = None, excluding_offer: WaitlistEntry | None = None
) -> int:
    """Places left in the whole event: capacity − attendees holding one − live offers (except
    `excluding_offer`, the offer being claimed)."""
    now = now or timezone.now()
    taken = Attendee.objects.filter(holding(now), event=event).count()
    return max(event.capacity - taken - _offers(event, None, now, excluding_offer), 0)


def type_places_left(
    ticket_type: TicketType,
    *,
    now: datetime | None = None,
    excluding_offer: WaitlistEntry | None = None,
) -> int | None:
    """Places left in the ticket type's quota (None: it has no quota, only the event's
    capacity limits it). Does not look at the event's capacity: see `places_left`."""
    if ticket_type.quota is None:
        return None
    now = now or timezone.now()
    taken = Attendee.objects.filter(holding(now), ticket_type=ticket_type).count()
    offers = _offers(ticket_type.event, ticket_type, now, excluding_offer)
    return max(ticket_type.quota - taken - offers, 0)


def newcomer_places(
    event: Event,
    ticket_type: TicketType,
    *,
    now: datetime | None = None,
    excluding_people=(),
) -> tuple[int | None, int]:
    """What someone registering without a waitlist offer may take: the type's places left (None:
    no quota) and the event's, less the places people waiting are owed first (they are offered
    every freed place). People waiting for the type count against both; those waiting for
    another type against the event's capacity, as many as that type's quota has room for.
    `excluding_people`: ids of the persons registering, who leave the waitlist by it."""
    now = now or timezone.now()
    type_left = type_places_left(ticket_type, now=now)
    left = places_left(event, now=now)
    waiting = dict(
        WaitlistEntry.objects.filter(event=event, status=WaitlistStatus.WAITING)
        .exclude(person_id__in=list(excluding_people))
        .order_by()
        .values("ticket_type_id")
        .annotate(n=Count("pk"))
        .values_list("ticket_type_id", "n")
    )
    if not waiting:
        return type_left, left
    owed = 0
    others = {tt.pk: tt for tt in TicketType.objects.filter(pk__in=list(waiting))}
    for type_id, count in waiting.items():
        if type_id == ticket_type.pk:
            room = type_left
        else:
            others[type_id].event = event
            room = type_places_left(others[type_id], now=now)
        owed += count if room is None else min(count, room)
    if type_left is not None:
        type_left = max(type_left - waiting.get(ticket_type.pk, 0), 0)
    return type_left, max(left - owed, 0)


@dataclass(frozen=True)
class TypePlaces:
    """One ticket type's count for pages: `sold` attendees holding a place, `offered` live
    offers, `left` what a new registration may take (the quota and the event's capacity)."""

    quota: int | None
    sold: int
    offered: int
    left: int

    @property
    def sold_out(self) -> bool:
        return self.left <= 0


@dataclass(frozen=True)
class EventPlaces:
    capacity: int
    taken: int
    offered: int
    by_type: dict[int, TypePlaces]

    @property
    def left(self) -> int:
        return max(self.capacity - self.taken - self.offered, 0)


def event_places(event: Event, ticket_types=None, *, now: datetime | None = None) -> EventPlaces:
    """Counts for the event and each of `ticket_types` (default: all of the event's) in two
    queries, however many attendees there are."""
    now = now or timezone.now()
    if ticket_types is None:
        ticket_types = list(event.ticket_types.all())
    taken = taken_by_type(event, now=now)
    offered = dict(
        live_offers(event, now=now)
        .order_by()
        .values("ticket_type_id")
        .annotate(n=Count("pk"))
        .values_list("ticket_type_id", "n")
    )
    event_left = max(event.capacity - sum(taken.values()) - sum(offered.values()), 0)
    by_type = {}
    for ticket_type in ticket_types:
        sold = taken.get(ticket_type.pk, 0)
        offers = offered.get(ticket_type.pk, 0)
        left = event_left
        if ticket_type.quota is not None:
            left = min(left, max(ticket_type.quota - sold - offers, 0))
        by_type[ticket_type.pk] = TypePlaces(ticket_type.quota, sold, offers, left)
    return EventPlaces(event.capacity, sum(taken.values()), sum(offered.values()), by_type)
