"""Public pages: the events list, an event, its agenda by day, track and room, sessions, speakers,
and the event's and each session's calendar file."""

from django.urls import path

from socialrx.core.pagecache import visitor_page_cache

from ..freshness import page_version
from ..views import public, public_people


def cached(view):
    """Served to anonymous visitors from the page cache while nothing it shows has changed."""
    return visitor_page_cache(view, version=page_version)


urlpatterns = [
    path("events/", cached(public.event_list), name="list"),
    path("events/<slug:slug>/", cached(public.event_detail), name="event"),
    path("events/<slug:slug>/agenda/", cached(public.agenda_page), name="agenda"),
    path("events/<slug:slug>/calendar.ics", public_people.event_ics, name="event_ics"),
    path(
        "events/<slug:slug>/sessions/<slug:session_slug>/",
        cached(public_people.session_detail),
        name="session",
    ),
    path(
        "events/<slug:slug>/sessions/<slug:session_slug>/calendar.ics",
        public_people.session_ics,
        name="session_ics",
    ),
    path("events/<slug:slug>/speakers/", cached(public_people.speakers), name="speakers"),
    path(
        "events/<slug:slug>/speakers/<slug:speaker_slug>/",
        cached(public_people.speaker_detail),
        name="speaker",
    ),
]
