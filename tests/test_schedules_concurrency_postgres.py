"""A person's time under real concurrency on PostgreSQL: two writers booking overlapping time
for one person at the same moment, again and again. PostgreSQL's exclusion check made each
wait for the other's new row, and one of them died of a deadlock (a server error) instead of
hearing that the person is booked; every round must end with one booking and one refusal."""

from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest

from socialrx.schedules import services
from socialrx.schedules.models import Commitment
from tests.concurrency import require_postgres, run_at_once
from tests.factories import UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.postgres]

ROUNDS = 12
MONDAY_9AM_CST = datetime(2031, 3, 3, 15, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _needs_postgres(transactional_db):
    require_postgres()


def test_overlapping_bookings_at_once_end_in_one_booking_and_one_refusal_every_time():
    trainer = UserFactory(full_name="Dana Whitfield")
    outcomes = []
    for round_number in range(ROUNDS):
        day = MONDAY_9AM_CST + timedelta(days=round_number)
        # 9:00 AM - 3:00 PM and 1:00 PM - 5:00 PM: two hours overlap.
        slots = [
            [services.Slot(day, day + timedelta(hours=6))],
            [services.Slot(day + timedelta(hours=4), day + timedelta(hours=8))],
        ]

        def book(index: int, slots=slots):
            services.replace(
                [trainer],
                slots[index],
                source_kind="tests.booking",
                source_public_id=uuid4(),
                label=f"Booking {index + 1}",
            )
            return "booked"

        results = run_at_once(2, book)
        outcomes.append(
            sorted(
                "refused" if isinstance(result, services.DoubleBooked) else repr(result)
                for result in results
            )
        )

    assert outcomes == [["'booked'", "refused"]] * ROUNDS
    assert Commitment.objects.filter(person=trainer).count() == ROUNDS
