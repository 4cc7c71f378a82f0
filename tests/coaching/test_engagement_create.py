"""Staff create engagements (from an intake or not): proposed or active, every refusal beside
its field with its message, the meeting link https only, the creation audited and an active
one emailed to the organization's admins."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from socialrx.coaching.models import Engagement, Intake
from socialrx.coaching.selectors.engagements import prefill_from_intake
from socialrx.core.calendar import center_today
from socialrx.core.models import AuditEvent
from tests.coaching.engagement_service_support import ORG, create, refusal
from tests.coaching.factories import make_coach, member_org
from tests.factories import CoachFactory, UserFactory, org_with_admin

pytestmark = [pytest.mark.django_db, pytest.mark.integration]


@pytest.fixture
def riverside():
    """A Medical Center member: 12 included hours this year."""
    return member_org(ORG)


@pytest.fixture
def coach():
    return make_coach(full_name="Maya Okafor")


# --- create ---------------------------------------------------------------------------------


def test_staff_propose_an_engagement(riverside, coach, staff, mailoutbox):
    engagement = create(staff, riverside[0], coach, "4.5")

    assert engagement.status == "proposed"
    assert engagement.plan_minutes == 270  # 4.5 h
    assert list(engagement.coaches.all()) == [coach.user]
    assert (engagement.created_by, engagement.started_on) == (staff, None)
    event = AuditEvent.objects.get(action="coaching.engagement.created")
    assert event.after["plan_minutes"] == 270
    assert event.after["coaches"] == [coach.user.email]
    assert event.after["status"] == "proposed"
    assert mailoutbox == []  # proposed: nobody is told yet


def test_an_engagement_created_active_emails_the_admins(
    riverside, coach, staff, settings, django_capture_on_commit_callbacks, mailoutbox
):
    settings.SITE_URL = "https://socialrx.example"
    organization, admin, _member = riverside

    with django_capture_on_commit_callbacks(execute=True):
        engagement = create(staff, organization, coach, status="active")

    assert engagement.started_on == center_today()
    [message] = mailoutbox
    assert message.to == [admin.email]
    assert message.subject == (
        "Your coaching engagement has started: Launching the physician video series"
    )
    assert f"https://socialrx.example/coaching/engagements/{engagement.public_id}/" in message.body
    assert "with Maya Okafor" in message.body


def test_only_staff_create_engagements(riverside, coach):
    organization, admin, _member = riverside
    with pytest.raises(PermissionDenied):
        create(admin, organization, coach)
    with pytest.raises(PermissionDenied):
        create(coach.user, organization, coach)
    assert not Engagement.objects.exists()


def test_a_new_engagement_starts_proposed_or_active(riverside, coach, staff):
    refused = refusal(lambda: create(staff, riverside[0], coach, status="completed"))
    assert (refused.field, refused.message) == ("status", "A new engagement is proposed or active.")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": "  "}, "title", "Give the engagement a title."),
        ({"kind": "therapy"}, "kind", "Choose one-on-one training, consulting or coaching."),
        (
            {"meeting_url": "not a link"},
            "meeting_url",
            "Use a secure link that starts with https://.",
        ),
        (
            {"meeting_url": "http://meet.example.org/riverside"},
            "meeting_url",
            "Use a secure link that starts with https://.",
        ),
        ({"coaches": []}, "coaches", "Choose at least one coach."),
        (
            {"plan_hours": Decimal("0.25")},
            "plan_hours",
            "Plan hours come in half hours (0.5, 1, 1.5…): sessions last 30 or 60 minutes.",
        ),
        (
            {"plan_hours": Decimal("-1")},
            "plan_hours",
            "Plan hours cannot be negative: enter 0 or more.",
        ),
    ],
)
def test_bad_values_are_refused_beside_their_field(
    riverside, coach, staff, changes, field, message
):
    refused = refusal(lambda: create(staff, riverside[0], coach, **changes))

    assert (refused.field, refused.message) == (field, message)
    assert not Engagement.objects.exists()


def test_only_coaches_with_a_profile_coach(riverside, coach, staff):
    not_a_coach = UserFactory(full_name="Pat Lee")
    no_profile = CoachFactory(full_name="Sam Rivera")
    gone = make_coach(full_name="Alex Former")
    gone.user.is_active = False
    gone.user.save(update_fields=["is_active"])

    for person, name in (
        (not_a_coach, "Pat Lee"),
        (no_profile, "Sam Rivera"),
        (gone.user, "Alex Former"),
    ):
        refused = refusal(
            lambda p=person: create(staff, riverside[0], coach, coaches=[coach.user, p])
        )
        assert refused.field == "coaches"
        assert refused.message == f"{name} is not a coach: choose people with a coach profile."


def test_plan_hours_beyond_what_is_unallotted_are_refused_with_what_is_left(
    riverside, coach, staff
):
    organization = riverside[0]
    create(staff, organization, coach, "2.5")  # 12 h - 2.5 h = 9.5 h left to allot

    refused = refusal(lambda: create(staff, organization, coach, "10"))

    assert refused.field == "plan_hours"
    assert refused.message == (
        f"{ORG} has 9 h 30 min of included hours left this membership year not yet allotted: "
        "allot at most that."
    )
    # Exactly what is left is accepted.
    assert create(staff, organization, coach, "9.5").plan_minutes == 570


def test_an_organization_without_membership_gets_no_plan_hours(coach, staff):
    organization, _admin = org_with_admin(name="Lakeside Family Physicians")

    refused = refusal(lambda: create(staff, organization, coach, "1"))

    assert refused.message == (
        "Lakeside Family Physicians has no included hours left this membership year that are "
        "not yet allotted: allot 0 plan hours (the organization can buy hour packages)."
    )
    assert create(staff, organization, coach, "0").plan_minutes == 0


def _intake(organization, *, status="submitted", coach=None):
    return Intake.objects.create(
        organization=organization,
        status=status,
        goals=["patient_education", "reputation"],
        goals_detail="A video a week that legal approves in two days.",
        assigned_coach=getattr(coach, "user", None),
    )


def test_an_engagement_from_an_intake_is_prefilled_and_linked(riverside, coach, staff):
    intake = _intake(riverside[0], status="assigned", coach=coach)

    initial = prefill_from_intake(intake)
    assert initial["organization"] == riverside[0]
    assert initial["title"] == "Patient education · Reputation and reviews"
    assert initial["goals"] == (
        "- Patient education\n- Reputation and reviews\n\n"
        "A video a week that legal approves in two days."
    )
    assert initial["coaches"] == [coach.user]

    engagement = create(staff, riverside[0], coach, intake=intake, title=initial["title"])
    assert engagement.intake == intake


def test_a_draft_intake_or_another_organizations_is_refused(riverside, coach, staff):
    draft = _intake(riverside[0], status="draft")
    refused = refusal(lambda: create(staff, riverside[0], coach, intake=draft))
    assert refused.field == "intake"
    assert refused.message.startswith("This needs assessment is still a draft")

    other, _admin = org_with_admin(name="Lakeside Family Physicians")
    theirs = _intake(other)
    refused = refusal(lambda: create(staff, riverside[0], coach, intake=theirs))
    assert refused.message == (
        f"This needs assessment is Lakeside Family Physicians's, not {ORG}'s."
    )
