"""Events' public pages: the list of events, an event, and its agenda by day, track and room.

Drafts are "not found" for everyone but staff (who see a banner); cancelled events stay, with
a banner. Times are on the event's clock; virtual and hybrid events also show the viewer's own
(static/events/local-times.js)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.shortcuts import render
from django.utils import timezone

from socialrx.core.markdown import render as render_markdown

from ..calendars import local
from ..forms_public import AgendaFilterForm, id_param
from ..models import EventStatus, TicketKind
from ..selectors import agenda as agenda_selectors
from ..selectors import listing
from ..selectors.my_agenda import starred_ids
from ..selectors.places import event_places
from ..selectors.prices import member_refusal, prices_for, registration_refusal
from ..selectors.tickets import registration_at

SPEAKERS_ON_EVENT_PAGE = 8


def event_list(request):
    events = listing.event_listing(request.user)
    return render(request, "events/public/list.html", {"listing": events})


@dataclass(frozen=True)
class TicketRow:
    """A ticket type as this viewer sees it: their price, and places left."""

    ticket_type: object
    price: object  # selectors.prices.TicketPrice
    places: object  # selectors.places.TypePlaces
    sign_in_for_price: bool = False  # a visitor, on a member ticket: signing in may unlock it

    @property
    def member_discount(self) -> bool:
        return self.price.discount_cents > 0


def _sign_in_for_price(buyer, ticket_type, price) -> bool:
    """A visitor looks at a member ticket that is refused only for want of a membership."""
    return (
        buyer is None
        and ticket_type.kind == TicketKind.MEMBER
        and price.why_not == member_refusal(ticket_type, None)
    )


def _ticket_rows(viewer, event) -> list[TicketRow]:
    ticket_types = list(event.ticket_types.all())
    if not ticket_types:
        return []
    buyer = viewer if viewer.is_authenticated else None
    prices = prices_for(buyer, ticket_types)
    places = event_places(event, ticket_types).by_type
    return [
        TicketRow(tt, prices[tt.pk], places[tt.pk], _sign_in_for_price(buyer, tt, prices[tt.pk]))
        for tt in ticket_types
    ]


def banner_context(event) -> dict:
    return {
        "is_draft": event.status == EventStatus.DRAFT,
        "is_cancelled": event.status == EventStatus.CANCELLED,
        "is_past": event.ends_at < timezone.now(),
    }


def event_detail(request, slug):
    event = listing.event_page(request.user, slug)
    speakers = agenda_selectors.speaker_list(event)
    tickets = _ticket_rows(request.user, event)
    closed = registration_refusal(event)
    context = {
        "event": event,
        "tab": "overview",
        "description_html": render_markdown(event.description),
        "tickets": tickets,
        "registration_open": not closed and bool(tickets),
        "registration_closed_reason": closed,
        "mine": registration_at(request.user, event),
        "sold_out": bool(tickets) and all(row.places.sold_out for row in tickets),
        "preview": agenda_selectors.agenda_preview(event),
        "speakers": speakers[:SPEAKERS_ON_EVENT_PAGE],
        "speaker_count": len(speakers),
        **banner_context(event),
    }
    return render(request, "events/public/event.html", context)


@dataclass(frozen=True)
class DayLink:
    day: object  # selectors.agenda.AgendaDay
    href: str
    current: bool


def _query(**params) -> str:
    kept = {name: value for name, value in params.items() if value not in (None, "")}
    return "?" + urlencode(kept) if kept else "?"


def _default_day(days, event):
    """Today on the event's clock while the event runs, else its first day with sessions."""
    today = local(timezone.now(), event).date().isoformat()
    for day in days:
        if day.key == today:
            return day
    return next((day for day in days if day.session_count), days[0] if days else None)


def agenda_page(request, slug):
    """One day of the agenda at a time (`?day=2027-04-15`, or `?day=all`), filtered by
    `?track=<id>` and `?room=<id>`; an unknown value is ignored, and said so."""
    event = listing.event_for_viewer(request.user, slug)
    track_id, room_id = id_param(request.GET, "track"), id_param(request.GET, "room")
    agenda = agenda_selectors.agenda(event, track_id=track_id, room_id=room_id)
    can_star = event.status == EventStatus.PUBLISHED and request.user.is_authenticated
    starred = starred_ids(request.user, event=event) if can_star else set()
    for session in agenda.sessions:
        session.is_starred = session.pk in starred
    form = AgendaFilterForm(request.GET or None, tracks=agenda.tracks, rooms=agenda.rooms)
    if form.is_bound:
        form.is_valid()  # marks an unknown track or room beside its field
    filters_ignored = (bool(request.GET.get("track")) and agenda.track is None) or (
        bool(request.GET.get("room")) and agenda.room is None
    )
    requested = request.GET.get("day", "")
    show_all = requested == "all"
    current = None if show_all else agenda.day(requested)
    day_ignored = bool(requested) and not show_all and current is None
    current = current or (None if show_all else _default_day(agenda.days, event))
    filters = {"track": agenda.track.pk if agenda.track else None}
    filters["room"] = agenda.room.pk if agenda.room else None
    day_links = [
        DayLink(day, _query(day=day.key, **filters), day is current) for day in agenda.days
    ]
    context = {
        "event": event,
        "tab": "agenda",
        "agenda": agenda,
        "can_star": can_star,
        "form": form,
        "filters_ignored": filters_ignored,
        "day_ignored": day_ignored,
        "filtered": agenda.track is not None or agenda.room is not None,
        "day_links": day_links,
        "all_days_href": _query(day="all", **filters),
        "clear_href": _query(day=current.key if current else None),
        "show_all": show_all,
        "current_day": current,
        "days_shown": agenda.days if show_all else [current] if current else [],
        "day_key": "all" if show_all else (current.key if current else ""),
        **banner_context(event),
    }
    return render(request, "events/public/agenda.html", context)
