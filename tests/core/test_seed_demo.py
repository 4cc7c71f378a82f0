"""`socialrx seed-demo`: realistic demo data for every role, loaded once however often run."""

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from socialrx.accounts.models import User
from socialrx.membership.models import Invoice, Membership, MembershipApplication, Plan
from socialrx.organizations.models import Invitation, Organization, OrgMembership

pytestmark = pytest.mark.integration


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in [
            User,
            Organization,
            OrgMembership,
            Invitation,
            Plan,
            Membership,
            Invoice,
            MembershipApplication,
        ]
    }


def test_seed_demo_is_idempotent_and_covers_every_role_and_membership_state(db):
    call_command("seed_demo", quiet=True)
    first = counts()
    call_command("seed_demo", quiet=True)

    assert counts() == first
    assert first["Organization"] == 3
    assert User.objects.filter(is_staff=True).exists()
    assert User.objects.filter(is_coach=True).exists()
    assert User.objects.filter(is_researcher=True).exists()
    assert all(u.authenticator_set.exists() for u in User.objects.filter(is_staff=True))
    assert set(Membership.objects.values_list("status", flat=True)) == {"active", "lapsed"}
    assert MembershipApplication.objects.filter(status="pending").count() == 1
    assert set(Invoice.objects.values_list("status", flat=True)) == {"paid", "open"}
    hospital = Organization.objects.get(org_type="hospital")
    assert hospital.licensed_beds == 350


def test_demo_logins_work_with_the_published_password(db):
    call_command("seed_demo", quiet=True)

    admin = OrgMembership.objects.filter(role="admin").select_related("user").first().user
    assert authenticate(email=admin.email, password="socialrx-demo-2026") == admin
