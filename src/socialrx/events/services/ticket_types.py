"""Staff's ticket types: adding and editing what an event sells (price, quota, sales window,
early bird, group size). A quota is never set below the attendees already holding places of
the type: the check runs under the event's lock, like registration."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from socialrx.core import audit
from socialrx.core.errors import DomainError
from socialrx.core.permissions import require

from ..models import Attendee, Event, TicketKind, TicketType
from ..selectors.places import holding
from .registration import free_places_on_commit, lock_event

FIELDS = (
    "name",
    "kind",
    "description",
    "price_cents",
    "group_size",
    "quota",
    "sales_start",
    "sales_end",
    "position",
)
MAX_GROUP = 50


def _validate(data: dict) -> dict:
    data = {name: data.get(name) for name in FIELDS}
    data["name"] = str(data["name"] or "").strip()
    data["description"] = str(data["description"] or "").strip()
    data["position"] = data["position"] or 0
    if not data["name"]:
        raise DomainError("Give the ticket type a name.", field="name")
    if data["kind"] not in TicketKind.values:
        raise DomainError("Choose what kind of ticket this is.", field="kind")
    if data["price_cents"] is None or data["price_cents"] < 0:
        raise DomainError("Enter a price (0 for a free ticket).", field="price_cents")
    if data["kind"] == TicketKind.GROUP:
        size = data["group_size"] or 0
        if not 2 <= size <= MAX_GROUP:
            raise DomainError(
                f"A group ticket admits from 2 to {MAX_GROUP} people: enter its group size.",
                field="group_size",
            )
    else:
        data["group_size"] = 1
    if data["kind"] == TicketKind.EARLY_BIRD and not data["sales_end"]:
        raise DomainError(
            "An early-bird price needs an end: enter when its sales end.", field="sales_end"
        )
    if data["sales_start"] and data["sales_end"] and data["sales_end"] <= data["sales_start"]:
        raise DomainError("Sales must end after they start.", field="sales_end")
    if data["quota"] is not None and data["quota"] < 1:
        raise DomainError(
            "A quota is at least 1 place; leave it empty for no quota.", field="quota"
        )
    if data["quota"] is not None and data["quota"] % data["group_size"]:
        raise DomainError(
            f"A quota of a group ticket is counted in people: a multiple of {data['group_size']}.",
            field="quota",
        )
    return data


def _check_name(event: Event, name: str, ticket_type: TicketType | None = None) -> None:
    others = TicketType.objects.filter(event=event, name__iexact=name)
    if ticket_type is not None:
        others = others.exclude(pk=ticket_type.pk)
    if others.exists():
        raise DomainError(f"{event.title} already sells a ticket called {name}.", field="name")


def _save(ticket_type: TicketType, fields=None) -> None:
    try:
        with transaction.atomic():
            ticket_type.save(update_fields=fields)
    except IntegrityError as error:  # the name, raced by another staff member
        raise DomainError(
            f"{ticket_type.event.title} already sells a ticket called {ticket_type.name}.",
            field="name",
        ) from error


def create_ticket_type(actor, event: Event, data: dict) -> TicketType:
    require(actor, "events.manage_events")
    data = _validate(data)
    with transaction.atomic():
        event = lock_event(event)
        _check_name(event, data["name"])
        ticket_type = TicketType(event=event, **data)
        _save(ticket_type)
        audit.record(
            actor=actor,
            action="events.ticket_type.created",
            target=ticket_type,
            after={"event": event.slug, **data},
        )
    return ticket_type


def update_ticket_type(actor, ticket_type: TicketType, data: dict) -> TicketType:
    require(actor, "events.manage_events")
    data = _validate(data)
    with transaction.atomic():
        event = lock_event(ticket_type.event)
        ticket_type = TicketType.objects.get(pk=ticket_type.pk)
        ticket_type.event = event
        _check_name(event, data["name"], ticket_type)
        sold = Attendee.objects.filter(holding(), ticket_type=ticket_type).count()
        if (
            sold
            and data["kind"] != ticket_type.kind
            and TicketKind.GROUP
            in (
                data["kind"],
                ticket_type.kind,
            )
        ):
            raise DomainError(
                "Tickets of this type are sold: it cannot become or stop being a group ticket.",
                field="kind",
            )
        if sold and data["group_size"] != ticket_type.group_size:
            raise DomainError(
                "Tickets of this type are sold: its group size cannot change.", field="group_size"
            )
        if data["quota"] is not None and data["quota"] < sold:
            raise DomainError(
                f"{sold} place{'s are' if sold != 1 else ' is'} already taken: the quota "
                f"cannot be less than {sold}.",
                field="quota",
            )
        before = {name: getattr(ticket_type, name) for name in FIELDS}
        for name, value in data.items():
            setattr(ticket_type, name, value)
        _save(ticket_type, list(FIELDS))
        audit.record(
            actor=actor,
            action="events.ticket_type.updated",
            target=ticket_type,
            before=before,
            after=data,
        )
        raised = before["quota"] is not None and (
            data["quota"] is None or data["quota"] > before["quota"]
        )
        if raised:
            free_places_on_commit(event, ticket_type)
    return ticket_type
