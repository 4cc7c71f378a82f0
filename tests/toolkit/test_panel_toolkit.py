"""The dashboard's toolkit panel: each of the person's organizations with its latest
assessment, policy, checks saved in the last 90 days and latest brief, with links; left out
when there is nothing to show; the same queries however many organizations and rows."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from socialrx.toolkit.models import Assessment, Policy, PolicyVersion
from socialrx.toolkit.panels import organization_toolkit
from tests.factories import SeatFactory, UserFactory, org_with_admin
from tests.toolkit.factories import SavedCheckFactory, make_brief

pytestmark = pytest.mark.django_db

TEMPLATE = "toolkit/panels/toolkit.html"
STAFFING = {
    "platforms": {"facebook": {"count": 3, "period": "week", "draft_minutes": 30}},
    "approval_minutes": 10, "comments_per_post": 4, "response_minutes": 3,
    "monitoring_minutes": 15, "monitoring_days": 7, "planning_hours": 3, "fte_hours": 40,
}  # fmt: skip


def _panel(user):
    request = RequestFactory().get("/dashboard/")
    request.user = user
    return organization_toolkit(request)


def _assessment(organization, *, overall: int, days_ago: int) -> Assessment:
    return Assessment.objects.create(
        organization=organization,
        taken_at=timezone.now() - timedelta(days=days_ago),
        strategy_score=overall, governance_score=overall, capacity_score=overall,
        skills_score=overall, measurement_score=overall, overall_score=overall,
        staffing=STAFFING, staffing_hours=Decimal("10.0"), staffing_fte=Decimal("0.25"),
    )  # fmt: skip


def _policy(organization, *, adopted: dict[int, date | None]) -> Policy:
    policy = Policy.objects.create(organization=organization)
    for number, adopted_on in adopted.items():
        PolicyVersion.objects.create(
            policy=policy, number=number, organization_name=organization.name,
            adopted_on=adopted_on,
        )  # fmt: skip
    return policy


def test_nothing_to_show_for_a_person_without_an_organization():
    assert _panel(UserFactory()) is None


def test_nothing_to_show_while_no_organization_has_used_a_tool():
    _, admin = org_with_admin()
    assert _panel(admin) is None


def test_each_organization_with_where_it_stands():
    riverside, admin = org_with_admin(name="Riverside Regional Medical Center")
    lakeside, _ = org_with_admin(name="Lakeside Family Physicians")
    SeatFactory(organization=lakeside, user=admin)
    _assessment(riverside, overall=35, days_ago=200)
    latest = _assessment(riverside, overall=64, days_ago=5)
    policy = _policy(riverside, adopted={1: date(2025, 3, 3), 2: None})
    SavedCheckFactory(organization=riverside)
    SavedCheckFactory(organization=riverside)
    SavedCheckFactory(organization=riverside, saved_at=timezone.now() - timedelta(days=120))
    make_brief(riverside)
    brief = make_brief(riverside)
    _policy(lakeside, adopted={})

    rows = _panel(admin)["rows"]

    assert [row.organization for row in rows] == [lakeside, riverside]
    lake, river = rows
    assert (lake.assessment_id, lake.recent_checks, lake.brief_id) == (None, 0, None)
    assert lake.policy_status == "Being written"
    assert river.assessment_id == latest.public_id
    assert (river.assessment_score, river.maturity.name) == (64, "Established")
    assert river.policy_status == "Version 1 adopted Mar 3, 2025; version 2 not adopted yet"
    assert river.policy_id == policy.public_id
    assert river.recent_checks == 2
    assert river.brief_id == brief.public_id


def test_the_panel_on_the_dashboard_links_to_each_tool(client):
    riverside, admin = org_with_admin(name="Riverside Regional Medical Center")
    assessment = _assessment(riverside, overall=64, days_ago=5)
    brief = make_brief(riverside)
    lakeside, _ = org_with_admin(name="Lakeside Family Physicians")
    SeatFactory(organization=lakeside, user=admin)
    policy = _policy(lakeside, adopted={1: date(2025, 3, 3)})
    client.force_login(admin)

    response = client.get(reverse("dashboard"))

    assert [s["panel"].template for s in response.context["panels"]].count(TEMPLATE) == 1
    page = response.content.decode()
    assert "Established (64 of 100)" in page
    assert reverse("toolkit:assessment_result", args=[assessment.public_id]) in page
    assert reverse("toolkit:brief", args=[brief.public_id]) in page
    assert reverse("toolkit:check_history", args=[riverside.public_id]) in page
    assert reverse("toolkit:policies") in page  # Riverside has no policy: where to build one
    assert reverse("toolkit:policy", args=[policy.public_id]) in page
    assert "Version 1 adopted Mar 3, 2025" in page


@pytest.mark.parametrize("organizations", [1, 4])
def test_the_same_two_queries_however_many_organizations_and_rows(
    organizations, django_assert_num_queries
):
    """The person's seats (cached for the request afterwards), then one query for every
    organization's rows."""
    person = UserFactory()
    for number in range(organizations):
        organization, _ = org_with_admin(name=f"Hospital {number}")
        SeatFactory(organization=organization, user=person)
        for days_ago in range(number + 1):
            _assessment(organization, overall=50 + number, days_ago=days_ago + 1)
            SavedCheckFactory(organization=organization)
            make_brief(organization)
        _policy(organization, adopted={1: date(2025, 1, 1), 2: None})

    with django_assert_num_queries(2):
        context = _panel(person)

    assert len(context["rows"]) == organizations
