"""Helpers of the booking tests: a fixed clock and a small world (a member organization, its
active engagement coached by one coach in Chicago on office hours).

The clock: Monday, January 11, 2027, 8:00 AM in Chicago (14:00 UTC), far from either
daylight-saving change. The coach's office hours (Mon-Fri 9-12 and 13-17 Chicago time) make
Wednesday 10:00 AM CST (16:00 UTC) a slot two days ahead: past the 12-hour notice and the
24-hour free-cancellation limit alike."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from socialrx.coaching.models import CoachProfile, Engagement
from socialrx.coaching.services.booking import book
from tests.coaching.factories import make_coach, make_engagement, member_org

NOW = datetime(2027, 1, 11, 14, 0, tzinfo=UTC)  # Mon Jan 11, 8:00 AM CST
WED_10 = datetime(2027, 1, 13, 16, 0, tzinfo=UTC)  # Wed Jan 13, 10:00 AM CST
WED_11 = WED_10 + timedelta(hours=1)
WED_14 = WED_10 + timedelta(hours=4)  # 2:00 PM CST (afternoon window)


@dataclass
class BookingWorld:
    organization: object
    admin: object
    member: object
    coach: CoachProfile
    engagement: Engagement

    @property
    def coach_user(self):
        return self.coach.user


def booking_world(*, plan_hours: int = 10, coach_zone: str = "America/Chicago", **engagement):
    organization, admin, member = member_org("Riverside Regional Medical Center")
    member.full_name, member.email = "Maria Lopez", "maria@riverside.example"
    member.save(update_fields=["full_name", "email"])
    coach = make_coach(full_name="Dana Whitfield", time_zone=coach_zone)
    coach.user.email = "dana@socialrx.example"
    coach.user.save(update_fields=["email"])
    found = make_engagement(organization, [coach], plan_hours=plan_hours, **engagement)
    return BookingWorld(organization, admin, member, coach, found)


def book_at(world: BookingWorld, starts_at: datetime, *, actor=None, minutes: int = 60, **extra):
    return book(
        actor=actor or world.member,
        engagement=world.engagement,
        coach=extra.pop("coach", world.coach_user),
        starts_at=starts_at,
        minutes=minutes,
        agenda=extra.pop("agenda", "Plan the physician video series launch."),
        **extra,
    )
