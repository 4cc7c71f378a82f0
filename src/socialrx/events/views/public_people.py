"""An event's session pages, its speakers and a speaker's page, and the calendar files (.ics)
of an event and of a session. Same rules as the event's page: drafts are for staff only."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from socialrx.core.markdown import render as render_markdown

from ..calendars import event_calendar, session_calendar
from ..models import EventStatus, SessionKind
from ..selectors import agenda as agenda_selectors
from ..selectors import listing
from ..selectors.my_agenda import is_starred
from .public import banner_context


def session_detail(request, slug, session_slug):
    event = listing.event_for_viewer(request.user, slug)
    session = agenda_selectors.session_at(event, session_slug)
    # Published events' sessions go in a person's agenda (breaks are not worth a star).
    can_star = event.status == EventStatus.PUBLISHED and session.kind != SessionKind.BREAK
    context = {
        "event": event,
        "tab": "agenda",
        "session": session,
        "can_star": can_star,
        "starred": can_star and is_starred(request.user, session),
        "speakers": [slot.speaker for slot in session.speaker_slots.all()],
        "abstract_html": render_markdown(session.abstract),
        **banner_context(event),
    }
    return render(request, "events/public/session.html", context)


def speakers(request, slug):
    event = listing.event_for_viewer(request.user, slug)
    context = {
        "event": event,
        "tab": "speakers",
        "speakers": agenda_selectors.speakers_at(event),
        **banner_context(event),
    }
    return render(request, "events/public/speakers.html", context)


def speaker_detail(request, slug, speaker_slug):
    event = listing.event_for_viewer(request.user, slug)
    speaker = agenda_selectors.speaker_at(event, speaker_slug)
    context = {
        "event": event,
        "tab": "speakers",
        "speaker": speaker,
        "bio_html": render_markdown(speaker.bio),
        **banner_context(event),
    }
    return render(request, "events/public/speaker.html", context)


def _calendar_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_ics(request, slug):
    event = listing.event_for_viewer(request.user, slug)
    url = request.build_absolute_uri(reverse("events:event", args=[event.slug]))
    return _calendar_response(event_calendar(event, url=url), f"{event.slug}.ics")


def session_ics(request, slug, session_slug):
    event = listing.event_for_viewer(request.user, slug)
    session = agenda_selectors.session_at(event, session_slug)
    url = request.build_absolute_uri(reverse("events:session", args=[event.slug, session.slug]))
    return _calendar_response(
        session_calendar(session, url=url), f"{event.slug}-{session.slug}.ics"
    )
