"""The staff dashboard's training panel: the back office's waiting work, in a fixed number of
queries, shown to center staff only."""

import pytest
from django.test import RequestFactory

from socialrx.training.models import Registration
from socialrx.training.panels import staff_queue
from socialrx.training.services.boot_camp_registration import book
from tests.factories import org_with_admin
from tests.training.factories import make_boot_camp, make_course
from tests.training.onsite_factories import frozen, proposed, requested

pytestmark = pytest.mark.integration


def _panel(user, django_assert_num_queries):
    request = RequestFactory().get("/dashboard/")
    request.user = user
    with django_assert_num_queries(3):
        return staff_queue(request)


def test_counts_the_requests_to_propose_answers_awaited_refunds_due_and_drafts(
    staff, django_assert_num_queries
):
    with frozen():
        first, first_admin = org_with_admin(name="Riverside Regional Medical Center")
        second, second_admin = org_with_admin(name="Lakeside Family Physicians")
        third, third_admin = org_with_admin(name="North Star Health System")
        requested(first, first_admin)
        requested(second, second_admin)
        proposed(third, third_admin, staff)
    make_course(title="Drafted course", published=False)
    make_course(title="Published course")
    camp = make_boot_camp(capacity=5)
    booking = book(staff, camp, [staff])
    Registration.objects.filter(booking=booking).update(refund_due_cents=120_000)

    assert _panel(staff, django_assert_num_queries) == {
        "to_propose": 2,
        "awaiting_answer": 1,
        "refunds_due": 1,
        "drafts": 1,
    }


def test_an_empty_back_office_shows_zeros(staff, django_assert_num_queries):
    assert _panel(staff, django_assert_num_queries) == {
        "to_propose": 0,
        "awaiting_answer": 0,
        "refunds_due": 0,
        "drafts": 0,
    }


def test_the_dashboard_shows_it_to_staff_and_not_to_members(client, staff, org_a):
    client.force_login(staff)
    assert "On-site requests to propose" in client.get("/dashboard/").content.decode()
    _, _, member = org_a
    client.force_login(member)
    assert "On-site requests to propose" not in client.get("/dashboard/").content.decode()
