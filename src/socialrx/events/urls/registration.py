"""Registration: ticket types for sale, an order for one or several attendees, paying through
billing, the buyer's order page; staff ticket types."""

from django.urls import path

from ..views import registration, staff_ticket_types

urlpatterns: list = [
    path("events/orders/<uuid:public_id>/", registration.order, name="order"),
    path("events/orders/<uuid:public_id>/pay/", registration.order_pay, name="order_pay"),
    path("events/<slug:slug>/register/", registration.register, name="register"),
    path(
        "staff/events/<slug:slug>/tickets/",
        staff_ticket_types.ticket_types,
        name="staff_ticket_types",
    ),
    path(
        "staff/events/<slug:slug>/tickets/<uuid:public_id>/edit/",
        staff_ticket_types.ticket_type_edit,
        name="staff_ticket_type_edit",
    ),
]
