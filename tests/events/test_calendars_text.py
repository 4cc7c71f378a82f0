"""How an event's dates read on its own clock."""

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from socialrx.events.calendars import describe_span

pytestmark = pytest.mark.unit


def event(starts_at, ends_at, zone="America/Chicago"):
    return SimpleNamespace(starts_at=starts_at, ends_at=ends_at, time_zone=zone)


@pytest.mark.parametrize(
    ("starts_at", "ends_at", "expected"),
    [
        # 17:00–18:00 UTC is 12:00–1:00 PM CDT in July.
        (
            datetime(2027, 7, 15, 17, 0, tzinfo=UTC),
            datetime(2027, 7, 15, 18, 0, tzinfo=UTC),
            "Jul 15, 2027, 12:00–1:00 PM CDT",
        ),
        # 13:00–20:00 UTC is 8:00 AM–3:00 PM CDT: the morning keeps its AM.
        (
            datetime(2027, 7, 15, 13, 0, tzinfo=UTC),
            datetime(2027, 7, 15, 20, 0, tzinfo=UTC),
            "Jul 15, 2027, 8:00 AM–3:00 PM CDT",
        ),
        (
            datetime(2027, 4, 15, 14, 0, tzinfo=UTC),
            datetime(2027, 4, 16, 22, 0, tzinfo=UTC),
            "Apr 15–16, 2027",
        ),
        (
            datetime(2027, 4, 30, 14, 0, tzinfo=UTC),
            datetime(2027, 5, 1, 22, 0, tzinfo=UTC),
            "Apr 30 – May 1, 2027",
        ),
    ],
)
def test_a_span_reads_naturally(starts_at, ends_at, expected):
    assert describe_span(event(starts_at, ends_at)) == expected
