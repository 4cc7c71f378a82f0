"""The coach's dashboard panel: the next five sessions on the coach's own clock, sessions over
and still to record, the active engagements they coach and their open action items; five
queries whatever the data."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.template.loader import render_to_string
from django.test import RequestFactory

from socialrx.coaching.panels import coach as coach_panel
from tests.coaching.factories import (
    make_action_item,
    make_coach,
    make_engagement,
    make_session,
    member_org,
)
from tests.factories import UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

NOW = datetime(2030, 3, 6, 18, 0, tzinfo=UTC)  # Wed, Mar 6, 2030, 11:00 AM in Denver (MST)
THU_16 = datetime(2030, 3, 7, 16, 0, tzinfo=UTC)  # Thu, 9:00 AM MST


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def request_of(user):
    request = RequestFactory().get("/dashboard/")
    request.user = user
    return request


def panel_of(user, django_assert_num_queries, queries=5):
    with django_assert_num_queries(queries):
        return coach_panel(request_of(user))


@pytest.fixture
def coach():
    # The profile's clock (Denver) is the coach's, whatever the account's (Chicago).
    return make_coach(full_name="Dana Whitfield", time_zone="America/Denver")


@pytest.fixture
def engagement(coach):
    organization, _, _ = member_org("Riverside Regional Medical Center")
    return make_engagement(organization, [coach], title="Physician video series")


def test_not_a_coach_no_panel(django_assert_num_queries):
    assert panel_of(UserFactory(), django_assert_num_queries, queries=0) is None


def test_a_new_coach_sees_an_empty_panel_with_their_availability(coach, django_assert_num_queries):
    context = panel_of(coach.user, django_assert_num_queries)

    assert context["upcoming"] == []
    assert context["to_record"] == []
    assert context["active_count"] == 0
    assert (context["open_items"], context["overdue_items"]) == (0, 0)
    html = render_to_string("coaching/panels/coach.html", context)
    assert "No session booked." in html
    assert 'href="/coaching/coach/availability/"' in html


def test_the_next_five_sessions_on_the_coachs_clock(coach, engagement, django_assert_num_queries):
    sessions = [
        make_session(engagement, coach=coach, starts_at=THU_16 + timedelta(days=day))
        for day in (6, 0, 1, 5, 7, 2)
    ]
    make_session(engagement, coach=coach, starts_at=THU_16 + timedelta(days=3), status="cancelled")

    context = panel_of(coach.user, django_assert_num_queries)

    upcoming = context["upcoming"]
    assert [line.session for line in upcoming] == [sessions[i] for i in (1, 2, 5, 3, 0)]
    first = upcoming[0]
    assert first.when == "Thu, Mar 7, 9:00–10:00 AM MST"
    assert first.organization == "Riverside Regional Medical Center"
    assert first.url == f"/coaching/sessions/{sessions[1].public_id}/"
    # Daylight saving starts on Sunday, March 10: the session of Tue, Mar 12 is at 10:00 MDT.
    assert upcoming[3].when == "Tue, Mar 12, 10:00–11:00 AM MDT"
    html = render_to_string("coaching/panels/coach.html", context)
    assert "Times in your zone (America/Denver)." in html
    assert "Review the draft posting calendar." in html


def test_sessions_over_and_still_booked_are_to_record(coach, engagement, django_assert_num_queries):
    to_record = make_session(engagement, coach=coach, starts_at=NOW - timedelta(days=2))
    make_session(engagement, coach=coach, starts_at=NOW - timedelta(days=1), status="held")
    in_progress = make_session(
        engagement, coach=coach, starts_at=NOW - timedelta(minutes=30), minutes=60
    )

    context = panel_of(coach.user, django_assert_num_queries)

    assert [line.session for line in context["to_record"]] == [to_record]
    assert context["to_record_count"] == 1
    assert context["to_record"][0].url == f"/coaching/sessions/{to_record.public_id}/record/"
    assert [line.session for line in context["upcoming"]] == [in_progress]
    html = render_to_string("coaching/panels/coach.html", context)
    assert f'href="/coaching/sessions/{to_record.public_id}/record/"' in html


def test_only_the_first_five_to_record_are_listed_with_how_many_more(
    coach, engagement, django_assert_num_queries
):
    for day in range(7):
        make_session(engagement, coach=coach, starts_at=NOW - timedelta(days=day + 1))

    context = panel_of(coach.user, django_assert_num_queries)

    assert len(context["to_record"]) == 5
    assert (context["to_record_count"], context["to_record_more"]) == (7, 2)
    html = render_to_string("coaching/panels/coach.html", context)
    assert "and 2 more" in html


def test_active_engagements_they_coach_and_their_open_action_items(
    coach, engagement, django_assert_num_queries
):
    other_org, _, _ = member_org("Lakeside Family Physicians")
    second = make_engagement(other_org, [coach], title="Crisis readiness")
    proposed = make_engagement(other_org, [coach], status="proposed", title="Recruitment")
    completed = make_engagement(other_org, [coach], status="completed", title="Old work")
    make_engagement(other_org, [make_coach()], title="Someone else's")
    make_action_item(engagement, due_in_days=3)
    make_action_item(engagement, due_in_days=-1)  # overdue
    make_action_item(second, due_in_days=-5)  # overdue
    make_action_item(proposed, due_in_days=10)
    make_action_item(engagement, due_in_days=-9, done_at=NOW)  # done
    make_action_item(completed, due_in_days=-9)  # a completed engagement's

    context = panel_of(coach.user, django_assert_num_queries)

    assert [e.title for e, _ in context["engagements"]] == [
        "Crisis readiness",
        "Physician video series",
    ]
    assert context["active_count"] == 2
    assert context["engagements"][1][1] == f"/coaching/engagements/{engagement.public_id}/"
    assert (context["open_items"], context["overdue_items"]) == (4, 2)
    html = render_to_string("coaching/panels/coach.html", context)
    assert '<span class="badge badge-danger">2 overdue</span>' in html


@pytest.mark.parametrize("count", [1, 6])
def test_the_panel_takes_five_queries_however_many(
    coach, engagement, count, django_assert_num_queries
):
    for number in range(count):
        organization, _, _ = member_org(f"Organization {number}")
        other = make_engagement(organization, [coach], title=f"Engagement {number}")
        make_session(other, coach=coach, starts_at=THU_16 + timedelta(days=number))
        make_session(other, coach=coach, starts_at=NOW - timedelta(days=number + 1))
        make_action_item(other, due_in_days=-1)

    # The coach's zone, upcoming sessions, sessions to record, engagements, action items.
    context = panel_of(coach.user, django_assert_num_queries, queries=5)

    assert len(context["upcoming"]) == min(count, 5)
    assert context["active_count"] == count + 1
