"""Claiming a waitlist offer: the link's token (compared in constant time) and the person it
was offered to must match, and the offer must still run. Claiming registers the person through
`services.registration.register(..., claim=entry)`, which counts the offer's place as theirs
and marks the entry claimed in the same transaction. A free ticket is confirmed at once; a
priced one goes on to billing's checkout like any order."""

from __future__ import annotations

import secrets
from dataclasses import replace

from django.db import transaction
from django.utils import timezone

from socialrx.core import audit
from socialrx.core.errors import Conflict, NotFound

from ..calendars import describe_moment
from ..models import Order, WaitlistEntry, WaitlistStatus
from .registration import AttendeeDetails, register
from .waitlist import lock


def _token_matches(entry: WaitlistEntry, token: str) -> bool:
    expected = entry.claim_token or ""
    return bool(expected) and secrets.compare_digest(expected.encode(), str(token).encode())


def check_claim(actor, entry: WaitlistEntry, token: str, *, now=None) -> None:
    """Refuse a claim that cannot go through (writes nothing): another person's entry or a
    forged token is not found; a closed offer is a conflict with a message saying why."""
    now = now or timezone.now()
    if (
        not getattr(actor, "is_authenticated", False)
        or entry.person_id != actor.pk
        or not _token_matches(entry, token)
    ):
        raise NotFound("Waitlist offer not found.")
    if entry.status == WaitlistStatus.CLAIMED:
        raise Conflict(
            "This place was already claimed: your registration is on your events page.",
            code="claimed",
        )
    if entry.status == WaitlistStatus.WITHDRAWN:
        raise Conflict("You left the waitlist, so this offer is closed.", code="withdrawn")
    expires = entry.offer_expires_at
    if entry.status == WaitlistStatus.EXPIRED or (expires is not None and expires <= now):
        raise Conflict(
            f"This offer expired on {describe_moment(expires, entry.event)}; the place went to "
            "the next person waiting.",
            code="expired",
        )
    if entry.status != WaitlistStatus.OFFERED or expires is None:
        raise Conflict("This offer is no longer open.", code="closed")


def claim_offer(actor, entry: WaitlistEntry, token: str, details: AttendeeDetails) -> Order:
    """Register the offered place for its person (their account's email; the other details as
    they confirm them). Returns the order: confirmed when free, else pending for checkout."""
    with transaction.atomic():
        event = lock(entry.event)
        entry = (
            WaitlistEntry.objects.select_for_update(of=("self",))
            .select_related("event", "ticket_type", "person")
            .get(pk=entry.pk)
        )
        entry.event = event
        check_claim(actor, entry, token)
        details = replace(details, email=actor.email)
        order = register(actor, event, entry.ticket_type, [details], claim=entry)
        # Registration marks the entry claimed; make sure, whatever it did.
        WaitlistEntry.objects.filter(pk=entry.pk).update(status=WaitlistStatus.CLAIMED)
        audit.record(
            actor=actor,
            action="events.waitlist.claimed",
            target=entry,
            before={"status": WaitlistStatus.OFFERED},
            after={"status": WaitlistStatus.CLAIMED, "order": str(order.public_id)},
        )
    return order
