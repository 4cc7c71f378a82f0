"""core.permissions: the kernel every app's rules.py declares its permissions with."""

import ast
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.utils.functional import SimpleLazyObject

from socialrx.core import permissions
from socialrx.core.permissions import (
    allowed,
    declared,
    forget,
    forget_org_roles,
    org_roles,
    person_cache,
    require,
)
from tests.factories import InvitationFactory, SeatFactory, StaffFactory
from tests.membership.factories import InvoiceFactory
from tests.registry.factories import EntityFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

# Every name the apps declare in their rules.py, written out by hand.
DECLARED = {
    "core.view_audit_log",
    "accounts.grant_center_roles",
    "accounts.view_people_directory",
    "organizations.create_organization",
    "organizations.view_profile",
    "organizations.edit_profile",
    "organizations.view_people",
    "organizations.manage_people",
    "organizations.manage_invitations",
    "organizations.manage_invitation",
    "membership.apply",
    "membership.view_billing",
    "billing.view_invoice",
    "billing.pay_invoice",
    "billing.buy_for",
    "billing.view_org_billing",
    "billing.manage_invoices",
    "billing.record_payments",
    "billing.refund",
    "billing.view_revenue",
    "membership.read_member_content",
    "membership.manage_plans",
    "membership.review_applications",
    "membership.manage_memberships",
    "membership.view_reports",
    "registry.claim_entity",
    "registry.manage_accounts",
    "registry.edit_details",
    "registry.manage_imports",
    "registry.review_claims",
    "registry.review_corrections",
    "registry.see_who_changed",
    "training.author_courses",
    "training.enrol_free",
    "training.study_course",
    "training.buy_course",
    "training.view_my_learning",
    "training.view_org_learning",
    "training.register_boot_camp",
    "training.register_colleagues",
    "training.manage_boot_camps",
    "training.keep_roster",
    "training.request_onsite",
    "training.view_onsite",
    "training.answer_onsite",
    "training.manage_onsite",
    "training.revoke_certificate",
    "training.view_reports",
    "events.view_drafts",
    "events.register",
    "events.register_team",
    "events.manage_order",
    "events.view_ticket",
    "events.join_waitlist",
    "events.keep_agenda",
    "events.manage_events",
    "events.check_in",
    "events.view_reports",
    "coaching.fill_intake",
    "coaching.edit_intake",
    "coaching.view_intake",
    "coaching.view_engagement",
    "coaching.book",
    "coaching.change_session",
    "coaching.buy_hours",
    "coaching.tick_action_item",
    "coaching.be_coach",
    "coaching.record_session",
    "coaching.view_center_notes",
    "coaching.assign_coach",
    "coaching.manage_engagements",
    "coaching.manage_coaches",
    "coaching.view_reports",
    "library.read_resource",
    "library.contribute",
    "library.edit_contribution",
    "library.view_history",
    "library.manage",
    "community.read",
    "community.read_category",
    "community.read_thread",
    "community.post",
    "community.edit_post",
    "community.accept_answer",
    "community.flag_post",
    "community.follow",
    "community.moderate",
    "community.use_directory",
    "community.list_organization",
    "toolkit.check_full",
    "toolkit.save_check",
    "toolkit.view_check",
    "toolkit.delete_check",
    "toolkit.assess",
    "toolkit.view_assessment",
    "toolkit.build_policy",
    "toolkit.view_policy",
    "toolkit.revoke_policy_link",
    "toolkit.manage_clauses",
    "toolkit.draw_brief",
    "toolkit.view_brief",
}

ORG_PERMISSIONS = {
    # permission: (member, admin, other org's admin, coach, staff)
    "organizations.view_profile": (True, True, False, False, True),
    "organizations.edit_profile": (False, True, False, False, True),
    "organizations.view_people": (True, True, False, False, True),
    "organizations.manage_people": (False, True, False, False, True),
    "organizations.manage_invitations": (False, True, False, False, True),
}


@pytest.mark.parametrize("perm", ORG_PERMISSIONS)
def test_organization_permissions_follow_the_org_role(org_a, org_b, coach, staff, perm):
    organization, admin, member = org_a
    people = (member, admin, org_b[1], coach, staff)

    assert (
        tuple(allowed(person, perm, organization) for person in people) == (ORG_PERMISSIONS[perm])
    )


def test_every_organization_permission_is_in_the_table():
    named = {perm for perm in declared() if perm.startswith("organizations.")}

    assert named - {"organizations.create_organization", "organizations.manage_invitation"} == (
        set(ORG_PERMISSIONS)
    )


@pytest.mark.parametrize(
    "perm", ["core.view_audit_log", "accounts.grant_center_roles", "accounts.view_people_directory"]
)
def test_center_operations_belong_to_active_staff_only(user, coach, researcher, staff, perm):
    inactive_staff = StaffFactory(is_active=False)

    assert [allowed(p, perm) for p in (user, coach, researcher, inactive_staff, staff)] == [
        False,
        False,
        False,
        False,
        True,
    ]


def test_a_visitor_holds_no_permission(org_a):
    organization, _, _ = org_a
    invitation = InvitationFactory(organization=organization)
    visitor = AnonymousUser()

    invoice = InvoiceFactory(organization=organization)
    listing = EntityFactory(organization=organization)

    def target(perm):
        if perm.startswith("registry."):
            return listing
        return {
            "organizations.manage_invitation": invitation,
            "billing.view_invoice": invoice,
            "billing.pay_invoice": invoice,
        }.get(perm, organization)

    assert org_roles(visitor) == {}
    assert {perm: allowed(visitor, perm, target(perm)) for perm in declared()} == dict.fromkeys(
        declared(), False
    )


def test_an_invitation_is_managed_by_its_organizations_admins_and_staff(org_a, org_b, staff):
    organization, admin, member = org_a
    invitation = InvitationFactory(organization=organization)
    people = (member, admin, org_b[1], staff)

    assert [allowed(p, "organizations.manage_invitation", invitation) for p in people] == [
        False,
        True,
        False,
        True,
    ]


def test_any_signed_in_person_may_create_an_organization(user):
    assert allowed(user, "organizations.create_organization") is True


def test_a_persons_org_roles_are_loaded_once(org_a, django_assert_num_queries):
    organization, _, member = org_a

    with django_assert_num_queries(1):
        assert org_roles(member) == {organization.pk: "member"}
        assert allowed(member, "organizations.view_people", organization) is True
        assert allowed(member, "organizations.manage_people", organization) is False


def test_forgetting_the_org_roles_reloads_them(org_a, org_b):
    organization_b, _ = org_b
    _, _, member = org_a
    assert allowed(member, "organizations.view_profile", organization_b) is False
    SeatFactory(organization=organization_b, user=member)

    assert allowed(member, "organizations.view_profile", organization_b) is False  # cached
    forget_org_roles(member)
    assert allowed(member, "organizations.view_profile", organization_b) is True


def test_require_refuses_with_permission_denied(user):
    with pytest.raises(PermissionDenied) as refused:
        require(user, "core.view_audit_log")

    assert str(refused.value) == "You do not have permission to do this (core.view_audit_log)."


def test_require_lets_an_allowed_person_through(staff):
    assert require(staff, "core.view_audit_log") is None


def test_each_app_declares_its_permissions_when_it_starts():
    assert declared() == DECLARED


def test_the_kernel_imports_no_app():
    source = Path(permissions.__file__).read_text()
    imported = {
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }

    assert {name for name in imported if name and name.startswith("socialrx")} == set()


def test_a_persons_fact_is_loaded_once_until_forgotten(user):
    loads = []

    def load():
        loads.append(1)
        return len(loads)

    assert [person_cache(user, "test.fact", load) for _ in range(3)] == [1, 1, 1]
    forget(user, "test.fact")
    assert person_cache(user, "test.fact", load) == 2


def test_forgetting_one_fact_keeps_the_others(user):
    person_cache(user, "test.kept", lambda: "kept")
    person_cache(user, "test.dropped", lambda: "old")

    forget(user, "test.dropped")

    assert person_cache(user, "test.kept", lambda: "reloaded") == "kept"
    assert person_cache(user, "test.dropped", lambda: "new") == "new"


def test_forgetting_without_a_key_drops_every_fact(org_a, django_assert_num_queries):
    organization, _, member = org_a
    org_roles(member)
    person_cache(member, "test.fact", lambda: "old")

    forget(member)

    assert person_cache(member, "test.fact", lambda: "new") == "new"
    with django_assert_num_queries(1):  # the org roles are read again
        assert org_roles(member) == {organization.pk: "member"}


def test_facts_cached_through_request_user_are_the_users_own(user):
    lazy = SimpleLazyObject(lambda: user)  # what request.user is
    person_cache(lazy, "test.fact", lambda: "old")

    assert person_cache(user, "test.fact", lambda: "new") == "old"
    forget(user, "test.fact")
    assert person_cache(lazy, "test.fact", lambda: "new") == "new"


def test_forgetting_a_person_with_no_facts_does_nothing(user):
    forget(user)
    forget(AnonymousUser(), "test.fact")

    assert person_cache(user, "test.fact", lambda: "loaded") == "loaded"
