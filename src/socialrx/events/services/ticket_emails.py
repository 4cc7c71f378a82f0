"""The tickets' emails (text and HTML, sent after commit): each attendee's ticket with its PDF
and the event's .ics attached, the buyer's summary of an order, a ticket transferred away
(renamed), a ticket cancelled, and an event cancelled. Times are on the event's clock, with the
zone named."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse

from socialrx.core.email import queue_templated_email, single_line

from ..calendars import describe_moment, describe_span, event_calendar
from ..models import Attendee, AttendeeStatus, Event
from ..pdf import ticket_pdf, ticket_reference, where
from .ticket_money import rule_at

TEMPLATES = "events/email/"
# The ticket emails the task may build (the attendee's own, or one transferred to them).
TICKET_TEMPLATES = ("ticket", "ticket_transferred")


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def event_url(event: Event) -> str:
    """The event's public page (the public area's route), else the person's tickets page."""
    try:
        return absolute(reverse("events:event", args=[event.slug]))
    except NoReverseMatch:
        return absolute(reverse("events:my_events"))


def context(event: Event, **extra) -> dict:
    return {
        "event": event,
        "span": describe_span(event),
        "starts": describe_moment(event.starts_at, event),
        "ends": describe_moment(event.ends_at, event),
        "where": where(event),
        "event_url": event_url(event),
        "my_events_url": absolute(reverse("events:my_events")),
        "rename_until": describe_moment(event.rename_until, event),
        "refund_until": describe_moment(event.refund_until, event),
        "refund_rule": rule_at(event).text,
        "site_url": settings.SITE_URL,
        **extra,
    }


def _send(to, template: str, ctx: dict, triggered_by=None) -> None:
    emails = sorted({address for address in to if address})
    if emails:
        queue_templated_email(
            to=emails, template=TEMPLATES + template, context=ctx, triggered_by=triggered_by
        )


# --- the ticket itself ---------------------------------------------------------------------------


def queue_ticket(attendee: Attendee, *, template: str = "ticket", triggered_by=None) -> None:
    """After commit, email `attendee` their ticket (as it is when the task runs)."""
    from ..tasks import email_ticket  # noqa: PLC0415 - the task imports this module: a top-level import would be a cycle

    assert template in TICKET_TEMPLATES, template
    attendee_id, secret = attendee.pk, attendee.ticket_secret
    person_id = triggered_by.pk if getattr(triggered_by, "is_authenticated", False) else None
    transaction.on_commit(
        lambda: email_ticket.delay(
            attendee_id=attendee_id,
            secret=secret,
            template=TEMPLATES + template,
            triggered_by_id=person_id,
        )
    )


def ticket_message(attendee_id: int, secret: str, template: str) -> EmailMultiAlternatives | None:
    """The ticket email, or None when the ticket was cancelled or renamed since it was queued."""
    if template.removeprefix(TEMPLATES) not in TICKET_TEMPLATES:
        return None
    attendee = (
        Attendee.objects.select_related("event", "ticket_type", "order__made_by")
        .filter(pk=attendee_id)
        .first()
    )
    if (
        attendee is None
        or attendee.status != AttendeeStatus.CONFIRMED
        or attendee.ticket_secret != secret
    ):
        return None
    event = attendee.event
    ctx = context(
        event,
        attendee=attendee,
        buyer=attendee.order.made_by,
        reference=ticket_reference(attendee),
        online_url=event.online_url if event.is_online else "",
    )
    message = EmailMultiAlternatives(
        subject=single_line(render_to_string(f"{template}_subject.txt", ctx)),
        body=render_to_string(f"{template}.txt", ctx),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[attendee.email],
    )
    message.attach_alternative(render_to_string(f"{template}.html", ctx), "text/html")
    reference = ticket_reference(attendee)
    message.attach(f"ticket-{reference}.pdf", ticket_pdf([attendee]), "application/pdf")
    message.attach(
        f"{event.slug}.ics",
        event_calendar(event, url=ctx["event_url"]),
        "text/calendar",
    )
    return message


# --- the other emails ----------------------------------------------------------------------------


def order_summary(order, attendees: list[Attendee], triggered_by=None) -> None:
    """The buyer's list of the attendees whose tickets were just sent."""
    _send(
        [order.made_by.email],
        "tickets_summary",
        context(order.event, order=order, buyer=order.made_by, attendees=attendees),
        triggered_by,
    )


def ticket_transferred_away(event: Event, *, old_name: str, old_email: str, actor=None) -> None:
    """The person a ticket was renamed away from: their ticket no longer admits them."""
    _send(
        [old_email],
        "ticket_transferred_away",
        context(event, old_name=old_name),
        actor,
    )


def ticket_cancelled(attendee: Attendee, *, money: str, actor=None) -> None:
    """The attendee and the buyer (once, when the same person)."""
    _send(
        [attendee.email, attendee.order.made_by.email],
        "ticket_cancelled",
        context(attendee.event, attendee=attendee, money=money),
        actor,
    )


def event_cancelled(
    event: Event, to, attendees: list[Attendee], *, reason: str, money: str, actor=None
):
    """The event was called off: one email for a buyer (their attendees and the money), or
    for an attendee who did not buy their ticket (their own ticket, no money)."""
    _send(
        to,
        "event_cancelled",
        context(event, attendees=attendees, reason=reason, money=money),
        actor,
    )
