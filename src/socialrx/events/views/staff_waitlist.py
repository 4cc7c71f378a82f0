"""Staff's view of an event's waitlist per ticket type (positions, statuses, live offers) and
"offer now", which offers the type's free places to the people first in line."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from socialrx.core.errors import DomainError, NotFound
from socialrx.core.permissions import require

from ..models import Event, TicketType
from ..selectors.places import event_places
from ..selectors.waitlist import staff_waitlist
from ..services import waitlist as service


def _event(slug: str) -> Event:
    event = Event.objects.filter(slug=slug).first()
    if event is None:
        raise NotFound("Event not found.")
    return event


@login_required
def waitlist(request, slug):
    require(request.user, "events.manage_events")
    event = _event(slug)
    sections = staff_waitlist(event)
    places = event_places(event, [ticket_type for ticket_type, _ in sections])
    rows = [
        {
            "ticket_type": ticket_type,
            "entries": entries,
            "places": places.by_type[ticket_type.pk],
            "waiting": sum(1 for e in entries if e.status == "waiting"),
            "offered": sum(1 for e in entries if e.status == "offered"),
        }
        for ticket_type, entries in sections
    ]
    return render(
        request,
        "events/waitlist/staff.html",
        {"event": event, "rows": rows, "places": places, "offer_hours": service.offer_hours()},
    )


@login_required
@require_POST
def offer(request, slug, public_id):
    require(request.user, "events.manage_events")
    ticket_type = (
        TicketType.objects.select_related("event")
        .filter(public_id=public_id, event__slug=slug)
        .first()
    )
    if ticket_type is None:
        raise NotFound("Ticket type not found.")
    try:
        offered = service.offer_now(request.user, ticket_type)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        if offered:
            names = ", ".join(entry.person.email for entry in offered)
            count = len(offered)
            messages.success(request, f"{count} place{'s' if count != 1 else ''} offered: {names}.")
        else:
            messages.info(
                request,
                f"Nothing was offered for {ticket_type.name}: no place is free, nobody is "
                "waiting, or registration is not open.",
            )
    return redirect("events:staff_waitlist", slug=slug)
