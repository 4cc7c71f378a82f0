"""Renaming an attendee: the buyer hands a ticket to a colleague until the event's cut-off; a new
ticket secret is drawn (the old QR code stops working), the new holder is emailed the ticket and
the old email told. Refused after the cut-off, for an email already registered, for a cancelled
ticket, and to anyone but the buyer or staff; nothing half-written."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from socialrx.core.errors import Conflict, DomainError, NotFound
from socialrx.core.models import AuditEvent
from socialrx.events.models import Attendee
from socialrx.events.services.confirmations import send_tickets
from socialrx.events.services.registration import AttendeeDetails
from socialrx.events.services.rename import rename_attendee
from tests.events.factories import make_attendee, make_event, make_ticket_type
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

OMAR = AttendeeDetails(
    full_name="Omar Haddad",
    email="Omar@Riverside.example",
    job_title="Social media lead",
    organization_name="Riverside Regional Medical Center",
    dietary_needs="Halal",
)


@pytest.fixture
def event():
    return make_event(title="Health Social Summit")


@pytest.fixture
def buyer():
    return UserFactory(email="lead@riverside.example", full_name="Lena Ortiz")


@pytest.fixture
def attendee(event, buyer):
    kind = make_ticket_type(event, name="Member pass")
    return make_attendee(
        event,
        kind,
        full_name="Priya Raman",
        email="priya@riverside.example",
        made_by=buyer,
        accessibility_needs="Step-free access",
    )


def _unchanged(attendee) -> None:
    fresh = Attendee.objects.get(pk=attendee.pk)
    assert (fresh.full_name, fresh.email, fresh.ticket_secret, fresh.renamed_at) == (
        attendee.full_name,
        attendee.email,
        attendee.ticket_secret,
        None,
    )


def test_the_buyer_hands_a_ticket_to_a_colleague(
    attendee, buyer, django_capture_on_commit_callbacks
):
    omar = UserFactory(email="omar@riverside.example")
    old_secret = attendee.ticket_secret
    with django_capture_on_commit_callbacks(execute=True):
        renamed = rename_attendee(buyer, attendee, OMAR)

    renamed.refresh_from_db()
    assert (renamed.full_name, renamed.email, renamed.email_key) == (
        "Omar Haddad",
        "Omar@Riverside.example",
        "omar@riverside.example",
    )
    assert (renamed.job_title, renamed.dietary_needs, renamed.accessibility_needs) == (
        "Social media lead",
        "Halal",
        "",
    )
    assert renamed.person == omar
    assert renamed.ticket_secret != old_secret
    assert renamed.renamed_at is not None and renamed.ticket_sent_at is not None

    by_subject = {m.subject: m for m in mail.outbox}
    assert set(by_subject) == {
        "A ticket for you: Health Social Summit",
        "Your ticket was transferred: Health Social Summit",
    }
    new = by_subject["A ticket for you: Health Social Summit"]
    assert new.to == ["Omar@Riverside.example"]
    assert "Lena Ortiz transferred a ticket" in new.body
    assert [name.endswith(".pdf") for name, _, _ in new.attachments] == [True, False]
    assert by_subject["Your ticket was transferred: Health Social Summit"].to == [
        "priya@riverside.example"
    ]

    event = AuditEvent.objects.get(action="events.attendee.renamed")
    assert event.before["full_name"] == "Priya Raman"
    assert event.after["full_name"] == "Omar Haddad"
    assert event.after["needs_changed"] is True
    assert "Halal" not in str(event.after) and "Step-free" not in str(event.before)


def test_correcting_the_details_resends_the_ticket_to_the_same_person(
    attendee, buyer, django_capture_on_commit_callbacks
):
    same = AttendeeDetails(full_name="Priya K. Raman", email="PRIYA@riverside.example")
    with django_capture_on_commit_callbacks(execute=True):
        rename_attendee(buyer, attendee, same)
    assert [(m.subject, m.to) for m in mail.outbox] == [
        ("Your ticket: Health Social Summit", ["PRIYA@riverside.example"])
    ]


def test_staff_may_rename_but_not_the_attendee_or_anyone_else(attendee, staff):
    attendee.person = UserFactory(email="priya@riverside.example")
    attendee.save()
    for outsider in (attendee.person, UserFactory()):
        with pytest.raises(NotFound):
            rename_attendee(outsider, attendee, OMAR)
    _unchanged(attendee)
    assert rename_attendee(staff, attendee, OMAR).full_name == "Omar Haddad"


def test_refused_after_the_cut_off(attendee, buyer, event):
    event.rename_until = timezone.now() - timedelta(minutes=1)
    event.save()
    with pytest.raises(DomainError) as refusal:
        rename_attendee(buyer, attendee, OMAR)
    assert refusal.value.code == "too_late"
    assert refusal.value.message.startswith("Tickets could be transferred until ")
    _unchanged(attendee)
    assert mail.outbox == []


def test_refused_for_an_email_already_registered_for_the_event(attendee, buyer, event):
    make_attendee(event, email="omar@riverside.example")
    with pytest.raises(Conflict) as refusal:
        rename_attendee(buyer, attendee, OMAR)
    assert refusal.value.message == (
        "Omar@Riverside.example is already registered for Health Social Summit."
    )
    assert refusal.value.field == "email"
    _unchanged(attendee)


def test_an_email_whose_ticket_was_cancelled_may_take_the_place(attendee, buyer, event):
    make_attendee(event, email="omar@riverside.example", status="cancelled")
    assert rename_attendee(buyer, attendee, OMAR).email_key == "omar@riverside.example"


def test_refused_for_a_cancelled_ticket(attendee, buyer):
    Attendee.objects.filter(pk=attendee.pk).update(status="cancelled")
    attendee.refresh_from_db()
    with pytest.raises(DomainError, match="This ticket is cancelled"):
        rename_attendee(buyer, attendee, OMAR)
    _unchanged(attendee)


@pytest.mark.parametrize(
    ("details", "field", "message"),
    [
        (
            AttendeeDetails(full_name="  ", email="omar@x.example"),
            "full_name",
            "Enter the attendee's name.",
        ),
        (
            AttendeeDetails(full_name="Omar", email="not an email"),
            "email",
            "Enter a valid email address.",
        ),
        (
            AttendeeDetails(full_name="Omar", email="omar@x.example", job_title="x" * 161),
            "job_title",
            "The title is too long (at most 160 characters).",
        ),
    ],
)
def test_bad_details_are_refused_clearly(attendee, buyer, details, field, message):
    with pytest.raises(DomainError) as refusal:
        rename_attendee(buyer, attendee, details)
    assert (refusal.value.field, refusal.value.message) == (field, message)
    _unchanged(attendee)


def test_a_pending_ticket_is_sent_to_its_new_holder_once_paid(
    event, buyer, django_capture_on_commit_callbacks
):
    pending = make_attendee(event, made_by=buyer, status="pending")
    with django_capture_on_commit_callbacks(execute=True):
        rename_attendee(buyer, pending, OMAR)
    assert [m.subject for m in mail.outbox] == ["Your ticket was transferred: Health Social Summit"]
    Attendee.objects.filter(pk=pending.pk).update(status="confirmed")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        send_tickets(pending.order_id)
    assert sorted((m.subject, m.to[0]) for m in mail.outbox) == [
        ("Tickets sent: Health Social Summit", "lead@riverside.example"),
        ("Your ticket: Health Social Summit", "Omar@Riverside.example"),
    ]


# --- the page ----------------------------------------------------------------------------------


def _url(attendee) -> str:
    return reverse("events:attendee_rename", args=[attendee.public_id])


def test_the_page_shows_the_form_filled_in(client, attendee, buyer):
    client.force_login(buyer)
    response = client.get(_url(attendee))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Transfer the ticket of Priya Raman" in html
    assert 'value="priya@riverside.example"' in html


def test_posting_the_form_transfers_the_ticket(client, attendee, buyer):
    client.force_login(buyer)
    response = client.post(
        _url(attendee),
        {"full_name": "Omar Haddad", "email": "omar@riverside.example", "job_title": ""},
        follow=True,
    )
    assert response.redirect_chain == [(reverse("events:my_events"), 302)]
    assert "The ticket is now Omar Haddad&#x27;s" in response.content.decode()
    attendee.refresh_from_db()
    assert attendee.full_name == "Omar Haddad"


def test_the_page_refuses_with_a_message_not_an_error(client, attendee, buyer, event):
    make_attendee(event, email="omar@riverside.example")
    client.force_login(buyer)
    response = client.post(_url(attendee), {"full_name": "Omar", "email": "omar@riverside.example"})
    assert response.status_code == 400
    assert "omar@riverside.example is already registered for Health Social Summit." in (
        response.content.decode()
    )
    response = client.post(_url(attendee), {"full_name": "Omar", "email": "nope"})
    assert response.status_code == 400
    _unchanged(attendee)


def test_after_the_cut_off_the_page_says_so(client, attendee, buyer, event):
    event.rename_until = timezone.now() - timedelta(days=1)
    event.save()
    client.force_login(buyer)
    response = client.get(_url(attendee))
    assert response.status_code == 200
    assert "Tickets could be transferred until" in response.content.decode()
    assert "<form" not in response.content.decode().split('<main id="main"')[1]


def test_the_page_is_not_found_for_anyone_but_the_buyer_or_staff(client, attendee):
    client.force_login(UserFactory())
    assert client.get(_url(attendee)).status_code == 404
    assert (
        client.post(_url(attendee), {"full_name": "X", "email": "x@x.example"}).status_code == 404
    )
    _unchanged(attendee)
