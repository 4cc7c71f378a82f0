"""A signed-in person's start page: their organizations, invitations, next steps."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import (
    InvitationFactory,
    OrganizationFactory,
    OrgMembershipFactory,
    UserFactory,
)

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

URL = "/dashboard/"


def test_a_visitor_is_sent_to_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/dashboard/"


def test_a_person_without_an_organization_is_invited_to_add_one(client):
    client.force_login(UserFactory(full_name=""))

    response = client.get(URL)

    assert response.status_code == 200
    assert response.context["memberships"] == []
    assert [title for title, _, _ in response.context["next_steps"]] == [
        "Complete your profile",
        "Add your organization",
    ]
    assert b"You are not part of an organization yet" in response.content


def test_a_member_sees_their_organizations_with_role_and_head_count(client, org_a, org_b):
    organization_a, _, member = org_a
    OrgMembershipFactory(organization=org_b[0], user=member, role="admin")
    client.force_login(member)

    response = client.get(URL)

    assert [
        (seat.organization.name, seat.role, seat.people_count)
        for seat in response.context["memberships"]
    ] == [
        ("Lakeside Family Physicians", "admin", 2),
        ("Riverside Regional Medical Center", "member", 2),
    ]
    assert response.context["next_steps"] == []
    assert b"2 people on SocialRx" in response.content


def test_open_invitations_for_the_persons_address_are_listed(client, org_a):
    organization, admin, _ = org_a
    person = UserFactory()
    waiting = InvitationFactory(organization=organization, email=person.email, invited_by=admin)
    InvitationFactory(email=person.email, expires_at=timezone.now() - timedelta(days=1))
    InvitationFactory(email=person.email, status="revoked")
    client.force_login(person)

    response = client.get(URL)

    assert response.context["invitations"] == [waiting]
    assert b"Invitations waiting for you" in response.content


def test_the_dashboard_makes_as_many_queries_for_five_organizations_as_for_one(client):
    person = UserFactory()
    client.force_login(person)

    def add_organization_and_invitation():
        organization = OrganizationFactory()
        OrgMembershipFactory(organization=organization, user=person)
        OrgMembershipFactory(organization=organization)
        InvitationFactory(email=person.email, invited_by=UserFactory())

    add_organization_and_invitation()
    client.get(URL)  # warm the per-process caches
    with CaptureQueriesContext(connection) as with_one:
        assert client.get(URL).status_code == 200
    for _ in range(4):
        add_organization_and_invitation()
    with CaptureQueriesContext(connection) as with_five:
        response = client.get(URL)

    assert (len(response.context["memberships"]), len(response.context["invitations"])) == (5, 5)
    assert len(with_five) == len(with_one)
