"""My agenda's private subscription feed, parsed back with icalendar: only the starred sessions
of published events, stable UIDs, a wrong, malformed or revoked token refused with a reason, a
new link that works, the fetch noted at most once an hour, fetches limited per address."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from icalendar import Calendar

from socialrx.events.models import AgendaFeed, StarredSession
from socialrx.events.services import my_agenda as services
from tests.events.my_agenda_support import (
    feed_path,
    issue_link,
    make_agendas,
    parsed,
    star_url,
)
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


@pytest.fixture
def agendas(db):
    return make_agendas()


@pytest.fixture
def me(client):
    person = UserFactory(full_name="Dana Whitfield")
    client.force_login(person)
    return person


# --- the feed -----------------------------------------------------------------------------------


def test_the_feed_holds_the_starred_sessions_of_published_events_only(client, me, agendas):
    for session in (agendas.keynote, agendas.panel, agendas.answering):
        client.post(star_url(session), {"starred": "1"})
    StarredSession.objects.create(person=me, session=agendas.draft_session)  # by the back door
    StarredSession.objects.create(person=UserFactory(), session=agendas.crisis)
    agendas.webinar.status = "cancelled"
    agendas.webinar.save()
    token = issue_link(client)
    client.logout()

    response = client.get(feed_path(token))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = parsed(response)
    assert [str(event["SUMMARY"]) for event in events] == [
        "Why physicians should post (Health Care Social Media Summit)",
        "Measuring what matters (Health Care Social Media Summit)",
    ]
    assert [str(event["UID"]) for event in events] == [
        f"session-{agendas.keynote.public_id}@socialrx",
        f"session-{agendas.panel.public_id}@socialrx",
    ]
    assert events[0].decoded("DTSTART") == datetime(2030, 4, 15, 14, 0, tzinfo=UTC)
    assert events[0].decoded("DTEND") == datetime(2030, 4, 15, 14, 45, tzinfo=UTC)
    assert str(events[0]["LOCATION"]).startswith("Hall A, SocialRx Center")


def test_the_feed_links_each_session_on_the_sites_address(client, me, agendas, settings):
    settings.SITE_URL = "https://socialrx.example.org"
    StarredSession.objects.create(person=me, session=agendas.keynote)
    token = services.issue_feed(me).token

    [event] = parsed(client.get(feed_path(token)))

    assert str(event["URL"]) == (
        f"https://socialrx.example.org/events/summit-2030/sessions/{agendas.keynote.slug}/"
    )


def test_uids_stay_the_same_across_fetches_and_changes(client, me, agendas):
    StarredSession.objects.create(person=me, session=agendas.keynote)
    StarredSession.objects.create(person=me, session=agendas.answering)
    token = services.issue_feed(me).token

    first = [str(event["UID"]) for event in parsed(client.get(feed_path(token)))]
    agendas.keynote.title = "Why every physician should post"
    agendas.keynote.save()
    second = parsed(client.get(feed_path(token)))

    assert [str(event["UID"]) for event in second] == first
    assert str(second[0]["SUMMARY"]).startswith("Why every physician should post")


def test_an_empty_agenda_is_an_empty_calendar(client, me):
    token = services.issue_feed(me).token

    response = client.get(feed_path(token))

    assert response.status_code == 200
    assert parsed(response) == []
    assert str(Calendar.from_ical(response.content)["X-WR-CALNAME"]) == "My agenda (SocialRx)"


@pytest.mark.parametrize(
    "token",
    [
        "A" * 43,  # well formed, unknown
        "short",
        "x" * 65,
        "not%20a%20token",
        "a.b.c",
    ],
)
def test_a_wrong_token_is_404_with_a_reason(client, me, token):
    services.issue_feed(me)

    response = client.get(feed_path(token))

    assert response.status_code == 404
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().startswith("No calendar feed has this address.")


def test_a_revoked_token_is_404_after_a_new_link_and_the_new_link_works(client, me, agendas):
    StarredSession.objects.create(person=me, session=agendas.keynote)
    old = issue_link(client)
    new = issue_link(client)

    refused = client.get(feed_path(old))
    served = client.get(feed_path(new))

    assert refused.status_code == 404
    assert refused.content.decode().startswith("This calendar link was replaced by a newer one.")
    assert served.status_code == 200
    assert len(parsed(served)) == 1


def test_the_feed_of_a_deactivated_account_is_404(client, me):
    token = services.issue_feed(me).token
    me.is_active = False
    me.save()

    assert client.get(feed_path(token)).status_code == 404


def test_the_feed_notes_when_it_was_fetched_at_most_once_an_hour(client, me):
    token = services.issue_feed(me).token
    noon = datetime(2030, 1, 10, 18, 0, tzinfo=UTC)

    with time_machine.travel(noon, tick=False):
        client.get(feed_path(token))
    with time_machine.travel(noon + timedelta(minutes=59), tick=False):
        client.get(feed_path(token))
    assert AgendaFeed.objects.get(token=token).last_fetched_at == noon

    with time_machine.travel(noon + timedelta(minutes=61), tick=False):
        client.get(feed_path(token))
    assert AgendaFeed.objects.get(token=token).last_fetched_at == noon + timedelta(minutes=61)


def test_fetches_are_limited_per_client_address(client, me, settings):
    settings.EVENTS_AGENDA_FEED_FETCHES_PER_MINUTE = 2
    token = services.issue_feed(me).token

    statuses = [client.get(feed_path(token)).status_code for _ in range(3)]
    wrong = client.get(feed_path("B" * 43))

    assert statuses == [200, 200, 429]
    assert wrong.status_code == 429
    assert wrong["Retry-After"] == "60"
    assert wrong.content.decode().startswith("Too many calendar feed requests")


@pytest.mark.parametrize("starred", [1, 4])
def test_the_feed_takes_the_same_queries_however_many_sessions(
    client, me, starred, django_assert_num_queries
):
    agendas = make_agendas()
    for session in [agendas.keynote, agendas.crisis, agendas.panel, agendas.answering][:starred]:
        StarredSession.objects.create(person=me, session=session)
    token = services.issue_feed(me).token
    client.logout()

    # The feed with its person, the starred sessions, noting the fetch.
    with django_assert_num_queries(3):
        response = client.get(feed_path(token))

    assert len(parsed(response)) == starred
