"""Registering takes the person off the event's waitlist. An offer they held for another
ticket type is given back, and its place goes to the next person waiting."""

import pytest

from socialrx.events.services.registration import AttendeeDetails, register
from tests.events.factories import make_event, make_ticket_type
from tests.events.waitlist_support import free_a_place, sold_out_type, waiting

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_an_offer_for_another_type_is_given_back_and_passes_to_the_next(
    django_capture_on_commit_callbacks,
):
    event = make_event(title="Interplay conference")
    wanted, holders = sold_out_type(event, quota=1, name="Workshop pass")
    open_type = make_ticket_type(event, name="Main conference", price_cents=0)
    first, second = waiting(wanted, 2)
    free_a_place(wanted, holders[0])
    first.refresh_from_db()
    assert first.status == "offered"

    with django_capture_on_commit_callbacks(execute=True):
        register(
            first.person,
            event,
            open_type,
            [AttendeeDetails(full_name="First Waiting", email=first.person.email)],
        )

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == "withdrawn"
    assert second.status == "offered"
