"""Tickets emailed when an order is confirmed: one email per attendee with the ticket PDF and
the event's .ics attached, a summary for a buyer who is not the only attendee, nothing before
the confirming transaction commits, and never twice for the same ticket."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction
from icalendar import Calendar

from socialrx.events.models import Attendee, Order
from socialrx.events.services.confirmations import send_tickets, send_tickets_on_commit
from socialrx.events.services.registration import register
from socialrx.events.services.ticket_emails import ticket_message
from socialrx.events.signals import order_confirmed
from tests.events.factories import make_attendee, make_event, make_ticket_type
from tests.events.registration_support import check_out, details, pay_by_check
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return make_event(title="Health Social Summit", venue_name="Mayo Civic Center")


@pytest.fixture
def free(event):
    return make_ticket_type(event, name="Community pass", price_cents=0)


def _attachments(message) -> dict[str, tuple[bytes | str, str]]:
    return {name: (content, mimetype) for name, content, mimetype in message.attachments}


def _ticket_emails():
    return [m for m in mail.outbox if m.subject == "Your ticket: Health Social Summit"]


def test_a_free_team_order_emails_each_attendee_their_ticket_and_the_buyer_a_summary(
    event, free, django_capture_on_commit_callbacks
):
    buyer = UserFactory(email="lead@riverside.example", full_name="Lena Ortiz")
    with django_capture_on_commit_callbacks(execute=True):
        register(buyer, event, free, details("ana@riverside.example", "raj@riverside.example"))

    tickets = _ticket_emails()
    assert sorted(m.to[0] for m in tickets) == ["ana@riverside.example", "raj@riverside.example"]
    summary = [m for m in mail.outbox if m.subject == "Tickets sent: Health Social Summit"]
    assert [m.to for m in summary] == [["lead@riverside.example"]]
    assert "Ana <ana@riverside.example>, Community pass" in summary[0].body
    assert "Raj <raj@riverside.example>, Community pass" in summary[0].body
    assert len(mail.outbox) == 3
    assert all(a.ticket_sent_at is not None for a in Attendee.objects.all())


def test_the_ticket_email_carries_the_pdf_and_the_events_calendar_file(
    event, free, django_capture_on_commit_callbacks
):
    person = UserFactory(email="ana@riverside.example", full_name="Ana Silva")
    with django_capture_on_commit_callbacks(execute=True):
        register(person, event, free, details("ana@riverside.example"))

    (message,) = mail.outbox  # the buyer is the only attendee: no summary
    assert message.to == ["ana@riverside.example"]
    attachments = _attachments(message)
    assert set(attachments) == {
        f"ticket-{_reference(Attendee.objects.get())}.pdf",
        f"{event.slug}.ics",
    }
    pdf, pdf_type = attachments[f"ticket-{_reference(Attendee.objects.get())}.pdf"]
    assert pdf_type == "application/pdf"
    assert pdf[:4] == b"%PDF"
    ics, ics_type = attachments[f"{event.slug}.ics"]
    assert ics_type == "text/calendar"
    calendar = Calendar.from_ical(ics)
    (entry,) = calendar.walk("VEVENT")
    assert str(entry["summary"]) == "Health Social Summit"
    assert str(entry["uid"]) == f"event-{event.public_id}@socialrx"
    assert entry.decoded("dtstart") == event.starts_at
    html = message.alternatives[0][0]
    assert "Health Social Summit" in html and "Community pass" in html


def _reference(attendee) -> str:
    code = attendee.public_id.hex[:8].upper()
    return f"{code[:4]}-{code[4:]}"


def test_a_confirmation_sent_twice_sends_each_ticket_once(
    event, free, django_capture_on_commit_callbacks
):
    buyer = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        order = register(buyer, event, free, details("ana@riverside.example"))
    assert len(_ticket_emails()) == 1

    with django_capture_on_commit_callbacks(execute=True):
        order_confirmed.send(sender=Order, order=order)  # a replayed payment notice
        send_tickets_on_commit(order)
    assert send_tickets(order.pk) == []
    assert len(_ticket_emails()) == 1


def test_nothing_is_sent_when_the_confirming_transaction_rolls_back(
    event, free, django_capture_on_commit_callbacks
):
    attendee = make_attendee(event, free, email="ana@riverside.example")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                send_tickets_on_commit(attendee.order)
                raise RuntimeError("the payment was refused")
        except RuntimeError:
            pass
    assert callbacks == []
    assert mail.outbox == []
    attendee.refresh_from_db()
    assert attendee.ticket_sent_at is None


def test_a_paid_order_sends_its_tickets_when_the_invoice_is_paid(
    event, staff, django_capture_on_commit_callbacks
):
    priced = make_ticket_type(event, name="Full pass", price_cents=45_000)
    buyer = UserFactory(email="lead@riverside.example")
    order = register(buyer, event, priced, details("ana@riverside.example"))
    invoice = check_out(buyer, order)
    assert _ticket_emails() == []

    with django_capture_on_commit_callbacks(execute=True):
        pay_by_check(staff, invoice)

    assert [m.to for m in _ticket_emails()] == [["ana@riverside.example"]]


def test_pending_and_cancelled_attendees_get_no_ticket(event, free):
    pending = make_attendee(event, free, status="pending")
    cancelled = make_attendee(event, free, status="cancelled")
    assert send_tickets(pending.order_id) == []
    assert send_tickets(cancelled.order_id) == []


def test_a_ticket_renamed_or_cancelled_before_the_email_went_is_not_sent(event, free):
    attendee = make_attendee(event, free)
    template = "events/email/ticket"
    assert ticket_message(attendee.pk, attendee.ticket_secret, template) is not None
    assert ticket_message(attendee.pk, "an older secret", template) is None
    assert ticket_message(attendee.pk, attendee.ticket_secret, "events/email/other") is None
    Attendee.objects.filter(pk=attendee.pk).update(status="cancelled")
    assert ticket_message(attendee.pk, attendee.ticket_secret, template) is None


def test_an_online_event_gives_its_attendees_the_link_to_join(free, event):
    event.format = "virtual"
    event.online_url = "https://meet.example.org/summit"
    event.save()
    attendee = make_attendee(event, free, full_name="Ana Silva")
    message = ticket_message(attendee.pk, attendee.ticket_secret, "events/email/ticket")
    assert "Join online: https://meet.example.org/summit" in message.body
