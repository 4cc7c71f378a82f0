"""The people page of an organization, and its admins' role changes and removals."""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from socialrx.core.models import AuditEvent
from socialrx.organizations.models import Seat
from tests.factories import SeatFactory

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


def messages_of(response) -> list[str]:
    return [message.message for message in get_messages(response.wsgi_request)]


def people_url(organization) -> str:
    return reverse("organizations:people", args=[organization.public_id])


def role_url(organization, seat) -> str:
    return reverse("organizations:change_role", args=[organization.public_id, seat.pk])


def remove_url(organization, seat) -> str:
    return reverse("organizations:remove_member", args=[organization.public_id, seat.pk])


def seat(organization, user) -> Seat:
    return Seat.objects.get(organization=organization, user=user)


# --- the page -------------------------------------------------------------------------------


def test_a_member_sees_the_people_without_the_admin_controls(client, org_a):
    organization, admin, member = org_a
    client.force_login(member)

    response = client.get(people_url(organization))

    assert response.status_code == 200
    assert [seat.user for seat in response.context["people"]] == [admin, member]
    assert response.context["can_manage"] is False
    assert b"Change role" not in response.content
    assert member.email.encode() in response.content


def test_an_admin_sees_the_controls_to_change_roles_and_remove_people(client, org_a):
    organization, admin, member = org_a
    client.force_login(admin)

    response = client.get(people_url(organization))

    assert response.context["can_manage"] is True
    assert role_url(organization, seat(organization, member)).encode() in response.content
    assert remove_url(organization, seat(organization, member)).encode() in response.content


def test_the_people_of_another_organization_are_not_found(client, org_a, org_b):
    organization, _, _ = org_a
    client.force_login(org_b[1])

    assert client.get(people_url(organization)).status_code == 404


def test_a_visitor_is_sent_to_sign_in_for_the_people_page(client, org_a):
    organization, _, _ = org_a

    response = client.get(people_url(organization))

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={people_url(organization)}"


def test_the_people_page_makes_as_many_queries_for_five_people_as_for_one(client, org_a):
    organization, admin, member = org_a
    seat(organization, member).delete()
    client.force_login(admin)
    client.get(people_url(organization))  # warm the per-process caches

    with CaptureQueriesContext(connection) as one_person:
        assert client.get(people_url(organization)).status_code == 200
    SeatFactory.create_batch(4, organization=organization)
    with CaptureQueriesContext(connection) as five_people:
        response = client.get(people_url(organization))

    assert len(response.context["people"]) == 5
    assert len(five_people) == len(one_person)


# --- change role ----------------------------------------------------------------------------


def test_an_admin_makes_a_member_admin(client, org_a):
    organization, admin, member = org_a
    client.force_login(admin)

    response = client.post(role_url(organization, seat(organization, member)), {"role": "admin"})

    assert response.status_code == 302
    assert response["Location"] == people_url(organization)
    assert messages_of(response) == [f"{member} is now admin of {organization}."]
    assert seat(organization, member).role == "admin"
    assert AuditEvent.objects.get().action == "organizations.seat.role_changed"


def test_a_member_cannot_change_roles(client, org_a):
    organization, admin, member = org_a
    client.force_login(member)

    response = client.post(role_url(organization, seat(organization, member)), {"role": "admin"})

    assert response.status_code == 404
    assert seat(organization, member).role == "member"
    assert AuditEvent.objects.count() == 0


def test_an_admin_of_another_organization_cannot_change_roles(client, org_a, org_b):
    organization, _, member = org_a
    client.force_login(org_b[1])

    response = client.post(role_url(organization, seat(organization, member)), {"role": "admin"})

    assert response.status_code == 404
    assert seat(organization, member).role == "member"


def test_a_seat_of_another_organization_cannot_be_reached_through_ones_own(client, org_a, org_b):
    organization_a, admin_a, _ = org_a
    organization_b, admin_b = org_b
    client.force_login(admin_a)

    response = client.post(
        role_url(organization_a, seat(organization_b, admin_b)), {"role": "member"}
    )

    assert response.status_code == 404
    assert seat(organization_b, admin_b).role == "admin"


def test_an_unknown_role_is_refused_with_a_message(client, org_a):
    organization, admin, member = org_a
    client.force_login(admin)

    response = client.post(role_url(organization, seat(organization, member)), {"role": "owner"})

    assert response.status_code == 302
    assert messages_of(response) == ["Choose a role: admin or member."]
    assert seat(organization, member).role == "member"


def test_the_last_admin_is_told_to_make_someone_else_admin_first(client, org_a):
    organization, admin, _ = org_a
    client.force_login(admin)

    response = client.post(role_url(organization, seat(organization, admin)), {"role": "member"})

    assert response.status_code == 302
    assert messages_of(response) == [
        "An organization needs at least one admin. Make someone else admin first."
    ]
    assert seat(organization, admin).role == "admin"


def test_changing_a_role_needs_a_post(client, org_a):
    organization, admin, member = org_a
    client.force_login(admin)

    response = client.get(role_url(organization, seat(organization, member)))

    assert response.status_code == 405


# --- remove ---------------------------------------------------------------------------------


def test_an_admin_removes_a_person(client, org_a):
    organization, admin, member = org_a
    client.force_login(admin)

    response = client.post(remove_url(organization, seat(organization, member)))

    assert response.status_code == 302
    assert response["Location"] == people_url(organization)
    assert messages_of(response) == [f"{member} was removed from {organization}."]
    assert list(organization.seats.values_list("user", flat=True)) == [admin.pk]
    assert AuditEvent.objects.get().action == "organizations.seat.removed"


def test_a_member_cannot_remove_anyone(client, org_a):
    organization, admin, member = org_a
    client.force_login(member)

    response = client.post(remove_url(organization, seat(organization, admin)))

    assert response.status_code == 404
    assert organization.seats.count() == 2
    assert AuditEvent.objects.count() == 0


def test_the_last_admin_cannot_remove_themselves(client, org_a):
    organization, admin, _ = org_a
    client.force_login(admin)

    response = client.post(remove_url(organization, seat(organization, admin)))

    assert response.status_code == 302
    assert messages_of(response) == [
        "The last admin cannot be removed. Make someone else admin first."
    ]
    assert organization.seats.count() == 2


def test_removing_someone_who_is_no_longer_there_is_not_found(client, org_a):
    organization, admin, member = org_a
    url = remove_url(organization, seat(organization, member))
    seat(organization, member).delete()
    client.force_login(admin)

    assert client.post(url).status_code == 404


def test_a_removed_member_loses_access_to_the_organization(client, org_a):
    organization, admin, member = org_a
    client.force_login(admin)
    client.post(remove_url(organization, seat(organization, member)))
    client.force_login(member)

    assert client.get(people_url(organization)).status_code == 404
