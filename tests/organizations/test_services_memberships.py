"""Seats and org roles: change a person's role, remove a person; an organization always keeps
an admin, and every change is audited."""

import pytest
from django.core.exceptions import PermissionDenied

from socialrx.core.errors import DomainError
from socialrx.core.models import AuditEvent
from socialrx.organizations import services
from socialrx.organizations.models import Seat
from tests.factories import SeatFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def seat(organization, user) -> Seat:
    return Seat.objects.get(organization=organization, user=user)


# --- change_member_role ---------------------------------------------------------------------


def test_an_admin_makes_a_member_admin_and_the_change_is_audited(org_a):
    organization, admin, member = org_a

    services.change_member_role(actor=admin, seat=seat(organization, member), role="admin")

    assert seat(organization, member).role == "admin"
    event = AuditEvent.objects.get()
    assert (event.action, event.actor, event.target_type) == (
        "organizations.seat.role_changed",
        admin,
        "organizations.seat",
    )
    assert (event.before, event.after) == ({"role": "member"}, {"role": "admin"})


def test_an_admin_may_step_down_when_another_admin_remains(org_a):
    organization, admin, member = org_a
    Seat.objects.filter(user=member).update(role="admin")

    services.change_member_role(actor=admin, seat=seat(organization, admin), role="member")

    assert seat(organization, admin).role == "member"


def test_the_last_admin_cannot_be_made_a_member(org_a):
    organization, admin, _ = org_a

    with pytest.raises(DomainError) as refused:
        services.change_member_role(actor=admin, seat=seat(organization, admin), role="member")

    assert refused.value.message == (
        "An organization needs at least one admin. Make someone else admin first."
    )
    assert seat(organization, admin).role == "admin"
    assert AuditEvent.objects.count() == 0


def test_admins_of_other_organizations_do_not_count_as_remaining_admins(org_a, org_b):
    organization, admin, _ = org_a
    SeatFactory(organization=org_b[0], user=admin, role="admin")

    with pytest.raises(DomainError):
        services.change_member_role(actor=admin, seat=seat(organization, admin), role="member")

    assert seat(organization, admin).role == "admin"


def test_an_unknown_role_is_refused(org_a):
    organization, admin, member = org_a

    with pytest.raises(DomainError) as refused:
        services.change_member_role(actor=admin, seat=seat(organization, member), role="owner")

    assert (refused.value.field, refused.value.message) == (
        "role",
        "Choose a role: admin or member.",
    )
    assert seat(organization, member).role == "member"


def test_giving_a_person_the_role_they_hold_writes_nothing(org_a):
    organization, admin, member = org_a

    services.change_member_role(actor=admin, seat=seat(organization, member), role="member")

    assert AuditEvent.objects.count() == 0


def test_center_staff_may_change_roles_in_any_organization(org_a, staff):
    organization, _, member = org_a

    services.change_member_role(actor=staff, seat=seat(organization, member), role="admin")

    assert seat(organization, member).role == "admin"
    assert AuditEvent.objects.get().actor == staff


@pytest.mark.parametrize("who", ["member", "other_admin", "researcher"])
def test_only_admins_may_change_roles(org_a, org_b, researcher, who):
    organization, admin, member = org_a
    actor = {"member": member, "other_admin": org_b[1], "researcher": researcher}[who]

    with pytest.raises(PermissionDenied):
        services.change_member_role(actor=actor, seat=seat(organization, member), role="admin")

    assert seat(organization, member).role == "member"
    assert AuditEvent.objects.count() == 0


# --- remove_member --------------------------------------------------------------------------


def test_an_admin_removes_a_person_and_the_removal_is_audited(org_a):
    organization, admin, member = org_a
    removed = seat(organization, member)

    services.remove_member(actor=admin, seat=removed)

    assert Seat.objects.filter(organization=organization, user=member).exists() is False
    event = AuditEvent.objects.get()
    assert (event.action, event.actor, event.target_id) == (
        "organizations.seat.removed",
        admin,
        str(removed.pk),
    )
    assert event.before == {
        "organization": organization.name,
        "user": member.email,
        "role": "member",
    }
    assert event.after == {}


def test_a_removed_person_keeps_their_seats_elsewhere(org_a, org_b):
    organization, admin, member = org_a
    SeatFactory(organization=org_b[0], user=member)

    services.remove_member(actor=admin, seat=seat(organization, member))

    assert list(member.seats.values_list("organization", flat=True)) == [org_b[0].pk]


def test_the_last_admin_cannot_be_removed(org_a):
    organization, admin, _ = org_a

    with pytest.raises(DomainError) as refused:
        services.remove_member(actor=admin, seat=seat(organization, admin))

    assert refused.value.message == (
        "The last admin cannot be removed. Make someone else admin first."
    )
    assert seat(organization, admin).role == "admin"
    assert AuditEvent.objects.count() == 0


def test_an_admin_may_leave_when_another_admin_remains(org_a):
    organization, admin, member = org_a
    Seat.objects.filter(user=member).update(role="admin")

    services.remove_member(actor=admin, seat=seat(organization, admin))

    assert list(organization.seats.values_list("user", "role")) == [(member.pk, "admin")]


@pytest.mark.parametrize("who", ["member", "other_admin", "coach"])
def test_only_admins_may_remove_people(org_a, org_b, coach, who):
    organization, admin, member = org_a
    actor = {"member": member, "other_admin": org_b[1], "coach": coach}[who]

    with pytest.raises(PermissionDenied):
        services.remove_member(actor=actor, seat=seat(organization, admin))

    assert organization.seats.count() == 2
    assert AuditEvent.objects.count() == 0
