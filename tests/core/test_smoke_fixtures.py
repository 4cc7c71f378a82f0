import pytest

pytestmark = pytest.mark.integration


def test_fixtures_build_an_organization_with_admin_and_member(org_a):
    organization, admin, member = org_a
    roles = dict(organization.seats.values_list("user__email", "role"))
    assert roles == {admin.email: "admin", member.email: "member"}


def test_staff_fixture_has_mfa(staff):
    assert staff.authenticator_set.count() == 1
