"""What the events journeys and the events accessibility sweep share: a two-day conference
with its agenda (two tracks, two rooms, speakers), member and non-member tickets and a sold-out
workshop, and the people and pages around it.

The event, its agenda and plain attendees are written with tests/events/factories.py (straight
to the tables); what a page shows about money (orders, invoices, payments), the waitlist, the
stars of "My agenda" and check-ins is made with the real services, so the pages read what they
would read in production. The live server runs in the test's process and sees these rows."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse

from socialrx.billing.services.checkout import Item, checkout
from socialrx.billing.services.payments import record_manual_payment
from socialrx.core.calendar import center_today
from socialrx.events.models import Event, TicketKind
from socialrx.events.services import my_agenda, waitlist
from socialrx.events.services.check_in import check_in
from socialrx.events.services.registration import AttendeeDetails, register
from tests.events.factories import (
    make_attendee,
    make_event,
    make_room,
    make_session,
    make_speaker,
    make_ticket_type,
    make_track,
)
from tests.training.factories import member_org

from .browser import assert_accessible, assert_fits_the_screen, screenshot

SUMMIT = "Social Media in Health Care Summit"


def look(page, name: str, *, fits: bool = True) -> None:
    """axe clean, nothing wider than the screen, and a screenshot named after the width."""
    width = page.viewport_size["width"]
    assert_accessible(page, context=f"{name}, {width}px wide")
    if fits:
        assert_fits_the_screen(page)
    screenshot(page, f"events-{name}-{width}")


def named(person, full_name: str):
    person.full_name = full_name
    person.save(update_fields=["full_name"])
    return person


# --- the conference -------------------------------------------------------------------------


def make_summit() -> Event:
    """The summit (published, in person in Rochester, times on Chicago's clock, six weeks
    ahead, registration open): Member $650 (40 places), Non-member $850, and a one-place
    Workshop day already taken."""
    event = make_event(title=SUMMIT, capacity=200)
    make_ticket_type(
        event,
        name="Member",
        kind=TicketKind.MEMBER,
        price_cents=65_000,
        quota=40,
        position=0,
        description="For people of member organizations.",
    )
    make_ticket_type(event, name="Non-member", price_cents=85_000, position=1)
    workshop = make_ticket_type(event, name="Workshop day", price_cents=20_000, quota=1, position=2)
    make_attendee(event, workshop, full_name="Wendy Ames", email="wendy.ames@example.org")
    return event


def ticket(event: Event, name: str):
    return event.ticket_types.get(name=name)


def make_program(event: Event) -> dict:
    """Four sessions over the two days in two tracks and two rooms, with two speakers."""
    strategy = make_track(event, "Strategy", position=0)
    clinical = make_track(event, "Clinical voices", position=1)
    hall = make_room(event, "Hall A", seats=300, position=0)
    room = make_room(event, "Room 2", seats=60, position=1)
    okafor = make_speaker(
        full_name="Dr. Amara Okafor",
        job_title="Chief Digital Officer",
        organization_name="Riverside Regional Medical Center",
        bio="Leads social media for a regional health system of nine hospitals.",
    )
    ortega = make_speaker(
        full_name="Luis Ortega",
        job_title="Social media manager",
        organization_name="Lakeside Children's Hospital",
        bio="Runs the accounts of a children's hospital and trains its nurses to post safely.",
    )
    first_day = event.starts_at
    keynote = make_session(
        event,
        title="From one page to a program",
        starts_at=first_day,
        minutes=60,
        room=hall,
        track=strategy,
        speakers=[okafor],
        kind="keynote",
    )
    replies = make_session(
        event,
        title="Answering patients online without giving medical advice",
        starts_at=first_day + timedelta(minutes=75),
        room=room,
        track=clinical,
        speakers=[ortega],
    )
    make_session(
        event,
        title="Securing shared accounts",
        starts_at=first_day + timedelta(minutes=75),
        room=hall,
        track=strategy,
        speakers=[okafor],
    )
    make_session(
        event,
        title="When a post about a patient goes viral",
        starts_at=first_day + timedelta(days=1),
        room=hall,
        track=clinical,
        speakers=[ortega, okafor],
    )
    return {"keynote": keynote, "replies": replies, "okafor": okafor, "ortega": ortega}


# --- the accessibility sweep's world --------------------------------------------------------


def sweep_world(*, staff) -> dict:
    """Every events page with something on it: the summit and its agenda; a member of a member
    organization with a confirmed order of two (paid by check), starred sessions and an agenda
    feed; her org admin with a pending order for the organization and a place on the
    workshop's waitlist; more attendees, one checked in.
    Returns the people and the pages, by audience."""
    organization, admin, member = member_org()
    named(admin, "Karen Lindqvist")
    named(member, "Priya Raman")
    named(staff, "Dana Whitfield")
    summit = make_summit()
    program = make_program(summit)
    member_ticket = ticket(summit, "Member")

    # The member registered herself and a colleague, invoiced and paid by check.
    order = register(
        member,
        summit,
        member_ticket,
        [
            AttendeeDetails(full_name="Priya Raman", email=member.email, job_title="Nurse lead"),
            AttendeeDetails(
                full_name="Ana Li",
                email="ana.li@riverside.example",
                dietary_needs="Vegetarian",
                accessibility_needs="Step-free access",
            ),
        ],
    )
    invoice = checkout(
        actor=member,
        buyer=member,
        items=[Item("events.ticket", order.public_id, 2)],
        pay_by="invoice",
        billing_name="Priya Raman",
        billing_email=member.email,
    )
    record_manual_payment(
        actor=staff,
        invoice=invoice,
        amount_cents=invoice.total_cents,
        method="check",
        reference="Check 3107",
        received_on=center_today(),
    )
    # Her admin has an order waiting for payment (places held) and waits for the workshop.
    pending = register(
        admin,
        summit,
        ticket(summit, "Non-member"),
        [AttendeeDetails(full_name="Ben Ode", email="ben.ode@riverside.example")],
        organization=organization,
    )
    waitlist.join_waitlist(admin, ticket(summit, "Workshop day"))
    for session in (program["keynote"], program["replies"]):
        my_agenda.star(member, session)
    my_agenda.issue_feed(member)

    # More attendees; one came in at the main entrance.
    walk_in = make_attendee(summit, member_ticket, full_name="Chris Park", email="chris@x.example")
    make_attendee(summit, ticket(summit, "Non-member"), full_name="Dee Moss")
    check_in(staff, summit, walk_in, door="Main entrance", method="search")
    attendee = order.attendees.get(full_name="Ana Li")

    slug, keynote = summit.slug, program["keynote"]
    return {
        "member": member,
        "admin": admin,
        "event": summit,
        "public": [
            reverse("events:list"),
            reverse("events:event", args=[slug]),
            reverse("events:agenda", args=[slug]),
            reverse("events:session", args=[slug, keynote.slug]),
            reverse("events:speakers", args=[slug]),
            reverse("events:speaker", args=[slug, program["okafor"].slug]),
        ],
        "member_pages": [
            reverse("events:event", args=[slug]),
            reverse("events:agenda", args=[slug]),
            reverse("events:register", args=[slug]),
            reverse("events:register", args=[slug]) + "?count=2&me=0",
            reverse("events:order", args=[order.public_id]),
            reverse("events:my_events"),
            reverse("events:my_agenda"),
            reverse("events:attendee_rename", args=[attendee.public_id]),
            reverse("events:ticket_cancel", args=[attendee.public_id]),
        ],
        "admin_pages": [
            reverse("events:order", args=[pending.public_id]),
            reverse("events:register", args=[slug]),
            reverse("events:my_events"),
        ],
        "staff_pages": [
            reverse("events:staff_events"),
            reverse("events:staff_event_new"),
            reverse("events:staff_speakers"),
            reverse("events:staff_speaker_new"),
            reverse("events:staff_speaker_edit", args=[program["ortega"].slug]),
            reverse("events:staff_event", args=[slug]),
            reverse("events:staff_event_edit", args=[slug]),
            reverse("events:staff_agenda", args=[slug]),
            reverse("events:staff_session_new", args=[slug]),
            reverse("events:staff_session_edit", args=[slug, keynote.slug]),
            reverse("events:staff_rooms", args=[slug]),
            reverse("events:staff_tracks", args=[slug]),
            reverse("events:staff_ticket_types", args=[slug]),
            reverse("events:staff_ticket_type_edit", args=[slug, member_ticket.public_id]),
            reverse("events:staff_registrations", args=[slug]),
            reverse("events:staff_registrations", args=[slug]) + "?q=ana",
            reverse("events:staff_sales", args=[slug]),
            reverse("events:staff_attendance", args=[slug]),
            reverse("events:check_in", args=[slug]),
            reverse("events:check_in", args=[slug]) + "?q=chris",
            reverse("events:staff_waitlist", args=[slug]),
        ],
    }
