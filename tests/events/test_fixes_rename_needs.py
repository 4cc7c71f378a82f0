"""The transfer form shows the ticket's details prefilled; handing the ticket to someone else
(a new email) must not pass on the previous holder's dietary or accessibility needs. Needs
typed for the new holder are kept; a correction (same email) keeps the needs."""

from __future__ import annotations

import pytest
from django.urls import reverse

from socialrx.events.models import Attendee
from tests.events.factories import make_attendee, make_event, make_ticket_type
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def buyer():
    return UserFactory(email="lead@riverside.example", full_name="Lena Ortiz")


@pytest.fixture
def attendee(buyer):
    event = make_event(title="Needs Summit")
    return make_attendee(
        event,
        make_ticket_type(event, name="Member pass"),
        full_name="Priya Raman",
        email="priya@riverside.example",
        made_by=buyer,
        dietary_needs="Vegetarian",
        accessibility_needs="Step-free access",
    )


def _post(client, attendee, **changes):
    data = {
        "full_name": "Priya Raman",
        "email": "priya@riverside.example",
        "job_title": "",
        "organization_name": "",
        "dietary_needs": "Vegetarian",  # as the page prefills them
        "accessibility_needs": "Step-free access",
        **changes,
    }
    return client.post(reverse("events:attendee_rename", args=[attendee.public_id]), data)


def _needs(attendee) -> tuple[str, str]:
    fresh = Attendee.objects.get(pk=attendee.pk)
    return fresh.dietary_needs, fresh.accessibility_needs


def test_the_page_prefills_the_current_holders_needs(client, attendee, buyer):
    client.force_login(buyer)
    html = client.get(reverse("events:attendee_rename", args=[attendee.public_id])).content
    assert b'value="Vegetarian"' in html and b'value="Step-free access"' in html


def test_a_transfer_does_not_pass_on_the_previous_holders_needs(client, attendee, buyer):
    client.force_login(buyer)
    response = _post(client, attendee, full_name="Omar Haddad", email="omar@riverside.example")
    assert response.status_code == 302
    assert Attendee.objects.get(pk=attendee.pk).email == "omar@riverside.example"
    assert _needs(attendee) == ("", "")


def test_needs_typed_for_the_new_holder_are_kept(client, attendee, buyer):
    client.force_login(buyer)
    response = _post(
        client,
        attendee,
        full_name="Omar Haddad",
        email="omar@riverside.example",
        dietary_needs="Halal",
    )
    assert response.status_code == 302
    assert _needs(attendee) == ("Halal", "")


def test_a_correction_keeps_the_needs(client, attendee, buyer):
    client.force_login(buyer)
    response = _post(client, attendee, full_name="Priya K. Raman", email="PRIYA@riverside.example")
    assert response.status_code == 302
    assert _needs(attendee) == ("Vegetarian", "Step-free access")
