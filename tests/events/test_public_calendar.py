"""The event's and each session's calendar file, parsed back with icalendar: stable UIDs, times
in UTC, the summary, the location (room, venue, address; "Online" for a virtual event), the
page's address; drafts for staff only."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from icalendar import Calendar

from socialrx.events.models import EventFormat
from tests.events.factories import make_event, make_session
from tests.events.public_support import make_summit

pytestmark = pytest.mark.integration


@pytest.fixture
def summit(db):
    return make_summit()


def _calendar(client, url, filename):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0"
    [entry] = calendar.walk("VEVENT")
    return entry


def _event_ics(client, event):
    url = reverse("events:event_ics", args=[event.slug])
    return _calendar(client, url, f"{event.slug}.ics")


def _session_ics(client, session):
    url = reverse("events:session_ics", args=[session.event.slug, session.slug])
    return _calendar(client, url, f"{session.event.slug}-{session.slug}.ics")


def test_the_event_file_has_its_times_in_utc_title_and_place(client, summit):
    entry = _event_ics(client, summit.event)

    assert entry.decoded("DTSTART") == datetime(2030, 4, 15, 14, 0, tzinfo=UTC)
    assert entry.decoded("DTSTART").utcoffset() == timedelta(0)
    assert entry.to_ical().decode().count("DTSTART:20300415T140000Z") == 1
    assert entry.decoded("DTEND") == datetime(2030, 4, 16, 22, 0, tzinfo=UTC)
    assert str(entry["SUMMARY"]) == "Social Media in Health Care Summit"
    assert str(entry["LOCATION"]) == "SocialRx Center, 200 First St SW, Rochester, MN"
    assert str(entry["URL"]) == f"http://testserver/events/{summit.event.slug}/"
    assert str(entry["STATUS"]) == "CONFIRMED"
    assert str(entry["UID"]) == f"event-{summit.event.public_id}@socialrx"


def test_the_event_uid_is_stable_across_downloads_and_edits(client, summit):
    first = str(_event_ics(client, summit.event)["UID"])
    summit.event.title = "Renamed summit"
    summit.event.save()
    again = _event_ics(client, summit.event)
    assert str(again["UID"]) == first
    assert str(again["SUMMARY"]) == "Renamed summit"


def test_the_session_file_has_its_room_and_the_event_in_its_summary(client, summit):
    entry = _session_ics(client, summit.crisis)

    assert entry.decoded("DTSTART") == datetime(2030, 4, 15, 15, 30, tzinfo=UTC)
    assert entry.to_ical().decode().count("DTSTART:20300415T153000Z") == 1
    assert entry.decoded("DTEND") == datetime(2030, 4, 15, 16, 15, tzinfo=UTC)
    assert str(entry["SUMMARY"]) == (
        "Crisis communication on X (Social Media in Health Care Summit)"
    )
    assert str(entry["LOCATION"]) == "Room 2, SocialRx Center, 200 First St SW, Rochester, MN"
    assert str(entry["URL"]) == (
        f"http://testserver/events/{summit.event.slug}/sessions/{summit.crisis.slug}/"
    )
    assert str(entry["UID"]) == f"session-{summit.crisis.public_id}@socialrx"


def test_session_uids_are_stable_and_distinct(client, summit):
    crisis = str(_session_ics(client, summit.crisis)["UID"])
    assert str(_session_ics(client, summit.crisis)["UID"]) == crisis
    assert str(_session_ics(client, summit.tiktok)["UID"]) != crisis


def test_a_virtual_events_files_say_online(client, db):
    event = make_event(title="Webinar", kind="webinar", format=EventFormat.VIRTUAL, days=1)
    session = make_session(event, title="Live Q&A")
    assert str(_event_ics(client, event)["LOCATION"]) == "Online"
    assert str(_session_ics(client, session)["LOCATION"]) == "Online"


def test_a_cancelled_events_file_says_cancelled(client, db):
    summit = make_summit(status="cancelled", title="Called-off summit")
    assert str(_event_ics(client, summit.event)["STATUS"]) == "CANCELLED"
    assert str(_session_ics(client, summit.keynote)["STATUS"]) == "CANCELLED"


def test_a_drafts_files_are_for_staff_only(client, user, staff):
    summit = make_summit(status="draft", title="Draft summit")
    urls = [
        reverse("events:event_ics", args=[summit.event.slug]),
        reverse("events:session_ics", args=[summit.event.slug, summit.keynote.slug]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404
    client.force_login(user)
    for url in urls:
        assert client.get(url).status_code == 404
    client.force_login(staff)
    for url in urls:
        assert client.get(url).status_code == 200


def test_a_session_of_another_event_has_no_file_here(client, summit):
    other = make_session(make_event(title="Other summit"), title="Elsewhere")
    url = reverse("events:session_ics", args=[summit.event.slug, other.slug])
    assert client.get(url).status_code == 404
