"""Staff's review pages: the queue (the longest waiting first, counts by status, in a fixed
number of queries however long), one contribution read as it would be published with the
decision form, each decision's outcome, a note required where it must be, a second decision
refused (409), and the dashboard panels."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from socialrx.library.models import Resource
from socialrx.library.panels_contributions import member_contributions, staff_reviews
from socialrx.library.services.contribution_reviews import request_changes
from tests.library.contributions_support import (
    draft_case_study,
    draft_resource,
    submitted_resource,
)
from tests.library.factories import member_org

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

QUEUE = reverse("library:staff_reviews")


@pytest.fixture
def member():
    return member_org("Riverside Regional Medical Center")


def review_url(resource) -> str:
    return reverse("library:staff_review", args=[resource.public_id])


def submitted_days_ago(days: int, person, organization, title: str):
    """Submitted `days` ago: the queue's "waiting since" is when it was last written."""
    resource = submitted_resource(person, organization, title=title)
    Resource.objects.filter(pk=resource.pk).update(updated_at=timezone.now() - timedelta(days=days))
    return resource


def test_the_queue_lists_the_longest_waiting_first(client, staff, member):
    organization, _admin, person = member
    submitted_days_ago(1, person, organization, "Newer checklist")
    submitted_days_ago(5, person, organization, "Older checklist")
    draft_resource(person, organization, title="Unsent draft")
    client.force_login(staff)

    page = client.get(QUEUE).content.decode()

    assert page.index("Older checklist") < page.index("Newer checklist")
    assert "Unsent draft" not in page
    assert "<dt>Waiting for review</dt><dd>2</dd>" in page
    assert "<dt>Drafts</dt><dd>1</dd>" in page


def test_members_may_not_open_the_queue(client, member):
    client.force_login(member[1])

    assert client.get(QUEUE).status_code == 403


@pytest.mark.parametrize("size", [1, 3])
def test_the_queue_takes_the_same_queries_whatever_its_length(
    client, staff, member, size, django_assert_num_queries
):
    organization, _admin, person = member
    for number in range(size):
        resource = submitted_resource(person, organization, title=f"Checklist {number}")
        request_changes(actor=staff, resource=resource, note="Shorter, please.")
        submitted_resource(person, organization, title=f"Guide {number}")
    client.force_login(staff)
    client.get(QUEUE)  # the session and the person's roles are cached alike for both sizes

    with django_assert_num_queries(6):
        response = client.get(QUEUE)

    assert response.status_code == 200


def test_the_review_page_shows_the_contribution_as_published(client, staff, member):
    organization, _admin, person = member
    resource = draft_case_study(person, organization)
    client.force_login(staff)

    page = client.get(review_url(resource)).content.decode()

    assert "<h2>Goal</h2>" in page
    assert ">+350%</td>" in page
    assert "Contributed by Riverside Regional Medical Center" in page
    assert "Not waiting for review: it is draft." in page  # a draft is not decided


def test_approving_from_the_page_publishes_it(client, staff, member):
    organization, _admin, person = member
    resource = submitted_resource(person, organization)
    client.force_login(staff)

    response = client.post(review_url(resource), {"decision": "approved", "access": "public"})

    assert (response.status_code, response.url) == (302, QUEUE)
    resource.refresh_from_db()
    assert (resource.status, resource.access) == ("published", "public")
    page = client.get(QUEUE).content.decode()
    assert "is published, credited to Riverside Regional Medical Center." in page


def test_requesting_changes_without_a_note_is_refused_beside_it(client, staff, member):
    organization, _admin, person = member
    resource = submitted_resource(person, organization)
    client.force_login(staff)

    response = client.post(
        review_url(resource), {"decision": "changes_requested", "access": "member", "note": ""}
    )

    assert response.status_code == 400
    assert "Say what the contributor should change." in response.content.decode()
    resource.refresh_from_db()
    assert resource.status == "submitted"


def test_a_second_decision_is_refused_with_409(client, staff, member):
    organization, _admin, person = member
    resource = submitted_resource(person, organization)
    client.force_login(staff)
    client.post(review_url(resource), {"decision": "rejected", "note": "Out of scope."})

    again = client.post(review_url(resource), {"decision": "approved", "access": "public"})

    assert again.status_code == 409
    resource.refresh_from_db()
    assert resource.status == "rejected"


def test_an_unknown_contribution_is_not_found(client, staff):
    client.force_login(staff)

    response = client.get(
        reverse("library:staff_review", args=["6f1c0f3e-5c57-4b8e-9a55-000000000000"])
    )

    assert response.status_code == 404


# --- dashboard panels ------------------------------------------------------------------------


def panel_request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


@pytest.mark.parametrize("size", [1, 3])
def test_the_staff_panel_counts_the_waiting_and_names_the_oldest(
    staff, member, size, django_assert_num_queries
):
    organization, _admin, person = member
    oldest = submitted_days_ago(9, person, organization, "Oldest checklist")
    for number in range(size - 1):
        submitted_days_ago(2, person, organization, f"Checklist {number}")
    request = panel_request(staff)

    with django_assert_num_queries(2):
        context = staff_reviews(request)

    assert context["waiting"].count == size
    assert context["waiting"].oldest == oldest
    assert context["oldest_url"] == review_url(oldest)


def test_the_staff_panel_is_left_out_for_members(member):
    assert staff_reviews(panel_request(member[2])) is None


def test_the_member_panel_lists_what_they_can_act_on(staff, member):
    organization, _admin, person = member
    sent_back = submitted_resource(person, organization, title="Sent back")
    request_changes(actor=staff, resource=sent_back, note="Add a source.")
    submitted_resource(person, organization, title="Waiting")
    draft_resource(person, organization, title="Draft")

    context = member_contributions(panel_request(person))

    assert [r.title for r in context["contributions"]] == ["Draft", "Sent back"]


def test_the_member_panel_is_left_out_when_nothing_waits_for_them(member):
    assert member_contributions(panel_request(member[2])) is None
