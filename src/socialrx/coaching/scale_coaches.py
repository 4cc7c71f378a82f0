"""Coaches of coaching's scale data (see scale.py): people of the load without a seat in any
organization, made coaches, each with a profile, weekly windows in one of four patterns on
their own clock, a day off in the coming weeks (and, for one in three, extra Saturday hours),
and their grid: every hour their windows hold from twelve weeks ago to four weeks ahead, which
sessions take one each, so a coach is never in two places at once."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils.text import slugify

from socialrx.accounts.models import User
from socialrx.core.scale import EMAIL_DOMAIN, ScaleContext, random_uuid
from socialrx.organizations.models import OrganizationType, Seat
from socialrx.taxonomy.models import Platform, Topic

from .models import AvailabilityException, AvailabilityWindow, CoachProfile
from .scale_text import GENERATED, HEADLINES

PREFIX = "scale-coach-"
WEEKS_BACK = 12
WEEKS_AHEAD = 4
# Weekly windows, (weekday, from hour, to hour) on the coach's clock.
PATTERNS = [
    tuple((day, 9, 12) for day in range(5)) + tuple((day, 13, 17) for day in range(4)),
    tuple((day, 8, 12) for day in range(4)) + ((1, 13, 16), (3, 13, 16)),
    ((0, 10, 15), (2, 10, 15), (4, 10, 15), (1, 16, 19)),
    ((1, 7, 11), (3, 7, 11), (2, 12, 17), (4, 8, 11), (0, 12, 16)),
]
ORGANIZATION_TYPES = [value for value, _ in OrganizationType.choices]


@dataclass
class Coach:
    user_id: int
    name: str
    meeting_url: str
    # Starts (aware, UTC) of the coach's free hours, in order; `taken` holds those booked.
    hours: list[datetime] = field(default_factory=list)
    taken: set[int] = field(default_factory=set)

    def free_hours(self, rng, count: int, since: datetime, until: datetime) -> list[datetime]:
        """Up to `count` free hours starting in [since, until), taken from now on."""
        first, last = bisect_left(self.hours, since), bisect_left(self.hours, until)
        free = [index for index in range(first, last) if index not in self.taken]
        chosen = sorted(rng.sample(free, min(count, len(free))))
        self.taken.update(chosen)
        return [self.hours[index] for index in chosen]


def coach_people(context: ScaleContext, count: int) -> list[tuple[int, str]]:
    """(user id, name) of `count` people without a seat (the last people of the load), made
    coaches."""
    people = context.get("scale_people")
    tail = range(len(people) - 1, max(len(people) - 1 - count * 4, -1), -1)
    seated = set(
        Seat.objects.filter(user_id__in=[people.ids[i] for i in tail]).values_list(
            "user_id", flat=True
        )
    )
    chosen = [(people.ids[i], people.names[i]) for i in tail if people.ids[i] not in seated]
    chosen = chosen[:count]
    User.objects.filter(pk__in=[user_id for user_id, _ in chosen]).update(is_coach=True)
    return chosen


class CoachWriters:
    def __init__(self, context: ScaleContext):
        self.today, self.now = context.today, context.now
        self.platforms = list(Platform.objects.order_by("pk").values_list("pk", flat=True))
        self.topics = list(Topic.objects.order_by("pk").values_list("pk", flat=True))
        self.profiles = context.writer(
            CoachProfile,
            (
                "public_id", "user", "slug", "headline", "bio", "time_zone",
                "organization_types", "default_meeting_url", "accepting_engagements",
            ),
        )  # fmt: skip
        self.profile_platforms = context.writer(
            CoachProfile.platforms.through, ("coachprofile", "platform")
        )
        self.profile_topics = context.writer(CoachProfile.topics.through, ("coachprofile", "topic"))
        self.windows = context.writer(
            AvailabilityWindow, ("coach", "weekday", "starts_at", "ends_at")
        )
        self.exceptions = context.writer(
            AvailabilityException, ("coach", "on_date", "starts_at", "ends_at", "available", "note")
        )

    def coach(self, rng, number: int, user_id: int, name: str, zone_name: str) -> Coach:
        meeting_url = f"https://meet.example.org/scale/coach-{number}"
        profile_id = self.profiles.add(
            random_uuid(rng), user_id, f"{PREFIX}{number}-{slugify(name)}",
            rng.choice(HEADLINES),
            f"{name} coaches health-care teams on social media. {GENERATED}",
            zone_name, rng.sample(ORGANIZATION_TYPES, rng.randint(1, 3)), meeting_url,
            rng.random() < 0.9,
        )  # fmt: skip
        for platform in rng.sample(self.platforms, min(3, len(self.platforms))):
            self.profile_platforms.add(profile_id, platform)
        for topic in rng.sample(self.topics, min(3, len(self.topics))):
            self.profile_topics.add(profile_id, topic)
        pattern = PATTERNS[number % len(PATTERNS)]
        for weekday, start, end in pattern:
            self.windows.add(profile_id, weekday, _clock(start), _clock(end))
        day_off = self._day_off(rng, pattern)
        self.exceptions.add(profile_id, day_off, None, None, False, "Out of office")
        if number % 3 == 0:
            saturday = self.today + timedelta(days=(5 - self.today.weekday()) % 7 + 7)
            self.exceptions.add(
                profile_id, saturday, _clock(9), _clock(12), True, "Extra Saturday hours"
            )
        coach = Coach(user_id, name, meeting_url)
        coach.hours = self._grid(ZoneInfo(zone_name), pattern, day_off)
        return coach

    def _day_off(self, rng, pattern) -> date:
        """A working day one to four weeks ahead."""
        weekdays = {weekday for weekday, _, _ in pattern}
        days = [self.today + timedelta(days=n) for n in range(7, WEEKS_AHEAD * 7)]
        return rng.choice([day for day in days if day.weekday() in weekdays])

    def _grid(self, tz: ZoneInfo, pattern, day_off: date) -> list[datetime]:
        hours = []
        day = self.today - timedelta(weeks=WEEKS_BACK)
        while day <= self.today + timedelta(weeks=WEEKS_AHEAD):
            if day != day_off:
                for weekday, start, end in pattern:
                    if weekday == day.weekday():
                        hours += [
                            datetime.combine(day, time(hour), tzinfo=tz).astimezone(UTC)
                            for hour in range(start, end)
                        ]
            day += timedelta(days=1)
        return sorted(hours)

    def counts(self) -> dict[str, int]:
        return {
            "coaches": self.profiles.count,
            "availability windows": self.windows.count,
            "availability exceptions": self.exceptions.count,
        }


def _clock(hour: int) -> str:
    """A wall-clock time as both drivers take it (SQLite has no time type)."""
    return time(hour).isoformat()


def generated_coaches():
    return CoachProfile.objects.filter(
        slug__startswith=PREFIX, user__email__endswith=f"@{EMAIL_DOMAIN}"
    )
