"""Staff's needs-assessment queue (awaiting a coach first, oldest first, then the assigned) and
the assign page: the readable summary, the ranked suggestions with their reasons, assigning
(then "Create the engagement"), reassigning, a missing choice, a draft; constant queries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from socialrx.coaching.models import Intake, IntakeStatus
from socialrx.taxonomy.models import Platform
from tests.coaching.factories import make_coach
from tests.factories import CoachFactory, org_with_admin

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

DAY = datetime(2031, 1, 2, 15, tzinfo=UTC)


def _intake(name: str, *, status=IntakeStatus.SUBMITTED, submitted_at=DAY, **fields) -> Intake:
    organization, admin = org_with_admin(name=name)
    intake = Intake.objects.create(
        organization=organization,
        status=status,
        goals=["crisis_readiness"],
        audience="Families in the valley.",
        created_by=admin,
        submitted_by=admin if status != IntakeStatus.DRAFT else None,
        submitted_at=submitted_at if status != IntakeStatus.DRAFT else None,
        **fields,
    )
    intake.platforms_in_use.set(Platform.objects.filter(code__in=["facebook", "instagram"]))
    return intake


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


# --- the queue ------------------------------------------------------------------------------


def test_the_queue_lists_those_awaiting_a_coach_oldest_first_then_the_assigned(staff_client):
    coach = CoachFactory(full_name="Maya Lindqvist")
    newer = _intake("Newer Hospital", submitted_at=DAY + timedelta(days=3))
    older = _intake("Older Hospital", submitted_at=DAY)
    done = _intake(
        "Done Hospital",
        status=IntakeStatus.ASSIGNED,
        assigned_coach=coach,
        assigned_at=DAY + timedelta(days=4),
    )
    _intake("Draft Clinic", status=IntakeStatus.DRAFT)

    response = staff_client.get(reverse("coaching:staff_intakes"))

    queue = response.context["queue"]
    assert (queue.awaiting, queue.assigned) == ([older, newer], [done])
    html = response.content.decode()
    assert html.index("Older Hospital") < html.index("Newer Hospital") < html.index("Done Hospital")
    assert "Draft Clinic" not in html
    assert "Crisis readiness" in html
    assert reverse("coaching:staff_assign", args=[older.public_id]) in html
    assert "Maya Lindqvist" in html


@pytest.mark.parametrize("count", [2, 6])
def test_the_queue_takes_the_same_queries_for_2_and_6_intakes(
    staff_client, django_assert_num_queries, count
):
    for number in range(count):
        _intake(f"Hospital {number}")
        _intake(
            f"Assigned {number}",
            status=IntakeStatus.ASSIGNED,
            assigned_coach=CoachFactory(),
            assigned_at=DAY,
        )

    # session, person, authenticator; awaiting; assigned (each with organization and coach)
    with django_assert_num_queries(5):
        staff_client.get(reverse("coaching:staff_intakes"))


# --- the assign page ------------------------------------------------------------------------


def test_the_page_shows_the_summary_and_the_ranked_suggestions_with_reasons(staff_client):
    intake = _intake("Mercy Regional Hospital")
    make_coach(full_name="Blake Brown", platforms=("facebook",), topics=("crisis-response",))
    make_coach(
        full_name="Avery Adams",
        platforms=("facebook", "instagram"),
        topics=("crisis-response", "policy-legal"),
        organization_types=("hospital",),
    )

    response = staff_client.get(reverse("coaching:staff_assign", args=[intake.public_id]))

    assert response.status_code == 200
    # Avery: 100 × (40 + 40 + 20) / 100 = 100; Blake: 100 × (40 × 1/2 + 40 × 1/2) / 100 = 40
    assert [(s.profile.user.full_name, s.score) for s in response.context["suggestions"]] == [
        ("Avery Adams", 100),
        ("Blake Brown", 40),
    ]
    html = response.content.decode()
    assert "Mercy Regional Hospital wants help with crisis readiness." in html
    assert "Matches: Facebook, Instagram, Policy and legal, Crisis response, Hospital" in html
    assert "100 / 100" in html and "40 / 100" in html
    assert html.index("Avery Adams") < html.index("Blake Brown")
    assert "Create the engagement" not in html


def test_assigning_a_coach_from_the_page(
    staff_client, mailoutbox, django_capture_on_commit_callbacks
):
    intake = _intake("Mercy Regional Hospital")
    maya = make_coach(full_name="Maya Lindqvist")
    url = reverse("coaching:staff_assign", args=[intake.public_id])

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            url, {"coach": str(maya.public_id), "note": "Launch in March."}
        )

    assert response.headers["Location"] == url
    intake.refresh_from_db()
    assert (intake.status, intake.assigned_coach) == ("assigned", maya.user)
    assert len(mailoutbox) == 2
    page = staff_client.get(url).content.decode()
    assert "Maya Lindqvist is now Mercy Regional Hospital’s coach. They were emailed." in page
    new_engagement = reverse("coaching:staff_engagement_new") + f"?intake={intake.public_id}"
    assert f'href="{new_engagement}"' in page
    assert "Reassign the coach" in page


def test_reassigning_from_the_page(staff_client):
    maya, omar = make_coach(full_name="Maya Lindqvist"), make_coach(full_name="Omar Haddad")
    intake = _intake(
        "Mercy Regional Hospital",
        status=IntakeStatus.ASSIGNED,
        assigned_coach=maya.user,
        assigned_at=DAY,
    )
    url = reverse("coaching:staff_assign", args=[intake.public_id])

    staff_client.post(url, {"coach": str(omar.public_id)})

    intake.refresh_from_db()
    assert intake.assigned_coach == omar.user


def test_choosing_no_coach_or_an_unknown_one_says_so(staff_client):
    intake = _intake("Mercy Regional Hospital")
    make_coach(full_name="Maya Lindqvist")
    url = reverse("coaching:staff_assign", args=[intake.public_id])

    for data in ({}, {"coach": "00000000-0000-0000-0000-000000000000"}):
        response = staff_client.post(url, data)
        assert response.status_code == 400
        assert '<p class="field-error" id="id_coach_error">Choose a coach.</p>' in (
            response.content.decode()
        )
    intake.refresh_from_db()
    assert intake.assigned_coach is None


def test_the_current_coach_is_marked_and_cannot_be_chosen_again(staff_client):
    maya = make_coach(full_name="Maya Lindqvist")
    intake = _intake(
        "Mercy Regional Hospital",
        status=IntakeStatus.ASSIGNED,
        assigned_coach=maya.user,
        assigned_at=DAY,
    )
    url = reverse("coaching:staff_assign", args=[intake.public_id])

    html = staff_client.get(url).content.decode()
    response = staff_client.post(url, {"coach": str(maya.public_id)})

    assert "Current coach" in html and " disabled>" in html
    assert response.status_code == 400
    assert "Maya Lindqvist is already this assessment’s coach." in response.content.decode()


def test_a_draft_shows_its_summary_but_cannot_be_assigned(staff_client):
    intake = _intake("Draft Clinic", status=IntakeStatus.DRAFT)
    maya = make_coach(full_name="Maya Lindqvist")
    url = reverse("coaching:staff_assign", args=[intake.public_id])

    page = staff_client.get(url)
    refused = staff_client.post(url, {"coach": str(maya.public_id)})

    assert page.status_code == 200
    assert "still a draft" in page.content.decode()
    assert page.context["suggestions"] == []
    assert refused.status_code == 409
    intake.refresh_from_db()
    assert intake.assigned_coach is None


def test_an_unknown_intake_is_not_found(staff_client):
    missing = "00000000-0000-0000-0000-000000000000"

    assert staff_client.get(reverse("coaching:staff_assign", args=[missing])).status_code == 404


@pytest.mark.parametrize("count", [2, 6])
def test_the_page_takes_the_same_queries_for_2_and_6_coaches(
    staff_client, django_assert_num_queries, count
):
    intake = _intake("Mercy Regional Hospital")
    for number in range(count):
        make_coach(full_name=f"Coach {number}", platforms=("facebook",), topics=("strategy",))

    # session, person, authenticator; the intake with its organization and people, its
    # platforms in use, planned; coaches with their people, platforms, topics; windows,
    # exceptions, commitments
    with django_assert_num_queries(12):
        response = staff_client.get(reverse("coaching:staff_assign", args=[intake.public_id]))

    assert len(response.context["suggestions"]) == count


def test_people_who_are_not_staff_cannot_assign(client, coach):
    intake = _intake("Mercy Regional Hospital")
    maya = make_coach(full_name="Maya Lindqvist")
    client.force_login(coach)

    response = client.post(
        reverse("coaching:staff_assign", args=[intake.public_id]), {"coach": str(maya.public_id)}
    )

    assert response.status_code == 403
    intake.refresh_from_db()
    assert intake.assigned_coach is None
