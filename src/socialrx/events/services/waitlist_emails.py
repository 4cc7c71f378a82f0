"""The waitlist's emails (text and HTML, sent after commit): joined (with the place in the
queue), a place offered (with the time-limited claim link), an offer that lapsed, and the
event called off while they waited. Times are
given on the event's clock, with its zone named."""

from __future__ import annotations

from django.conf import settings
from django.urls import NoReverseMatch, reverse

from socialrx.core.email import queue_templated_email

from ..calendars import describe_moment, describe_span

TEMPLATES = "events/waitlist/email/"


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _context(entry, **extra) -> dict:
    event = entry.event
    return {
        "entry": entry,
        "event": event,
        "ticket_type": entry.ticket_type,
        "person": entry.person,
        "when": describe_span(event),
        "page_url": _page_url(event),
        "site_url": settings.SITE_URL,
        **extra,
    }


def _page_url(event) -> str:
    """The event's public page (the public area's route), else the site."""
    try:
        return _absolute(reverse("events:event", args=[event.slug]))
    except NoReverseMatch:
        return settings.SITE_URL


def _send(entry, template: str, context: dict, triggered_by=None) -> None:
    queue_templated_email(
        to=[entry.person.email],
        template=TEMPLATES + template,
        context=context,
        triggered_by=triggered_by,
    )


def claim_url(entry) -> str:
    return _absolute(reverse("events:waitlist_claim", args=[entry.public_id, entry.claim_token]))


def joined(entry, *, position: int | None, triggered_by=None) -> None:
    _send(entry, "joined", _context(entry, position=position), triggered_by)


def place_offered(entry, triggered_by=None) -> None:
    _send(
        entry,
        "offered",
        _context(
            entry,
            claim_url=claim_url(entry),
            offer_expires=describe_moment(entry.offer_expires_at, entry.event),
        ),
        triggered_by,
    )


def offer_expired(entry) -> None:
    _send(
        entry,
        "expired",
        _context(entry, offer_expired_at=describe_moment(entry.offer_expires_at, entry.event)),
    )


def event_cancelled(entry, *, reason: str, was_offered: bool, triggered_by=None) -> None:
    """The event was called off while the person waited (or held an offer)."""
    _send(
        entry,
        "event_cancelled",
        _context(entry, reason=reason, was_offered=was_offered),
        triggered_by,
    )
