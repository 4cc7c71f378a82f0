"""Reading events for the back office: the list with its counts, one event, its overview
(key facts, counts, and what is still missing before it is published).

Attendees are counted the way the registrations page counts them (`reports.status_counts`):
registered (confirmed) and awaiting payment (pending), and places left the way registration
counts them (`places.event_places`, live waitlist offers included), so the pages agree."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from socialrx.core.errors import NotFound

from ..models import (
    Attendee,
    AttendeeStatus,
    Event,
    EventFormat,
    EventStatus,
    Room,
    Session,
    SessionSpeaker,
    TicketType,
    Track,
)
from .places import event_places
from .reports import status_counts


def _count(queryset: QuerySet) -> Coalesce:
    """A correlated COUNT of `queryset` (filtered on event=OuterRef("pk"))."""
    counted = queryset.order_by().values("event").annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def staff_event_list() -> QuerySet[Event]:
    """Every event, newest first, with `registered` (confirmed attendees), `awaiting_payment`
    (pending ones: the registrations page's two counts) and `session_count`."""
    attendees = Attendee.objects.filter(event=OuterRef("pk"))
    return Event.objects.annotate(
        registered=_count(attendees.filter(status=AttendeeStatus.CONFIRMED)),
        awaiting_payment=_count(attendees.filter(status=AttendeeStatus.PENDING)),
        session_count=_count(Session.objects.filter(event=OuterRef("pk"))),
    ).order_by("-starts_at", "title")


def staff_event(slug: str) -> Event:
    """Any event, draft and cancelled included (staff only: the views check)."""
    event = Event.objects.filter(slug=slug).first()
    if event is None:
        raise NotFound("Event not found.")
    return event


@dataclass(frozen=True)
class CheckItem:
    done: bool
    text: str
    blocking: bool = False  # publishing is refused until it is done
    link: str = ""


@dataclass(frozen=True)
class Places:
    """The event's places as the registrations page and registration see them: `registered`
    and `awaiting_payment` attendees (every pending one, as the registrations page counts),
    live `waitlist_offers`, and `left` for new registrations. A pending attendee whose hold
    ran out (and who has no open invoice) no longer takes a place: `expired_holds` of them."""

    capacity: int
    registered: int
    awaiting_payment: int
    waitlist_offers: int
    left: int
    holding: int  # attendees taking a place now (registered, and pending with a live hold)

    @property
    def expired_holds(self) -> int:
        return max(self.registered + self.awaiting_payment - self.holding, 0)

    @property
    def people(self) -> int:
        """Registered or awaiting payment: the tickets a cancellation of the event cancels."""
        return self.registered + self.awaiting_payment


def places_of(event: Event, *, now=None) -> Places:
    """Three queries, however many attendees."""
    counts = status_counts(event)
    places = event_places(event, [], now=now)
    return Places(
        capacity=event.capacity,
        registered=counts.registered,
        awaiting_payment=counts.awaiting_payment,
        waitlist_offers=places.offered,
        left=places.left,
        holding=places.taken,
    )


@dataclass(frozen=True)
class Overview:
    sessions: int
    speakers: int
    rooms: int
    tracks: int
    ticket_types: int
    places: Places
    checklist: tuple[CheckItem, ...]
    phase: str  # "draft", "cancelled", "before_registration", "registration_open",
    # "registration_closed" (the event is ahead or under way) or "ended"

    @property
    def ready(self) -> bool:
        return all(item.done for item in self.checklist if item.blocking)


def phase_of(event: Event, now) -> str:
    """Where a published event stands (the overview's "Live" summary)."""
    if event.status != EventStatus.PUBLISHED:
        return str(event.status)
    if event.ends_at <= now:
        return "ended"
    if now < event.registration_opens_at:
        return "before_registration"
    if now < event.registration_closes_at:
        return "registration_open"
    return "registration_closed"


def _url(name: str, event: Event) -> str:
    """A link to another area's page of the event, or "" while that page does not exist."""
    try:
        return reverse(name, args=[event.slug])
    except NoReverseMatch:
        return ""


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def overview(event: Event) -> Overview:
    counted = {
        "sessions": Session.objects.filter(event=OuterRef("pk")),
        "rooms": Room.objects.filter(event=OuterRef("pk")),
        "tracks": Track.objects.filter(event=OuterRef("pk")),
        "ticket_types": TicketType.objects.filter(event=OuterRef("pk")),
    }
    row = (
        Event.objects.filter(pk=event.pk)
        .annotate(**{f"n_{name}": _count(queryset) for name, queryset in counted.items()})
        .values(*(f"n_{name}" for name in counted))
        .get()
    )
    counts = {name: row[f"n_{name}"] for name in counted}
    speakers = (
        SessionSpeaker.objects.filter(session__event=event).values("speaker").distinct().count()
    )
    now = timezone.now()
    agenda = _url("events:staff_agenda", event)
    items = [
        CheckItem(
            counts["ticket_types"] > 0,
            _plural(counts["ticket_types"], "ticket type")
            if counts["ticket_types"]
            else "No ticket types yet: add at least one (a free one for a free event).",
            blocking=True,
            link=_url("events:staff_ticket_types", event),
        ),
        CheckItem(
            event.ends_at > now,
            "The event is ahead." if event.ends_at > now else "The event has already ended.",
            blocking=True,
        ),
        CheckItem(
            counts["sessions"] > 0,
            _plural(counts["sessions"], "session") + " in the agenda"
            if counts["sessions"]
            else "No sessions in the agenda yet.",
            link=agenda,
        ),
        CheckItem(
            speakers > 0,
            _plural(speakers, "speaker") + " on the agenda"
            if speakers
            else "No speakers on the agenda yet.",
            link=agenda,
        ),
        CheckItem(
            bool(event.description.strip()),
            "Description written" if event.description.strip() else "No description yet.",
        ),
        CheckItem(
            event.registration_closes_at > now,
            "Registration closes in the future."
            if event.registration_closes_at > now
            else "Registration has already closed.",
        ),
    ]
    if event.format in (EventFormat.IN_PERSON, EventFormat.HYBRID):
        items.append(
            CheckItem(
                bool(event.venue_name), "Venue given" if event.venue_name else "No venue yet."
            )
        )
    if event.format in (EventFormat.VIRTUAL, EventFormat.HYBRID):
        items.append(
            CheckItem(
                bool(event.online_url),
                "Online link given" if event.online_url else "No online link yet.",
            )
        )
    return Overview(
        sessions=counts["sessions"],
        speakers=speakers,
        rooms=counts["rooms"],
        tracks=counts["tracks"],
        ticket_types=counts["ticket_types"],
        places=places_of(event, now=now),
        checklist=tuple(items),
        phase=phase_of(event, now),
    )


def status_actions(event: Event) -> tuple[str, ...]:
    """The status changes offered for the event's current status."""
    return {
        EventStatus.DRAFT: ("publish", "cancel"),
        EventStatus.PUBLISHED: ("unpublish", "cancel"),
    }.get(event.status, ())
