"""The clause back office's pages: the list by section with overdue reviews flagged, writing a
clause (an unknown placeholder is refused beside the text, nothing saved), changing one (a new
version is published, its history and preview shown), marking one reviewed; staff only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from socialrx.core.calendar import center_today
from socialrx.toolkit.models import ClauseTemplate
from tests.toolkit.factories import make_clause

pytestmark = pytest.mark.django_db

LIST = "/staff/toolkit/clauses/"


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def _form(**changes) -> dict:
    today = center_today()
    values = {
        "title": "Response times",
        "slug": "response-times",
        "section": "moderation",
        "position": "10",
        "condition": "after_hours_monitoring",
        "body": "Answered within {{ response_hours }} hours.",
        "reviewed_on": today.isoformat(),
        "review_due": (today + timedelta(days=365)).isoformat(),
        "is_active": "on",
        "change_note": "",
    }
    values.update(changes)
    return values


def test_the_list_shows_each_section_and_flags_overdue_reviews(staff_client):
    today = center_today()
    make_clause(
        "old-archive",
        "records",
        "Exports monthly.",
        title="How records are archived",
        reviewed_on=today - timedelta(days=400),
        review_due=today - timedelta(days=35),
    )
    make_clause("fresh", "crisis", "Report at once.", title="Reporting a crisis")
    response = staff_client.get(LIST)
    assert response.status_code == 200
    assert reverse("toolkit:staff_clauses") == LIST
    assertContains(response, "1 clause overdue for review.")
    assertContains(response, "How records are archived")
    assertContains(response, '<span class="badge badge-danger">Review overdue</span>', count=1)
    assertContains(response, "8. Records retention")
    # Sections still without a clause are named, since no policy can be assembled without one.
    assertContains(response, "No clause yet: organizations cannot assemble a policy", count=8)


def test_writing_a_clause_publishes_version_1(staff_client):
    response = staff_client.post(f"{LIST}new/", _form())
    clause = ClauseTemplate.objects.get(slug="response-times")
    assert response.status_code == 302
    assert response["Location"] == reverse("toolkit:staff_clause_edit", args=[clause.public_id])
    page = staff_client.get(response["Location"])
    assertContains(page, "“Response times” is published as version 1.")
    assertContains(page, "Version 1")
    # The preview fills the placeholder with the builder's example answer.
    assertContains(page, "<p>Answered within 4 hours.</p>", html=True)


def test_an_unknown_placeholder_is_refused_beside_the_text(staff_client):
    response = staff_client.post(f"{LIST}new/", _form(body="Approved by {{ approver }}."))
    assert response.status_code == 400
    assertContains(response, "Unknown placeholder {{ approver }}.", status_code=400)
    assert not ClauseTemplate.objects.exists()


def test_script_in_a_clause_is_refused(staff_client):
    response = staff_client.post(f"{LIST}new/", _form(body="Hi <script>alert(1)</script>"))
    assertContains(
        response, "HTML tags (such as &lt;script&gt; or &lt;b&gt;) are not allowed", status_code=400
    )
    assert not ClauseTemplate.objects.exists()


def test_changing_the_wording_publishes_the_next_version(staff_client, staff):
    clause = make_clause(
        "response-times", "moderation", "Answered within {{ response_hours }} hours."
    )
    url = reverse("toolkit:staff_clause_edit", args=[clause.public_id])
    response = staff_client.post(
        url,
        _form(
            body="Answered within {{ response_hours }} working hours.", change_note="Working hours."
        ),
    )
    assert response.status_code == 302
    page = staff_client.get(url)
    assertContains(page, "Version 2 is published: new policies use it from now on.")
    assertContains(page, "Working hours.")
    assertContains(page, "used by 0 policy versions", count=2)
    clause.refresh_from_db()
    assert clause.version == 2


def test_marking_a_clause_reviewed(staff_client):
    today = center_today()
    clause = make_clause(
        "old",
        "records",
        "Kept.",
        reviewed_on=today - timedelta(days=400),
        review_due=today - timedelta(days=35),
    )
    response = staff_client.post(reverse("toolkit:staff_clause_reviewed", args=[clause.public_id]))
    assert response.status_code == 302
    clause.refresh_from_db()
    assert clause.reviewed_on == today
    assert clause.review_due == today + timedelta(days=365)
    assertNotContains(staff_client.get(LIST), '<span class="badge badge-danger">Review overdue')


def test_an_unknown_clause_is_404(staff_client):
    url = reverse("toolkit:staff_clause_edit", args=["6f1b2c3d-0000-4000-8000-000000000000"])
    assert staff_client.get(url).status_code == 404


def test_people_who_are_not_staff_are_refused(client, org_a):
    client.force_login(org_a[1])
    assert client.get(LIST).status_code == 403
    assert client.post(f"{LIST}new/", _form()).status_code == 403
    assert not ClauseTemplate.objects.exists()
