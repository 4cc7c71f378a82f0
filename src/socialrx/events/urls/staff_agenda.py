"""The staff agenda builder: events (draft, published, cancelled), rooms, tracks, speakers and
sessions."""

from django.urls import path

from ..views import staff_agenda as agenda
from ..views import staff_events as events
from ..views import staff_speakers as speakers

# Fixed paths ("new/", "speakers/") before "staff/events/<slug>/".
urlpatterns = [
    path("staff/events/", events.event_list, name="staff_events"),
    path("staff/events/new/", events.event_new, name="staff_event_new"),
    path("staff/events/speakers/", speakers.speaker_list, name="staff_speakers"),
    path("staff/events/speakers/new/", speakers.speaker_new, name="staff_speaker_new"),
    path(
        "staff/events/speakers/<slug:speaker_slug>/edit/",
        speakers.speaker_edit,
        name="staff_speaker_edit",
    ),
    path(
        "staff/events/speakers/<slug:speaker_slug>/delete/",
        speakers.speaker_delete,
        name="staff_speaker_delete",
    ),
    path("staff/events/<slug:slug>/", events.event_overview, name="staff_event"),
    path("staff/events/<slug:slug>/edit/", events.event_edit, name="staff_event_edit"),
    path("staff/events/<slug:slug>/status/", events.event_status, name="staff_event_status"),
    path("staff/events/<slug:slug>/agenda/", agenda.agenda, name="staff_agenda"),
    path("staff/events/<slug:slug>/sessions/new/", agenda.session_new, name="staff_session_new"),
    path(
        "staff/events/<slug:slug>/sessions/<slug:session_slug>/edit/",
        agenda.session_edit,
        name="staff_session_edit",
    ),
    path(
        "staff/events/<slug:slug>/sessions/<slug:session_slug>/delete/",
        agenda.session_delete,
        name="staff_session_delete",
    ),
    path("staff/events/<slug:slug>/rooms/", agenda.rooms, name="staff_rooms"),
    path(
        "staff/events/<slug:slug>/rooms/<int:room_id>/delete/",
        agenda.room_delete,
        name="staff_room_delete",
    ),
    path("staff/events/<slug:slug>/tracks/", agenda.tracks, name="staff_tracks"),
    path(
        "staff/events/<slug:slug>/tracks/<int:track_id>/delete/",
        agenda.track_delete,
        name="staff_track_delete",
    ),
]
