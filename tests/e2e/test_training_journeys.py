"""Browser journeys of training (issue 21), in Debian's Chromium, axe clean on every page:

1. on a phone, a member takes a course to completion (two lessons, a quiz failed then
   passed), downloads the certificate, and its code verifies on the public page;
2. an org admin registers two colleagues for a boot camp at the member price and pays by card;
3. an org admin requests on-site training, staff propose, the admin accepts and is invoiced.
"""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from socialrx.billing.models import Invoice, Payment
from socialrx.core.calendar import center_today
from socialrx.training.models import Certificate, OnsiteRequest
from tests.factories import SeatFactory
from tests.training.factories import make_boot_camp, make_course, member_org

from .browser import PHONE, last_email_to, link_in_email, login
from .training_world import look, restore_vocabulary, route_hosted_checkout, stubbed_stripe

pytestmark = pytest.mark.e2e


@pytest.fixture
def stripe_http():
    """Card payments through Stripe, its HTTP stubbed, for one test."""
    with stubbed_stripe() as http:
        yield http


def test_a_member_takes_a_course_on_a_phone_and_its_certificate_verifies(live_server, new_page):
    restore_vocabulary()
    _organization, _admin, member = member_org()
    member.full_name = "Priya Raman"
    member.save(update_fields=["full_name"])
    course = make_course(title="Starting a hospital Facebook page safely")
    phone = new_page(**PHONE)
    login(phone, live_server, member)

    # The catalogue, then the course: free for members.
    phone.goto("/training/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Learn social media for health care")
    look(phone, "catalogue")
    phone.get_by_role("link", name="Starting a hospital Facebook page safely").click()
    expect(phone).to_have_url(f"{live_server.url}/training/courses/{course.slug}/")
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Starting a hospital Facebook page safely"
    )
    look(phone, "course")
    phone.get_by_role("button", name="Start the course (free for members)").click()

    # Lessons 1 and 2: read, "Mark complete and continue".
    expect(phone.get_by_role("heading", level=1)).to_have_text("Lesson 1")
    expect(phone.get_by_text("Reading 1.")).to_be_visible()
    expect(phone.get_by_text("You are enrolled in Starting a hospital")).to_be_visible()
    look(phone, "lesson")
    phone.get_by_role("button", name="Mark complete and continue").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Lesson 2")
    expect(phone.get_by_text("Your progress: 1 of 3 lessons")).to_be_visible()
    phone.get_by_role("button", name="Mark complete and continue").click()

    # The quiz: answered wrong first.
    expect(phone.get_by_role("heading", level=1)).to_have_text("Quiz")
    expect(phone.get_by_text("Your progress: 2 of 3 lessons")).to_be_visible()
    look(phone, "quiz")
    phone.get_by_role("button", name="Start attempt").click()
    expect(phone.get_by_text("Quiz · attempt 1 of 2")).to_be_visible()
    look(phone, "quiz-attempt")
    answer(phone, "May you post a patient's photo", ["Yes"])
    answer(phone, "Which belong in a comment moderation policy?", ["Patients' names"])
    phone.get_by_role("button", name="Submit answers").click()

    expect(phone.get_by_role("heading", name="Not passed this time")).to_be_visible()
    expect(phone.locator(".quiz-score-figure")).to_contain_text("0 %")
    expect(phone.locator(".quiz-score-figure")).to_contain_text("0 of 2 right")
    expect(phone.get_by_text("1 attempt left")).to_be_visible()
    expect(phone.get_by_text("HIPAA requires written authorization.")).to_be_visible()
    expect(phone.get_by_text("Both are standard.")).to_be_visible()
    look(phone, "quiz-result-failed")

    # Again, answered right: passed, and the course is complete.
    phone.get_by_role("button", name="Try again").click()
    expect(phone.get_by_text("Quiz · attempt 2 of 2")).to_be_visible()
    answer(phone, "May you post a patient's photo", ["No"])
    answer(
        phone, "Which belong in a comment moderation policy?", ["What is removed", "Response times"]
    )
    phone.get_by_role("button", name="Submit answers").click()
    expect(phone.get_by_role("heading", name="You passed")).to_be_visible()
    expect(phone.locator(".quiz-score-figure")).to_contain_text("100 %")
    look(phone, "quiz-result-passed")
    phone.get_by_role("link", name="Back to the course").click()
    expect(phone.get_by_text("3 of 3 lessons done (100%)")).to_be_visible()
    look(phone, "course-completed")

    certificate = Certificate.objects.get(person=member)
    assert (certificate.title, certificate.recipient_name) == (
        "Starting a hospital Facebook page safely",
        "Priya Raman",
    )
    assert re.fullmatch(r"SRX(-[0-9A-Z]{4}){3}", certificate.code), certificate.code
    assert certificate.code in last_email_to(member.email).body

    # "My learning" lists the completed course and its certificate, which downloads as a PDF.
    phone.goto("/training/my/")
    completed = phone.get_by_role("region", name="Completed courses", exact=True)
    expect(completed).to_contain_text("Starting a hospital Facebook page safely")
    expect(completed).to_contain_text(certificate.code)
    look(phone, "my-learning")
    phone.goto("/training/certificates/")
    expect(phone.get_by_text(certificate.code)).to_be_visible()
    look(phone, "my-certificates")
    with phone.expect_download() as download_info:
        phone.get_by_role(
            "link", name="Download PDF of Starting a hospital Facebook page safely"
        ).click()
    download = download_info.value
    assert download.suggested_filename == f"SocialRx-certificate-{certificate.code}.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    # Signed out, anyone checks the code on the public page.
    visitor = new_page(**PHONE)
    response = visitor.goto(f"/certificates/{certificate.code}/")
    assert response.status == 200
    expect(visitor.get_by_role("heading", level=1)).to_have_text("✓ VALID")
    details = visitor.locator(".certificate-details")
    expect(details).to_contain_text("Priya Raman")
    expect(details).to_contain_text("Starting a hospital Facebook page safely")
    expect(details).to_contain_text(certificate.code)
    look(visitor, "certificate-verify")


def answer(page, prompt: str, choices: list[str]) -> None:
    """Tick `choices` in the question whose prompt starts with `prompt` (order is shuffled)."""
    question = page.get_by_role("group", name=re.compile(re.escape(prompt)))
    for choice in choices:
        question.get_by_label(choice, exact=True).check()


def test_an_org_admin_requests_onsite_training_staff_propose_and_the_admin_accepts(
    live_server, new_page, staff, coach
):
    restore_vocabulary()
    organization, admin, _member = member_org()
    admin.full_name, coach.full_name = "Karen Lindqvist", "Jordan Ellis"
    admin.save(update_fields=["full_name"])
    coach.save(update_fields=["full_name"])
    today = center_today()
    first, second, third = (today + timedelta(days=days) for days in (30, 37, 44))

    # The org admin asks for a day of training at the hospital.
    admin_page = new_page()
    login(admin_page, live_server, admin)
    admin_page.goto("/training/onsite/new/")
    expect(admin_page.get_by_role("heading", level=1)).to_have_text("Request on-site training")
    look(admin_page, "onsite-new")
    admin_page.get_by_label("Strategy and planning").check()
    admin_page.get_by_label("HIPAA and privacy").check()
    admin_page.get_by_label("Audience").fill("Marketing team and nurse managers")
    admin_page.get_by_label("Expected attendees").fill("25")
    admin_page.get_by_label("First preferred date").fill(first.isoformat())
    admin_page.get_by_label("Second preferred date").fill(second.isoformat())
    admin_page.get_by_label("Third preferred date").fill(third.isoformat())
    admin_page.get_by_label("Address of the training").fill(
        "1200 River Road, Conference Room B\nSpringfield, IL 62701"
    )
    admin_page.get_by_label("Specific needs").fill("A projector and captions for one attendee.")
    admin_page.get_by_role("button", name="Send the request").click()
    expect(admin_page.get_by_text("Your request was sent.")).to_be_visible()
    onsite = OnsiteRequest.objects.get(organization=organization)
    expect(admin_page).to_have_url(f"{live_server.url}/training/onsite/{onsite.public_id}/")
    look(admin_page, "onsite-requested")
    assert "requested" in last_email_to(staff.email).subject.lower()

    # Staff (with their second factor) open the pipeline, then the request, and propose.
    staff_page = new_page()
    login(staff_page, live_server, staff)
    staff_page.goto("/staff/training/onsite/")
    expect(staff_page.get_by_role("heading", level=1)).to_have_text("On-site training")
    look(staff_page, "staff-onsite-pipeline")
    staff_page.get_by_role("link", name="Riverside Regional Medical Center").click()
    expect(staff_page.get_by_role("heading", level=1)).to_have_text(
        "Riverside Regional Medical Center"
    )
    expect(staff_page.get_by_role("region", name="The request")).to_contain_text(
        "Marketing team and nurse managers"
    )
    look(staff_page, "staff-onsite-request")
    staff_page.get_by_label(re.compile(r"^Date")).fill(second.isoformat())
    staff_page.get_by_label("Start time").fill("09:00")
    staff_page.get_by_label("End time").fill("15:00")
    staff_page.get_by_label(re.compile(r"^Jordan Ellis")).check()
    staff_page.get_by_label("Quote").fill("4,500.00")
    staff_page.get_by_label("Note to the organization").fill("Lunch is on us.")
    staff_page.get_by_role("button", name="Send the proposal").click()
    expect(
        staff_page.get_by_text("Proposal sent to the admins of Riverside Regional Medical Center.")
    ).to_be_visible()

    # The admin is emailed, follows the link, reads the proposal and accepts it.
    email = last_email_to(admin.email)
    assert email.subject == "On-site training at Riverside Regional Medical Center: proposal sent"
    assert "Quote: $4,500.00" in email.body
    assert "Trainers: Jordan Ellis" in email.body
    admin_page.goto(link_in_email(admin.email, containing=f"/training/onsite/{onsite.public_id}/"))
    proposal = admin_page.get_by_role("region", name="The center's proposal")
    expect(proposal).to_contain_text(f"{second:%A, %B} {second.day}, {second.year}")
    expect(proposal).to_contain_text("9:00 AM –")
    expect(proposal).to_contain_text("Jordan Ellis")
    expect(proposal).to_contain_text("$4,500.00")
    expect(proposal).to_contain_text("Lunch is on us.")
    look(admin_page, "onsite-proposed")
    admin_page.get_by_role("button", name="Accept and get the invoice").click()
    # The page that says so is awaited before the database is read.
    expect(
        admin_page.get_by_text(re.compile(r"^Accepted\. Invoice \S+ is on its way"))
    ).to_be_visible()
    invoice = Invoice.objects.get(organization=organization)
    expect(
        admin_page.get_by_text(f"Accepted. Invoice {invoice.number} is on its way")
    ).to_be_visible()
    look(admin_page, "onsite-accepted")

    # The invoice is for the quote, made out to the organization.
    assert (invoice.status, invoice.total_cents, invoice.organization_id) == (
        "open",
        450_000,
        organization.pk,
    )
    assert [line.amount_cents for line in invoice.lines.all()] == [450_000]

    # Both sides show the same timeline: requested, proposed, accepted.
    events = [
        "Requested",
        "Proposal sent",
        "Proposal accepted, invoice issued",
    ]
    for page in (admin_page, staff_page):
        page.reload()
        timeline = page.locator(".onsite-timeline .onsite-step-what strong")
        expect(timeline).to_have_text(events)
    expect(staff_page.locator(".page-header .badge")).to_have_text("Accepted, invoiced")
    look(staff_page, "staff-onsite-accepted")


def test_an_org_admin_registers_two_colleagues_for_a_boot_camp_at_the_member_price_by_card(
    live_server, new_page, stripe_http
):
    restore_vocabulary()
    base = live_server.url
    organization, admin, priya = member_org()  # a "Medical Center" member: 20 % off boot camps
    marcus = SeatFactory(organization=organization).user
    for person, name in (
        (admin, "Karen Lindqvist"),
        (priya, "Priya Raman"),
        (marcus, "Marcus Webb"),
    ):
        person.full_name = name
        person.save(update_fields=["full_name"])
    camp = make_boot_camp(title="Social media boot camp for hospital communicators")

    page = new_page()
    login(page, live_server, admin)
    page.goto(f"/training/boot-camps/{camp.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Social media boot camp for hospital communicators"
    )
    look(page, "boot-camp")
    page.get_by_role("link", name="Register people of Riverside Regional Medical Center").click()
    look(page, "boot-camp-register")
    page.get_by_label(re.compile(r"^Priya Raman")).check()
    page.get_by_label(re.compile(r"^Marcus Webb")).check()
    page.get_by_label(re.compile(r"invoice the organization")).check()
    page.get_by_role("button", name="Hold the seats and continue to payment").click()

    # The checkout: two seats at the list price, the member discount and why, the total.
    expect(page.get_by_role("heading", level=1)).to_have_text("Review and pay")
    order = page.get_by_role("table")
    line = order.get_by_role("row").filter(
        has=page.get_by_role(
            "rowheader",
            name=re.compile(r"^Boot camp: Social media boot camp for hospital communicators"),
        )
    )
    expect(line.get_by_role("rowheader")).to_have_text(re.compile(r", 2 seats$"))
    expect(line.get_by_role("cell")).to_have_text(
        ["2", "$1,200.00", "−$480.00Member price, Medical Center plan (20% off)", "$1,920.00"]
    )
    total = order.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Total"))
    expect(total.get_by_role("cell")).to_have_text(["$1,920.00"])
    expect(page.get_by_text("Invoice to Riverside Regional Medical Center.")).to_be_visible()
    look(page, "boot-camp-checkout")

    # Paid by card on the provider's (stubbed) hosted page; its webhook confirms the charge.
    page.get_by_label("By card, now").check()
    page.get_by_label(re.compile(r"^Name on the invoice")).fill("Karen Lindqvist")
    page.get_by_label(re.compile(r"^Send the invoice and receipt to")).fill(
        "ap@riverside-rmc.example"
    )
    route_hosted_checkout(
        page,
        base,
        stripe_http,
        lambda: Invoice.objects.get(organization=organization),
        event_id="evt_training_boot_camp_1",
    )
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("link", name="Return to SocialRx").click()
    expect(page.get_by_text("your card payment was received")).to_be_visible()
    assert stripe_http.last_params["line_items[0][price_data][unit_amount]"] == "192000"

    invoice = Invoice.objects.get(organization=organization)
    assert (invoice.status, invoice.total_cents, invoice.billing_email) == (
        "paid",
        192_000,
        "ap@riverside-rmc.example",
    )
    assert Payment.objects.filter(invoice=invoice).count() == 1

    # Both seats are confirmed on the boot camp's page, and each colleague was told.
    page.goto(f"/training/boot-camps/{camp.slug}/")
    mine = page.get_by_role("region", name="Your registrations")
    for name in ("Priya Raman", "Marcus Webb"):
        seat = mine.get_by_role("listitem").filter(has_text=name)
        expect(seat.locator(".badge")).to_have_text("Registered")
    expect(page.get_by_text("8 of 10")).to_be_visible()
    look(page, "boot-camp-booked")
    for person in (priya, marcus):
        email = last_email_to(person.email)
        assert email.subject == (
            "You're registered: Social media boot camp for hospital communicators"
        )
    assert last_email_to(admin.email).subject == (
        "Seats confirmed: Social media boot camp for hospital communicators (2)"
    )
