"""Saving a check to an organization's history and deleting it (toolkit.services.checks): who
may, what is kept, what the audit log says (never the draft's words), and that checking alone
stores nothing."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import PermissionDenied

from socialrx.core.errors import DomainError
from socialrx.core.models import AuditEvent
from socialrx.toolkit.checking import run_check
from socialrx.toolkit.models import SavedCheck
from socialrx.toolkit.services.checks import delete_check, save_check
from tests.factories import SeatFactory
from tests.toolkit.factories import SavedCheckFactory, make_check_member

pytestmark = pytest.mark.django_db

DRAFT = "So proud of our patient Maria Lopez, admitted on March 3 to room 412!"


@pytest.fixture
def member_org(org_a):
    organization, admin, member = org_a
    make_check_member(organization)
    return organization, admin, member


def audit_text() -> str:
    """Everything the audit log holds, as one string."""
    rows = AuditEvent.objects.values("target_repr", "before", "after")
    return json.dumps(list(rows), ensure_ascii=False)


def test_saving_keeps_the_draft_what_was_found_and_who_saved_it(member_org):
    organization, _, member = member_org
    saved = save_check(
        actor=member, organization=organization, text=DRAFT, image_description="A nurse's hands"
    )
    saved.refresh_from_db()
    assert (saved.organization, saved.saved_by, saved.draft) == (organization, member, DRAFT)
    assert saved.image_description == "A nurse's hands"
    kept = {(item["kind"], DRAFT[item["start"] : item["end"]]) for item in saved.findings}
    assert {("name", "Maria Lopez"), ("date", "March 3"), ("room", "room 412")} <= kept
    assert saved.identifier_count == len(saved.findings)
    assert [(r["kind"], DRAFT[r["start"] : r["end"]]) for r in saved.risks] == [
        ("testimonial_without_consent", "our patient"),
    ]
    assert saved.risk_count == 1
    assert saved.high_count == sum(f["severity"] == "high" for f in saved.findings)


def test_saving_is_audited_with_counts_and_kinds_never_the_words(member_org):
    organization, _, member = member_org
    saved = save_check(actor=member, organization=organization, text=DRAFT)
    event = AuditEvent.objects.get(action="toolkit.check.saved")
    assert (event.actor, event.target_id) == (member, str(saved.pk))
    assert event.after["organization"] == organization.name
    assert event.after["identifiers"] == saved.identifier_count
    assert event.after["risks"] == 1
    assert "name" in event.after["kinds"]
    assert "testimonial_without_consent" in event.after["kinds"]
    logged = audit_text()
    assert "Maria" not in logged
    assert "room 412" not in logged


def test_checking_alone_stores_nothing(member_org):
    run_check(DRAFT, "A close-up of Maria's face")
    assert SavedCheck.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_an_organization_that_is_not_a_member_cannot_save(org_a):
    organization, admin, _ = org_a  # no membership
    with pytest.raises(PermissionDenied):
        save_check(actor=admin, organization=organization, text=DRAFT)
    assert SavedCheck.objects.count() == 0
    assert not AuditEvent.objects.filter(action="toolkit.check.saved").exists()


def test_a_person_cannot_save_to_another_organization(member_org, org_b):
    organization, _, _ = member_org
    _, outsider = org_b
    with pytest.raises(PermissionDenied):
        save_check(actor=outsider, organization=organization, text=DRAFT)
    assert SavedCheck.objects.count() == 0


def test_center_staff_cannot_save_to_an_organization_they_hold_no_seat_in(member_org, staff):
    with pytest.raises(PermissionDenied):
        save_check(actor=staff, organization=member_org[0], text=DRAFT)


@pytest.mark.parametrize(
    ("text", "image", "field"),
    [
        ("   \n ", "", "text"),
        ("x" * 20_001, "", "text"),
        ("A fine draft.", "y" * 2_001, "image_description"),
    ],
)
def test_an_empty_or_too_long_draft_is_refused_and_nothing_is_written(
    member_org, text, image, field
):
    organization, _, member = member_org
    with pytest.raises(DomainError) as refused:
        save_check(actor=member, organization=organization, text=text, image_description=image)
    assert refused.value.field == field
    assert SavedCheck.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_the_person_who_saved_it_deletes_it_audited(member_org):
    organization, _, member = member_org
    saved = SavedCheckFactory(organization=organization, saved_by=member)
    delete_check(actor=member, saved=saved)
    assert not SavedCheck.objects.exists()
    event = AuditEvent.objects.get(action="toolkit.check.deleted")
    assert event.actor == member
    assert event.before["saved_by"] == member.email
    assert event.before["identifiers"] == 1
    assert "Maria" not in audit_text()


def test_an_admin_of_the_organization_deletes_anyones_check(member_org):
    organization, admin, member = member_org
    saved = SavedCheckFactory(organization=organization, saved_by=member)
    delete_check(actor=admin, saved=saved)
    assert not SavedCheck.objects.exists()


def test_another_person_of_the_organization_may_not_delete_it(member_org):
    organization, _, member = member_org
    colleague = SeatFactory(organization=organization).user
    saved = SavedCheckFactory(organization=organization, saved_by=member)
    with pytest.raises(PermissionDenied):
        delete_check(actor=colleague, saved=saved)
    assert SavedCheck.objects.count() == 1
    assert not AuditEvent.objects.filter(action="toolkit.check.deleted").exists()


def test_a_person_of_another_organization_may_not_delete_it(member_org, org_b):
    saved = SavedCheckFactory(organization=member_org[0], saved_by=member_org[2])
    with pytest.raises(PermissionDenied):
        delete_check(actor=org_b[1], saved=saved)
    assert SavedCheck.objects.count() == 1
