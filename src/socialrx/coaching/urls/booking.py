"""Booking: choosing a slot and booking it, a session's page and calendar file, moving and
cancelling a session."""

from django.urls import path

from ..views import booking

urlpatterns = [
    path("coaching/engagements/<uuid:engagement_id>/book/", booking.book, name="book"),
    path("coaching/sessions/<uuid:session_id>/", booking.session, name="session"),
    path("coaching/sessions/<uuid:session_id>/invite.ics", booking.session_ics, name="session_ics"),
    path(
        "coaching/sessions/<uuid:session_id>/reschedule/",
        booking.reschedule,
        name="reschedule",
    ),
    path("coaching/sessions/<uuid:session_id>/cancel/", booking.cancel, name="cancel"),
]
