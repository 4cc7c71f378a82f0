"""Reads shared by the organization pages and the API."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from socialrx.core.errors import NotFound
from socialrx.organizations import selectors
from tests.factories import (
    InvitationFactory,
    OrganizationFactory,
    SeatFactory,
    UserFactory,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


# --- organization_for -----------------------------------------------------------------------


def test_a_member_gets_their_organization(org_a):
    organization, _, member = org_a

    assert selectors.organization_for(member, organization.public_id) == organization


def test_center_staff_get_any_organization(org_a, staff):
    organization, _, _ = org_a

    assert selectors.organization_for(staff, organization.public_id) == organization


def test_someone_elses_organization_and_a_missing_one_look_the_same(org_a, org_b):
    organization, _, _ = org_a
    _, admin_b = org_b

    with pytest.raises(NotFound) as not_yours:
        selectors.organization_for(admin_b, organization.public_id)
    with pytest.raises(NotFound) as missing:
        selectors.organization_for(admin_b, uuid.uuid4())

    assert not_yours.value.message == missing.value.message == "Organization not found."


def test_a_member_is_not_found_where_an_admin_permission_is_needed(org_a):
    organization, admin, member = org_a

    assert (
        selectors.organization_for(admin, organization.public_id, "organizations.edit_profile")
        == organization
    )
    with pytest.raises(NotFound):
        selectors.organization_for(member, organization.public_id, "organizations.edit_profile")


# --- seats and people ----------------------------------------------------------------------


def test_a_persons_seats_come_by_organization_name_with_head_counts(org_a, org_b):
    organization_a, _, member = org_a
    organization_b, _ = org_b
    SeatFactory(organization=organization_b, user=member, role="admin")

    seats = [
        (seat.organization.name, seat.role, seat.people_count)
        for seat in selectors.seats_of_user(member)
    ]

    assert seats == [
        ("Lakeside Family Physicians", "admin", 2),
        ("Riverside Regional Medical Center", "member", 2),
    ]


def test_people_of_an_organization_list_admins_first_then_by_name(db):
    organization = OrganizationFactory()
    zoe = SeatFactory(organization=organization, user=UserFactory(full_name="Zoe Adams"))
    amy = SeatFactory(organization=organization, user=UserFactory(full_name="Amy Berg"))
    boss = SeatFactory(
        organization=organization, user=UserFactory(full_name="Yves Chen"), role="admin"
    )
    SeatFactory()  # someone in another organization

    assert list(selectors.people_of(organization)) == [boss, amy, zoe]


def test_a_seat_of_another_organization_is_not_found(org_a, org_b):
    organization_a, _, member = org_a
    organization_b, admin_b = org_b
    seat_in_b = organization_b.seats.get(user=admin_b)

    assert selectors.seat_in(organization_a, organization_a.seats.get(user=member).pk)
    with pytest.raises(NotFound) as refused:
        selectors.seat_in(organization_a, seat_in_b.pk)

    assert refused.value.message == "That person is not in this organization."


# --- invitations ----------------------------------------------------------------------------


def test_the_invitations_of_an_organization_are_its_own_newest_first_by_status(org_a, org_b):
    organization, _, _ = org_a
    now = timezone.now()
    older = InvitationFactory(organization=organization, sent_at=now - timedelta(days=2))
    newer = InvitationFactory(organization=organization, sent_at=now - timedelta(days=1))
    accepted = InvitationFactory(organization=organization, status="accepted")
    revoked = InvitationFactory(organization=organization, status="revoked")
    InvitationFactory(organization=org_b[0])

    assert list(selectors.invitations_of(organization)) == [accepted, newer, older, revoked]


def test_an_invitation_of_another_organization_is_not_found(org_a, org_b):
    organization, _, _ = org_a
    elsewhere = InvitationFactory(organization=org_b[0])
    mine = InvitationFactory(organization=organization)

    assert selectors.invitation_in(organization, mine.public_id) == mine
    with pytest.raises(NotFound):
        selectors.invitation_in(organization, elsewhere.public_id)


def test_a_persons_open_invitations_leave_out_expired_revoked_and_accepted_ones(org_a, org_b):
    email = "dana.lee@example-health.org"
    past = timezone.now() - timedelta(minutes=1)
    open_a = InvitationFactory(organization=org_a[0], email=email)
    open_b = InvitationFactory(organization=org_b[0], email=email.upper())
    InvitationFactory(email=email, expires_at=past)
    InvitationFactory(email=email, status="revoked")
    InvitationFactory(email=email, status="accepted")
    InvitationFactory(email="someone.else@example-health.org")

    assert set(selectors.open_invitations_for_email(email)) == {open_a, open_b}


def test_the_organizations_a_person_administers_come_by_name_in_one_query(
    org_a, org_b, django_assert_num_queries
):
    organization_a, admin_a, member_a = org_a
    organization_b, _ = org_b
    SeatFactory(organization=organization_b, user=admin_a, role="admin")

    with django_assert_num_queries(1):
        administered = list(selectors.organizations_administered_by(admin_a))

    assert [o.name for o in administered] == [
        "Lakeside Family Physicians",
        "Riverside Regional Medical Center",
    ]
    assert list(selectors.organizations_administered_by(member_a)) == []


def test_the_seat_limit_is_the_guest_limit_when_no_app_declares_a_policy(org_a, settings):
    from django.apps import apps

    organization, _, _ = org_a
    settings.GUEST_SEAT_LIMIT = 7
    membership_config = apps.get_app_config("membership")
    declared = membership_config.seat_limit_policy
    try:
        membership_config.seat_limit_policy = None
        selectors._seat_limit_policy.cache_clear()
        guest = selectors.seat_limit(organization)
    finally:
        membership_config.seat_limit_policy = declared
        selectors._seat_limit_policy.cache_clear()

    assert guest == 7
