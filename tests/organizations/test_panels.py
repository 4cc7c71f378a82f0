"""The dashboard's "Your organizations" panel: the person's organizations with their role and
head count, the invitations waiting for them, and an invitation to add one when there is none."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import InvitationFactory, SeatFactory, UserFactory

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

URL = "/dashboard/"
TEMPLATE = "organizations/panels/organizations.html"


def panel(response) -> dict:
    (context,) = [
        s["context"] for s in response.context["panels"] if s["panel"].template == TEMPLATE
    ]
    return context


def test_a_person_without_an_organization_is_invited_to_add_one(client):
    client.force_login(UserFactory())

    response = client.get(URL)

    assert panel(response)["memberships"] == []
    assert b"You are not part of an organization yet" in response.content
    # Adding one starts from the registry's "find your hospital or practice" (declared by the
    # registry as RegistryConfig.organization_finder), not the empty form.
    assert panel(response)["add_organization_url"] == "/organizations/start/"
    assert b'href="/organizations/start/"' in response.content


def test_a_member_sees_their_organizations_with_role_and_head_count(client, org_a, org_b):
    organization_a, _, member = org_a
    SeatFactory(organization=org_b[0], user=member, role="admin")
    client.force_login(member)

    response = client.get(URL)

    assert [
        (seat.organization.name, seat.role, seat.people_count)
        for seat in panel(response)["memberships"]
    ] == [
        ("Lakeside Family Physicians", "admin", 2),
        ("Riverside Regional Medical Center", "member", 2),
    ]
    assert b"2 people on SocialRx" in response.content
    assert b"You are not part of an organization yet" not in response.content


def test_open_invitations_for_the_persons_address_are_listed(client, org_a):
    organization, admin, _ = org_a
    person = UserFactory()
    waiting = InvitationFactory(organization=organization, email=person.email, invited_by=admin)
    InvitationFactory(email=person.email, expires_at=timezone.now() - timedelta(days=1))
    InvitationFactory(email=person.email, status="revoked")
    client.force_login(person)

    response = client.get(URL)

    assert panel(response)["invitations"] == [waiting]
    assert b"Invitations waiting for you" in response.content


@pytest.mark.parametrize("role", ["staff", "coach", "researcher"])
def test_center_roles_are_not_pressed_to_add_an_organization(client, request, role):
    client.force_login(request.getfixturevalue(role))

    response = client.get(URL)

    assert panel(response)["works_for_the_center"] is True
    assert b"You are not part of an organization yet" not in response.content
    assert b"your work at the center does not need one" in response.content
