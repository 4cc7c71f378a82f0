"""Events' permission-matrix rows for the registration area (merged in matrix_rows.py):
registering (anyone signed in; drafts only for staff), the buyer's order page and its pay
button (the buyer and staff; 404 for anyone else), and staff's ticket types."""

from __future__ import annotations

from functools import cached_property

from django.urls import reverse

from socialrx.events.models import Event, Order, TicketType
from tests.permission_matrix_kit import (
    ALLOW,
    DONE,
    FORBIDDEN,
    LOGIN,
    MEMBER_A,
    NOT_FOUND,
    POST_ONLY_GET,
    SIGNED_IN,
    STAFF,
    STAFF_ONLY,
    Case,
    get,
    only,
    post,
    roles,
    signed_in,
)

STAFF_ACTION = only(STAFF, grant=DONE, deny=FORBIDDEN)
BUYER_AND_STAFF = only(MEMBER_A, STAFF, grant=DONE, deny=NOT_FOUND)


class Data:
    """The objects this area's cases need (mixed into the matrix's World; names prefixed)."""

    @cached_property
    def reg_event(self) -> Event:
        from tests.events.factories import make_event  # noqa: PLC0415 - only when a case needs it

        return make_event(title="Matrix registration summit", capacity=50)

    @cached_property
    def reg_draft_event(self) -> Event:
        from tests.events.factories import make_event, make_ticket_type  # noqa: PLC0415

        event = make_event(title="Matrix draft summit", status="draft")
        make_ticket_type(event, name="General")
        return event

    @cached_property
    def reg_ticket(self) -> TicketType:
        from tests.events.factories import make_ticket_type  # noqa: PLC0415

        return make_ticket_type(self.reg_event, name="Non-member", price_cents=45_000, quota=20)

    @cached_property
    def reg_order_a(self) -> Order:
        """Member A's pending order for themselves."""
        from socialrx.events.services.registration import AttendeeDetails, register  # noqa: PLC0415

        person = self.member_a
        return register(
            person,
            self.reg_event,
            self.reg_ticket,
            [AttendeeDetails(full_name=person.full_name or "Member A", email=person.email)],
        )


def _register_url(attribute: str):
    return lambda world: reverse("events:register", args=[getattr(world, attribute).slug])


def _register_data(world) -> dict:
    email = world.user.email if world.user is not None else "visitor@x.example"
    return {
        "ticket_type": str(world.reg_ticket.public_id),
        "buyer": "me",
        "attendee-TOTAL_FORMS": "1",
        "attendee-INITIAL_FORMS": "1",
        "attendee-MIN_NUM_FORMS": "1",
        "attendee-MAX_NUM_FORMS": "50",
        "attendee-0-full_name": "Matrix attendee",
        "attendee-0-email": email,
    }


def _registered(world) -> bool:
    return world.user is not None and Order.objects.filter(made_by=world.user).exists()


def _order_url(name: str):
    return lambda world: reverse(name, args=[world.reg_order_a.public_id])


def _tickets_url(world) -> str:
    return reverse("events:staff_ticket_types", args=[world.reg_event.slug])


def _ticket_edit_url(world) -> str:
    return reverse(
        "events:staff_ticket_type_edit", args=[world.reg_event.slug, world.reg_ticket.public_id]
    )


def _ticket_form(name: str):
    return lambda world: {
        "name": name,
        "kind": "general",
        "price": "120.00",
        "group_size": "1",
        "quota": "25",
        "position": "0",
    }


def _ticket_named(name: str):
    def check(world) -> bool:
        return TicketType.objects.filter(event=world.reg_event, name=name).exists()

    return check


ROWS: dict[str, tuple[Case, ...]] = {
    "events:register": (
        get(_register_url("reg_event"), SIGNED_IN),
        get(
            _register_url("reg_draft_event"),
            roles(NOT_FOUND, visitor=LOGIN, staff=ALLOW),
            label="GET a draft",
        ),
        post(
            _register_url("reg_event"),
            signed_in(DONE),
            label="POST, oneself",
            data=_register_data,
            effect=_registered,
        ),
    ),
    "events:order": (
        get(_order_url("events:order"), only(MEMBER_A, STAFF, grant=ALLOW, deny=NOT_FOUND)),
    ),
    "events:order_pay": (
        get(_order_url("events:order_pay"), POST_ONLY_GET),
        post(_order_url("events:order_pay"), BUYER_AND_STAFF),
    ),
    "events:staff_ticket_types": (
        get(_tickets_url, STAFF_ONLY),
        post(
            _tickets_url,
            STAFF_ACTION,
            label="POST, add a ticket type",
            data=_ticket_form("Matrix student"),
            effect=_ticket_named("Matrix student"),
        ),
    ),
    "events:staff_ticket_type_edit": (
        get(_ticket_edit_url, STAFF_ONLY),
        post(
            _ticket_edit_url,
            STAFF_ACTION,
            label="POST, rename",
            data=_ticket_form("Matrix renamed"),
            effect=_ticket_named("Matrix renamed"),
        ),
    ),
}
