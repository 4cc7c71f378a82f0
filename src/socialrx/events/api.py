"""Events over the API: published events, one event with its ticket types and list prices, and
its agenda (public); a signed-in person's tickets and orders; check-in at the door and its
live counts for center staff.

Mounted under /api/v1/events (both routers; see menus.py). Times are ISO 8601 with the offset
of the event's own zone, which each answer names."""

from __future__ import annotations

from ninja import Path, Router
from ninja.pagination import paginate

from socialrx.core.api_errors import documented
from socialrx.core.api_pagination import BoundedPagination
from socialrx.core.errors import Conflict, DomainError
from socialrx.core.permissions import require

from .api_schemas import (
    AgendaOut,
    CheckInCountsOut,
    CheckInIn,
    CheckInOut,
    EventDetailOut,
    EventOut,
    OrderOut,
    TicketOut,
    order_item,
    session_item,
    ticket_item,
)
from .selectors import api_reads
from .selectors.agenda import agenda as agenda_of
from .selectors.check_in import door_counts, door_event
from .services import check_in as check_in_service
from .ticket_tokens import attendee_for_token

SLUG_LENGTH = 80

public_router = Router(auth=None)
router = Router()


def _slug() -> str:
    return Path(..., min_length=1, max_length=SLUG_LENGTH, description="The event's slug.")


NO_EVENT = {404: "No published event has this slug (a draft reads as missing)."}


# --- public ---------------------------------------------------------------------------------


@public_router.get(
    "",
    **documented(list[EventOut], 403, 422),
    summary="Published events, soonest first",
)
@paginate(BoundedPagination)
def events(request):
    return api_reads.api_events()


@public_router.get(
    "/{slug}",
    **documented(EventDetailOut, 403, 404, 422, reasons=NO_EVENT),
    summary="An event with its ticket types and their list prices",
)
def event(request, slug: str = _slug()):
    return api_reads.api_event(slug)


@public_router.get(
    "/{slug}/agenda",
    **documented(AgendaOut, 403, 404, 422, reasons=NO_EVENT),
    summary="An event's agenda: sessions with speakers, rooms and tracks, in time order",
)
def agenda(request, slug: str = _slug()):
    event = api_reads.public_event(slug)
    program = agenda_of(event)
    return {
        "event_slug": event.slug,
        "time_zone": event.time_zone,
        "tracks": program.tracks,
        "rooms": program.rooms,
        "sessions": [session_item(session, event) for session in program.sessions],
    }


# --- the signed-in person -------------------------------------------------------------------


@router.get(
    "/my/tickets",
    **documented(list[TicketOut], 401, 403),
    summary="My tickets (upcoming events first), with when I was checked in",
)
def my_tickets(request):
    return [ticket_item(ticket, at) for ticket, at in api_reads.my_tickets(request.user)]


@router.get(
    "/my/orders",
    **documented(list[OrderOut], 401, 403),
    summary="The orders I placed (upcoming events first), with their attendees",
)
def my_orders(request):
    return [order_item(order) for order in api_reads.my_orders(request.user)]


# --- the door (center staff) ----------------------------------------------------------------

STAFF_ONLY = {
    403: "Not center staff (or a center account without two-factor authentication yet).",
    404: "No event has this slug.",
}
# A refusal at the door is an error with the shared body (400: not a ticket for this event;
# 409: a ticket that cannot come in now). An admitted ticket, checked in now or earlier, is a
# 200 whose `outcome` says which (a second scan says when, by whom and at which door).
REFUSAL_STATUS = {
    "not_a_ticket": 400,
    "other_event": 400,
    "cancelled": 409,
    "unpaid": 409,
    "event_cancelled": 409,
}


def _door_answer(result) -> dict:
    data = result.as_json()
    return {
        "detail": data["message"],
        "code": data["code"],
        "outcome": data["outcome"],
        "admitted": result.admitted,
        "attendee": data["attendee"],
        "check_in": data["check_in"],
    }


_check_in_doc = documented(
    CheckInOut,
    400,
    401,
    403,
    404,
    409,
    422,
    reasons={
        **STAFF_ONLY,
        400: "Not a ticket (unreadable, forged, reissued by a rename) or another event's.",
        409: "A cancelled or unpaid ticket, or a cancelled event.",
        422: "Invalid input: no token, or a token or door name too long.",
    },
)


@router.post(
    "/{slug}/check-in",
    **_check_in_doc,
    summary="Check in the ticket a scanned QR code names (once; a second scan says when)",
)
def check_in(request, body: CheckInIn, slug: str = _slug()):
    require(request.user, "events.check_in")
    event = door_event(slug)
    result = check_in_service.check_in(
        request.user, event, attendee_for_token(body.token), door=body.door, method="scan"
    )
    if not result.admitted:
        refusal = Conflict if REFUSAL_STATUS.get(result.code, 400) == 409 else DomainError
        raise refusal(result.message, code=result.code)
    return _door_answer(result)


@router.get(
    "/{slug}/check-in/counts",
    **documented(CheckInCountsOut, 401, 403, 404, 422, reasons=STAFF_ONLY),
    summary="Live door counts: attendees checked in and registered, by ticket type",
)
def check_in_counts(request, slug: str = _slug()):
    require(request.user, "events.check_in")
    counts = door_counts(door_event(slug))
    return {
        "checked_in": counts.checked_in,
        "registered": counts.registered,
        "ticket_types": counts.types,
    }
