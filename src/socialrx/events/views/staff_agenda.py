"""The agenda builder: an event's agenda grid, its sessions, rooms and tracks (center staff,
`events.manage_events`). A session that would put a speaker or a room in two places at once is
refused beside the field, with the session already there and its time."""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from socialrx.core.errors import DomainError, add_error_to_form
from socialrx.core.permissions import require

from ..calendars import describe_span, local
from ..forms_agenda import RoomForm, SessionForm, TrackForm
from ..selectors import staff_agenda as selectors
from ..selectors.staff_events import staff_event
from ..services import agenda as service


def _event(request, slug):
    require(request.user, "events.manage_events")
    return staff_event(slug)


@login_required
def agenda(request, slug):
    event = _event(request, slug)
    return render(
        request,
        "events/staff/agenda/agenda.html",
        {
            "event": event,
            "days": selectors.agenda_grid(event),
            "span": describe_span(event),
            "zone": local(event.starts_at, event).tzname(),
            "editable": event.status != "cancelled",
        },
    )


def _session_page(request, event, form, session=None, *, status=200):
    return render(
        request,
        "events/staff/agenda/session_form.html",
        {"event": event, "form": form, "session": session},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_new(request, slug):
    event = _event(request, slug)
    form = SessionForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            session = service.create_session(
                actor=request.user, event=event, data=form.data_for_service()
            )
        except DomainError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, f"{session.title} was added to the agenda.")
            return redirect("events:staff_agenda", slug=event.slug)
    return _session_page(request, event, form, status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request, slug, session_slug):
    event = _event(request, slug)
    session = selectors.staff_session(event, session_slug)
    form = SessionForm(request.POST or None, event=event, session=session)
    if request.method == "POST" and form.is_valid():
        try:
            session = service.update_session(
                actor=request.user, session=session, data=form.data_for_service()
            )
        except DomainError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, f"{session.title} was saved.")
            return redirect("events:staff_agenda", slug=event.slug)
    session = selectors.staff_session(event, session_slug)
    return _session_page(
        request, event, form, session, status=400 if request.method == "POST" else 200
    )


@login_required
@require_POST
def session_delete(request, slug, session_slug):
    event = _event(request, slug)
    session = selectors.staff_session(event, session_slug)
    try:
        service.delete_session(actor=request.user, session=session)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{session.title} was removed from the agenda.")
    return redirect("events:staff_agenda", slug=event.slug)


def _places(request, slug, *, kind: str):
    """The rooms or tracks page: the list with a rename form per row, and an add form."""
    event = _event(request, slug)
    form_class = RoomForm if kind == "room" else TrackForm
    lookup = selectors.staff_room if kind == "room" else selectors.staff_track
    editing, form = None, None
    if request.method == "POST":
        raw_id = request.POST.get("id", "")
        if raw_id:
            if not re.fullmatch(r"[0-9]{1,11}", raw_id):  # "²".isdigit() is True
                return redirect(request.path)
            editing = lookup(event, int(raw_id))
        form = _form(form_class, kind, editing, request.POST)
        if form.is_valid():
            values = form.cleaned_data
            try:
                _save_place(request.user, event, kind, editing, values)
            except DomainError as error:
                add_error_to_form(form, error)
            else:
                done = "saved" if editing else "added"
                messages.success(request, f"{values['name']} was {done}.")
                return redirect(request.path)
    items = selectors.rooms_in_use(event) if kind == "room" else selectors.tracks_in_use(event)
    rows = [
        (item, form if editing and item.pk == editing.pk else _form(form_class, kind, item))
        for item in items
    ]
    return render(
        request,
        "events/staff/agenda/places.html",
        {
            "event": event,
            "kind": kind,
            "rows": rows,
            "add_form": form if form is not None and not editing else _form(form_class, kind),
            "editable": event.status != "cancelled",
        },
        status=400 if request.method == "POST" else 200,
    )


def _form(form_class, kind: str, item=None, data=None):
    """A room's or track's form; each row's fields get ids of their own, the same names."""
    if item is None:
        return form_class(data, auto_id=f"id_new_{kind}_%s")
    initial = {"name": item.name}
    initial |= {"seats": item.seats} if kind == "room" else {"description": item.description}
    return form_class(data, initial=initial, auto_id=f"id_{kind}_{item.pk}_%s")


def _save_place(actor, event, kind: str, editing, values: dict) -> None:
    if kind == "room" and editing:
        service.update_room(actor=actor, room=editing, **values)
    elif kind == "room":
        service.create_room(actor=actor, event=event, **values)
    elif editing:
        service.update_track(actor=actor, track=editing, **values)
    else:
        service.create_track(actor=actor, event=event, **values)


@login_required
@require_http_methods(["GET", "POST"])
def rooms(request, slug):
    return _places(request, slug, kind="room")


@login_required
@require_http_methods(["GET", "POST"])
def tracks(request, slug):
    return _places(request, slug, kind="track")


@login_required
@require_POST
def room_delete(request, slug, room_id):
    event = _event(request, slug)
    room = selectors.staff_room(event, room_id)
    try:
        service.delete_room(actor=request.user, room=room)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{room.name} was deleted.")
    return redirect("events:staff_rooms", slug=event.slug)


@login_required
@require_POST
def track_delete(request, slug, track_id):
    event = _event(request, slug)
    track = selectors.staff_track(event, track_id)
    try:
        service.delete_track(actor=request.user, track=track)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{track.name} was deleted.")
    return redirect("events:staff_tracks", slug=event.slug)
