"""Tickets as a PDF: a Letter page per ticket, drawn by WeasyPrint from an HTML template that
carries everything inline (styles, and the QR code as SVG), so rendering fetches nothing.

The QR code holds the ticket's signed token (`ticket_tokens.ticket_token`); the page also gives
a short reference for the door to type when a code will not scan. Dietary and accessibility
needs are the organizers' to know: they are never printed on a ticket."""

from __future__ import annotations

from collections.abc import Iterable

import qrcode
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from qrcode.image.svg import SvgPathImage

from socialrx.core.pdf import html_to_pdf

from .calendars import describe_moment, describe_span
from .models import Attendee, EventFormat, TicketKind
from .ticket_tokens import ticket_token


def qr_svg(text: str) -> SafeString:
    """`text` as a QR code in an inline SVG element (medium error correction, quiet zone of
    two modules). The markup is generated here, never from input, so it is safe to embed."""
    image = qrcode.make(
        text,
        image_factory=SvgPathImage,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        border=2,
    )
    svg = image.to_string(encoding="unicode").replace(' id="qr-path"', "")  # one per page
    return mark_safe(svg)  # noqa: S308 - generated SVG, see above


def ticket_reference(attendee: Attendee) -> str:
    """A short reference for the ticket, read aloud or typed at the door: "7F3A-09C2"."""
    code = attendee.public_id.hex[:8].upper()
    return f"{code[:4]}-{code[4:]}"


def where(event) -> str:
    """The venue, or "Online"; a hybrid event's venue "and online"."""
    venue = ", ".join(part for part in (event.venue_name, event.venue_address) if part)
    if event.format == EventFormat.VIRTUAL or not venue:
        return "Online"
    if event.format == EventFormat.HYBRID:
        return f"{venue} (and online)"
    return venue


def _notes(attendee: Attendee) -> list[str]:
    event, ticket_type = attendee.event, attendee.ticket_type
    notes = ["Show this ticket at the door, printed or on your phone. It admits one person."]
    if ticket_type.kind == TicketKind.STUDENT:
        notes.append("Student ticket: bring your student ID.")
    if event.is_online:
        notes.append("The link to join online is on your tickets page.")
    notes.append(
        f"The buyer may transfer this ticket to a colleague until "
        f"{describe_moment(event.rename_until, event)}; the ticket then issued replaces this one."
    )
    return notes


def _page(attendee: Attendee) -> dict:
    event = attendee.event
    token = ticket_token(attendee)
    return {
        "attendee": attendee,
        "event": event,
        "span": describe_span(event),
        "starts": describe_moment(event.starts_at, event),
        "ends": describe_moment(event.ends_at, event),
        "where": where(event),
        "token": token,
        "qr": qr_svg(token),
        "reference": ticket_reference(attendee),
        "notes": _notes(attendee),
    }


def ticket_html(attendees: Iterable[Attendee]) -> str:
    """The tickets' HTML (one page each). Select `event` and `ticket_type` with them."""
    pages = [_page(attendee) for attendee in attendees]
    return render_to_string("events/tickets/ticket_pdf.html", {"pages": pages})


def ticket_pdf(attendees: Iterable[Attendee]) -> bytes:
    return html_to_pdf(ticket_html(attendees))
