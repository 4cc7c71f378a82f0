"""The cohort's calendar file, parsed back with icalendar: one event per day, stable UIDs,
times in UTC, the location, title, agenda and page."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from tests.training.factories import make_boot_camp

pytestmark = pytest.mark.integration
CHICAGO = ZoneInfo("America/Chicago")


def _events(client, camp):
    response = client.get(reverse("training:boot_camp_ics", args=[camp.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{camp.slug}.ics"'
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0"
    return list(calendar.walk("VEVENT"))


def test_one_event_per_day_with_stable_uids(client, db):
    camp = make_boot_camp(days=2)
    days = list(camp.days.order_by("starts_at"))

    events = _events(client, camp)

    assert len(events) == 2
    first = events[0]
    local_date = days[0].starts_at.astimezone(CHICAGO).date()
    assert first.decoded("DTSTART") == datetime.combine(local_date, time(9), tzinfo=CHICAGO)
    assert first.decoded("DTSTART").utcoffset() == timedelta(0)  # written in UTC ("…Z")
    assert first.decoded("DTEND") == datetime.combine(local_date, time(17), tzinfo=CHICAGO)
    assert str(first["SUMMARY"]) == (
        "Social media boot camp for hospital communicators (day 1 of 2)"
    )
    assert str(first["LOCATION"]) == (
        "Room 210, SocialRx Center, 1200 Example Avenue, Springfield, IL"
    )
    assert "Day 1: workshops" in str(first["DESCRIPTION"])
    assert str(first["URL"]) == (
        "http://testserver/training/boot-camps/social-media-boot-camp-for-hospital-communicators/"
    )
    assert str(first["UID"]) == f"boot-camp-{camp.public_id}-day-{days[0].pk}@socialrx"
    assert len({str(e["UID"]) for e in events}) == 2
    # Downloaded again: the same UIDs, so calendars update the events instead of adding more.
    assert [str(e["UID"]) for e in _events(client, camp)] == [str(e["UID"]) for e in events]


def test_a_draft_has_no_public_calendar(client, db):
    camp = make_boot_camp(status="draft")
    response = client.get(reverse("training:boot_camp_ics", args=[camp.slug]))
    assert response.status_code == 404
