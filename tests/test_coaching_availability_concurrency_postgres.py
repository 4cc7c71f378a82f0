"""A coach's week under real concurrency on PostgreSQL: overlapping windows (or exceptions)
added at the same moment, each fine alone, leave exactly one; the row lock on the coach's
profile orders the writers, so the second reads the first's window and is refused."""

from __future__ import annotations

from datetime import date, time

import pytest
from django.db import close_old_connections

from socialrx.coaching.models import AvailabilityException, AvailabilityWindow
from socialrx.coaching.services import availability as services
from socialrx.core.errors import DomainError
from tests.coaching.factories import make_coach
from tests.concurrency import require_postgres, run_at_once

pytestmark = [pytest.mark.integration, pytest.mark.postgres]

WEDNESDAY = 2


@pytest.fixture(autouse=True)
def _needs_postgres(transactional_db):
    require_postgres()


def _split(results, kind):
    made = [r for r in results if isinstance(r, kind)]
    refused = [r for r in results if isinstance(r, DomainError)]
    assert [r for r in results if not isinstance(r, kind | DomainError)] == []
    return made, refused


def test_eight_overlapping_windows_added_at_once_leave_one():
    coach = make_coach(windows=[])
    # 8:00-12:00, 8:30-12:00, ... 11:30-12:00: every pair overlaps.
    spans = [(time(8 + i // 2, 30 * (i % 2)), time(12)) for i in range(8)]

    def add(index):
        close_old_connections()
        starts, ends = spans[index]
        return services.add_window(
            actor=coach.user, coach=coach, weekday=WEDNESDAY, starts_at=starts, ends_at=ends
        )

    made, refused = _split(run_at_once(8, add), AvailabilityWindow)

    assert (len(made), len(refused)) == (1, 7)
    assert {error.code for error in refused} == {"overlap"}
    assert AvailabilityWindow.objects.filter(coach=coach, weekday=WEDNESDAY).count() == 1


def test_a_day_off_and_a_span_of_the_same_date_added_at_once_leave_one():
    coach = make_coach(windows=[])
    on_date = date(2099, 3, 4)
    kinds = [("off", None, None), ("extra", time(18), time(20))] * 3

    def add(index):
        close_old_connections()
        kind, starts, ends = kinds[index]
        return services.add_exception(
            actor=coach.user,
            coach=coach,
            on_date=on_date,
            kind=kind,
            starts_at=starts,
            ends_at=ends,
            today=date(2099, 1, 1),
        )

    made, refused = _split(run_at_once(6, add), AvailabilityException)

    assert (len(made), len(refused)) == (1, 5)
    assert AvailabilityException.objects.filter(coach=coach, on_date=on_date).count() == 1
