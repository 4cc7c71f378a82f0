"""A take's result page, its staffing estimate (live, without script, saved) and the
organization's history; who reads them; the queries they make."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from socialrx.core.models import AuditEvent
from socialrx.toolkit.forms_assessments import staffing_initial
from tests.library.factories import make_resource
from tests.toolkit.factories import FULL_ANSWERS, make_assessment, make_check_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

# Governance 4 of 28 points → 14 (FULL_ANSWERS score 46: up 32).
WEAK_GOVERNANCE = FULL_ANSWERS | {
    "policy_status": 0,
    "policy_approval": 0,
    "policy_moderation": 0,
    "policy_crisis": 0,
    "review_legal": 1,
    "review_it": 3,
    "review_consent": 0,
}
MARCH = datetime(2025, 3, 10, 15, tzinfo=UTC)


@pytest.fixture
def member_org(org_a):
    organization, admin, member = org_a
    make_check_member(organization)
    return organization, admin, member


@pytest.fixture
def take(member_org):
    organization, admin, _ = member_org
    make_assessment(organization, answers=WEAK_GOVERNANCE, taken_at=MARCH, taken_by=admin)
    return make_assessment(organization, taken_by=admin)


def result_url(assessment) -> str:
    return reverse("toolkit:assessment_result", args=[assessment.public_id])


def staffing_url(assessment) -> str:
    return reverse("toolkit:assessment_staffing", args=[assessment.public_id])


def test_the_result_shows_scores_chart_table_level_progress_and_staffing(client, member_org, take):
    client.force_login(member_org[2])  # any person of the organization reads it

    page = client.get(result_url(take)).content.decode()

    assert f"{take.organization.name} — Level 2 of 4: Developing" in page
    assert "Overall score <strong>58</strong>" in page
    assert '<rect x="132"' in page  # the bars
    for label, value in [("Strategy", 70), ("Governance", 46), ("Capacity", 31), ("Skills", 94)]:
        assert f'<th scope="row">{label}</th><td class="numeric">{value}</td>' in page
    assert "Up 32 points in governance since March 2025" in page
    # Staffing by hand (test_staffing): Facebook 6.1, X 6.1, YouTube 3.3; 18.5 h, 0.46 FTE.
    assert '<span class="stat">18.5 hours a week</span>' in page
    assert "<strong>0.46 FTE</strong> at 40 hours a week" in page
    assert (
        '<td class="numeric assessment-hours" data-label="Hours a week"><strong>6.1</strong></td>'
    ) in page
    # Capacity 31 is weak: its advice points at this estimate.
    assert "size the team with this assessment&#x27;s staffing estimate" in page
    # The team spends 12 hours now: 18.5 - 12 = 6.5 more.
    assert "the plan needs <strong>6.5 more</strong>" in page
    # The admin's buttons are not a member's.
    assert reverse("toolkit:assessment_pdf", args=[take.public_id]) in page
    assert "Save these assumptions" not in page
    assert "Take it again" not in page


def test_recommendations_link_to_what_exists_and_fall_back_to_advice(client, member_org, take):
    policy_guide = make_resource(title="Writing a social media policy", topics=("policy-legal",))
    make_resource(title="A draft on approvals", topics=("policy-legal",), status="draft")
    roi = make_resource(title="Reporting ROI to the board", topics=("measurement-roi",))
    client.force_login(member_org[1])

    page = client.get(result_url(take)).content.decode()

    weak = page[page.index('id="next-title"') : page.index('id="staffing"')]
    assert weak.index("<h3>Capacity") < weak.index("<h3>Governance") < weak.index("<h3>Measurement")
    assert "Strategy" not in weak and "Skills" not in weak  # 70 and 94: not weak
    governance = weak[weak.index("<h3>Governance") : weak.index("<h3>Measurement")]
    assert reverse("library:resource", args=[policy_guide.slug]) in governance
    assert "A draft on approvals" not in page
    measurement = weak[weak.index("<h3>Measurement") :]
    assert reverse("library:resource", args=[roi.slug]) in measurement
    # Capacity has nothing from the center on its topics here: the advice alone.
    capacity = weak[weak.index("<h3>Capacity") : weak.index("<h3>Governance")]
    assert "Name one person who owns social media" in capacity
    assert "From the center" not in capacity
    assert reverse("coaching:home") in weak


def test_the_admin_may_retake_and_save_the_staffing(client, member_org, take):
    client.force_login(member_org[1])

    page = client.get(result_url(take)).content.decode()

    assert "Save these assumptions" in page
    assert reverse("toolkit:assessment_step", args=[take.organization.public_id, 1]) in page


def _staffing_post(assessment, **changes) -> dict:
    data = {
        k: "" if v is None else str(v) for k, v in staffing_initial(assessment.staffing).items()
    }
    return data | {k: str(v) for k, v in changes.items()}


def test_htmx_recalculates_without_saving(client, member_org, take):
    client.force_login(member_org[2])
    # 2 a day on X instead of 1: 14 posts × (15 + 10 + 4 × 3) min + 105 = 623 min;
    # the week: Facebook 365 + X 623 + YouTube (1212/13 + 105) = 15421/13 min = 1186.2 min
    # = 19.77 h, + 3 h planning = 22.77 → 22.8 h
    response = client.post(
        staffing_url(take), _staffing_post(take, x_count=2), headers={"HX-Request": "true"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith('<div id="staffing-figures"')
    assert '<span class="stat">22.8 hours a week</span>' in page
    assert "Recalculated, not saved yet" in page
    take.refresh_from_db()
    assert take.staffing_hours == Decimal("18.5")


def test_recalculate_without_script_draws_the_page_again(client, member_org, take):
    client.force_login(member_org[2])

    response = client.post(
        staffing_url(take), _staffing_post(take, planning_hours=13, recalculate=1)
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "<!DOCTYPE html>" in page
    # 18.454 h - 3 h + 13 h = 28.454 → 28.5 h; 28.454 / 40 = 0.711 → 0.71 FTE
    assert '<span class="stat">28.5 hours a week</span>' in page
    assert "<strong>0.71 FTE</strong>" in page


def test_the_admin_saves_the_assumptions(client, member_org, take):
    client.force_login(member_org[1])

    response = client.post(staffing_url(take), _staffing_post(take, fte_hours=36, save=1))

    assert response["Location"] == result_url(take) + "#staffing"
    take.refresh_from_db()
    # 18.454 h / 36 = 0.5126 → 0.51
    assert (take.staffing_hours, take.staffing_fte) == (Decimal("18.5"), Decimal("0.51"))
    assert take.staffing["fte_hours"] == 36
    assert AuditEvent.objects.filter(action="toolkit.assessment.staffing_changed").count() == 1


def test_a_member_may_recalculate_but_not_save(client, member_org, take):
    client.force_login(member_org[2])

    response = client.post(staffing_url(take), _staffing_post(take, fte_hours=36, save=1))

    assert response.status_code == 403
    take.refresh_from_db()
    assert take.staffing["fte_hours"] == 40


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"facebook_count": 10_000, "facebook_period": "day"},
            "Facebook: 10,000 posts a day is more than any team can write, approve and answer.",
        ),
        ({"approval_minutes": -5}, "Approval per post: give a whole number from 0 to 240"),
        ({"comments_per_post": 10**15}, "give a whole number from 0 to 500 (comments)"),
        ({"youtube_draft_minutes": 0}, "YouTube: minutes to make one post are a whole number"),
        ({"monitoring_days": "seven"}, "Days a week someone watches: give a whole number"),
        ({"fte_hours": ""}, "Hours of one full-time person: enter a number (10 to 60)."),
    ],
)
def test_absurd_assumptions_are_refused_beside_the_field_and_nothing_is_saved(
    client, member_org, take, changes, message
):
    client.force_login(member_org[1])

    response = client.post(staffing_url(take), _staffing_post(take, save=1, **changes))
    live = client.post(
        staffing_url(take), _staffing_post(take, **changes), headers={"HX-Request": "true"}
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'class="field-error"' in response.content.decode()
    assert message in live.content.decode()
    assert "Not recalculated: fix these first." in live.content.decode()
    take.refresh_from_db()
    assert take.staffing_hours == Decimal("18.5")
    assert not AuditEvent.objects.filter(action="toolkit.assessment.staffing_changed").exists()


def test_the_history_shows_every_take_with_a_chart_and_the_progress(client, member_org, take):
    client.force_login(member_org[2])
    url = reverse("toolkit:assessment_history", args=[take.organization.public_id])

    page = client.get(url).content.decode()

    assert "Up 32 points in governance since March 2025" in page
    assert '<svg class="line-chart"' in page
    assert page.count('<polyline class="chart-line"') == 5
    assert "Mar 10, 2025" in page
    assert '<td class="numeric" data-label="Governance">14</td>' in page
    assert '<td class="numeric" data-label="Governance">46</td>' in page
    # 18.5 hours (test_staffing), 0.46 FTE; level 2 of 4 for 58.
    assert '<td data-label="Overall"><strong>58</strong> · Level 2 of 4: Developing</td>' in page
    assert '<td data-label="Staffing">18.5 hours a week (0.46 FTE)</td>' in page
    assert "Take the assessment again" not in page  # a member reads; the admin takes it


def test_the_history_of_an_organization_without_takes(client, member_org):
    organization, admin, _ = member_org
    client.force_login(admin)

    page = client.get(reverse("toolkit:assessment_history", args=[organization.public_id]))

    assert "No assessment saved for" in page.content.decode()
    assert "Take the full assessment" in page.content.decode()


def test_another_organizations_results_are_404(client, member_org, take, org_b):
    client.force_login(org_b[1])
    for url in (
        result_url(take),
        reverse("toolkit:assessment_pdf", args=[take.public_id]),
        reverse("toolkit:assessment_history", args=[take.organization.public_id]),
    ):
        assert client.get(url).status_code == 404
    assert client.post(staffing_url(take), _staffing_post(take, save=1)).status_code == 404


# --- queries ----------------------------------------------------------------------------------


@pytest.mark.parametrize("earlier_takes", [1, 4])
def test_the_result_page_makes_the_same_queries_whatever_the_history(
    client, member_org, earlier_takes, django_assert_num_queries
):
    organization, admin, _ = member_org
    for days in range(earlier_takes):
        make_assessment(organization, taken_at=MARCH - timedelta(days=30 * days))
    latest = make_assessment(organization)
    client.force_login(admin)

    with django_assert_num_queries(22):
        assert client.get(result_url(latest)).status_code == 200


@pytest.mark.parametrize("takes", [2, 6])
def test_the_history_page_makes_the_same_queries_whatever_the_takes(
    client, member_org, takes, django_assert_num_queries
):
    organization, admin, _ = member_org
    for days in range(takes):
        make_assessment(organization, taken_at=MARCH + timedelta(days=30 * days), taken_by=admin)
    client.force_login(admin)
    url = reverse("toolkit:assessment_history", args=[organization.public_id])

    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200
