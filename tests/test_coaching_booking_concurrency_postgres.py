"""Coaching bookings under real concurrency on PostgreSQL: people racing for one slot of one
coach get one session (whether they book for one engagement, queued on its row lock, or for
two organizations, where only the database's guards stand between them); an engagement with
one hour left takes one hour-long booking however many are tried at once; and a booking racing
a boot camp day of the same coach for overlapping time leaves exactly one of them."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import close_old_connections, transaction

from socialrx.coaching.models import CoachingSession
from socialrx.coaching.services.booking import book
from socialrx.core.errors import DomainError
from socialrx.schedules.models import Commitment
from socialrx.schedules.services import Slot, commit
from tests.coaching.factories import make_coach, make_engagement, member_org
from tests.concurrency import require_postgres, run_at_once
from tests.factories import SeatFactory

pytestmark = [pytest.mark.integration, pytest.mark.postgres]

NOW = datetime(2027, 1, 11, 14, 0, tzinfo=UTC)  # Mon 8:00 AM CST
WED_10 = datetime(2027, 1, 13, 16, 0, tzinfo=UTC)  # Wed 10:00 AM CST, in office hours


@pytest.fixture(autouse=True)
def _needs_postgres(transactional_db):
    require_postgres()


@pytest.fixture(autouse=True)
def clock():
    # tick=True: the threads' clocks move on, from a fixed Monday morning.
    with time_machine.travel(NOW, tick=True) as traveller:
        yield traveller


def _book(person, engagement, coach, starts_at, minutes=60):
    close_old_connections()
    return book(
        actor=person,
        engagement=engagement,
        coach=coach.user,
        starts_at=starts_at,
        minutes=minutes,
        agenda="Racing for the slot",
    )


def _split(results):
    sessions = [r for r in results if isinstance(r, CoachingSession)]
    refused = [r for r in results if isinstance(r, DomainError)]
    assert [r for r in results if not isinstance(r, CoachingSession | DomainError)] == []
    return sessions, refused


def test_eight_people_booking_one_slot_of_one_coach_make_one_session():
    organization, admin, _ = member_org()
    coach = make_coach()
    engagement = make_engagement(organization, [coach])
    people = [admin] + [SeatFactory(organization=organization).user for _ in range(7)]

    results = run_at_once(8, lambda i: _book(people[i], engagement, coach, WED_10))

    sessions, refused = _split(results)
    assert (len(sessions), len(refused)) == (1, 7)
    assert {error.code for error in refused} == {"slot_taken"}
    assert CoachingSession.objects.filter(status="booked").count() == 1
    assert Commitment.objects.filter(person=coach.user).count() == 1


def test_two_organizations_booking_one_coach_at_once_make_one_session():
    """Different engagements take different row locks: the database's guards decide."""
    coach = make_coach()
    bookings = []
    for name in ("Riverside Medical Center", "Lakeside Family Physicians"):
        organization, admin, _ = member_org(name)
        bookings.append((admin, make_engagement(organization, [coach])))

    results = run_at_once(2, lambda i: _book(bookings[i][0], bookings[i][1], coach, WED_10))

    sessions, refused = _split(results)
    assert (len(sessions), len(refused)) == (1, 1)
    assert refused[0].code == "slot_taken"
    assert CoachingSession.objects.count() == 1
    assert Commitment.objects.filter(person=coach.user).count() == 1


def test_one_hour_left_takes_one_booking_of_six_tried_at_once():
    organization, admin, _ = member_org()
    coach = make_coach()
    engagement = make_engagement(organization, [coach], plan_hours=1)
    people = [admin] + [SeatFactory(organization=organization).user for _ in range(5)]
    # Six different hour-long slots, Wednesday 9:00 AM to 5:00 PM CST (lunch excepted).
    starts = [WED_10 - timedelta(hours=1) + timedelta(hours=h) for h in (0, 1, 2, 4, 5, 6)]

    results = run_at_once(6, lambda i: _book(people[i], engagement, coach, starts[i]))

    sessions, refused = _split(results)
    assert (len(sessions), len(refused)) == (1, 5)
    assert {error.code for error in refused} == {"over_allowance"}
    assert CoachingSession.objects.filter(engagement=engagement).count() == 1
    assert Commitment.objects.filter(person=coach.user).count() == 1


def test_a_booking_racing_a_boot_camp_day_of_the_same_coach_leaves_one():
    organization, admin, _ = member_org()
    coach = make_coach()
    engagement = make_engagement(organization, [coach])
    boot_camp_id = engagement.public_id  # any id: a boot camp's in real life
    day = Slot(WED_10 - timedelta(minutes=30), WED_10 + timedelta(hours=6))

    def work(index):
        close_old_connections()
        if index == 0:
            with transaction.atomic():
                return commit(
                    coach.user,
                    [day],
                    source_kind="training.boot_camp_day",
                    source_public_id=boot_camp_id,
                    label="Boot camp: Social media for clinicians, day 1",
                )
        return _book(admin, engagement, coach, WED_10)

    results = run_at_once(2, work)

    commitments = Commitment.objects.filter(person=coach.user)
    assert commitments.count() == 1
    winner = commitments.get()
    if winner.source_kind == "coaching.session":
        assert isinstance(results[1], CoachingSession)
        assert isinstance(results[0], DomainError) and results[0].code == "double_booked"
        assert CoachingSession.objects.filter(status="booked").count() == 1
    else:
        assert isinstance(results[0], list)
        assert isinstance(results[1], DomainError) and results[1].code == "slot_taken"
        assert CoachingSession.objects.count() == 0
