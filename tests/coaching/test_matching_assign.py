"""Staff assign a coach to a submitted needs assessment: the intake records who and when, the
change is audited, the coach and the organization's admins are emailed; a reassignment keeps
the previous coach in the audit and tells them; a draft, a non-coach, a coach without a
profile, the same coach twice and a person who is not staff are refused with nothing written."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.core.exceptions import PermissionDenied

from socialrx.coaching.models import Intake, IntakeStatus
from socialrx.coaching.services.matching import assign_coach
from socialrx.core.errors import Conflict, DomainError
from socialrx.core.models import AuditEvent
from socialrx.organizations.models import OrgRole
from socialrx.taxonomy.models import Platform
from tests.coaching.factories import make_coach
from tests.factories import CoachFactory, SeatFactory, StaffFactory, UserFactory, org_with_admin

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def intake():
    organization, admin = org_with_admin(name="Mercy Regional Hospital")
    admin.email = "dana.admin@mercy-example.org"
    admin.save(update_fields=["email"])
    second_admin = UserFactory(email="lee.admin@mercy-example.org")
    SeatFactory(organization=organization, user=second_admin, role=OrgRole.ADMIN)
    SeatFactory(organization=organization, user=UserFactory(email="member@mercy-example.org"))
    found = Intake.objects.create(
        organization=organization,
        status=IntakeStatus.SUBMITTED,
        goals=["crisis_readiness"],
        audience="Families in the valley.",
        people_available=2,
        created_by=admin,
        submitted_by=admin,
        submitted_at=datetime(2031, 1, 2, 15, tzinfo=UTC),
    )
    found.platforms_in_use.set(Platform.objects.filter(code="facebook"))
    return found


@pytest.fixture
def staff_member():
    return StaffFactory(full_name="Sam Staff", email="sam@center-example.org")


def _coach(name: str, email: str):
    profile = make_coach(full_name=name)
    profile.user.email = email
    profile.user.save(update_fields=["email"])
    return profile


def test_assigning_records_the_coach_audits_and_emails_the_coach_and_the_admins(
    intake, staff_member, mailoutbox, django_capture_on_commit_callbacks
):
    maya = _coach("Maya Lindqvist", "maya@center-example.org")

    with django_capture_on_commit_callbacks(execute=True):
        assign_coach(
            actor=staff_member, intake=intake, coach=maya.user, note="They launch in March."
        )

    intake.refresh_from_db()
    assert (intake.status, intake.assigned_coach, intake.assigned_by) == (
        "assigned",
        maya.user,
        staff_member,
    )
    assert intake.assigned_at is not None
    event = AuditEvent.objects.get(action="coaching.intake.coach_assigned")
    assert (event.before, event.after) == (
        {"status": "submitted", "assigned_coach": ""},
        {
            "status": "assigned",
            "assigned_coach": "maya@center-example.org",
            "note": "They launch in March.",
        },
    )
    to_coach, to_admins = mailoutbox
    assert to_coach.to == ["maya@center-example.org"]
    assert to_coach.subject == "You are Mercy Regional Hospital's coach"
    assert f"/coaching/intakes/{intake.public_id}/" in to_coach.body
    assert "They launch in March." in to_coach.body
    assert to_admins.to == ["dana.admin@mercy-example.org", "lee.admin@mercy-example.org"]
    assert to_admins.subject == "Your coach: Maya Lindqvist"
    assert "They launch in March." not in to_admins.body


def test_reassigning_keeps_the_previous_coach_in_the_audit_and_tells_them(
    intake, staff_member, mailoutbox, django_capture_on_commit_callbacks
):
    maya = _coach("Maya Lindqvist", "maya@center-example.org")
    omar = _coach("Omar Haddad", "omar@center-example.org")
    assign_coach(actor=staff_member, intake=intake, coach=maya.user)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assign_coach(actor=staff_member, intake=intake, coach=omar.user)

    intake.refresh_from_db()
    assert intake.assigned_coach == omar.user
    last = AuditEvent.objects.filter(action="coaching.intake.coach_assigned").latest("pk")
    assert (last.before, last.after) == (
        {"status": "assigned", "assigned_coach": "maya@center-example.org"},
        {"status": "assigned", "assigned_coach": "omar@center-example.org", "note": ""},
    )
    assert [(m.to, m.subject) for m in mailoutbox] == [
        (["omar@center-example.org"], "You are Mercy Regional Hospital's coach"),
        (
            ["dana.admin@mercy-example.org", "lee.admin@mercy-example.org"],
            "Your coach: Omar Haddad",
        ),
        (["maya@center-example.org"], "Mercy Regional Hospital has a new coach"),
    ]


def test_the_same_coach_twice_is_refused_and_sends_nothing_more(
    intake, staff_member, mailoutbox, django_capture_on_commit_callbacks
):
    maya = _coach("Maya Lindqvist", "maya@center-example.org")
    with django_capture_on_commit_callbacks(execute=True):
        assign_coach(actor=staff_member, intake=intake, coach=maya.user)

    with pytest.raises(Conflict) as refused:
        assign_coach(actor=staff_member, intake=intake, coach=maya.user)

    assert refused.value.code == "same_coach"
    assert len(mailoutbox) == 2
    assert AuditEvent.objects.filter(action="coaching.intake.coach_assigned").count() == 1


def test_a_draft_cannot_be_assigned(intake, staff_member):
    Intake.objects.filter(pk=intake.pk).update(status=IntakeStatus.DRAFT, submitted_at=None)
    maya = _coach("Maya Lindqvist", "maya@center-example.org")

    with pytest.raises(Conflict) as refused:
        assign_coach(actor=staff_member, intake=intake, coach=maya.user)

    assert refused.value.code == "not_submitted"
    intake.refresh_from_db()
    assert (intake.status, intake.assigned_coach) == ("draft", None)
    assert not AuditEvent.objects.filter(action="coaching.intake.coach_assigned").exists()


@pytest.mark.parametrize("who", ["not_a_coach", "no_profile", "inactive"])
def test_only_an_active_coach_with_a_profile_can_be_assigned(intake, staff_member, who):
    if who == "not_a_coach":
        person = UserFactory()
    elif who == "no_profile":
        person = CoachFactory()
    else:
        person = _coach("Gone Coach", "gone@center-example.org").user
        person.is_active = False
        person.save(update_fields=["is_active"])

    with pytest.raises(DomainError) as refused:
        assign_coach(actor=staff_member, intake=intake, coach=person)

    assert (refused.value.field, refused.value.message) == (
        "coach",
        "Choose an active coach who has a coaching profile.",
    )
    intake.refresh_from_db()
    assert (intake.status, intake.assigned_coach) == ("submitted", None)


def test_a_note_longer_than_2000_characters_is_refused(intake, staff_member):
    maya = _coach("Maya Lindqvist", "maya@center-example.org")

    with pytest.raises(DomainError) as refused:
        assign_coach(actor=staff_member, intake=intake, coach=maya.user, note="x" * 2001)

    assert refused.value.field == "note"
    intake.refresh_from_db()
    assert intake.assigned_coach is None


@pytest.mark.parametrize("role", ["admin", "coach", "member"])
def test_only_staff_assign(intake, role):
    maya = _coach("Maya Lindqvist", "maya@center-example.org")
    actor = {
        "admin": lambda: (
            intake.organization.seats.get(user__email="dana.admin@mercy-example.org").user
        ),
        "coach": lambda: maya.user,
        "member": lambda: UserFactory(),
    }[role]()

    with pytest.raises(PermissionDenied):
        assign_coach(actor=actor, intake=intake, coach=maya.user)

    intake.refresh_from_db()
    assert intake.assigned_coach is None
