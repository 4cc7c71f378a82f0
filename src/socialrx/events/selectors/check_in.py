"""What the door reads: the event, attendees found by name, email or organization, the counts by
ticket type, and the attendees whose badges are printed. Each is one query whatever the size
of the event (the page refreshes its counts every few seconds during the rush)."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from django.db.models import Count, Q

from socialrx.core.errors import NotFound

from ..models import Attendee, AttendeeStatus, Event, TicketType

SEARCH_LIMIT = 20
SEARCH_MIN_LENGTH = 2
SEARCH_MAX_WORDS = 5
# Name endings that are not the family name ("Jr.", "III"); credentials follow a comma.
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}


def door_event(slug: str) -> Event:
    """The event staff run the door of (any status: a draft can be rehearsed)."""
    event = Event.objects.filter(slug=slug).first()
    if event is None:
        raise NotFound("No event at this address.")
    return event


def _with_check_in(queryset):
    return queryset.select_related("ticket_type", "check_in__checked_in_by")


def door_attendee(event: Event, public_id: uuid.UUID) -> Attendee:
    """One of the event's attendees, read with what `services.check_in.check_in` needs."""
    attendee = _with_check_in(Attendee.objects.filter(event=event, public_id=public_id)).first()
    if attendee is None:
        raise NotFound("No such attendee for this event.")
    return attendee


def search_words(text: str) -> list[str]:
    words = [word for word in re.split(r"\s+", str(text or "").strip()) if word]
    return [word[:80] for word in words[:SEARCH_MAX_WORDS]]


def search_attendees(event: Event, text: str) -> list[Attendee]:
    """Up to 20 of the event's attendees whose name, email or organization holds every word
    of `text` (any status: the door says why a cancelled ticket may not come in)."""
    words = search_words(text)
    if not words or len("".join(words)) < SEARCH_MIN_LENGTH:
        return []
    matches = Q()
    for word in words:
        matches &= (
            Q(full_name__icontains=word)
            | Q(email__icontains=word)
            | Q(organization_name__icontains=word)
        )
    return list(
        _with_check_in(Attendee.objects.filter(matches, event=event)).order_by("full_name", "pk")[
            :SEARCH_LIMIT
        ]
    )


@dataclass(frozen=True)
class TypeCount:
    name: str
    checked_in: int
    registered: int


@dataclass(frozen=True)
class DoorCounts:
    types: list[TypeCount]
    checked_in: int
    registered: int

    def as_json(self) -> dict:
        return {
            "types": [
                {"name": row.name, "checked_in": row.checked_in, "registered": row.registered}
                for row in self.types
            ],
            "total": {"checked_in": self.checked_in, "registered": self.registered},
        }


def door_counts(event: Event) -> DoorCounts:
    """Per ticket type: attendees checked in and attendees registered (confirmed)."""
    confirmed = Q(attendees__status=AttendeeStatus.CONFIRMED)
    rows = (
        TicketType.objects.filter(event=event)
        .annotate(
            registered=Count("attendees", filter=confirmed, distinct=True),
            checked_in=Count(
                "attendees__check_in",
                filter=confirmed & Q(attendees__check_in__isnull=False),
                distinct=True,
            ),
        )
        .order_by("position", "price_cents", "name")
        .values_list("name", "checked_in", "registered")
    )
    types = [TypeCount(name, checked_in, registered) for name, checked_in, registered in rows]
    return DoorCounts(
        types=types,
        checked_in=sum(row.checked_in for row in types),
        registered=sum(row.registered for row in types),
    )


def last_name_key(full_name: str) -> tuple[str, str]:
    """Sort by family name, then the whole name: "Maria de la Cruz, MD" sorts under "Cruz"."""
    name = full_name.split(",", 1)[0].strip()
    words = name.split()
    while len(words) > 1 and words[-1].lower() in _SUFFIXES:
        words.pop()
    last = words[-1] if words else ""
    return last.casefold(), name.casefold()


def badge_ticket_type(event: Event, value: str) -> TicketType | None:
    """The ticket type named by `?ticket_type=` (its public id), None for no filter."""
    if not value:
        return None
    try:
        public_id = uuid.UUID(str(value))
    except ValueError:
        raise NotFound("No such ticket type for this event.") from None
    ticket_type = TicketType.objects.filter(event=event, public_id=public_id).first()
    if ticket_type is None:
        raise NotFound("No such ticket type for this event.")
    return ticket_type


def badge_attendees(event: Event, ticket_type: TicketType | None = None) -> list[Attendee]:
    """Confirmed attendees (of one ticket type, or all), sorted by last name."""
    attendees = Attendee.objects.filter(event=event, status=AttendeeStatus.CONFIRMED)
    if ticket_type is not None:
        attendees = attendees.filter(ticket_type=ticket_type)
    return sorted(attendees.select_related("ticket_type"), key=lambda a: last_name_key(a.full_name))


def ticket_types(event: Event) -> list[TicketType]:
    return list(TicketType.objects.filter(event=event).order_by("position", "price_cents", "name"))
