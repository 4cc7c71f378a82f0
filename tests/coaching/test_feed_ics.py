"""The coach's private calendar feed, parsed back with icalendar: the coach's sessions from 60
days ago on with the invitations' UIDs and SEQUENCEs, cancelled ones as STATUS:CANCELLED, times
in UTC; a wrong or replaced token refused (404); fetches limited per address (429); the fetch
noted at most once a minute; the same queries however many sessions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from icalendar import Calendar

from socialrx.coaching.models import CoachProfile
from socialrx.coaching.services import feeds as feed_services
from tests.coaching.factories import make_coach, make_engagement, make_session, member_org
from tests.factories import CoachFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

NOW = datetime(2027, 1, 11, 0, tzinfo=UTC)
SITE = "https://socialrx.example.org"


@pytest.fixture(autouse=True)
def frozen_clock(settings):
    settings.SITE_URL = SITE
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def coach():
    profile = make_coach(full_name="Morgan Reyes", time_zone="America/Denver")
    return feed_services.reset_feed(actor=profile.user, coach=profile)


@pytest.fixture
def engagement(coach):
    organization, _admin, _member = member_org(name="Riverside Medical Center")
    return make_engagement(organization, [coach], title="Launching the physician video series")


def feed_path(token: str) -> str:
    return f"/coaching/feeds/{token}.ics"


def events_of(response) -> list:
    return Calendar.from_ical(response.content).walk("VEVENT")


def at(month, day, hour, year=2027) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC)


def test_the_feed_holds_the_coachs_sessions_from_sixty_days_ago(client, coach, engagement):
    held = make_session(engagement, coach=coach, starts_at=at(12, 29, 17, year=2026), status="held")
    booked = make_session(engagement, coach=coach, starts_at=at(1, 12, 17), minutes=30)
    booked.sequence = 2
    booked.save()
    cancelled = make_session(engagement, coach=coach, starts_at=at(1, 13, 17), status="cancelled")
    cancelled.sequence, cancelled.cancel_reason = 1, "The coach is unwell."
    cancelled.save()
    late = make_session(engagement, coach=coach, starts_at=at(1, 14, 17), status="late_cancelled")
    # 71 days before now: too old for the feed.
    make_session(engagement, coach=coach, starts_at=at(11, 1, 17, year=2026), status="held")
    # Another coach's session.
    other = make_coach()
    engagement.coaches.add(other.user)
    make_session(engagement, coach=other, starts_at=at(1, 12, 17))

    response = client.get(feed_path(coach.feed_token))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, max-age=300"
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["METHOD"]) == "PUBLISH"
    events = events_of(response)
    assert [str(event["UID"]) for event in events] == [
        f"coaching-session-{held.public_id}@socialrx",
        f"coaching-session-{booked.public_id}@socialrx",
        f"coaching-session-{cancelled.public_id}@socialrx",
        f"coaching-session-{late.public_id}@socialrx",
    ]
    assert [int(event["SEQUENCE"]) for event in events] == [0, 2, 1, 0]
    assert [str(event["STATUS"]) for event in events] == [
        "CONFIRMED",
        "CONFIRMED",
        "CANCELLED",
        "CANCELLED",
    ]
    assert events[1].decoded("DTSTART") == datetime(2027, 1, 12, 17, 0, tzinfo=UTC)
    assert events[1].decoded("DTEND") == datetime(2027, 1, 12, 17, 30, tzinfo=UTC)
    assert events[1]["DTSTART"].to_ical() == b"20270112T170000Z"


def test_an_entry_reads_its_organization_agenda_page_and_meeting_link(client, coach, engagement):
    session = make_session(
        engagement, coach=coach, starts_at=at(1, 12, 17), agenda="Review the draft calendar."
    )

    [event] = events_of(client.get(feed_path(coach.feed_token)))

    # The wording of the session's invitations (calendars.session_event).
    assert str(event["SUMMARY"]) == (
        "Coaching: Launching the physician video series (Riverside Medical Center)"
    )
    assert str(event["DESCRIPTION"]) == (
        "Agenda:\nReview the draft calendar.\n\n"
        f"Session page: {SITE}/coaching/sessions/{session.public_id}/\n\n"
        "Meeting link: https://meet.example.org/riverside\n\n"
        "Cancelling or moving is free until 24 hours before the start; a later "
        "cancellation counts the hour against the engagement."
    )
    assert str(event["LOCATION"]) == "https://meet.example.org/riverside"
    assert str(event["URL"]) == "https://meet.example.org/riverside"


def test_a_session_without_a_meeting_link_links_its_page(client, coach, engagement):
    session = make_session(engagement, coach=coach, starts_at=at(1, 12, 17))
    session.meeting_url = ""
    session.save()

    [event] = events_of(client.get(feed_path(coach.feed_token)))

    assert str(event["URL"]) == f"{SITE}/coaching/sessions/{session.public_id}/"
    assert str(event["LOCATION"]) == "Online (meeting link to follow)"


def test_a_coach_without_sessions_gets_an_empty_calendar(client, coach):
    response = client.get(feed_path(coach.feed_token))

    assert response.status_code == 200
    assert events_of(response) == []
    assert str(Calendar.from_ical(response.content)["X-WR-CALNAME"]) == (
        "Coaching sessions (SocialRx)"
    )


@pytest.mark.parametrize("token", ["A" * 43, "short", "x" * 65, "not%20a%20token", "a.b.c"])
def test_a_wrong_token_is_404_with_a_reason(client, coach, token):
    response = client.get(feed_path(token))

    assert response.status_code == 404
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().startswith("No coaching calendar has this address.")


def test_a_new_token_revokes_the_old_one(client, coach):
    old = coach.feed_token

    new = feed_services.reset_feed(actor=coach.user, coach=coach).feed_token

    assert new != old
    assert client.get(feed_path(old)).status_code == 404
    assert client.get(feed_path(new)).status_code == 200


def test_only_the_coach_or_staff_replace_the_link(coach):
    with pytest.raises(PermissionDenied):
        feed_services.reset_feed(actor=CoachFactory(), coach=coach)


def test_the_feed_of_a_deactivated_account_is_404(client, coach):
    coach.user.is_active = False
    coach.user.save()

    assert client.get(feed_path(coach.feed_token)).status_code == 404


def test_fetches_are_limited_per_client_address(client, coach, settings):
    settings.COACHING_FEED_FETCHES_PER_MINUTE = 2

    statuses = [client.get(feed_path(coach.feed_token)).status_code for _ in range(3)]
    wrong = client.get(feed_path("B" * 43))
    elsewhere = client.get(feed_path(coach.feed_token), REMOTE_ADDR="203.0.113.9")

    assert statuses == [200, 200, 429]
    assert wrong.status_code == 429
    assert wrong["Retry-After"] == "60"
    assert wrong.content.decode().startswith("Too many calendar feed requests")
    assert elsewhere.status_code == 200


def test_the_fetch_is_noted_at_most_once_a_minute(client, coach):
    def last_fetched():
        return CoachProfile.objects.get(pk=coach.pk).feed_last_fetched_at

    client.get(feed_path(coach.feed_token))
    with time_machine.travel(NOW + timedelta(seconds=59), tick=False):
        client.get(feed_path(coach.feed_token))
    assert last_fetched() == NOW

    with time_machine.travel(NOW + timedelta(seconds=61), tick=False):
        client.get(feed_path(coach.feed_token))
    assert last_fetched() == NOW + timedelta(seconds=61)


@pytest.mark.parametrize("count", [2, 20])
def test_the_feed_takes_the_same_queries_however_many_sessions(
    client, coach, engagement, count, django_assert_num_queries
):
    for day in range(count):
        make_session(engagement, coach=coach, starts_at=NOW + timedelta(days=day + 1, hours=17))

    # The profile with its user, the sessions with engagements and organizations, noting the
    # fetch.
    with django_assert_num_queries(3):
        response = client.get(feed_path(coach.feed_token))
    # A minute has not passed: nothing to note.
    with django_assert_num_queries(2):
        client.get(feed_path(coach.feed_token))

    assert len(events_of(response)) == count
