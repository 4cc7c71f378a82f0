"""The toolkit pages `make bench` measures (`toolkit.bench.PAGES`): found in the data, the bench
member's organization's own (never another's), skipped when the data has none, and answering
200 for their visitor on the seed-scale data."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import resolve
from django.utils import timezone

from socialrx.membership.selectors import first_member_admin_id
from socialrx.toolkit import bench
from socialrx.toolkit.models import Assessment, ExecutiveBrief, PolicyVersion
from tests.factories import org_with_admin
from tests.toolkit.factories import (
    assembled_policy,
    make_assessment,
    make_brief,
    make_check_member,
    make_clause_per_section,
)

# Seeding at size S, app by app: data-heavy, so CI runs it on the PostgreSQL pass only
# (tests/core/test_seed_scale.py covers the loader's SQLite paths on both).
pytestmark = [pytest.mark.integration, pytest.mark.slow]


def pages() -> dict[str, str | None]:
    return {page.name: page.url() for page in bench.PAGES}


def test_the_pages_of_the_members_organization_are_skipped_when_it_has_none(db):
    organization, _ = org_with_admin()
    make_check_member(organization)
    others, _ = org_with_admin()
    make_assessment(others)  # another organization's take is never measured

    assert pages() == {
        "Toolkit home": "/toolkit/",
        "Post safety checker": "/toolkit/check/",
        "Assessment result (signed-in member)": None,
        "Assessment history (signed-in member)": None,
        "Policy version (signed-in member)": None,
        "Executive brief (signed-in member)": None,
    }


def test_the_members_latest_take_policy_version_and_brief_are_measured(db):
    organization, admin = org_with_admin()
    make_check_member(organization)
    others, _ = org_with_admin()
    assert first_member_admin_id() == admin.pk
    now = timezone.now()
    make_assessment(organization, taken_at=now - timedelta(days=200), taken_by=admin)
    latest = make_assessment(organization, taken_at=now - timedelta(days=20), taken_by=admin)
    make_assessment(others, taken_at=now - timedelta(days=1))  # newer, not the member's
    make_clause_per_section()
    policy, first = assembled_policy(organization, admin)
    second = PolicyVersion.objects.create(
        policy=policy,
        number=2,
        sections=first.sections,
        answers=first.answers,
        organization_name=organization.name,
    )
    make_brief(organization, drawn_by=admin)
    newest = make_brief(organization, drawn_by=admin)
    make_brief(others)

    assert pages() == {
        "Toolkit home": "/toolkit/",
        "Post safety checker": "/toolkit/check/",
        "Assessment result (signed-in member)": (
            f"/toolkit/assessment/results/{latest.public_id}/"
        ),
        "Assessment history (signed-in member)": (
            f"/toolkit/assessment/organizations/{organization.public_id}/"
        ),
        "Policy version (signed-in member)": (
            f"/toolkit/policies/{policy.public_id}/versions/{second.number}/"
        ),
        "Executive brief (signed-in member)": f"/toolkit/briefs/{newest.public_id}/",
    }


def test_the_pages_are_found_in_the_seed_scale_data_and_answer_their_visitor(db, client):
    call_command("seed_scale", size="S", stdout=StringIO())
    member = get_user_model().objects.get(pk=first_member_admin_id())
    organization_ids = set(member.seats.values_list("organization_id", flat=True))
    found = pages()

    assert {name: resolve(url).url_name for name, url in found.items()} == {
        "Toolkit home": "home",
        "Post safety checker": "check",
        "Assessment result (signed-in member)": "assessment_result",
        "Assessment history (signed-in member)": "assessment_history",
        "Policy version (signed-in member)": "policy_version",
        "Executive brief (signed-in member)": "brief",
    }
    # The member's organization took the assessment three times: the history lists them all.
    latest = Assessment.objects.filter(organization_id__in=organization_ids).order_by("-taken_at")
    assert latest.count() == 3
    assert str(latest.first().public_id) in found["Assessment result (signed-in member)"]
    brief = ExecutiveBrief.objects.get(organization_id__in=organization_ids)
    assert found["Executive brief (signed-in member)"] == f"/toolkit/briefs/{brief.public_id}/"
    for page in bench.PAGES:
        if page.visitor == "member":
            client.force_login(member)
        else:
            client.logout()
        response = client.get(page.url(), secure=True)
        assert response.status_code == 200, page.name
