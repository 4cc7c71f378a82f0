"""Events' permission-matrix rows for the waitlist area (merged in matrix_rows.py): joining a
sold-out ticket type, leaving, the claim link (its person only: 404 for anyone else), and
staff's waitlist with "offer now"."""

from __future__ import annotations

from functools import cached_property

from django.urls import reverse

from tests.permission_matrix_kit import (
    ALLOW,
    DONE,
    LOGIN,
    NOT_FOUND,
    POST_ONLY_GET,
    STAFF_ONLY,
    STAFF_ONLY_ACTION,
    Case,
    get,
    post,
    roles,
    signed_in,
)


class Data:
    """The objects this area's cases need (mixed into the matrix's World; names prefixed)."""

    @cached_property
    def wl_full_type(self):
        """A sold-out ticket type of a published event."""
        from tests.events.waitlist_support import sold_out_type  # noqa: PLC0415 - only when a case needs it

        return sold_out_type()[0]

    @cached_property
    def wl_entry_a(self):
        """Member A waiting for a sold-out ticket type."""
        from socialrx.events.services.waitlist import join_waitlist  # noqa: PLC0415

        return join_waitlist(self.member_a, self.wl_full_type)

    @cached_property
    def wl_offer_a(self):
        """A place offered to member A."""
        from socialrx.events.models import WaitlistEntry  # noqa: PLC0415
        from socialrx.events.services.waitlist import join_waitlist  # noqa: PLC0415
        from tests.events.waitlist_support import free_a_place, sold_out_type  # noqa: PLC0415

        ticket_type, holders = sold_out_type()
        entry = join_waitlist(self.member_a, ticket_type)
        free_a_place(ticket_type, holders[0])
        return WaitlistEntry.objects.get(pk=entry.pk)

    @cached_property
    def wl_type_with_a_free_place(self):
        """A ticket type with one place freed and someone waiting not yet offered it."""
        from tests.events.waitlist_support import cancel, sold_out_type, waiting  # noqa: PLC0415

        ticket_type, holders = sold_out_type()
        waiting(ticket_type)
        cancel(holders[0])
        return ticket_type


def _join(world) -> str:
    ticket_type = world.wl_full_type
    return reverse("events:waitlist_join", args=[ticket_type.event.slug, ticket_type.public_id])


def _leave(world) -> str:
    return reverse("events:waitlist_leave", args=[world.wl_entry_a.public_id])


def _claim(world) -> str:
    entry = world.wl_offer_a
    return reverse("events:waitlist_claim", args=[entry.public_id, entry.claim_token])


def _staff_page(world) -> str:
    return reverse("events:staff_waitlist", args=[world.wl_full_type.event.slug])


def _offer(world) -> str:
    ticket_type = world.wl_type_with_a_free_place
    return reverse(
        "events:staff_waitlist_offer", args=[ticket_type.event.slug, ticket_type.public_id]
    )


def _waiting(world) -> bool:
    from socialrx.events.models import WaitlistEntry  # noqa: PLC0415

    return WaitlistEntry.objects.filter(ticket_type=world.wl_full_type, person=world.user).exists()


def _left(world) -> bool:
    world.wl_entry_a.refresh_from_db()
    return world.wl_entry_a.status == "withdrawn"


def _claimed(world) -> bool:
    world.wl_offer_a.refresh_from_db()
    return world.wl_offer_a.status == "claimed"


def _offered(world) -> bool:
    return world.wl_type_with_a_free_place.waitlist.filter(status="offered").exists()


def _claim_form(world) -> dict:
    return {"full_name": "Matrix Claimant", "job_title": "Director"}


THE_PERSON_ONLY = roles(NOT_FOUND, visitor=LOGIN, member_a=ALLOW)
THE_PERSON_ONLY_ACTION = roles(NOT_FOUND, visitor=LOGIN, member_a=DONE)

ROWS: dict[str, tuple[Case, ...]] = {
    "events:waitlist_join": (
        get(_join, POST_ONLY_GET),
        post(_join, signed_in(DONE), effect=_waiting),
    ),
    "events:waitlist_leave": (
        get(_leave, POST_ONLY_GET),
        post(_leave, THE_PERSON_ONLY_ACTION, effect=_left),
    ),
    "events:waitlist_claim": (
        get(_claim, THE_PERSON_ONLY),
        post(_claim, THE_PERSON_ONLY_ACTION, data=_claim_form, effect=_claimed),
    ),
    "events:staff_waitlist": (get(_staff_page, STAFF_ONLY),),
    "events:staff_waitlist_offer": (
        get(_offer, POST_ONLY_GET),
        post(_offer, STAFF_ONLY_ACTION, effect=_offered),
    ),
}
