"""The utilisation reports' world: two coaches and a clock, with every figure worked out by hand.

The clock: Wednesday, March 6, 2030, noon in Chicago (18:00 UTC, CST). Weeks are Monday to
Sunday on the center's clock (Chicago); this week starts Monday, March 4. Clocks go forward
on Sunday, March 10 (CDT from then on).

Ana Alvarez (Chicago) offers Monday to Friday 9:00-11:00, 10 hours a week:

    week of  what happens                                        coaching  open   util.
    Feb 25   a held 1-hour session (Tue 9:00)                    1 h       9 h    10 %
    Mar 4    two booked 1-hour sessions (Thu 9:00, Fri 10:00)    2 h       8 h    20 %
    Mar 11   Friday off (an exception); a cancelled session      0 h       8 h     0 %
    Mar 18   a boot camp day Wednesday 9:00-11:00 (not coaching) 0 h       8 h     0 %
    Mar 25   a 30-minute session outside her windows (Mon noon)  30 min   10 h     5 %
    others   nothing                                             0 h      10 h     0 %

(30 ÷ 630 = 4.76 %, rounded to 5 %.)

Ben Okafor (Denver) offers Mondays 9:00-12:00, 3 hours a week:

    Feb 11   an extra available span Saturday 10:00-12:00        0 h       5 h     0 %
    Mar 4    a booked 1-hour session Monday 9:00 MST (before the clock; not yet recorded)
                                                                 1 h       2 h    33 %

All coaches: Feb 25 1 h of 1 + 9 + 3 = 13 h → 8 % (7.69); Mar 4 3 h of 3 + 8 + 2 = 13 h →
23 % (23.08); Mar 25 30 min of 30 min + 10 h + 3 h = 13.5 h → 4 % (3.70)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from uuid import uuid4

from socialrx.coaching.models import AvailabilityException, CoachProfile
from socialrx.schedules.services import Slot, commit
from tests.coaching.factories import make_coach, make_engagement, make_session, member_org

NOW = datetime(2030, 3, 6, 18, 0, tzinfo=UTC)
THIS_MONDAY = date(2030, 3, 4)
DEFAULT_WEEKS = [THIS_MONDAY + timedelta(weeks=offset) for offset in range(-4, 4)]
ANA_WINDOWS = [(day, time(9), time(11)) for day in range(5)]
BEN_WINDOWS = [(0, time(9), time(12))]


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@dataclass
class ReportWorld:
    ana: CoachProfile
    ben: CoachProfile
    engagement: object


def report_world() -> ReportWorld:
    organization, _, _ = member_org("Riverside Regional Medical Center")
    ana = make_coach(full_name="Ana Alvarez", windows=ANA_WINDOWS)
    ben = make_coach(full_name="Ben Okafor", time_zone="America/Denver", windows=BEN_WINDOWS)
    engagement = make_engagement(organization, [ana, ben], plan_hours=40)
    # Ana
    make_session(engagement, coach=ana, starts_at=utc("2030-02-26 15:00"), status="held")
    make_session(engagement, coach=ana, starts_at=utc("2030-03-07 15:00"))
    make_session(engagement, coach=ana, starts_at=utc("2030-03-08 16:00"))
    AvailabilityException.objects.create(coach=ana, on_date=date(2030, 3, 15))
    make_session(engagement, coach=ana, starts_at=utc("2030-03-12 14:00"), status="cancelled")
    commit(
        ana.user,
        [Slot(utc("2030-03-20 14:00"), utc("2030-03-20 16:00"))],
        source_kind="training.boot_camp_day",
        source_public_id=uuid4(),
        label="Boot camp: video basics",
    )
    make_session(engagement, coach=ana, starts_at=utc("2030-03-25 17:00"), minutes=30)
    # Ben
    AvailabilityException.objects.create(
        coach=ben, on_date=date(2030, 2, 16), starts_at=time(10), ends_at=time(12), available=True
    )
    make_session(engagement, coach=ben, starts_at=utc("2030-03-04 16:00"))
    return ReportWorld(ana, ben, engagement)


def more_coaches(count: int, engagement) -> None:
    """Coaches with office hours and a booked session each this week (for query counts)."""
    for number in range(count):
        coach = make_coach(full_name=f"Extra Coach {number}")
        engagement.coaches.add(coach.user)
        make_session(engagement, coach=coach, starts_at=utc("2030-03-07 16:00"))
