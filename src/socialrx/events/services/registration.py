"""Registering attendees for an event: one order (one buyer, one ticket type) for one or
several attendees.

`register` counts and takes places under a lock on the event's row (`lock_event`): every writer
that takes or frees places queues there, so neither a ticket type's quota nor the event's
capacity is ever exceeded. A free ticket is confirmed at once; a priced one is a pending order
holding its places for `BILLING_HOLD_MINUTES`, paid through billing's checkout (kind
"events.ticket", see `ticket_sales`)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.db.models.functions import Lower
from django.utils import timezone

from socialrx.core import audit
from socialrx.core.errors import Conflict, DomainError
from socialrx.core.permissions import require

from ..models import (
    HOLDING_STATUSES,
    Attendee,
    AttendeeStatus,
    Event,
    EventStatus,
    Order,
    OrderStatus,
    TicketKind,
    TicketType,
    WaitlistEntry,
    WaitlistStatus,
)
from ..selectors.places import newcomer_places, open_invoice_line, places_left, type_places_left
from ..selectors.prices import member_refusal, price_for, registration_refusal, sale_refusal
from ..signals import order_confirmed, places_freed
from ..ticket_tokens import new_secret

MAX_ATTENDEES = 50
# Why attendees were cancelled by the system (a late payment may bring them back).
RELEASED_UNPAID = "Not paid in time: the places were released."
INVOICE_VOIDED = "The invoice was voided."
REFUNDED = "Refunded in full."
REVIVABLE = (RELEASED_UNPAID, INVOICE_VOIDED)

_LIMITS = {
    "full_name": 160,
    "email": 254,
    "job_title": 160,
    "organization_name": 160,
    "dietary_needs": 300,
    "accessibility_needs": 300,
}
_LABELS = {
    "full_name": "name",
    "email": "email",
    "job_title": "title",
    "organization_name": "organization",
    "dietary_needs": "dietary needs",
    "accessibility_needs": "accessibility needs",
}


@dataclass(frozen=True)
class AttendeeDetails:
    full_name: str
    email: str
    job_title: str = ""
    organization_name: str = ""
    dietary_needs: str = ""
    accessibility_needs: str = ""


def lock_event(event: Event) -> Event:
    """The event's row, locked for the rest of the transaction: every writer that counts, takes
    or frees places takes this lock first (after billing's invoice lock, when it holds one)."""
    return Event.objects.select_for_update().get(pk=event.pk)


def _cleaned(details: list[AttendeeDetails]) -> list[AttendeeDetails]:
    """Stripped, checked details; the same email twice in one order is refused."""
    cleaned = []
    seen: dict[str, int] = {}
    for number, item in enumerate(details, start=1):
        values = {name: str(getattr(item, name) or "").strip() for name in _LIMITS}
        who = f"Attendee {number}"
        if not values["full_name"]:
            raise DomainError(f"{who}: enter their name.", field="attendees")
        try:
            validate_email(values["email"])
        except ValidationError as error:
            raise DomainError(f"{who}: enter a valid email address.", field="attendees") from error
        for name, limit in _LIMITS.items():
            if len(values[name]) > limit:
                raise DomainError(
                    f"{who}: the {_LABELS[name]} is too long (at most {limit} characters).",
                    field="attendees",
                )
        key = values["email"].lower()
        if key in seen:
            raise DomainError(
                f"{values['email']} is given for attendees {seen[key]} and {number}: "
                "each attendee needs their own email.",
                field="attendees",
                code="duplicate_email",
            )
        seen[key] = number
        cleaned.append(replace(item, **values))
    return cleaned


def _check_count(ticket_type: TicketType, count: int) -> int:
    """The units (billing's quantity) `count` attendees make of the ticket type."""
    if count == 0:
        raise DomainError("Add at least one attendee.", field="attendees")
    if count > MAX_ATTENDEES:
        raise DomainError(
            f"Register at most {MAX_ATTENDEES} attendees in one order.", field="attendees"
        )
    size = ticket_type.group_size
    if ticket_type.kind == TicketKind.GROUP and count % size:
        raise DomainError(
            f"A {ticket_type.name} ticket admits a group of {size}: register {size} "
            f"attendees per ticket ({count} is not a multiple of {size}).",
            field="attendees",
            code="group_size",
        )
    return count // size


def _check_claim(claim: WaitlistEntry | None, actor, ticket_type: TicketType, now) -> None:
    if claim is None:
        return
    if (
        claim.ticket_type_id != ticket_type.pk
        or claim.person_id != actor.pk
        or claim.status != WaitlistStatus.OFFERED
        or claim.offer_expires_at is None
        or claim.offer_expires_at <= now
    ):
        raise DomainError(
            "This waitlist offer is no longer open: join the waitlist again.", code="bad_claim"
        )


def sold_out_message(name: str, left: int, wanted: int) -> str:
    if left <= 0:
        return f"{name} is sold out — join the waitlist to be offered a place if one frees."
    return (
        f"Only {left} place{'s' if left != 1 else ''} left for {name}: register {left} "
        f"attendee{'s' if left != 1 else ''} or fewer ({wanted} asked), or join the waitlist."
    )


def _check_places(event, ticket_type, wanted: int, claim, now) -> None:
    type_left = type_places_left(ticket_type, now=now, excluding_offer=claim)
    if type_left is not None and wanted > type_left:
        raise Conflict(sold_out_message(ticket_type.name, type_left, wanted), code="sold_out")
    left = places_left(event, now=now, excluding_offer=claim)
    if wanted > left:
        raise Conflict(sold_out_message(event.title, left, wanted), code="sold_out")


WAITING_FIRST = "People are waiting for this ticket: join the waitlist."


def _check_waiting(event, ticket_type, wanted: int, people: dict, now) -> None:
    """Without an offer, a newcomer takes only the places nobody on the waitlist is owed (the
    people registered here leave the waitlist, so their own entries do not count)."""
    type_left, left = newcomer_places(
        event, ticket_type, now=now, excluding_people=[p.pk for p in people.values()]
    )
    if (type_left is not None and wanted > type_left) or wanted > left:
        raise Conflict(WAITING_FIRST, code="sold_out")


def _check_not_registered(event: Event, keys: list[str]) -> None:
    already = (
        Attendee.objects.filter(event=event, email_key__in=keys, status__in=HOLDING_STATUSES)
        .order_by("email_key")
        .first()
    )
    if already is not None:
        raise Conflict(
            f"{already.email} is already registered for {event.title}.",
            field="attendees",
            code="already_registered",
        )


def _people_by_email(keys: list[str]) -> dict[str, object]:
    users = (
        get_user_model()
        .objects.annotate(email_key=Lower("email"))
        .filter(email_key__in=keys, is_active=True)
        .order_by("pk")
    )
    found: dict[str, object] = {}
    for user in users:
        found.setdefault(user.email_key, user)
    return found


def cancel_order(order: Order, *, reason: str, actor=None, action: str) -> list[Attendee]:
    """Cancel the order and every attendee of it that holds a place (caller holds the event's
    lock). Returns the attendees cancelled; the caller says `places_freed` on commit."""
    attendees = list(order.attendees.filter(status__in=HOLDING_STATUSES))
    now = timezone.now()
    Attendee.objects.filter(pk__in=[a.pk for a in attendees]).update(
        status=AttendeeStatus.CANCELLED, cancelled_at=now, cancel_reason=reason[:240]
    )
    before = order.status
    order.status = OrderStatus.CANCELLED
    order.save(update_fields=["status"])
    audit.record(
        actor=actor,
        action=action,
        target=order,
        before={"status": before},
        after={"status": order.status, "reason": reason, "attendees": [a.email for a in attendees]},
    )
    return attendees


def free_places_on_commit(event: Event, ticket_type: TicketType | None = None) -> None:
    transaction.on_commit(
        lambda: places_freed.send(sender=Event, event=event, ticket_type=ticket_type)
    )


def stale_orders(now=None):
    """Pending orders whose hold ran out and which no open invoice holds."""
    now = now or timezone.now()
    return Order.objects.filter(status=OrderStatus.PENDING, hold_expires_at__lte=now).exclude(
        Exists(open_invoice_line(OuterRef("public_id")))
    )


def release_stale_orders(event: Event, *, now=None) -> int:
    """Under the event's lock: cancel its stale orders (never checked out, or the card page
    left), so their attendees' emails may register again; the waitlist is offered their places
    once the transaction commits."""
    count = 0
    freed: dict[int, TicketType] = {}
    for order in stale_orders(now).filter(event=event).select_related("ticket_type"):
        cancel_order(order, reason=RELEASED_UNPAID, action="events.order.expired")
        freed.setdefault(order.ticket_type_id, order.ticket_type)
        count += 1
    for ticket_type in freed.values():
        free_places_on_commit(event, ticket_type)
    return count


def release_expired_orders(*, now=None) -> int:
    """The periodic sweep: every event's stale orders; the waitlist is told of the places."""
    now = now or timezone.now()
    event_ids = set(stale_orders(now).values_list("event_id", flat=True))
    released = 0
    for event in Event.objects.filter(pk__in=event_ids).order_by("pk"):
        with transaction.atomic():
            event = lock_event(event)
            released += release_stale_orders(event, now=now)
    return released


def confirm_order(order: Order, attendees: list[Attendee], *, now=None) -> None:
    """Confirm the order and these attendees (caller holds the event's lock), then say so:
    the confirmations area emails the tickets once the transaction commits."""
    now = now or timezone.now()
    Attendee.objects.filter(pk__in=[a.pk for a in attendees]).update(
        status=AttendeeStatus.CONFIRMED, confirmed_at=now, cancelled_at=None, cancel_reason=""
    )
    for attendee in attendees:
        attendee.status, attendee.confirmed_at = AttendeeStatus.CONFIRMED, now
    order.status = OrderStatus.CONFIRMED
    order.confirmed_at = now
    order.save(update_fields=["status", "confirmed_at", "invoice"])
    order_confirmed.send(sender=Order, order=order)


def register(
    actor,
    event: Event,
    ticket_type: TicketType,
    attendees: list[AttendeeDetails],
    *,
    organization=None,
    claim: WaitlistEntry | None = None,
) -> Order:
    """Register `attendees` with `ticket_type` and return the order: confirmed at once when it
    is free, else pending with its places held for checkout. `organization` makes it a team
    order (an admin of it registers; it is the buyer). `claim` is the actor's waitlist offer
    being taken: its place is theirs, even after registration closed, while the offer runs."""
    require(actor, "events.register", event)
    if organization is not None:
        require(actor, "events.register_team", organization)
    if ticket_type.event_id != event.pk:
        raise DomainError("Choose a ticket type of this event.", field="ticket_type")
    details = _cleaned(list(attendees))
    units = _check_count(ticket_type, len(details))
    keys = [item.email.lower() for item in details]
    buyer = organization or actor
    with transaction.atomic():
        event = lock_event(event)
        ticket_type = TicketType.objects.get(pk=ticket_type.pk)
        ticket_type.event = event
        now = timezone.now()
        _check_claim(claim, actor, ticket_type, now)
        # An offer being claimed keeps its place past the close of registration and of the
        # type's sales, while it runs; the event must still be on and the buyer a member.
        closed = registration_refusal(event, now=now)
        if closed and not (claim is not None and event.status == EventStatus.PUBLISHED):
            raise DomainError(closed, code="closed")
        refusal = (sale_refusal(ticket_type, now=now) if claim is None else "") or member_refusal(
            ticket_type, buyer
        )
        if refusal:
            raise DomainError(refusal, field="ticket_type", code="not_on_sale")
        release_stale_orders(event, now=now)
        _check_not_registered(event, keys)
        _check_places(event, ticket_type, len(details), claim, now)
        people = _people_by_email(keys)
        if claim is None:
            _check_waiting(event, ticket_type, len(details), people, now)
        price = price_for(buyer, ticket_type, now=now)
        free = price.cents == 0
        order = Order.objects.create(
            event=event,
            ticket_type=ticket_type,
            quantity=units,
            made_by=actor,
            organization=organization,
            hold_expires_at=now + timedelta(minutes=settings.BILLING_HOLD_MINUTES),
        )
        rows = [
            Attendee(
                event=event,
                order=order,
                ticket_type=ticket_type,
                email_key=item.email.lower(),
                person=people.get(item.email.lower()),
                ticket_secret=new_secret(),
                **{name: getattr(item, name) for name in _LIMITS},
            )
            for item in details
        ]
        try:
            with transaction.atomic():
                created = Attendee.objects.bulk_create(rows)
        except IntegrityError as error:
            if "events_email_registered_once" not in str(error) and "email_key" not in str(error):
                raise
            raise Conflict(
                f"One of these attendees is already registered for {event.title}.",
                field="attendees",
                code="already_registered",
            ) from error
        # The offer claimed became this place. Whoever else was waiting for this event and is
        # now registered leaves the waitlist; an offer of theirs (for another ticket type) is
        # given back, and its place goes to the next person waiting.
        if claim is not None:
            WaitlistEntry.objects.filter(pk=claim.pk).update(status=WaitlistStatus.CLAIMED)
        others = WaitlistEntry.objects.filter(
            event=event,
            status__in=[WaitlistStatus.WAITING, WaitlistStatus.OFFERED],
            person__in=[p.pk for p in people.values()] + ([claim.person_id] if claim else []),
        ).exclude(pk=claim.pk if claim else None)
        returned = {
            e.ticket_type for e in others.select_related("ticket_type") if e.status == "offered"
        }
        others.update(status=WaitlistStatus.WITHDRAWN)
        for offered_type in returned:
            free_places_on_commit(event, offered_type)
        audit.record(
            actor=actor,
            action="events.order.created",
            target=order,
            after={
                "event": event.slug,
                "ticket_type": ticket_type.name,
                "units": units,
                "attendees": keys,
                "organization": str(organization) if organization else "",
                "unit_cents": price.cents,
                "hold_expires_at": order.hold_expires_at,
                "waitlist_offer": str(claim.public_id) if claim else "",
            },
        )
        if free:
            confirm_order(order, created, now=now)
    return order
