"""The dashboard: the panels the apps declare, each person's own work first, each panel in a
fixed number of queries whatever the data."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from socialrx.membership.models import MembershipApplication
from socialrx.registry.models import ImportJob
from tests.factories import (
    InvitationFactory,
    OrganizationFactory,
    SeatFactory,
    UserFactory,
    give_mfa,
    org_with_admin,
)
from tests.membership.factories import MembershipFactory, PlanFactory
from tests.registry.factories import ClaimFactory, CorrectionFactory, EntityFactory

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

URL = "/dashboard/"


def panels_of(response) -> list[str]:
    return [shown["panel"].template for shown in response.context["panels"]]


def test_a_visitor_is_sent_to_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/dashboard/"


def test_staff_see_their_queues_first(client, staff):
    client.force_login(staff)

    response = client.get(URL)

    assert panels_of(response) == [
        "membership/panels/staff_queue.html",
        "billing/panels/staff_money.html",
        "registry/panels/staff_queue.html",
        "library/panels/contributions_staff.html",
        "training/panels/staff_queue.html",
        "community/panels/flags.html",
        "events/panels/staff_events.html",
        "library/panels/contact_queue.html",
        "coaching/panels/staff.html",
        "organizations/panels/organizations.html",
    ]
    assert b"Add your organization" not in response.content
    assert b"two-factor" not in response.content


def test_a_coach_is_not_asked_to_add_an_organization_nor_to_set_up_what_is_on(client, coach):
    client.force_login(coach)

    response = client.get(URL)

    assert panels_of(response) == [
        "coaching/panels/coach.html",
        "organizations/panels/organizations.html",
    ]
    assert b"You are not part of an organization yet" not in response.content
    assert b"your work at the center does not need one" in response.content
    assert b"Set up two-factor authentication" not in response.content


def test_an_org_admin_sees_organizations_membership_listings_then_next_steps(client):
    organization, admin = org_with_admin()
    client.force_login(admin)

    response = client.get(URL)

    assert panels_of(response) == [
        "organizations/panels/organizations.html",
        "membership/panels/membership.html",
        "registry/panels/listings.html",
        "accounts/panels/account.html",
    ]


def test_a_newcomer_is_invited_to_add_an_organization_and_to_secure_the_account(client):
    client.force_login(UserFactory(full_name=""))

    response = client.get(URL)

    assert panels_of(response) == [
        "organizations/panels/organizations.html",
        "accounts/panels/account.html",
    ]
    assert b"You are not part of an organization yet" in response.content
    assert b"Set up two-factor authentication" in response.content


def test_panels_the_person_may_not_see_are_not_rendered(client, org_a):
    client.force_login(org_a[2])

    response = client.get(URL)

    assert "membership/panels/staff_queue.html" not in panels_of(response)
    assert b"Membership back office" not in response.content
    assert b"Registry back office" not in response.content


# --- a fixed number of queries ----------------------------------------------------------------


def queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL).status_code == 200
    return len(captured)


def add_staff_work():
    organization = OrganizationFactory()
    MembershipApplication.objects.create(
        organization=organization,
        plan=PlanFactory(),
        quoted_price_cents=100,
        billing_contact_name="AP",
        billing_email="ap@example.org",
        agreed_to_terms_at=timezone.now(),
    )
    ClaimFactory()
    CorrectionFactory()
    ImportJob.objects.create(
        kind="hospitals", status="ready", original_name="x.csv", size_bytes=10, file="x.csv"
    )


def test_staff_dashboard_queries_do_not_grow_with_the_queues(client, staff):
    client.force_login(staff)
    add_staff_work()
    client.get(URL)  # warm the per-process caches
    with_one = queries(client)
    for _ in range(2):
        add_staff_work()

    # 13 before training: its staff queue adds 3, the "My learning" panel (empty here) 4;
    # events' staff panel 1 and the "My events" panel (empty here) 4; coaching's staff panel 3
    # (no coach here, so no availability is read); the library's review queue 2, contact
    # messages 1, "Your contributions" 1 and "New in the library" 1; the community's flags 2
    # and notifications 2.
    assert queries(client) == with_one == 37


def add_organization(person, *, claimed=True):
    organization = OrganizationFactory()
    SeatFactory(organization=organization, user=person, role="admin")
    SeatFactory(organization=organization)
    InvitationFactory(email=person.email, invited_by=UserFactory())
    InvitationFactory(organization=organization, invited_by=person)
    MembershipFactory(
        organization=organization,
        status="active",
        covered_from=date.today() - timedelta(days=30),
        covered_until=date.today() + timedelta(days=300),
    )
    if claimed:
        EntityFactory(organization=organization)
    ClaimFactory(claimant=person)


def test_an_org_admins_dashboard_makes_the_same_queries_for_three_organizations_as_for_one(
    client,
):
    person = UserFactory()
    give_mfa(person)
    client.force_login(person)
    add_organization(person)
    client.get(URL)
    with_one = queries(client)
    add_organization(person)
    add_organization(person, claimed=False)

    response = client.get(URL)
    assert len(response.context["panels"][1]["context"]["rows"]) == 3
    # 13 before training: its "My learning" panel (empty here) adds 4, events' "My events" 4,
    # coaching's organization panel 1 (no engagement: the panel is left out); the library's
    # "Your contributions" 1 and "New in the library" 1, the forum notifications 2; the
    # toolkit's panel 1 (nothing yet: the panel is left out).
    assert queries(client) == with_one == 27
