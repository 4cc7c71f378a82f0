"""The dashboard's membership panels: each of the person's organizations with its plan,
status, renewal date and seats, a word on a pending application or a lapsed membership; and
for staff, what waits in the back office. The clock is frozen at noon on June 15, 2026."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from socialrx.membership.models import MembershipApplication
from tests.factories import InvitationFactory, SeatFactory, org_with_admin
from tests.membership.factories import InvoiceFactory, MembershipFactory, PlanFactory

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

URL = "/dashboard/"
TODAY = date(2026, 6, 15)


@pytest.fixture(autouse=True)
def _frozen_clock():
    with time_machine.travel(datetime(2026, 6, 15, 17, 0, tzinfo=UTC), tick=False):
        yield


def panel(response, template="membership/panels/membership.html"):
    shown = [s for s in response.context["panels"] if s["panel"].template == template]
    return shown[0]["context"] if shown else None


def apply(organization, plan):
    return MembershipApplication.objects.create(
        organization=organization,
        plan=plan,
        quoted_price_cents=plan.annual_price_cents,
        billing_contact_name="Accounts payable",
        billing_email="ap@example.org",
        agreed_to_terms_at=timezone.now(),
    )


def test_an_active_membership_shows_plan_renewal_date_and_seats(client):
    organization, admin = org_with_admin()
    SeatFactory(organization=organization)
    InvitationFactory(organization=organization, invited_by=admin)  # an open one holds a seat
    plan = PlanFactory(name="Medical Center", seat_limit=25)
    MembershipFactory(
        organization=organization,
        plan=plan,
        status="active",
        covered_from=date(2026, 1, 11),
        covered_until=date(2027, 1, 10),
    )
    client.force_login(admin)

    response = client.get(URL)
    (row,) = panel(response)["rows"]

    assert (row.state, row.renewal_date, row.seats_used, row.seat_limit) == (
        "active",
        date(2027, 1, 10),
        3,  # two people and one open invitation
        25,
    )
    assert b"Medical Center" in response.content
    assert b"Jan 10, 2027" in response.content
    assert b"3 of 25 used" in response.content


def test_a_lapsed_membership_says_so_and_offers_renewal_to_its_admin(client):
    organization, admin = org_with_admin()
    MembershipFactory(
        organization=organization,
        plan=PlanFactory(seat_limit=25),
        status="lapsed",
        covered_from=date(2025, 1, 1),
        covered_until=date(2025, 12, 31),
    )
    client.force_login(admin)

    response = client.get(URL)
    (row,) = panel(response)["rows"]

    # No renewal date for a period that is over; the guest tier's seats until it is renewed.
    assert (row.state, row.renewal_date, row.seat_limit) == ("lapsed", None, 5)
    assert b"Lapsed" in response.content
    assert b"lapsed after January 30, 2026" in response.content  # the end of 30 days' grace
    assert b"Renew the membership" in response.content


def test_a_membership_in_grace_shows_when_the_renewal_was_due(client):
    organization, admin = org_with_admin()
    MembershipFactory(
        organization=organization,
        status="grace",
        covered_from=date(2025, 6, 1),
        covered_until=date(2026, 5, 31),
    )
    client.force_login(admin)

    response = client.get(URL)

    assert panel(response)["rows"][0].state == "grace"
    assert b"benefits continue until June 30, 2026" in response.content


def test_a_pending_application_is_mentioned_with_its_plan_and_date(client):
    organization, admin = org_with_admin()
    apply(organization, PlanFactory(name="Community Hospital"))
    client.force_login(admin)

    response = client.get(URL)

    assert panel(response)["rows"][0].state == "pending"
    assert b"Application under review" in response.content
    assert b"Community Hospital" in response.content
    assert b"sent on June 15, 2026" in response.content


def test_a_lapsed_membership_with_a_new_application_shows_the_application(client):
    organization, admin = org_with_admin()
    MembershipFactory(organization=organization, status="lapsed")
    apply(organization, PlanFactory())
    client.force_login(admin)

    assert panel(client.get(URL))["rows"][0].state == "pending"


def test_an_organization_that_never_applied_is_on_the_guest_tier(client):
    organization, admin = org_with_admin()
    client.force_login(admin)

    response = client.get(URL)
    (row,) = panel(response)["rows"]

    assert (row.state, row.membership, row.seat_limit) == ("none", None, 5)
    assert b"Apply for membership" in response.content


def test_a_member_sees_the_status_but_not_the_billing_link(client, org_a):
    organization, _, member = org_a
    MembershipFactory(organization=organization, status="lapsed")
    client.force_login(member)

    response = client.get(URL)

    assert panel(response)["rows"][0].may_see_billing is False
    assert b"Lapsed" in response.content
    overview = reverse("membership:overview", args=[organization.public_id])
    assert overview.encode() not in response.content


def test_a_person_without_an_organization_has_no_membership_panel(client, user):
    client.force_login(user)

    assert panel(client.get(URL)) is None


def test_staff_see_applications_to_review_and_overdue_invoices(client, staff):
    apply(org_with_admin()[0], PlanFactory())
    apply(org_with_admin()[0], PlanFactory())
    InvoiceFactory(issued_on=TODAY - timedelta(days=40), due_on=TODAY - timedelta(days=10))
    InvoiceFactory(issued_on=TODAY, due_on=TODAY + timedelta(days=30))
    InvoiceFactory(
        issued_on=TODAY - timedelta(days=40), due_on=TODAY - timedelta(days=10), status="paid"
    )
    client.force_login(staff)

    response = client.get(URL)

    assert panel(response, "membership/panels/staff_queue.html") == {"applications": 2}
    assert panel(response, "billing/panels/staff_money.html") == {
        "overdue_invoices": 1,
        "open_invoices": 2,
        "waiting_for_staff": 0,
        "unapplied": 0,
    }
