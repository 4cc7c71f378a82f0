"""The waitlist's pages: joining and leaving from the event page, the claim link (its offer, the
form, the refusals as 404 or 409 writing nothing), and staff's waitlist with "offer now"."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from socialrx.events.models import Attendee, Order, WaitlistEntry
from socialrx.events.selectors.waitlist import my_waitlist
from socialrx.events.services.waitlist import join_waitlist
from tests.events.factories import make_attendee, make_event, make_ticket_type
from tests.events.waitlist_support import cancel, offered_entry, sold_out_type, waiting
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


def _join_url(ticket_type) -> str:
    return reverse("events:waitlist_join", args=[ticket_type.event.slug, ticket_type.public_id])


def _claim_url(entry, token=None) -> str:
    return reverse("events:waitlist_claim", args=[entry.public_id, token or entry.claim_token])


def _messages(response) -> list[str]:
    return [str(m) for m in response.wsgi_request._messages]


def _orders_of(person):
    return Order.objects.filter(made_by=person)


# --- joining and leaving ------------------------------------------------------------------------


def test_joining_shows_the_position_and_comes_back_to_the_event(client, user):
    ticket_type, _ = sold_out_type()
    waiting(ticket_type, 2)
    client.force_login(user)

    response = client.post(_join_url(ticket_type))

    assert response.status_code == 302
    assert response["Location"] == f"/events/{ticket_type.event.slug}/"
    assert _messages(response) == [
        "You are on the waitlist for Standard: number 3 in the queue. We will email you a "
        "link to claim a place if one frees for you."
    ]
    assert WaitlistEntry.objects.get(person=user).status == "waiting"


def test_a_refused_join_says_why_and_writes_nothing(client, user):
    event = make_event()
    ticket_type = make_ticket_type(event, name="Standard", quota=5)
    client.force_login(user)

    response = client.post(_join_url(ticket_type), {"next": "https://evil.example/"})

    assert response["Location"] == f"/events/{event.slug}/"  # never off-site
    assert _messages(response) == ["Places are still available for Standard: register instead."]
    assert not WaitlistEntry.objects.exists()


def test_joining_a_draft_events_ticket_or_an_unknown_one_is_not_found(client, user):
    draft = make_event(status="draft")
    ticket_type = make_ticket_type(draft, name="Standard")
    other = make_event()
    client.force_login(user)

    assert client.post(_join_url(ticket_type)).status_code == 404
    wrong_event = reverse("events:waitlist_join", args=[other.slug, ticket_type.public_id])
    assert client.post(wrong_event).status_code == 404
    assert client.get(_join_url(ticket_type)).status_code == 405


def test_leaving_from_the_my_events_page(client, user):
    ticket_type, _ = sold_out_type()
    entry = join_waitlist(user, ticket_type)
    client.force_login(user)
    url = reverse("events:waitlist_leave", args=[entry.public_id])

    response = client.post(url, {"next": "/events/my/"})

    assert response["Location"] == "/events/my/"
    assert _messages(response) == ["You left the waitlist for Standard."]
    entry.refresh_from_db()
    assert entry.status == "withdrawn"


def test_someone_elses_entry_cannot_be_left(client, user):
    ticket_type, _ = sold_out_type()
    (entry,) = waiting(ticket_type)
    client.force_login(user)

    response = client.post(reverse("events:waitlist_leave", args=[entry.public_id]))

    assert response.status_code == 404
    entry.refresh_from_db()
    assert entry.status == "waiting"


def test_my_waitlist_has_positions_in_one_query(django_assert_num_queries):
    person = UserFactory()
    for _ in range(3):
        ticket_type, _holders = sold_out_type()
        waiting(ticket_type, 2)
        join_waitlist(person, ticket_type)

    with django_assert_num_queries(1):
        positions = [entry.ahead + 1 for entry in my_waitlist(person)]

    assert positions == [3, 3, 3]


# --- the claim link -----------------------------------------------------------------------------


def test_the_claim_page_shows_the_offer_and_a_prefilled_form(client):
    entry, _ = offered_entry(price_cents=45_000)
    client.force_login(entry.person)

    response = client.get(_claim_url(entry))

    assert response.status_code == 200
    body = response.content.decode()
    assert "<h1>Waitlist conference</h1>" in body
    assert "Standard" in body
    assert "$450.00" in body
    assert entry.person.email in body
    assert f'value="{entry.person.full_name}"' in body
    assert "Claim my place and continue to payment" in body


def test_claiming_a_priced_place_goes_on_to_checkout(client):
    entry, _ = offered_entry(price_cents=45_000)
    client.force_login(entry.person)

    response = client.post(
        _claim_url(entry), {"full_name": "Dana Whitfield", "job_title": "Director"}
    )

    order = _orders_of(entry.person).get()
    assert response.status_code == 302
    assert response["Location"] == (
        f"/billing/checkout/?kind=events.ticket&item={order.public_id}&quantity=1&buyer=me"
    )
    assert order.attendees.get().full_name == "Dana Whitfield"


def test_claiming_a_free_place_confirms_it(client):
    entry, _ = offered_entry()
    client.force_login(entry.person)

    response = client.post(_claim_url(entry), {"full_name": "Dana Whitfield"})

    assert response.status_code == 302
    assert _orders_of(entry.person).get().status == "confirmed"
    assert _messages(response) == ["Your place is confirmed: your ticket is on its way."]


def test_a_missing_name_is_a_form_error(client):
    entry, _ = offered_entry()
    client.force_login(entry.person)

    response = client.post(_claim_url(entry), {"full_name": ""})

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not _orders_of(entry.person).exists()


def test_a_forged_token_and_another_persons_offer_are_not_found(client):
    entry, _ = offered_entry()
    client.force_login(entry.person)
    forged = _claim_url(entry, "x" * 43)

    assert client.get(forged).status_code == 404
    assert client.post(forged, {"full_name": "Dana"}).status_code == 404

    client.force_login(UserFactory())
    assert client.get(_claim_url(entry)).status_code == 404
    assert client.post(_claim_url(entry), {"full_name": "Dana"}).status_code == 404
    assert not Attendee.objects.filter(order__made_by=entry.person).exists()


def test_a_reused_link_is_a_conflict_with_a_clear_page(client):
    entry, _ = offered_entry()
    client.force_login(entry.person)
    client.post(_claim_url(entry), {"full_name": "Dana Whitfield"})

    response = client.post(_claim_url(entry), {"full_name": "Dana Whitfield"})

    assert response.status_code == 409
    assert "This place was already claimed" in response.content.decode()
    assert _orders_of(entry.person).count() == 1


def test_a_lapsed_offer_is_a_conflict(client):
    entry, _ = offered_entry()
    client.force_login(entry.person)

    with time_machine.travel(entry.offer_expires_at + timedelta(seconds=1), tick=False):
        response = client.get(_claim_url(entry))
        posted = client.post(_claim_url(entry), {"full_name": "Dana"})

    assert response.status_code == 409
    assert "This offer expired on" in response.content.decode()
    assert posted.status_code == 409
    assert not _orders_of(entry.person).exists()


# --- staff --------------------------------------------------------------------------------------


def _staff_page(event) -> str:
    return reverse("events:staff_waitlist", args=[event.slug])


def test_staff_see_each_types_queue_with_the_tabs(client, staff):
    ticket_type, holders = sold_out_type()
    first, _second = waiting(ticket_type, 2)
    client.force_login(staff)

    response = client.get(_staff_page(ticket_type.event))

    assert response.status_code == 200
    body = response.content.decode()
    assert 'aria-label="Event back office"' in body
    assert "1 sold of 1 · 0 free · 2 waiting · 0 offers open" in body
    assert first.person.email in body


def test_the_staff_page_keeps_its_queries_as_the_waitlist_grows(
    client, staff, django_assert_num_queries
):
    ticket_type, _ = sold_out_type()
    event = ticket_type.event
    other = make_ticket_type(event, name="Student", quota=1)
    make_attendee(event, other)
    waiting(ticket_type, 2)
    client.force_login(staff)
    client.get(_staff_page(event))  # warm the session and the MFA check

    with CaptureQueriesContext(connection) as small:
        client.get(_staff_page(event))
    waiting(ticket_type, 6)
    waiting(other, 5)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(_staff_page(event))
    assert response.status_code == 200


def test_offer_now_offers_the_free_places_in_order(client, staff):
    ticket_type, holders = sold_out_type(quota=2)
    first, second, third = waiting(ticket_type, 3)
    for holder in holders:
        cancel(holder)
    client.force_login(staff)
    url = reverse(
        "events:staff_waitlist_offer", args=[ticket_type.event.slug, ticket_type.public_id]
    )

    response = client.post(url)

    assert response["Location"] == _staff_page(ticket_type.event)
    assert _messages(response) == [
        f"2 places offered: {first.person.email}, {second.person.email}."
    ]
    statuses = dict(WaitlistEntry.objects.values_list("pk", "status"))
    assert statuses == {first.pk: "offered", second.pk: "offered", third.pk: "waiting"}
    again = client.post(url)
    assert _messages(again)[-1].startswith("Nothing was offered for Standard")


def test_people_who_are_not_staff_cannot_see_or_offer(client, user):
    ticket_type, _ = sold_out_type()
    client.force_login(user)
    url = reverse(
        "events:staff_waitlist_offer", args=[ticket_type.event.slug, ticket_type.public_id]
    )

    assert client.get(_staff_page(ticket_type.event)).status_code == 403
    assert client.post(url).status_code == 403
