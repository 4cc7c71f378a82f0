"""The ticket PDF: one page per ticket with the event, the attendee and a QR code of the signed
token (read back from the page's HTML and resolved to the attendee; forged or renamed-away
tokens refused), never the attendee's dietary or accessibility needs; and its download page."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from socialrx.events.pdf import ticket_html, ticket_pdf
from socialrx.events.services.registration import AttendeeDetails
from socialrx.events.services.rename import rename_attendee
from socialrx.events.ticket_tokens import attendee_for_token
from tests.events.factories import make_attendee, make_event, make_ticket_type
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'data-token="([^"]+)"')


@pytest.fixture
def event():
    # Apr 15, 2027 9:00 AM CDT to Apr 16, 2027 5:00 PM CDT
    return make_event(
        title="Health Social Summit",
        starts_at=datetime(2027, 4, 15, 14, 0, tzinfo=UTC),
        ends_at=datetime(2027, 4, 16, 22, 0, tzinfo=UTC),
        registration_closes_at=datetime(2027, 4, 14, tzinfo=UTC),
        rename_until=datetime(2027, 4, 12, 5, 0, tzinfo=UTC),
        refund_until=datetime(2027, 4, 1, 5, 0, tzinfo=UTC),
        venue_name="Mayo Civic Center",
        venue_address="30 Civic Center Dr SE, Rochester, MN",
    )


@pytest.fixture
def attendee(event):
    kind = make_ticket_type(event, name="Member pass")
    return make_attendee(
        event,
        kind,
        full_name="Priya Raman",
        email="priya@riverside.example",
        job_title="Director of Communications",
        organization_name="Riverside Regional Medical Center",
        dietary_needs="Vegetarian, no peanuts",
        accessibility_needs="Wheelchair seating",
    )


def _token(html: str) -> str:
    (token,) = TOKEN.findall(html)
    return token


def test_the_ticket_shows_the_event_the_attendee_and_the_reference(attendee):
    html = ticket_html([attendee])
    for text in (
        "Health Social Summit",
        "Apr 15–16, 2027",
        "From Apr 15, 2027 at 9:00 AM CDT to Apr 16, 2027 at 5:00 PM CDT",
        "Mayo Civic Center, 30 Civic Center Dr SE, Rochester, MN",
        "Priya Raman",
        "Director of Communications",
        "Riverside Regional Medical Center",
        "Member pass",
        "until Apr 12, 2027 at 12:00 AM CDT",
    ):
        assert text in html, text
    code = attendee.public_id.hex[:8].upper()
    assert f"{code[:4]}-{code[4:]}" in html
    assert "<svg" in html


def test_dietary_and_accessibility_needs_are_never_printed(attendee):
    html = ticket_html([attendee])
    assert "Vegetarian" not in html
    assert "peanuts" not in html
    assert "Wheelchair" not in html


def test_an_online_event_says_online(event, attendee):
    event.format = "virtual"
    event.save()
    attendee.refresh_from_db()
    html = ticket_html([attendee])
    assert '<p class="where">Online</p>' in html
    assert "Mayo Civic Center" not in html


def test_the_qr_token_printed_on_the_ticket_names_its_attendee(attendee):
    token = _token(ticket_html([attendee]))
    assert token.startswith("SRXT:")
    assert attendee_for_token(token) == attendee


def test_a_forged_token_is_refused(attendee):
    token = _token(ticket_html([attendee]))
    other = make_attendee(attendee.event)
    payload, _, signature = token.rpartition(":")
    forged = f"SRXT:{other.public_id.hex}.{attendee.ticket_secret}:{signature}"
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert attendee_for_token(forged) is None
    assert attendee_for_token(tampered) is None
    assert attendee_for_token(payload) is None  # the signature cut off
    assert attendee_for_token("https://example.org/not-a-ticket") is None


def test_a_renamed_attendees_old_token_is_refused(attendee, django_capture_on_commit_callbacks):
    old = _token(ticket_html([attendee]))
    buyer = attendee.order.made_by
    with django_capture_on_commit_callbacks(execute=True):
        renamed = rename_attendee(
            buyer,
            attendee,
            AttendeeDetails(full_name="Omar Haddad", email="omar@riverside.example"),
        )
    assert attendee_for_token(old) is None
    new = _token(ticket_html([renamed]))
    assert new != old
    assert attendee_for_token(new) == attendee


def test_the_pdf_has_a_page_per_ticket(event, attendee):
    from weasyprint import HTML  # noqa: PLC0415 - loads Pango: only this test pays for it

    second = make_attendee(event, attendee.ticket_type, full_name="Omar Haddad")
    assert ticket_pdf([attendee])[:4] == b"%PDF"
    pages = HTML(string=ticket_html([attendee, second])).render().pages
    assert len(pages) == 2


# --- the download ------------------------------------------------------------------------------


def _url(attendee) -> str:
    return reverse("events:ticket_pdf", args=[attendee.public_id])


def test_the_attendee_the_buyer_and_staff_download_the_ticket(client, event, staff):
    person = UserFactory(email="priya@riverside.example")
    buyer = UserFactory()
    attendee = make_attendee(event, person=person, made_by=buyer)
    for viewer in (person, buyer, staff):
        client.force_login(viewer)
        response = client.get(_url(attendee))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content[:4] == b"%PDF"
        assert response["Content-Disposition"].startswith('attachment; filename="ticket-')


def test_a_ticket_registered_to_the_viewers_verified_email_is_theirs(client, event):
    attendee = make_attendee(event, email="Priya@Riverside.example")  # no account linked
    client.force_login(UserFactory(email="priya@riverside.example"))
    assert client.get(_url(attendee)).status_code == 200


def test_anyone_else_gets_not_found(client, event):
    attendee = make_attendee(event)
    client.force_login(UserFactory())
    assert client.get(_url(attendee)).status_code == 404
    unverified = UserFactory(email=attendee.email, verified_email=False)
    client.force_login(unverified)
    assert client.get(_url(attendee)).status_code == 404


def test_only_a_confirmed_ticket_downloads(client, event):
    person = UserFactory()
    client.force_login(person)
    for status in ("pending", "cancelled"):
        attendee = make_attendee(event, person=person, status=status)
        assert client.get(_url(attendee)).status_code == 404
