"""The waitlist per ticket type: a signed-in person joins when the type (or the whole event) is
sold out and leaves whenever they like. When places free (a cancellation, an abandoned checkout,
a voided invoice, a lapsed offer, a larger quota) the earliest people waiting are offered one
each, kept for them for `EVENTS_WAITLIST_OFFER_HOURS` (48 by default, never past the close of
registration), with a claim link by email. A live offer takes a place in the counts of
`selectors.places`, so nobody else can take it meanwhile. Claiming: `waitlist_claim`.

Every writer here takes the event's lock (`services.registration.lock_event`) before counting
places, like registration does, so a freed place is offered exactly once."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from socialrx.core import audit
from socialrx.core.errors import Conflict, DomainError, NotFound
from socialrx.core.permissions import require

from ..models import (
    Attendee,
    Event,
    EventStatus,
    TicketKind,
    TicketType,
    WaitlistEntry,
    WaitlistStatus,
)
from ..selectors.places import holding, newcomer_places, places_left, type_places_left
from ..selectors.prices import member_refusal, registration_refusal, sale_refusal
from ..selectors.waitlist import WAITING_STATUSES, live_offers, position
from . import waitlist_emails
from .registration import lock_event

__all__ = [
    "expire_offers",
    "join_waitlist",
    "leave_waitlist",
    "live_offers",
    "offer_freed_places",
    "offer_hours",
    "withdraw_all",
]


def offer_hours() -> int:
    return int(getattr(settings, "EVENTS_WAITLIST_OFFER_HOURS", 48))


def lock(event: Event) -> Event:
    """The event's row, locked for the transaction: registration's lock, which every writer
    that counts, takes or frees places takes first."""
    return lock_event(event)


def registered(event: Event, email: str, *, now=None) -> bool:
    """Someone with this email holds a place at the event (a ticket, or a checkout running)."""
    return Attendee.objects.filter(holding(now), event=event, email_key=email.lower()).exists()


def sold_out(ticket_type: TicketType, event: Event, *, now=None) -> bool:
    """No place left for a new registration of this type: its quota or the event's capacity,
    or the places left are owed to people already waiting (`newcomer_places`)."""
    type_left, left = newcomer_places(event, ticket_type, now=now)
    return left <= 0 or (type_left is not None and type_left <= 0)


def _locked_entry(entry: WaitlistEntry) -> WaitlistEntry:
    return (
        WaitlistEntry.objects.select_for_update(of=("self",))
        .select_related("event", "ticket_type", "person")
        .get(pk=entry.pk)
    )


# --- joining and leaving ------------------------------------------------------------------------


def join_waitlist(actor, ticket_type: TicketType) -> WaitlistEntry:
    """Wait for a place of `ticket_type`: only when it (or the event) is sold out, registration
    is open, and the person is neither registered nor already waiting. Confirmed by email."""
    require(actor, "events.join_waitlist")
    with transaction.atomic():
        event = lock(ticket_type.event)
        ticket_type = TicketType.objects.get(pk=ticket_type.pk)
        ticket_type.event = event
        now = timezone.now()
        refusal = registration_refusal(event, now=now) or sale_refusal(ticket_type, now=now)
        if refusal:
            raise DomainError(refusal, code="closed")
        if ticket_type.kind == TicketKind.GROUP:
            raise DomainError(
                f"{ticket_type.name} admits a group at once and has no waitlist: join the "
                "waitlist of a single ticket for each person.",
                code="group",
            )
        refusal = member_refusal(ticket_type, actor)
        if refusal:
            raise DomainError(refusal, code="not_member")
        if registered(event, actor.email, now=now):
            raise Conflict(
                f"You are already registered for {event.title} (as {actor.email}).",
                code="registered",
            )
        current = WaitlistEntry.objects.filter(
            ticket_type=ticket_type, person=actor, status__in=WAITING_STATUSES
        ).first()
        if current is not None:
            raise Conflict(_already_waiting(current), code="already_waiting")
        if not sold_out(ticket_type, event, now=now):
            raise DomainError(
                f"Places are still available for {ticket_type.name}: register instead.",
                code="not_sold_out",
            )
        try:
            with transaction.atomic():
                entry = WaitlistEntry.objects.create(
                    event=event, ticket_type=ticket_type, person=actor
                )
        except IntegrityError as error:
            if not _waiting_twice(error):
                raise
            raise Conflict(
                f"You are already on the waitlist for {ticket_type.name}.",
                code="already_waiting",
            ) from error
        place = position(entry)
        audit.record(
            actor=actor,
            action="events.waitlist.joined",
            target=entry,
            after={"event": event.slug, "ticket_type": ticket_type.name, "position": place},
        )
        waitlist_emails.joined(entry, position=place, triggered_by=actor)
    return entry


def _waiting_twice(error: IntegrityError) -> bool:
    """The `events_waiting_once` rule refused the row (SQLite names its columns instead)."""
    text = str(error)
    return "events_waiting_once" in text or "events_waitlistentry.ticket_type_id" in text


def _already_waiting(entry: WaitlistEntry) -> str:
    if entry.status == WaitlistStatus.OFFERED:
        return (
            f"A place of {entry.ticket_type.name} is already offered to you: use the claim "
            "link in your email."
        )
    return (
        f"You are already on the waitlist for {entry.ticket_type.name} "
        f"(number {position(entry)} in the queue)."
    )


def leave_waitlist(actor, entry: WaitlistEntry) -> WaitlistEntry:
    """The person leaves the waitlist (declining their offer, if they had one: the place then
    goes to the next person waiting). Someone else's entry is not found."""
    if not getattr(actor, "is_authenticated", False) or entry.person_id != actor.pk:
        raise NotFound("Waitlist entry not found.")
    with transaction.atomic():
        event = lock(entry.event)
        entry = _locked_entry(entry)
        if entry.status not in WAITING_STATUSES:
            raise Conflict(
                f"You are no longer on the waitlist for {entry.ticket_type.name} "
                f"({entry.get_status_display().lower()}).",
                code="not_waiting",
            )
        before = entry.status
        entry.status = WaitlistStatus.WITHDRAWN
        entry.save(update_fields=["status"])
        audit.record(
            actor=actor,
            action="events.waitlist.left",
            target=entry,
            before={"status": before},
            after={"status": WaitlistStatus.WITHDRAWN},
        )
        if before == WaitlistStatus.OFFERED:
            offer_freed_places(event, entry.ticket_type)
    return entry


def withdraw_all(event: Event, *, actor=None, reason: str = "") -> int:
    """The event was cancelled (the caller holds its lock): nobody waits for it any more, and
    each person waiting or holding an offer is told why by email."""
    entries = list(
        WaitlistEntry.objects.select_for_update(of=("self",))
        .filter(event=event, status__in=WAITING_STATUSES)
        .select_related("person", "ticket_type")
        .order_by("pk")
    )
    WaitlistEntry.objects.filter(pk__in=[e.pk for e in entries]).update(
        status=WaitlistStatus.WITHDRAWN
    )
    for entry in entries:
        audit.record(
            actor=actor,
            action="events.waitlist.withdrawn",
            target=entry,
            before={"status": entry.status},
            after={"reason": "The event was cancelled."},
        )
        entry.event = event
        waitlist_emails.event_cancelled(
            entry,
            reason=reason,
            was_offered=entry.status == WaitlistStatus.OFFERED,
            triggered_by=actor,
        )
    return len(entries)


# --- offers -------------------------------------------------------------------------------------


def _types_in_turn(event: Event, ticket_type: TicketType | None) -> list[TicketType]:
    """The event's types that have people waiting; the type whose place freed first."""
    types = list(
        TicketType.objects.filter(event=event, waitlist__status=WaitlistStatus.WAITING)
        .distinct()
        .order_by("position", "price_cents", "pk")
    )
    if ticket_type is not None:
        types.sort(key=lambda t: t.pk != ticket_type.pk)
    for found in types:
        found.event = event
    return types


def _next_waiting(ticket_type: TicketType) -> WaitlistEntry | None:
    return (
        WaitlistEntry.objects.select_for_update(of=("self",))
        .select_related("person")
        .filter(ticket_type=ticket_type, status=WaitlistStatus.WAITING)
        .order_by("joined_at", "pk")
        .first()
    )


def _offer(entry: WaitlistEntry, event: Event, *, now, actor=None) -> None:
    expires = min(now + timedelta(hours=offer_hours()), event.registration_closes_at)
    entry.status = WaitlistStatus.OFFERED
    entry.offered_at = now
    entry.offer_expires_at = expires
    entry.claim_token = secrets.token_urlsafe(32)
    entry.save(update_fields=["status", "offered_at", "offer_expires_at", "claim_token"])
    audit.record(
        actor=actor,
        action="events.waitlist.offered",
        target=entry,
        before={"status": WaitlistStatus.WAITING},
        after={"person": entry.person.email, "offer_expires_at": expires},
    )
    waitlist_emails.place_offered(entry, triggered_by=actor)


def offer_freed_places(
    event: Event, ticket_type: TicketType | None = None, *, now=None, actor=None
) -> list[WaitlistEntry]:
    """Offer every free place to the earliest people waiting, one place each: first for
    `ticket_type` (the type whose place freed, when known), then the event's other types while
    the event has room. Safe to call any time (twice, concurrently): with no free place or
    nobody waiting it does nothing. People waiting who registered meanwhile are taken off."""
    now = now or timezone.now()
    offered: list[WaitlistEntry] = []
    with transaction.atomic():
        event = lock(event)
        if event.status != EventStatus.PUBLISHED or registration_refusal(event, now=now):
            return []
        for kind in _types_in_turn(event, ticket_type):
            if sale_refusal(kind, now=now):
                continue
            while places_left(event, now=now) > 0:
                left = type_places_left(kind, now=now)
                if left is not None and left <= 0:
                    break
                entry = _next_waiting(kind)
                if entry is None:
                    break
                if registered(event, entry.person.email, now=now):
                    _withdraw_registered(entry)
                    continue
                entry.event, entry.ticket_type = event, kind
                _offer(entry, event, now=now, actor=actor)
                offered.append(entry)
            if places_left(event, now=now) <= 0:
                break
    return offered


def _withdraw_registered(entry: WaitlistEntry) -> None:
    entry.status = WaitlistStatus.WITHDRAWN
    entry.save(update_fields=["status"])
    audit.record(
        actor=None,
        action="events.waitlist.withdrawn",
        target=entry,
        after={"reason": "Registered for the event meanwhile."},
    )


def offer_now(actor, ticket_type: TicketType) -> list[WaitlistEntry]:
    """Staff: offer the type's free places now (after a quota was raised, say)."""
    require(actor, "events.manage_events")
    return offer_freed_places(ticket_type.event, ticket_type, actor=actor)


def expire_offers(now=None) -> int:
    """Offers whose time ran out lapse (the person is told), and their places go to the next
    people waiting. Returns how many lapsed."""
    now = now or timezone.now()
    event_ids = set(
        WaitlistEntry.objects.filter(
            status=WaitlistStatus.OFFERED, offer_expires_at__lte=now
        ).values_list("event_id", flat=True)
    )
    expired = 0
    for event in Event.objects.filter(pk__in=event_ids).order_by("pk"):
        with transaction.atomic():
            event = lock(event)
            entries = list(
                WaitlistEntry.objects.select_for_update(of=("self",))
                .filter(event=event, status=WaitlistStatus.OFFERED, offer_expires_at__lte=now)
                .select_related("person", "ticket_type")
            )
            for entry in entries:
                entry.status = WaitlistStatus.EXPIRED
                entry.save(update_fields=["status"])
                audit.record(
                    actor=None,
                    action="events.waitlist.expired",
                    target=entry,
                    before={"status": WaitlistStatus.OFFERED},
                    after={"status": WaitlistStatus.EXPIRED, "person": entry.person.email},
                )
                entry.event = event
                waitlist_emails.offer_expired(entry)
            expired += len(entries)
            offer_freed_places(event, now=now)
    return expired
