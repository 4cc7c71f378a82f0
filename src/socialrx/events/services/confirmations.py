"""Sending the tickets of a confirmed order: once the confirming transaction commits, each
confirmed attendee gets their ticket by email (the PDF and the event's .ics attached), and the
buyer, when not the only attendee, a summary listing everyone.

Each ticket is sent once: the attendee's `ticket_sent_at` is set, under a lock on their row, by
the transaction that queues the email, so a second confirmation of the same order (a replayed
payment notice, a signal sent twice) sends nothing. A rename draws a new ticket and sends it
(`services.rename`)."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from ..models import Attendee, AttendeeStatus, Order
from . import ticket_emails

logger = logging.getLogger(__name__)


def send_tickets_on_commit(order: Order) -> None:
    """Called inside the transaction that confirmed `order` (the `order_confirmed` receiver):
    the tickets go when it commits, and not at all if it rolls back."""
    order_id = order.pk
    transaction.on_commit(lambda: send_tickets(order_id), robust=True)


def send_tickets(order_id: int, *, triggered_by=None) -> list[Attendee]:
    """Email every confirmed attendee of the order who has not had their ticket yet; returns
    them (empty when all were sent already)."""
    with transaction.atomic():
        ids = list(
            Attendee.objects.select_for_update()
            .filter(order_id=order_id, status=AttendeeStatus.CONFIRMED, ticket_sent_at=None)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if not ids:
            return []
        Attendee.objects.filter(pk__in=ids).update(ticket_sent_at=timezone.now())
        attendees = list(
            Attendee.objects.filter(pk__in=ids)
            .select_related("event", "ticket_type", "order__made_by")
            .order_by("full_name", "pk")
        )
        order = attendees[0].order
        for attendee in attendees:
            ticket_emails.queue_ticket(attendee, triggered_by=triggered_by)
        if not _buyer_is_the_only_attendee(order, attendees):
            ticket_emails.order_summary(order, attendees, triggered_by=triggered_by)
    logger.info("Sent %d ticket(s) of order %s", len(attendees), order.public_id)
    return attendees


def _buyer_is_the_only_attendee(order: Order, attendees: list[Attendee]) -> bool:
    if len(attendees) != 1:
        return False
    only, buyer = attendees[0], order.made_by
    return only.person_id == buyer.pk or only.email_key == (buyer.email or "").lower()
