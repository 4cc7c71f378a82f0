"""Events, ticket types, agenda and attendees for tests, written straight to the models (so that
each area's tests can start without going through another area's services). Prices, quotas
and dates are whatever the test passes; the defaults describe a two-day conference six weeks
ahead with registration open now."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify

from socialrx.events.models import (
    Attendee,
    AttendeeStatus,
    Event,
    EventFormat,
    EventKind,
    EventStatus,
    Order,
    OrderStatus,
    Room,
    Session,
    SessionSpeaker,
    Speaker,
    TicketKind,
    TicketType,
    Track,
)
from socialrx.events.ticket_tokens import new_secret

_counter = {"n": 0}


def _next() -> int:
    _counter["n"] += 1
    return _counter["n"]


def make_event(
    *,
    title: str | None = None,
    kind: str = EventKind.CONFERENCE,
    format: str = EventFormat.IN_PERSON,
    status: str = EventStatus.PUBLISHED,
    capacity: int = 100,
    starts_in_days: int = 42,
    days: int = 2,
    time_zone: str = "America/Chicago",
    **fields,
) -> Event:
    n = _next()
    title = title or f"Test conference {n}"
    now = timezone.now()
    starts_at = (now + timedelta(days=starts_in_days)).replace(
        hour=14, minute=0, second=0, microsecond=0
    )
    ends_at = starts_at + timedelta(days=days - 1, hours=8)
    values = {
        "slug": f"{slugify(title)[:60]}-{n}",
        "title": title,
        "kind": kind,
        "format": format,
        "status": status,
        "summary": f"{title}: two days on social media in health care.",
        "description": "Talks, panels and workshops.",
        "time_zone": time_zone,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "venue_name": "" if format == EventFormat.VIRTUAL else "SocialRx Center",
        "venue_address": "" if format == EventFormat.VIRTUAL else "200 First St SW, Rochester, MN",
        "online_url": "https://meet.example.org/socialrx" if format != "in_person" else "",
        "capacity": capacity,
        "registration_opens_at": now - timedelta(days=30),
        "registration_closes_at": starts_at - timedelta(days=1),
        "rename_until": starts_at - timedelta(days=3),
        "refund_until": starts_at - timedelta(days=14),
        "refund_percent": 100,
        "attendance_hours": Decimal("12.0"),
        "ce_hours": Decimal("10.5"),
    }
    values.update(fields)
    return Event.objects.create(**values)


def make_ticket_type(
    event: Event,
    *,
    name: str | None = None,
    kind: str = TicketKind.GENERAL,
    price_cents: int = 45_000,
    quota: int | None = None,
    group_size: int = 1,
    **fields,
) -> TicketType:
    if kind == TicketKind.EARLY_BIRD and "sales_end" not in fields:
        fields["sales_end"] = timezone.now() + timedelta(days=7)
    return TicketType.objects.create(
        event=event,
        name=name or f"{TicketKind(kind).label} ticket {_next()}",
        kind=kind,
        price_cents=price_cents,
        quota=quota,
        group_size=group_size,
        **fields,
    )


def make_speaker(*, full_name: str | None = None, **fields) -> Speaker:
    n = _next()
    full_name = full_name or f"Dr. Speaker {n}"
    return Speaker.objects.create(
        slug=fields.pop("slug", f"{slugify(full_name)[:60]}-{n}"),
        full_name=full_name,
        job_title=fields.pop("job_title", "Chief Digital Officer"),
        organization_name=fields.pop("organization_name", "Riverside Regional Medical Center"),
        bio=fields.pop("bio", "Leads social media for a regional health system."),
        **fields,
    )


def make_room(event: Event, name: str | None = None, **fields) -> Room:
    return Room.objects.create(event=event, name=name or f"Room {_next()}", **fields)


def make_track(event: Event, name: str | None = None, **fields) -> Track:
    return Track.objects.create(event=event, name=name or f"Track {_next()}", **fields)


def make_session(
    event: Event,
    *,
    title: str | None = None,
    starts_at=None,
    minutes: int = 45,
    room: Room | None = None,
    track: Track | None = None,
    speakers: list[Speaker] = (),
    **fields,
) -> Session:
    """Written straight to the tables (speakers' copied times included), bypassing the
    agenda service: the database's overlap rule still applies."""
    n = _next()
    title = title or f"Session {n}"
    starts_at = starts_at or event.starts_at
    ends_at = starts_at + timedelta(minutes=minutes)
    session = Session.objects.create(
        event=event,
        slug=fields.pop("slug", f"{slugify(title)[:60]}-{n}"),
        title=title,
        abstract=fields.pop("abstract", "What works, what does not, and why."),
        starts_at=starts_at,
        ends_at=ends_at,
        room=room,
        track=track,
        **fields,
    )
    for position, speaker in enumerate(speakers):
        SessionSpeaker.objects.create(
            session=session,
            speaker=speaker,
            position=position,
            starts_at=starts_at,
            ends_at=ends_at,
        )
    return session


def make_attendee(
    event: Event,
    ticket_type: TicketType | None = None,
    *,
    full_name: str | None = None,
    email: str | None = None,
    person=None,
    made_by=None,
    status: str = AttendeeStatus.CONFIRMED,
    organization=None,
    **fields,
) -> Attendee:
    """A ticket in an order of its own (confirmed by default), written straight to the tables:
    no invoice, no hold. `made_by` defaults to `person`, else a new user."""
    from tests.factories import UserFactory  # noqa: PLC0415 - the shared user factory

    n = _next()
    ticket_type = ticket_type or make_ticket_type(event)
    if made_by is None:
        made_by = person or UserFactory()
    if person is not None:
        full_name = full_name or person.full_name or person.email
        email = email or person.email
    full_name = full_name or f"Attendee {n}"
    email = email or f"attendee{n}@example.org"
    now = timezone.now()
    order_status = {
        AttendeeStatus.CONFIRMED: OrderStatus.CONFIRMED,
        AttendeeStatus.PENDING: OrderStatus.PENDING,
        AttendeeStatus.CANCELLED: OrderStatus.CANCELLED,
    }[status]
    order = Order.objects.create(
        event=event,
        ticket_type=ticket_type,
        quantity=1,
        made_by=made_by,
        organization=organization,
        status=order_status,
        hold_expires_at=now + timedelta(minutes=30),
        confirmed_at=now if status == AttendeeStatus.CONFIRMED else None,
    )
    return Attendee.objects.create(
        event=event,
        order=order,
        ticket_type=ticket_type,
        full_name=full_name,
        email=email,
        email_key=email.lower(),
        person=person,
        status=status,
        ticket_secret=new_secret(),
        confirmed_at=now if status == AttendeeStatus.CONFIRMED else None,
        cancelled_at=now if status == AttendeeStatus.CANCELLED else None,
        **fields,
    )
