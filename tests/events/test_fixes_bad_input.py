"""Bad input the review found crashing: a blank extra attendee form (skipped; a 400 with a
message when the count then no longer fits the ticket), and ids written with digits that are
not 0-9 ("²" is a digit to str.isdigit, not to int)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from socialrx.events.models import Attendee, Order, Room
from tests.events.factories import make_event, make_room, make_ticket_type
from tests.factories import UserFactory

pytestmark = pytest.mark.integration


def _two_forms_second_blank(ticket_type) -> dict:
    return {
        "ticket_type": str(ticket_type.public_id),
        "buyer": "me",
        "attendee-TOTAL_FORMS": "2",
        "attendee-INITIAL_FORMS": "0",
        "attendee-MIN_NUM_FORMS": "1",
        "attendee-MAX_NUM_FORMS": "50",
        "attendee-0-full_name": "Ana Li",
        "attendee-0-email": "ana@x.example",
    }


def test_a_blank_extra_attendee_form_is_skipped(db, client):
    event = make_event(title="Blank Summit", capacity=10)
    full = make_ticket_type(event, name="Full pass", price_cents=10_000)
    client.force_login(UserFactory())

    response = client.post(
        reverse("events:register", args=[event.slug]), _two_forms_second_blank(full)
    )

    assert response.status_code == 302
    order = Order.objects.get()
    assert order.quantity == 1
    assert list(order.attendees.values_list("email", flat=True)) == ["ana@x.example"]


def test_a_blank_form_that_leaves_a_group_short_is_a_400_with_the_reason(db, client):
    event = make_event(title="Group Summit", capacity=10)
    pair = make_ticket_type(event, name="Pair pass", kind="group", group_size=2)
    client.force_login(UserFactory())

    response = client.post(
        reverse("events:register", args=[event.slug]), _two_forms_second_blank(pair)
    )

    assert response.status_code == 400
    assert (
        "A Pair pass ticket admits a group of 2: register 2 attendees per ticket "
        "(1 is not a multiple of 2)."
    ) in response.content.decode()
    assert Order.objects.count() == 0 and Attendee.objects.count() == 0


@pytest.mark.parametrize("value", ["%C2%B2", "%D9%A1", "1%C2%B2"])  # "²", Arabic-Indic "١", "1²"
def test_a_track_filter_in_other_digits_is_ignored(db, client, value):
    event = make_event(title="Digit Summit", capacity=10)

    response = client.get(reverse("events:agenda", args=[event.slug]) + f"?track={value}")

    assert response.status_code == 200


def test_a_room_id_in_other_digits_is_ignored_on_the_staff_rooms_page(db, client, staff):
    event = make_event(title="Room Summit", capacity=10)
    room = make_room(event, "Hall A")
    client.force_login(staff)
    url = reverse("events:staff_rooms", args=[event.slug])

    response = client.post(url, {"id": "²", "name": "Hall B"})

    assert (response.status_code, response["Location"]) == (302, url)
    assert list(Room.objects.values_list("pk", "name")) == [(room.pk, "Hall A")]
