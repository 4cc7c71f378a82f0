"""The monthly digest's test world: the providers of `core.related` pinned to the library's own
and a stand-in for another app's (events), so the sections are known whatever the other apps
hold; the "library.digest" list declared for the tests when no app declares it yet."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from socialrx.core import mailing
from socialrx.core.plugins import EmailStream
from socialrx.core.related import DigestSection, RelatedItem, RelatedProvider
from socialrx.library.related import PROVIDER as LIBRARY

DIGEST_STREAM = EmailStream(
    "library.digest",
    "Monthly digest",
    "New resources, courses, events and forum highlights, once a month",
)
# 09:30 on December 1, 2026 at the center (America/Chicago, CST: UTC-6).
DUE = datetime(2026, 12, 1, 15, 30, tzinfo=UTC)


def events_between(since, until, limit):
    """A stand-in for the events app's provider: one event in November 2026."""
    if not (since <= datetime(2026, 11, 15, tzinfo=UTC) < until):
        return []
    item = RelatedItem(
        kind="Event",
        title="Winter webinar: crisis response",
        url="/events/winter-webinar/",
        when=date(2026, 12, 9),
        source="events",
    )
    return [DigestSection("Coming up: events", (item,), order=30)]


@pytest.fixture
def digest_world(monkeypatch, settings):
    settings.SITE_URL = "https://socialrx.example.org"
    providers = (("library", LIBRARY), ("events", RelatedProvider(new_between=events_between)))
    monkeypatch.setattr("socialrx.core.related.providers", lambda: providers)
    assert mailing.stream_named(DIGEST_STREAM.key) is not None
