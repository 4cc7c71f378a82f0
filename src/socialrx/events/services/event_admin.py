"""Staff run events: create and edit an event, publish it, take it back to draft, cancel it.

Every date is checked against the others (the event ends after it starts, registration closes
before the end, refunds and renames stop no later than the start), the time zone is an IANA
name this machine knows, and the web address is unique. Cancelling records the status change
and the reason only: refunding each ticket is the tickets area's cancellation
(`services.cancellation.cancel_attendee`), run from the registrations page."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from socialrx.core import audit
from socialrx.core.errors import Conflict, DomainError, NotFound
from socialrx.core.permissions import require

from ..calendars import describe_moment, is_time_zone
from ..models import HOLDING_STATUSES, Attendee, Event, EventStatus, Session

PERMISSION = "events.manage_events"
FIELDS = (
    "title",
    "slug",
    "kind",
    "format",
    "summary",
    "description",
    "time_zone",
    "starts_at",
    "ends_at",
    "venue_name",
    "venue_address",
    "online_url",
    "capacity",
    "registration_opens_at",
    "registration_closes_at",
    "rename_until",
    "refund_until",
    "refund_percent",
    "attendance_hours",
    "ce_hours",
)
RELATED = ("topics", "platforms")
# Fixed paths beside /events/<slug>/ and /staff/events/<slug>/: an event of that name would
# lose its pages to them.
RESERVED_SLUGS = frozenset({"new", "speakers", "my", "agenda", "orders", "tickets", "waitlist"})
REQUIRED = (
    ("title", "Give the event a title."),
    ("slug", "Give the event a web address."),
    ("summary", "Write a one-line summary."),
    ("starts_at", "Say when the event starts."),
    ("ends_at", "Say when the event ends."),
    ("registration_opens_at", "Say when registration opens."),
    ("registration_closes_at", "Say when registration closes."),
    ("rename_until", "Say until when buyers may rename their attendees."),
    ("refund_until", "Say until when a cancellation is refunded."),
)
AUDIT_ACTIONS = {
    "publish": "events.event.published",
    "unpublish": "events.event.unpublished",
    "cancel": "events.event.cancelled",
}
ACTIONS = tuple(AUDIT_ACTIONS)


def lock(event: Event) -> Event:
    """The event's row, locked (the same lock registration takes to count places)."""
    try:
        return Event.objects.select_for_update().get(pk=event.pk)
    except Event.DoesNotExist as error:
        raise NotFound("Event not found.") from error


def _snapshot(event: Event) -> dict:
    values = {name: getattr(event, name) for name in FIELDS}
    for name in RELATED:
        values[name] = [str(item) for item in getattr(event, name).all()]
    values["status"] = event.status
    return values


def _normalise(data: dict) -> dict:
    return {
        name: value.strip() if isinstance(value, str) else value for name, value in data.items()
    }


def _check(data: dict, *, event: Event | None) -> None:
    """Refuse missing values and dates that contradict each other, naming the field."""
    for name, message in REQUIRED:
        if data.get(name) in (None, ""):
            raise DomainError(message, field=name)
    if not is_time_zone(data.get("time_zone") or ""):
        raise DomainError(
            "Choose a time zone by its IANA name, for example America/Chicago.", field="time_zone"
        )
    capacity = data.get("capacity")
    if capacity is None or capacity < 1:
        raise DomainError("Capacity must be at least 1 place.", field="capacity")
    percent = data.get("refund_percent", 100)
    if percent is None or not 0 <= percent <= 100:
        raise DomainError("The refund is a percentage from 0 to 100.", field="refund_percent")
    for name in ("attendance_hours", "ce_hours"):
        if data.get(name) is not None and data[name] < 0:
            raise DomainError("Enter zero or more hours.", field=name)
    starts, ends = data["starts_at"], data["ends_at"]
    if ends <= starts:
        raise DomainError("The event must end after it starts.", field="ends_at")
    if data["registration_closes_at"] <= data["registration_opens_at"]:
        raise DomainError("Registration must close after it opens.", field="registration_closes_at")
    if data["registration_closes_at"] > ends:
        raise DomainError(
            "Registration must close no later than the end of the event.",
            field="registration_closes_at",
        )
    for name, what in (("refund_until", "Refunds"), ("rename_until", "Renaming attendees")):
        if data[name] > starts:
            raise DomainError(f"{what} must stop no later than the start of the event.", field=name)
    if data["slug"].lower() in RESERVED_SLUGS:
        raise DomainError("That web address is reserved: choose another.", field="slug")
    others = Event.objects.filter(slug=data["slug"])
    if event is not None:
        others = others.exclude(pk=event.pk)
    if others.exists():
        raise DomainError("Another event already uses that web address.", field="slug")


def _check_agenda_fits(event: Event) -> None:
    outside = Session.objects.filter(event=event).exclude(
        starts_at__gte=event.starts_at, ends_at__lte=event.ends_at
    )
    count = outside.count()
    if count:
        first = outside.order_by("starts_at").first()
        raise DomainError(
            f"{count} session{'s' if count != 1 else ''} would fall outside the new dates "
            f"(first: {first.title}, {describe_moment(first.starts_at, event)}): "
            "move them in the agenda first.",
            field="starts_at" if first.starts_at < event.starts_at else "ends_at",
        )


def taken_places(event: Event) -> int:
    return Attendee.objects.filter(event=event, status__in=HOLDING_STATUSES).count()


@transaction.atomic
def create_event(*, actor, data: dict) -> Event:
    """A new event, as a draft. `data` holds FIELDS (times aware) and optionally RELATED."""
    require(actor, PERMISSION)
    data = _normalise(data)
    _check(data, event=None)
    event = Event.objects.create(
        status=EventStatus.DRAFT, **{name: data[name] for name in FIELDS if name in data}
    )
    for name in RELATED:
        getattr(event, name).set(data.get(name, []))
    audit.record(actor=actor, action="events.event.created", target=event, after=_snapshot(event))
    return event


@transaction.atomic
def update_event(*, actor, event: Event, data: dict) -> Event:
    require(actor, PERMISSION)
    event = lock(event)
    if event.status == EventStatus.CANCELLED:
        raise DomainError("A cancelled event cannot be changed.")
    data = _normalise(data)
    _check(data, event=event)
    taken = taken_places(event)
    if data["capacity"] < taken:
        raise DomainError(
            f"{taken} places are taken: the capacity cannot be lower than {taken}.",
            field="capacity",
        )
    before = _snapshot(event)
    for name in FIELDS:
        if name in data:
            setattr(event, name, data[name])
    event.save()
    for name in RELATED:
        if name in data:
            getattr(event, name).set(data[name])
    _check_agenda_fits(event)
    audit.record(
        actor=actor,
        action="events.event.updated",
        target=event,
        before=before,
        after=_snapshot(event),
    )
    return event


def publishing_blockers(event: Event) -> list[str]:
    """What stops a draft from being published (empty: it may be)."""
    blockers = []
    if not event.ticket_types.exists():
        blockers.append("No ticket types yet: add at least one (a free one for a free event).")
    if event.ends_at <= timezone.now():
        blockers.append("The event has already ended.")
    return blockers


@transaction.atomic
def set_status(*, actor, event: Event, change: str, reason: str = "") -> Event:
    """`change` is "publish" (draft → published), "unpublish" (published → draft, only while
    nobody is registered) or "cancel" (→ cancelled, for good; `reason` required)."""
    require(actor, PERMISSION)
    if change not in ACTIONS:
        raise DomainError("Choose publish, unpublish or cancel.", field="action")
    event = lock(event)
    before = event.status
    if before == EventStatus.CANCELLED:
        raise Conflict("This event is cancelled: it cannot change any more.", code="cancelled")
    reason = (reason or "").strip()
    if change == "publish":
        if before != EventStatus.DRAFT:
            raise Conflict("This event is already published.", code="published")
        blockers = publishing_blockers(event)
        if blockers:
            raise DomainError("Not ready to publish: " + " ".join(blockers), code="not_ready")
        event.status = EventStatus.PUBLISHED
    elif change == "unpublish":
        if before != EventStatus.PUBLISHED:
            raise Conflict("This event is a draft already.", code="draft")
        taken = taken_places(event)
        if taken:
            raise Conflict(
                f"{taken} {'person is' if taken == 1 else 'people are'} registered: "
                "cancel the event instead of taking it back to draft.",
                code="registered",
            )
        event.status = EventStatus.DRAFT
    else:
        if not reason:
            raise DomainError("Say why the event is cancelled.", field="reason")
        if len(reason) > 500:
            raise DomainError("Keep the reason under 500 characters.", field="reason")
        event.status = EventStatus.CANCELLED
    event.save(update_fields=["status", "updated_at"])
    after = {"status": event.status}
    if change == "cancel":
        after |= {"reason": reason, "registered": taken_places(event)}
    audit.record(
        actor=actor,
        action=AUDIT_ACTIONS[change],
        target=event,
        before={"status": before},
        after=after,
    )
    return event


def cancel_event(*, actor, event: Event, reason: str) -> tuple[Event, int]:
    """Call the event off: the status changes (and is audited) first, then every ticket still
    holding a place is cancelled and refunded in full through billing, one order per
    transaction (the order billing's invoice lock requires), and its people are emailed; the
    waitlist is withdrawn and the people on it told.
    Returns the event and how many tickets were cancelled. Run again, it refunds what a
    failure part-way left (the status is already cancelled)."""
    from .cancellation import cancel_event_tickets  # noqa: PLC0415 - cancellation imports this module's lock
    from .waitlist import withdraw_all  # noqa: PLC0415 - as cancellation

    if event.status != EventStatus.CANCELLED:
        event = set_status(actor=actor, event=event, change="cancel", reason=reason)
    with transaction.atomic():  # nobody waits any more: each person waiting is told
        event = lock(event)
        withdraw_all(event, actor=actor, reason=(reason or "").strip())
    return event, cancel_event_tickets(actor, event, reason)
