"""Tickets: a person's events and tickets, the ticket PDF, renaming an attendee, cancelling a
ticket."""

from django.urls import path

from ..views import tickets

urlpatterns = [
    path("events/my/", tickets.my_events, name="my_events"),
    path("events/tickets/<uuid:public_id>/ticket.pdf", tickets.ticket_pdf_view, name="ticket_pdf"),
    path(
        "events/tickets/<uuid:public_id>/rename/", tickets.attendee_rename, name="attendee_rename"
    ),
    path("events/tickets/<uuid:public_id>/cancel/", tickets.ticket_cancel, name="ticket_cancel"),
]
