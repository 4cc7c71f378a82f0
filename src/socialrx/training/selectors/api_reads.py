"""What the training API reads: the public catalogue (published courses, then upcoming boot
camps) as one list the API pages through, and a person's enrolments. Each is a fixed number of
queries whatever the data."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.db.models import F, Min, Prefetch, QuerySet
from django.utils import timezone

from ..models import BootCamp, BootCampDay, BootCampStatus, Course, CourseStatus, Enrolment

COURSE = "course"
BOOT_CAMP = "boot_camp"


def catalogue_courses() -> QuerySet[Course]:
    return (
        Course.objects.filter(status=CourseStatus.PUBLISHED)
        .order_by("title", "pk")
        .prefetch_related("topics", "platforms")
    )


def upcoming_boot_camps(now=None) -> QuerySet[BootCamp]:
    """Published boot camps whose first day is still ahead, soonest first."""
    now = now or timezone.now()
    return (
        BootCamp.objects.filter(status=BootCampStatus.PUBLISHED)
        .annotate(first_day=Min("days__starts_at"))
        .filter(first_day__gt=now)
        .order_by("first_day", "title", "pk")
        .prefetch_related(
            "topics",
            "platforms",
            Prefetch("days", queryset=BootCampDay.objects.order_by("starts_at")),
        )
    )


def boot_camp_hours(days) -> Decimal:
    """Hours of teaching over the boot camp's days, to the tenth of an hour."""
    total = sum((day.ends_at - day.starts_at for day in days), timedelta())
    return (Decimal(total.total_seconds()) / 3600).quantize(Decimal("0.1"))


def course_item(course: Course) -> dict:
    return {
        "public_id": course.public_id,
        "slug": course.slug,
        "title": course.title,
        "summary": course.summary,
        "format": COURSE,
        "level": course.level,
        "hours": float(course.estimated_hours),
        "ce_hours": float(course.ce_hours),
        "topics": list(course.topics.all()),
        "platforms": list(course.platforms.all()),
        "member_free": True,
        "price_cents": course.price_cents,
        "starts_at": None,
        "ends_at": None,
        "registration_deadline": None,
        "location": None,
        "days": [],
    }


def boot_camp_item(boot_camp: BootCamp) -> dict:
    days = list(boot_camp.days.all())
    return {
        "public_id": boot_camp.public_id,
        "slug": boot_camp.slug,
        "title": boot_camp.title,
        "summary": boot_camp.summary,
        "format": BOOT_CAMP,
        "level": boot_camp.level,
        "hours": float(boot_camp_hours(days)),
        "ce_hours": float(boot_camp.ce_hours),
        "topics": list(boot_camp.topics.all()),
        "platforms": list(boot_camp.platforms.all()),
        "member_free": False,
        "price_cents": boot_camp.price_cents,
        "starts_at": days[0].starts_at if days else None,
        "ends_at": days[-1].ends_at if days else None,
        "registration_deadline": boot_camp.registration_deadline,
        "location": boot_camp.location,
        "days": days,
    }


class Catalogue:
    """Published courses (A to Z) followed by upcoming boot camps (soonest first), as one
    sequence: its length is two counts, and a slice reads only the rows of that page."""

    def __init__(self, *, courses: QuerySet[Course], boot_camps: QuerySet[BootCamp]):
        self.courses, self.boot_camps = courses, boot_camps
        self._course_count: int | None = None
        self._boot_camp_count: int | None = None

    @property
    def course_count(self) -> int:
        if self._course_count is None:
            self._course_count = self.courses.count()
        return self._course_count

    @property
    def boot_camp_count(self) -> int:
        if self._boot_camp_count is None:
            self._boot_camp_count = self.boot_camps.count()
        return self._boot_camp_count

    def __len__(self) -> int:
        return self.course_count + self.boot_camp_count

    def __getitem__(self, window: slice) -> list[dict]:
        start, stop = window.start or 0, window.stop
        split = self.course_count
        items = []
        if start < split:
            items += [course_item(c) for c in self.courses[start : min(stop, split)]]
        if stop > split:
            items += [
                boot_camp_item(b) for b in self.boot_camps[max(start - split, 0) : stop - split]
            ]
        return items


def catalogue(fmt: str = "") -> Catalogue:
    """The catalogue, or only its courses (`fmt` "course") or boot camps ("boot_camp")."""
    courses, boot_camps = catalogue_courses(), upcoming_boot_camps()
    if fmt == COURSE:
        boot_camps = boot_camps.none()
    elif fmt == BOOT_CAMP:
        courses = courses.none()
    return Catalogue(courses=courses, boot_camps=boot_camps)


def enrolments_of(person) -> QuerySet[Enrolment]:
    """The person's enrolments, the most recently studied first."""
    return (
        Enrolment.objects.filter(person=person)
        .select_related("course")
        .order_by(F("last_activity_at").desc(nulls_last=True), "-enrolled_at", "pk")
    )
