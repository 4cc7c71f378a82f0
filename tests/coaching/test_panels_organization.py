"""The organization's coaching panel: each proposed or active engagement of the person's
organizations with its next session on the person's clock, its first three open action items
(overdue marked), its hours left (warned at 80 % and 100 %) and "Book a session" while active;
nothing for people of no engaged organization; ten queries whatever the data (three of
them read the organizations' membership years: the plan hours they still hold)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.template.loader import render_to_string
from django.test import RequestFactory

from socialrx.coaching.models import HoursUse
from socialrx.coaching.panels import organization as organization_panel
from tests.coaching.factories import (
    make_action_item,
    make_coach,
    make_engagement,
    make_session,
    member_org,
)
from tests.factories import SeatFactory, StaffFactory, UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

NOW = datetime(2030, 3, 6, 18, 0, tzinfo=UTC)  # Wed, Mar 6, 2030, 1:00 PM in New York (EST)
THU_15 = datetime(2030, 3, 7, 15, 0, tzinfo=UTC)  # Thu, 10:00 AM EST


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def request_of(user):
    request = RequestFactory().get("/dashboard/")
    request.user = user
    return request


def panel_of(user, django_assert_num_queries, queries=10):
    with django_assert_num_queries(queries):
        return organization_panel(request_of(user))


@pytest.fixture
def org():
    organization, admin, member = member_org("Riverside Regional Medical Center")
    member.time_zone = "America/New_York"
    member.save(update_fields=["time_zone"])
    return organization, admin, member


@pytest.fixture
def coach():
    return make_coach(full_name="Dana Whitfield")


@pytest.fixture
def active(org, coach):
    return make_engagement(org[0], [coach], plan_hours=10, title="Physician video series")


def used(engagement, minutes):
    HoursUse.objects.create(
        engagement=engagement, reason="held", minutes=minutes, plan_minutes=minutes
    )


def test_nobody_outside_an_engaged_organization_sees_it(org, active, django_assert_num_queries):
    # No organization at all: their roles (one query), nothing more.
    assert panel_of(UserFactory(), django_assert_num_queries, queries=1) is None
    # Center staff are not the organization's people.
    assert panel_of(StaffFactory(), django_assert_num_queries, queries=1) is None


def test_an_organization_with_only_completed_engagements_sees_nothing(
    coach, django_assert_num_queries
):
    organization, _, member = member_org("Lakeside Family Physicians")
    make_engagement(organization, [coach], status="completed")

    # Their roles, then no open engagement.
    assert panel_of(member, django_assert_num_queries, queries=2) is None


def test_the_next_session_on_the_persons_clock(org, active, coach, django_assert_num_queries):
    later = make_session(active, coach=coach, starts_at=THU_15 + timedelta(days=1))
    first = make_session(active, coach=coach, starts_at=THU_15)
    make_session(active, coach=coach, starts_at=NOW - timedelta(days=1), status="held")

    context = panel_of(org[2], django_assert_num_queries)

    [entry] = context["engagements"]
    assert entry.line.next_session == first
    assert entry.next_when == "Thu, Mar 7, 10:00–11:00 AM EST"
    assert entry.next_url == f"/coaching/sessions/{first.public_id}/"
    assert later != first
    html = render_to_string("coaching/panels/organization.html", context)
    assert "Thu, Mar 7, 10:00–11:00 AM EST</time></a>" in html
    assert "with Dana Whitfield" in html
    assert "Times in your zone (America/New_York)." in html


def test_the_first_three_open_action_items_overdue_marked(org, active, django_assert_num_queries):
    make_action_item(active, title="Draft the comment policy", due_in_days=5)
    make_action_item(active, title="Pick the first two topics", due_in_days=-2)
    make_action_item(active, title="Book the filming room", due_in_days=1)
    make_action_item(active, title="Brief the legal team", due_in_days=9)
    make_action_item(active, title="Already done", due_in_days=-8, done_at=NOW)

    context = panel_of(org[2], django_assert_num_queries)

    [entry] = context["engagements"]
    assert [(line.item.title, line.overdue) for line in entry.items] == [
        ("Pick the first two topics", True),
        ("Book the filming room", False),
        ("Draft the comment policy", False),
    ]
    assert (entry.line.open_items, entry.more_items) == (4, 1)
    html = render_to_string("coaching/panels/organization.html", context)
    assert "(the first 3 of 4)" in html
    assert (
        'Pick the first two topics · due <time datetime="2030-03-04">Mar 4</time> '
        '<span class="badge badge-danger">Overdue</span>'
    ) in html


def test_hours_left_and_book_for_a_member(org, active, coach, django_assert_num_queries):
    used(active, 240)  # 4 h of 10 h
    make_session(active, coach=coach, starts_at=THU_15)  # 1 h booked

    context = panel_of(org[2], django_assert_num_queries)

    [entry] = context["engagements"]
    assert entry.line.allowance.level == "ok"
    assert (entry.hours_left, entry.hours_total, entry.hours_booked) == ("6 h", "10 h", "1 h")
    assert entry.book_url == f"/coaching/engagements/{active.public_id}/book/"
    assert entry.buy_url == ""
    html = render_to_string("coaching/panels/organization.html", context)
    assert "6 h of 10 h" in html
    assert "(1 h booked)" in html
    assert "Book a session</a>" in html


def test_at_80_percent_the_admin_is_warned_and_offered_more_hours(
    org, active, django_assert_num_queries
):
    used(active, 480)  # 8 h of 10 h

    admins = panel_of(org[1], django_assert_num_queries)["engagements"][0]
    members = panel_of(org[2], django_assert_num_queries)["engagements"][0]

    assert admins.line.allowance.level == "warn"
    assert admins.buy_url == f"/coaching/engagements/{active.public_id}/hours/"
    assert members.buy_url == ""  # only an admin buys
    html = render_to_string("coaching/panels/organization.html", {"engagements": [admins]})
    assert '<span class="badge badge-warning">80 % used</span>' in html
    assert "Buy more hours</a>" in html


def test_at_100_percent_all_hours_are_used(org, active, django_assert_num_queries):
    used(active, 600)

    [entry] = panel_of(org[1], django_assert_num_queries)["engagements"]

    html = render_to_string("coaching/panels/organization.html", {"engagements": [entry]})
    assert "0 h of 10 h" in html
    assert '<span class="badge badge-danger">All hours used</span>' in html


def test_a_proposed_engagement_is_shown_without_booking(org, coach, django_assert_num_queries):
    proposed = make_engagement(
        org[0], [coach], status="proposed", title="Recruitment", plan_hours=0
    )

    [entry] = panel_of(org[2], django_assert_num_queries)["engagements"]

    assert entry.line.engagement == proposed
    assert (entry.active, entry.book_url) == (False, "")
    html = render_to_string("coaching/panels/organization.html", {"engagements": [entry]})
    assert '<span class="badge">Proposed</span>' in html
    assert "No hours allotted yet" in html
    assert "None booked" in html
    assert "Book a session" not in html


def test_a_person_of_two_engaged_organizations_sees_both_named(
    org, active, coach, django_assert_num_queries
):
    other, _, _ = member_org("Lakeside Family Physicians")
    SeatFactory(organization=other, user=org[2])
    make_engagement(other, [coach], title="Crisis readiness")

    context = panel_of(org[2], django_assert_num_queries)

    assert [e.line.engagement.title for e in context["engagements"]] == [
        "Crisis readiness",
        "Physician video series",
    ]
    assert context["several_organizations"] is True
    html = render_to_string("coaching/panels/organization.html", context)
    assert '<p class="small muted">Lakeside Family Physicians</p>' in html


@pytest.mark.parametrize("count", [1, 4])
def test_the_panel_takes_ten_queries_however_many(org, coach, count, django_assert_num_queries):
    for number in range(count):
        engagement = make_engagement(org[0], [coach], title=f"Engagement {number}")
        make_session(engagement, coach=coach, starts_at=THU_15 + timedelta(days=number))
        make_session(engagement, coach=coach, starts_at=THU_15 + timedelta(days=number, hours=1))
        for due in range(4):
            make_action_item(engagement, due_in_days=due)
        used(engagement, 60)

    # The person's organizations, engagements, three for the hours, next sessions, items.
    context = panel_of(org[1], django_assert_num_queries, queries=10)

    assert len(context["engagements"]) == count
    assert all(len(entry.items) == 3 for entry in context["engagements"])
    assert all(entry.line.next_session is not None for entry in context["engagements"])
