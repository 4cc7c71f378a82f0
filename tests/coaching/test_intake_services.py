"""The needs assessment's use cases: start (one draft at a time), save a partial draft, submit
(audited, emailed to staff), submit twice, submit with answers missing, someone else's
organization, and values out of bounds refused by the service itself."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from socialrx.coaching.models import Intake
from socialrx.coaching.services.intakes import (
    AlreadySubmitted,
    IntakeIncomplete,
    save_draft,
    start_intake,
    submit_intake,
)
from socialrx.core.errors import DomainError
from socialrx.core.models import AuditEvent
from socialrx.taxonomy.models import Platform
from tests.factories import StaffFactory, UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def complete_answers() -> dict:
    return {
        "goals": ["patient_education", "physician_visibility"],
        "goals_detail": "Two explainer videos a month.",
        "platforms_in_use": list(Platform.objects.filter(code__in=["facebook", "instagram"])),
        "platforms_planned": list(Platform.objects.filter(code="tiktok")),
        "audience": "Parents of young children in the county.",
        "people_available": 2,
        "hours_per_week": Decimal("6.0"),
        "policy_status": "drafting",
    }


@pytest.fixture
def draft(org_a):
    organization, admin, _member = org_a
    return start_intake(actor=admin, organization=organization)


def test_starting_makes_a_draft_and_audits_it(org_a):
    organization, admin, _member = org_a

    intake = start_intake(actor=admin, organization=organization)

    assert (intake.status, intake.organization, intake.created_by) == ("draft", organization, admin)
    assert list(AuditEvent.objects.values_list("action", flat=True)) == ["coaching.intake.started"]


def test_starting_again_returns_the_open_draft(org_a, draft):
    organization, admin, _member = org_a

    again = start_intake(actor=admin, organization=organization)

    assert again == draft
    assert Intake.objects.count() == 1


def test_a_member_who_is_not_admin_cannot_start_one(org_a):
    organization, _admin, member = org_a

    with pytest.raises(PermissionDenied):
        start_intake(actor=member, organization=organization)
    assert Intake.objects.count() == 0


def test_a_partial_draft_saves_only_the_answers_given(org_a, draft):
    _organization, admin, _member = org_a
    save_draft(actor=admin, intake=draft, data={"audience": "Nurses we want to hire  "})

    save_draft(actor=admin, intake=draft, data={"people_available": 3, "goals": ["recruitment"]})

    draft.refresh_from_db()
    assert (draft.status, draft.audience, draft.people_available, draft.goals) == (
        "draft",
        "Nurses we want to hire",
        3,
        ["recruitment"],
    )
    assert draft.hours_per_week is None
    # Draft saves are working notes: only the start was audited.
    assert list(AuditEvent.objects.values_list("action", flat=True)) == ["coaching.intake.started"]


def test_submitting_sends_it_to_the_center_once(
    org_a, draft, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://socialrx.example.org"
    organization, admin, _member = org_a
    staff = StaffFactory(email="intake-desk@center.example.org")
    StaffFactory(email="retired@center.example.org", is_active=False)

    with django_capture_on_commit_callbacks(execute=True):
        submit_intake(actor=admin, intake=draft, data=complete_answers())

    draft.refresh_from_db()
    assert (draft.status, draft.submitted_by) == ("submitted", admin)
    assert draft.submitted_at is not None
    assert sorted(p.code for p in draft.platforms_in_use.all()) == ["facebook", "instagram"]
    event = AuditEvent.objects.get(action="coaching.intake.submitted")
    assert (event.actor, event.before, event.after["status"], event.after["platforms_planned"]) == (
        admin,
        {"status": "draft"},
        "submitted",
        ["tiktok"],
    )
    [email] = mailoutbox
    assert email.to == [staff.email]
    assert email.subject == f"New needs assessment from {organization.name}"
    assert (
        f"{organization.name} wants help with patient education and physician visibility. "
        "Two people can give it about 6 hours a week."
    ) in email.body
    assert (
        f"Assign a coach: https://socialrx.example.org/staff/coaching/intakes/{draft.public_id}/assign/"
        in (email.body)
    )


def test_submitting_twice_is_a_conflict_and_changes_nothing(org_a, draft):
    _organization, admin, _member = org_a
    submit_intake(actor=admin, intake=draft, data=complete_answers())

    with pytest.raises(AlreadySubmitted) as refused:
        submit_intake(actor=admin, intake=draft, data={**complete_answers(), "audience": "Other"})

    assert refused.value.status_code == 409
    draft.refresh_from_db()
    assert draft.audience == "Parents of young children in the county."
    assert AuditEvent.objects.filter(action="coaching.intake.submitted").count() == 1


def test_a_submitted_intake_cannot_be_saved_as_a_draft_either(org_a, draft):
    _organization, admin, _member = org_a
    submit_intake(actor=admin, intake=draft, data=complete_answers())

    with pytest.raises(AlreadySubmitted):
        save_draft(actor=admin, intake=draft, data={"audience": "Other"})


def test_submitting_with_answers_missing_lists_them_and_writes_nothing(org_a, draft):
    _organization, admin, _member = org_a
    save_draft(actor=admin, intake=draft, data={"audience": "Patients"})

    with pytest.raises(IntakeIncomplete) as refused:
        submit_intake(actor=admin, intake=draft, data={"goals": ["reputation"]})

    assert refused.value.errors == {
        "platforms": "Tick at least one platform you use or plan to use.",
        "people_available": "Say how many people will work on social media.",
        "hours_per_week": "Say how many hours a week they have for it.",
        "policy_status": "Say whether you have a social media policy.",
    }
    draft.refresh_from_db()
    assert (draft.status, draft.goals, draft.audience) == ("draft", [], "Patients")
    assert not AuditEvent.objects.filter(action="coaching.intake.submitted").exists()


def test_someone_elses_organization_is_refused(org_a, org_b, draft):
    _organization, _admin, member = org_a
    _other, admin_b = org_b

    for outsider in (admin_b, member, UserFactory()):
        with pytest.raises(PermissionDenied):
            save_draft(actor=outsider, intake=draft, data={"audience": "Mine now"})
        with pytest.raises(PermissionDenied):
            submit_intake(actor=outsider, intake=draft, data=complete_answers())
    draft.refresh_from_db()
    assert (draft.status, draft.audience) == ("draft", "")


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({"people_available": 0}, "people_available"),
        ({"people_available": 501}, "people_available"),
        ({"hours_per_week": Decimal("0.4")}, "hours_per_week"),
        ({"hours_per_week": Decimal("168.5")}, "hours_per_week"),
        ({"hours_per_week": Decimal("2.25")}, "hours_per_week"),
        ({"goals": ["world_domination"]}, "goals"),
        ({"audience": "x" * 2001}, "audience"),
        ({"policy_status": "maybe"}, "policy_status"),
    ],
)
def test_the_service_refuses_values_out_of_bounds(org_a, draft, answers, field):
    _organization, admin, _member = org_a

    with pytest.raises(DomainError) as refused:
        save_draft(actor=admin, intake=draft, data=answers)

    assert refused.value.field == field
    draft.refresh_from_db()
    assert (draft.people_available, draft.hours_per_week, draft.goals) == (None, None, [])


def test_the_bounds_themselves_are_accepted(org_a, draft):
    _organization, admin, _member = org_a

    save_draft(
        actor=admin,
        intake=draft,
        data={"people_available": 500, "hours_per_week": Decimal("168"), "audience": "x" * 2000},
    )
    save_draft(actor=admin, intake=draft, data={"people_available": 1})

    draft.refresh_from_db()
    assert (draft.people_available, draft.hours_per_week) == (1, Decimal("168.0"))
