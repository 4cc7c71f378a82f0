"""Events' permission-matrix rows for the tickets area (merged in matrix_rows.py): a person's
events page (anyone signed in), the ticket PDF and cancelling a ticket (its attendee, its buyer
and staff; 404 for anyone else), and renaming an attendee (the buyer and staff)."""

from __future__ import annotations

from functools import cached_property

from django.urls import reverse

from socialrx.events.models import Attendee
from tests.permission_matrix_kit import (
    ADMIN_A,
    ALLOW,
    DONE,
    MEMBER_A,
    NOT_FOUND,
    SIGNED_IN,
    STAFF,
    Case,
    get,
    only,
    post,
)

HOLDERS = only(MEMBER_A, ADMIN_A, STAFF, grant=ALLOW, deny=NOT_FOUND)
HOLDERS_ACTION = only(MEMBER_A, ADMIN_A, STAFF, grant=DONE, deny=NOT_FOUND)
BUYER = only(ADMIN_A, STAFF, grant=ALLOW, deny=NOT_FOUND)
BUYER_ACTION = only(ADMIN_A, STAFF, grant=DONE, deny=NOT_FOUND)


class Data:
    """The objects this area's cases need (mixed into the matrix's World; names prefixed)."""

    @cached_property
    def tix_ticket_a(self) -> Attendee:
        """Member A's confirmed ticket, bought by admin A for organization A."""
        from tests.events.factories import make_attendee, make_event, make_ticket_type  # noqa: PLC0415 - only when a case needs it

        event = make_event(title="Matrix tickets summit")
        kind = make_ticket_type(event, name="Community pass", price_cents=0)
        return make_attendee(
            event, kind, person=self.member_a, made_by=self.admin_a, organization=self.org_a
        )


def _ticket(name: str):
    return lambda world: reverse(name, args=[world.tix_ticket_a.public_id])


def _rename_data(world) -> dict:
    return {"full_name": "Matrix Colleague", "email": "matrix.colleague@example.org"}


def _renamed(world) -> bool:
    return Attendee.objects.get(pk=world.tix_ticket_a.pk).full_name == "Matrix Colleague"


def _cancelled(world) -> bool:
    return Attendee.objects.get(pk=world.tix_ticket_a.pk).status == "cancelled"


ROWS: dict[str, tuple[Case, ...]] = {
    "events:my_events": (get(lambda world: reverse("events:my_events"), SIGNED_IN),),
    "events:ticket_pdf": (get(_ticket("events:ticket_pdf"), HOLDERS),),
    "events:attendee_rename": (
        get(_ticket("events:attendee_rename"), BUYER),
        post(
            _ticket("events:attendee_rename"),
            BUYER_ACTION,
            data=_rename_data,
            effect=_renamed,
        ),
    ),
    "events:ticket_cancel": (
        get(_ticket("events:ticket_cancel"), HOLDERS),
        post(_ticket("events:ticket_cancel"), HOLDERS_ACTION, effect=_cancelled),
    ),
}
