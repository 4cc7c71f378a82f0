"""What the events API answers with. Moments are ISO 8601 with the offset of the event's own
zone ("2027-04-15T09:00:00-05:00"), and each event names its zone (`time_zone`, an IANA name):
a conference meets where its venue is."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from django.urls import reverse
from ninja import Field, Schema

from .calendars import local


def _at(moment: datetime | None, event) -> datetime | None:
    return local(moment, event) if moment is not None else None


class EventOut(Schema):
    """A published (or cancelled) event."""

    public_id: UUID
    slug: str
    title: str
    kind: str = Field(description="`conference` or `webinar`.")
    format: str = Field(description="`in_person`, `virtual` or `hybrid`.")
    status: str = Field(description="`published`, or `cancelled` (its page says so).")
    summary: str
    time_zone: str = Field(description="The event's zone (IANA), in which its times are given.")
    starts_at: datetime
    ends_at: datetime
    venue_name: str
    venue_address: str
    registration_opens_at: datetime
    registration_closes_at: datetime
    url: str = Field(description="The event's public page.")

    @staticmethod
    def resolve_starts_at(event) -> datetime:
        return local(event.starts_at, event)

    @staticmethod
    def resolve_ends_at(event) -> datetime:
        return local(event.ends_at, event)

    @staticmethod
    def resolve_registration_opens_at(event) -> datetime:
        return local(event.registration_opens_at, event)

    @staticmethod
    def resolve_registration_closes_at(event) -> datetime:
        return local(event.registration_closes_at, event)

    @staticmethod
    def resolve_url(event) -> str:
        return reverse("events:event", args=[event.slug])


class TicketTypeOut(Schema):
    public_id: UUID
    name: str
    kind: str = Field(description="`general`, `member`, `student`, `early_bird` or `group`.")
    description: str
    price_cents: int = Field(
        description="List price of one unit in US cents (a group's price for the whole group); "
        "members of member organizations pay their plan's price."
    )
    group_size: int = Field(description="Attendees one unit admits (a group ticket: several).")
    quota: int | None = Field(description="Attendees of this type there may be (null: no quota).")
    sales_start: datetime | None
    sales_end: datetime | None = Field(description="An early-bird price ends then.")


class NamedOut(Schema):
    slug: str
    name: str


class EventDetailOut(EventOut):
    """Read from the event with its topics and ticket types prefetched."""

    description: str = Field(description="Markdown.")
    capacity: int
    refund_until: datetime
    refund_percent: int
    ce_hours: float = Field(description="Continuing-education hours on the certificate.")
    topics: list[NamedOut]
    ticket_types: list[TicketTypeOut]
    agenda_url: str
    calendar_url: str = Field(description="The event's .ics file.")

    @staticmethod
    def resolve_refund_until(event) -> datetime:
        return local(event.refund_until, event)

    @staticmethod
    def resolve_ce_hours(event) -> float:
        return float(event.ce_hours)

    @staticmethod
    def resolve_topics(event) -> list:
        return list(event.topics.all())

    @staticmethod
    def resolve_ticket_types(event) -> list[dict]:
        return [ticket_type_item(ticket_type, event) for ticket_type in event.ticket_types.all()]

    @staticmethod
    def resolve_agenda_url(event) -> str:
        return reverse("events:agenda", args=[event.slug])

    @staticmethod
    def resolve_calendar_url(event) -> str:
        return reverse("events:event_ics", args=[event.slug])


class SpeakerOut(Schema):
    slug: str
    full_name: str
    credentials: str
    job_title: str
    organization_name: str


class TrackOut(Schema):
    name: str
    description: str


class RoomOut(Schema):
    name: str
    seats: int | None


class AgendaSessionOut(Schema):
    public_id: UUID
    slug: str
    title: str
    kind: str = Field(description="`keynote`, `talk`, `panel`, `workshop` or `break`.")
    abstract: str = Field(description="Markdown.")
    day: date = Field(description="The day on the event's clock.")
    starts_at: datetime
    ends_at: datetime
    track: str | None
    room: str | None
    speakers: list[SpeakerOut]
    recording_url: str
    slides_url: str
    url: str = Field(description="The session's public page.")


class AgendaOut(Schema):
    event_slug: str
    time_zone: str = Field(description="The event's zone (IANA), in which times are given.")
    tracks: list[TrackOut]
    rooms: list[RoomOut]
    sessions: list[AgendaSessionOut] = Field(description="In time order.")


class EventRefOut(Schema):
    slug: str
    title: str
    status: str
    time_zone: str
    starts_at: datetime
    ends_at: datetime


class TicketOut(Schema):
    """One of the person's tickets (linked to their account or to a verified email of theirs)."""

    public_id: UUID
    event: EventRefOut
    ticket_type: str
    ticket_kind: str
    full_name: str
    email: str
    status: str = Field(description="`pending` (awaiting payment), `confirmed` or `cancelled`.")
    checked_in_at: datetime | None = Field(description="When the attendee came in (null: not yet).")


class OrderAttendeeOut(Schema):
    public_id: UUID
    full_name: str
    email: str
    status: str


class OrderOut(Schema):
    """An order the person placed (for themselves, colleagues or their organization)."""

    public_id: UUID
    event: EventRefOut
    ticket_type: str
    quantity: int
    status: str = Field(description="`pending` (awaiting payment), `confirmed` or `cancelled`.")
    organization: str | None = Field(description="The organization invoiced, if any.")
    created_at: datetime
    confirmed_at: datetime | None
    hold_expires_at: datetime = Field(description="Places are held for a pending order until then.")
    attendees: list[OrderAttendeeOut]


class CheckInIn(Schema):
    token: str = Field(
        ..., min_length=1, max_length=300, description="The QR code's text (SRXT:…)."
    )
    door: str = Field("", max_length=60, description='Which door scanned it ("Door B").')


class CheckInAttendeeOut(Schema):
    id: str
    name: str
    ticket_type: str
    job_title: str
    organization: str
    status: str


class CheckInRecordOut(Schema):
    at: datetime
    by: str
    door: str
    method: str


class CheckInOut(Schema):
    """What the door shows for an admitted ticket, checked in now or earlier (a refusal is an
    error with the shared body: `detail` to read and `code`)."""

    detail: str = Field(description="What happened, for the person at the door to read.")
    code: str = Field(description="`checked_in` or `already_checked_in`.")
    outcome: str = Field(description="`checked_in` or `already_checked_in`.")
    admitted: bool = Field(description="The attendee may come in (now or earlier).")
    attendee: CheckInAttendeeOut | None
    check_in: CheckInRecordOut | None


class TypeCountOut(Schema):
    name: str
    checked_in: int
    registered: int = Field(description="Confirmed attendees of this ticket type.")


class CheckInCountsOut(Schema):
    checked_in: int
    registered: int
    ticket_types: list[TypeCountOut]


# --- building the bodies ----------------------------------------------------------------------


def event_ref(event) -> dict:
    return {
        "slug": event.slug,
        "title": event.title,
        "status": event.status,
        "time_zone": event.time_zone,
        "starts_at": local(event.starts_at, event),
        "ends_at": local(event.ends_at, event),
    }


def ticket_type_item(ticket_type, event) -> dict:
    return {
        "public_id": ticket_type.public_id,
        "name": ticket_type.name,
        "kind": ticket_type.kind,
        "description": ticket_type.description,
        "price_cents": ticket_type.price_cents,
        "group_size": ticket_type.group_size,
        "quota": ticket_type.quota,
        "sales_start": _at(ticket_type.sales_start, event),
        "sales_end": _at(ticket_type.sales_end, event),
    }


def session_item(session, event) -> dict:
    """`session` read with its track, room and speaker slots (see selectors.agenda)."""
    return {
        "public_id": session.public_id,
        "slug": session.slug,
        "title": session.title,
        "kind": session.kind,
        "abstract": session.abstract,
        "day": local(session.starts_at, event).date(),
        "starts_at": local(session.starts_at, event),
        "ends_at": local(session.ends_at, event),
        "track": session.track.name if session.track_id else None,
        "room": session.room.name if session.room_id else None,
        "speakers": [slot.speaker for slot in session.speaker_slots.all()],
        "recording_url": session.recording_url,
        "slides_url": session.slides_url,
        "url": reverse("events:session", args=[event.slug, session.slug]),
    }


def ticket_item(attendee, checked_in_at) -> dict:
    return {
        "public_id": attendee.public_id,
        "event": event_ref(attendee.event),
        "ticket_type": attendee.ticket_type.name,
        "ticket_kind": attendee.ticket_type.kind,
        "full_name": attendee.full_name,
        "email": attendee.email,
        "status": attendee.status,
        "checked_in_at": _at(checked_in_at, attendee.event),
    }


def order_item(order) -> dict:
    """`order` with its event, ticket type, organization and attendees read."""
    event = order.event
    return {
        "public_id": order.public_id,
        "event": event_ref(event),
        "ticket_type": order.ticket_type.name,
        "quantity": order.quantity,
        "status": order.status,
        "organization": order.organization.name if order.organization_id else None,
        "created_at": local(order.created_at, event),
        "confirmed_at": _at(order.confirmed_at, event),
        "hold_expires_at": local(order.hold_expires_at, event),
        "attendees": [
            {
                "public_id": attendee.public_id,
                "full_name": attendee.full_name,
                "email": attendee.email,
                "status": attendee.status,
            }
            for attendee in order.attendees.all()
        ],
    }
