"""Events' permission-matrix rows for the check_in area (merged in matrix_rows.py): the door's
page, scanning, search, checking in from the search, the live counts and the badges sheet.
Center staff only (with their second factor); everyone else is refused, a visitor signs in."""

from __future__ import annotations

from functools import cached_property

from django.urls import reverse

from tests.permission_matrix_kit import (
    DONE,
    FORBIDDEN,
    POST_ONLY_GET,
    STAFF,
    STAFF_ONLY,
    Case,
    get,
    only,
    post,
)

STAFF_DONE = only(STAFF, grant=DONE, deny=FORBIDDEN)


class Data:
    """The objects this area's cases need (mixed into the matrix's World; names prefixed)."""

    @cached_property
    def door_event(self):
        from tests.events.factories import make_event  # noqa: PLC0415 - only when a case needs it

        return make_event(title="Matrix door summit")

    @cached_property
    def door_attendee(self):
        from tests.events.factories import make_attendee  # noqa: PLC0415

        return make_attendee(self.door_event, full_name="Matrix Attendee")

    @cached_property
    def door_token(self) -> str:
        from socialrx.events.ticket_tokens import ticket_token  # noqa: PLC0415

        return ticket_token(self.door_attendee)


def _url(name: str):
    return lambda world: reverse(f"events:{name}", args=[world.door_event.slug])


def _attendee_url(world) -> str:
    return reverse(
        "events:check_in_attendee", args=[world.door_event.slug, world.door_attendee.public_id]
    )


def _checked_in(world) -> bool:
    from socialrx.events.models import CheckIn  # noqa: PLC0415

    return CheckIn.objects.filter(attendee=world.door_attendee).exists()


ROWS: dict[str, tuple[Case, ...]] = {
    "events:check_in": (get(_url("check_in"), STAFF_ONLY),),
    "events:check_in_scan": (
        get(_url("check_in_scan"), POST_ONLY_GET),
        post(
            _url("check_in_scan"),
            STAFF_DONE,
            data=lambda world: {"token": world.door_token, "door": "Matrix door"},
            effect=_checked_in,
        ),
    ),
    "events:check_in_search": (
        get(lambda world: _url("check_in_search")(world) + "?q=matrix", STAFF_ONLY),
    ),
    "events:check_in_attendee": (
        get(_attendee_url, POST_ONLY_GET),
        post(
            _attendee_url,
            STAFF_DONE,
            data=lambda world: {"door": "Matrix door"},
            effect=_checked_in,
        ),
    ),
    "events:check_in_counts": (get(_url("check_in_counts"), STAFF_ONLY),),
    "events:badges": (get(_url("badges"), STAFF_ONLY),),
}
