"""Boot camps of training's scale data (see scale.py): every other one took place (completed,
attendance taken each day, certificates of attendance by the rule of `services.attendance`),
the others are open for registration, one in four of them full with people waiting. Each
attendee booked their own seat (a booking of one, confirmed)."""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal

from socialrx.core.scale import ScaleContext, random_uuid
from socialrx.taxonomy.models import Platform, Topic

from .calendars import at_center
from .models import (
    Attendance,
    Booking,
    BootCamp,
    BootCampDay,
    Registration,
    WaitlistEntry,
)
from .scale_text import AUDIENCES, LEVELS, PLATFORMS

DAYS = 2
DAY_HOURS = Decimal("8.0")  # 8:30 to 16:30
CAPACITIES = (12, 16, 20, 24, 30)
PRICES = (495_00, 795_00, 1_195_00)
PRESENT = 0.93  # the chance an attendee is there on a given day


def seed_boot_camps(context: ScaleContext, rng, count: int, people, certificate) -> dict:
    """Write `count` boot camps; `certificate` is the learning writers' (one writer for all
    certificates). Returns the counts."""
    writers = BootCampWriters(context)
    for number in range(count):
        writers.boot_camp(rng, number, people, certificate)
    return writers.counts()


class BootCampWriters:
    def __init__(self, context: ScaleContext):
        self.today = context.today
        self.topics = list(Topic.objects.order_by("pk").values_list("pk", flat=True))
        self.platforms = list(Platform.objects.order_by("pk").values_list("pk", flat=True))
        self.camps = context.writer(
            BootCamp,
            (
                "public_id", "slug", "title", "summary", "description", "level", "location",
                "capacity", "price_cents", "registration_deadline", "cancellation_deadline",
                "ce_hours", "status",
            ),
        )  # fmt: skip
        self.camp_topics = context.writer(BootCamp.topics.through, ("bootcamp", "topic"))
        self.camp_platforms = context.writer(BootCamp.platforms.through, ("bootcamp", "platform"))
        self.days = context.writer(BootCampDay, ("boot_camp", "starts_at", "ends_at", "room"))
        self.bookings = context.writer(
            Booking,
            ("public_id", "boot_camp", "made_by", "status", "hold_expires_at", "created_at"),
        )
        self.registrations = context.writer(
            Registration,
            ("public_id", "boot_camp", "booking", "person", "status", "created_at", "confirmed_at"),
        )
        self.waitlist = context.writer(
            WaitlistEntry, ("public_id", "boot_camp", "person", "status", "joined_at")
        )
        self.attendance = context.writer(Attendance, ("registration", "day", "present"))

    def boot_camp(self, rng, number: int, people, certificate) -> None:
        past = number % 2 == 0
        first = self.today + timedelta(days=-rng.randint(14, 400) if past else rng.randint(10, 300))
        first += timedelta(days=(1 - first.weekday()) % 7)  # a Tuesday
        starts = at_center(first, time(8, 30))
        capacity = rng.choice(CAPACITIES)
        audience = rng.choice(AUDIENCES)
        platform = rng.choice(PLATFORMS)
        title = f"{platform} boot camp for {audience} ({number + 1})"
        public_id = random_uuid(rng)
        camp_id = self.camps.add(
            public_id, f"scale-boot-camp-{number:05d}", title,
            f"Two days at the center for {audience}. Generated for the benchmarks.",
            "Generated for the benchmarks.", rng.choice(LEVELS),
            "SocialRx Center, Rochester, MN", capacity, rng.choice(PRICES),
            starts - timedelta(days=7), starts - timedelta(days=10), Decimal("12.0"),
            "completed" if past else "published",
        )  # fmt: skip
        for topic in rng.sample(self.topics, 2):
            self.camp_topics.add(camp_id, topic)
        self.camp_platforms.add(camp_id, rng.choice(self.platforms))
        day_ids = [
            self.days.add(
                camp_id,
                at_center(first + timedelta(days=n), time(8, 30)),
                at_center(first + timedelta(days=n), time(16, 30)),
                "Training Room A",
            )
            for n in range(DAYS)
        ]
        full = not past and number % 8 == 1
        taken = capacity if past or full else int(capacity * rng.uniform(0.2, 0.9))
        if past:
            taken = int(capacity * rng.uniform(0.5, 1.0))
        waiting = rng.randint(1, 5) if full else 0
        chosen = rng.sample(range(len(people)), taken + waiting)
        booked_on = min(first - timedelta(days=rng.randint(15, 60)), self.today)
        for position in chosen[:taken]:
            registration_id = self._registration(rng, camp_id, people.ids[position], booked_on)
            if past:
                present = [day for day in day_ids if rng.random() < PRESENT]
                for day in day_ids:
                    self.attendance.add(registration_id, day, day in present)
                if present:
                    ended = at_center(first + timedelta(days=DAYS - 1), time(16, 30))
                    certificate(
                        rng, "boot_camp", people.ids[position], people.names[position], title,
                        public_id, DAY_HOURS * len(present),
                        Decimal("12.0") if len(present) == DAYS else Decimal("0"),
                        ended + timedelta(days=1),
                    )  # fmt: skip
        for position in chosen[taken:]:
            joined = at_center(booked_on + timedelta(days=5), time(11))
            self.waitlist.add(random_uuid(rng), camp_id, people.ids[position], "waiting", joined)

    def _registration(self, rng, camp_id: int, person_id: int, booked_on: date) -> int:
        made = at_center(booked_on, time(10))
        booking_id = self.bookings.add(
            random_uuid(rng), camp_id, person_id, "confirmed", made + timedelta(minutes=30), made
        )
        return self.registrations.add(
            random_uuid(rng), camp_id, booking_id, person_id, "confirmed", made,
            made + timedelta(minutes=5),
        )  # fmt: skip

    def counts(self) -> dict[str, int]:
        return {
            "boot camps": self.camps.count,
            "boot camp days": self.days.count,
            "registrations": self.registrations.count,
            "waitlist entries": self.waitlist.count,
            "attendance": self.attendance.count,
        }
