"""Browser journeys of events (issue 22), in Debian's Chromium, axe clean on every page:

1. a member of a member organization registers two colleagues at the member price and pays by
   card (the provider stubbed, its signed webhook delivered): event page, register, billing's
   checkout, the paid invoice, the confirmed order with both attendees;
2. staff check an attendee in from a phone by name search; a second door's check-in of the same
   ticket (its stale button, then its typed ticket code) says when the first happened and who;
3. a visitor browses the events list, an event, its agenda, a session and a speaker on a phone.
"""

import re
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from socialrx.billing.models import Invoice, Payment
from socialrx.events.models import CheckIn, Order
from socialrx.events.ticket_tokens import ticket_token
from tests.events.factories import make_attendee
from tests.factories import StaffFactory, give_mfa
from tests.training.factories import member_org

from .browser import force_login, login
from .events_world import SUMMIT, look, make_program, make_summit, named, ticket
from .training_world import route_hosted_checkout, stubbed_stripe

pytestmark = pytest.mark.e2e
PHONE = {"width": 375, "height": 812}
CHICAGO = ZoneInfo("America/Chicago")


@pytest.fixture
def stripe_http():
    """Card payments through Stripe, its HTTP stubbed, for one test."""
    with stubbed_stripe() as http:
        yield http


def test_a_member_registers_two_colleagues_at_the_member_price_and_pays_by_card(
    live_server, new_page, stripe_http
):
    _organization, _admin, member = member_org()  # a "Medical Center" member: 20 % off
    named(member, "Maria Alvarez")
    summit = make_summit()  # Member $650.00: $520.00 for her
    page = new_page()
    login(page, live_server, member)

    # The event page shows her price beside the list price.
    page.goto(f"/events/{summit.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(SUMMIT)
    tickets = page.get_by_role("region", name="Tickets")
    member_ticket = tickets.get_by_role("listitem").filter(has_text="Member").first
    expect(member_ticket).to_contain_text("$520.00 your price")
    expect(member_ticket).to_contain_text("List price $650.00.")
    look(page, "event")
    page.get_by_role("link", name="Register", exact=True).first.click()

    # Two colleagues, not herself, on Member tickets.
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Register for {SUMMIT}")
    page.get_by_label("Number of attendees").fill("2")
    page.get_by_role("button", name="Update the attendee forms").click()
    page.get_by_role("link", name="Register other people only").click()
    expect(page.get_by_role("group", name="Attendee 2")).to_be_visible()
    look(page, "register")
    page.get_by_label("Member: $520.00").check()
    first = page.get_by_role("group", name="Attendee 1")
    first.get_by_label("Full name").fill("Ana Li")
    first.get_by_label("Email").fill("ana.li@riverside.example")
    first.get_by_label("Dietary needs").fill("Vegetarian")
    second = page.get_by_role("group", name="Attendee 2")
    second.get_by_label("Full name").fill("Ben Ode")
    second.get_by_label("Email").fill("ben.ode@riverside.example")
    second.get_by_label("Accessibility needs").fill("Step-free access")
    page.get_by_role("button", name="Register and continue").click()

    # Billing's checkout: two tickets at the list price, the plan's discount, the total.
    expect(page.get_by_role("heading", level=1)).to_have_text("Review and pay")
    line = page.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name=re.compile(rf"^Ticket: {SUMMIT}"))
    )
    expect(line.get_by_role("rowheader")).to_have_text(re.compile(r", 2 × Member$"))
    expect(line.get_by_role("cell")).to_have_text(
        ["2", "$650.00", "−$260.00Member price, Medical Center plan (20% off)", "$1,040.00"]
    )
    total = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Total"))
    expect(total.get_by_role("cell")).to_have_text(["$1,040.00"])
    look(page, "checkout")

    # By card on the provider's (stubbed) hosted page; its webhook confirms the charge.
    page.get_by_label("By card, now").check()
    page.get_by_label(re.compile(r"^Name on the invoice")).fill("Maria Alvarez")
    page.get_by_label(re.compile(r"^Send the invoice and receipt to")).fill(member.email)
    route_hosted_checkout(
        page,
        live_server.url,
        stripe_http,
        lambda: Invoice.objects.get(person=member),
        event_id="evt_events_summit_1",
    )
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("link", name="Return to SocialRx").click()
    expect(page.get_by_text("your card payment was received")).to_be_visible()
    assert stripe_http.last_params["line_items[0][price_data][unit_amount]"] == "104000"

    # The paid invoice: $650.00 each, less the member discount, $1,040.00 ($520.00 each).
    invoice = Invoice.objects.get(person=member)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Invoice {invoice.number}")
    bought = page.get_by_role("region", name=re.compile(r"^What was bought"))
    expect(bought.get_by_role("row").nth(1).get_by_role("cell")).to_have_text(
        ["2", "$650.00", "−$260.00Member price, Medical Center plan (20% off)", "$1,040.00"]
    )
    look(page, "invoice-paid")
    assert (invoice.status, invoice.total_cents) == ("paid", 104_000)
    assert Payment.objects.filter(invoice=invoice).count() == 1

    # The order is confirmed, with both colleagues and the member price.
    order = Order.objects.get(made_by=member)
    page.goto(f"/events/orders/{order.public_id}/")
    expect(page.get_by_role("heading", name="You're registered")).to_be_visible()
    expect(page.get_by_text("2 × Member")).to_be_visible()
    amount = page.locator(".reg-facts dd").first
    expect(amount).to_have_text(
        "$1,040.00 (2 × $520.00, Member price, Medical Center plan (20% off))"
    )
    attendees = page.get_by_role("table", name="The attendees of this order")
    expect(attendees.get_by_role("rowheader")).to_have_text(["Ana Li", "Ben Ode"])
    for name, needs in (("Ana Li", "Dietary: Vegetarian"), ("Ben Ode", "Access: Step-free")):
        row = attendees.get_by_role("row").filter(has=page.get_by_role("rowheader", name=name))
        expect(row).to_contain_text(needs)
        expect(row.get_by_role("cell").last).to_have_text("Registered")
    look(page, "order-confirmed")
    assert sorted(order.attendees.values_list("full_name", "status")) == [
        ("Ana Li", "confirmed"),
        ("Ben Ode", "confirmed"),
    ]


def test_staff_check_one_in_on_a_phone_and_a_second_check_in_says_when_the_first_was(
    live_server, new_page, staff
):
    named(staff, "Dana Whitfield")
    other_staff = named(StaffFactory(), "Sam Rivera")
    give_mfa(other_staff)
    summit = make_summit()
    member_ticket = ticket(summit, "Member")
    ana = make_attendee(summit, member_ticket, full_name="Ana Li", email="ana.li@riverside.example")
    make_attendee(summit, member_ticket, full_name="Anders Berg", email="anders@example.org")
    make_attendee(summit, ticket(summit, "Non-member"), full_name="Ben Ode")
    door = f"/staff/events/{summit.slug}/check-in/"

    # A second door has found Ana already, before she reaches the first one.
    side_door = new_page(**PHONE)
    force_login(side_door, live_server, other_staff)
    side_door.goto(door)
    side_door.get_by_label("Door").fill("Side door")
    side_door.get_by_label("Name, email or organization").fill("ana li")
    expect(side_door.get_by_role("button", name="Check in Ana Li")).to_be_visible()

    # Dana signs in on her phone (with her second factor) and opens the door page.
    phone = new_page(**PHONE)
    login(phone, live_server, staff)
    phone.goto(door)
    expect(phone.get_by_role("heading", level=1)).to_have_text(SUMMIT)
    expect(phone.locator(".door-total")).to_have_text("0 of 4 registered")
    look(phone, "check-in")
    phone.get_by_label("Door").fill("Main entrance")
    phone.get_by_label("Name, email or organization").fill("ana")
    phone.get_by_role("button", name="Search").click()
    results = phone.locator(".door-results > li")
    expect(results).to_have_count(1)  # not Anders Berg: "ana" starts no word of his
    expect(results.first).to_contain_text("Ana Li")
    expect(results.first).to_contain_text("Not checked in yet")
    look(phone, "check-in-search")
    phone.get_by_role("button", name="Check in Ana Li").click()

    answer = phone.get_by_role("status").filter(has_text="Checked in")
    expect(answer).to_contain_text("Checked in: Ana Li, Member")
    record = CheckIn.objects.get(attendee=ana)
    at = f"{record.checked_in_at.astimezone(CHICAGO):%H:%M}"
    assert (record.checked_in_by, record.door, record.method) == (staff, "Main entrance", "search")
    ana_row = results.filter(has_text="Ana Li")
    expect(ana_row).to_contain_text(f"Checked in at {at} by Dana Whitfield at Main entrance")
    expect(ana_row.get_by_role("button")).to_have_count(0)
    expect(phone.locator(".door-total")).to_have_text("1 of 4 registered")
    look(phone, "check-in-done")

    # The side door presses its (stale) button: told when, by whom and where she came in.
    side_door.get_by_role("button", name="Check in Ana Li").click()
    already = f"Already checked in at {at} by Dana Whitfield at Main entrance"
    expect(side_door.locator("[data-result-text]")).to_have_text(already)
    look(side_door, "check-in-already")

    # ... and so does her ticket's code, typed at the side door.
    side_door.get_by_text("Type a ticket code").click()
    side_door.get_by_label("Ticket code (starts with SRXT:)").fill(ticket_token(ana))
    side_door.get_by_role("button", name="Check in", exact=True).click()
    expect(side_door.locator("[data-result-text]")).to_have_text(already)
    expect(side_door.locator("[data-result-detail]")).to_contain_text("Ana Li, Member")
    assert CheckIn.objects.filter(attendee=ana).count() == 1
    assert CheckIn.objects.count() == 1


def test_a_visitor_browses_an_event_its_agenda_a_session_and_a_speaker_on_a_phone(
    live_server, new_page
):
    summit = make_summit()
    make_program(summit)
    phone = new_page(**PHONE)

    phone.goto("/events/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Conferences and webinars")
    look(phone, "list")
    phone.get_by_role("link", name=SUMMIT).click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(SUMMIT)
    expect(phone.get_by_role("region", name="Tickets")).to_contain_text("$650.00")
    look(phone, "event-visitor")

    phone.get_by_role("link", name="See the agenda").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Agenda")
    expect(phone.get_by_role("article")).to_have_count(3)  # the first day's sessions
    look(phone, "agenda")
    replies = "Answering patients online without giving medical advice"
    phone.get_by_role("link", name=replies).click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(replies)
    expect(phone.get_by_text("Room 2")).to_be_visible()
    look(phone, "session")

    phone.get_by_role("link", name="Luis Ortega").first.click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Luis Ortega")
    expect(phone.get_by_text("Lakeside Children's Hospital").first).to_be_visible()
    expect(phone.get_by_role("link", name="When a post about a patient goes viral")).to_be_visible()
    look(phone, "speaker")
