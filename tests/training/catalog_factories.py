"""Test data of the catalogue and progress pages: boot camps with days, registrations,
enrolments with completed lessons, certificates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from socialrx.core.calendar import center_today
from socialrx.taxonomy.models import Platform, Topic
from socialrx.training.models import (
    Access,
    Booking,
    BookingStatus,
    BootCamp,
    BootCampDay,
    BootCampStatus,
    Certificate,
    CertificateKind,
    Enrolment,
    LessonCompletion,
    Registration,
)
from socialrx.training.selectors.content import published_outline


def make_boot_camp(
    *,
    title: str = "Social media boot camp",
    slug: str | None = None,
    starts_in_days: int = 20,
    days: int = 2,
    capacity: int = 12,
    price_cents: int = 120_000,
    status: str = BootCampStatus.PUBLISHED,
    topic: str = "crisis-response",
    platform: str = "x",
    level: str = "intermediate",
) -> BootCamp:
    """A boot camp whose first day is `starts_in_days` from the center's today, 9:00 to
    17:00 in Chicago (15:00-23:00 UTC in winter, 14:00-22:00 in summer; days are by date)."""
    first = center_today() + timedelta(days=starts_in_days)
    camp = BootCamp.objects.create(
        slug=slug or title.lower().replace(" ", "-")[:80],
        title=title,
        summary="Two days of hands-on practice at the center.",
        level=level,
        location="SocialRx Center, Rochester, MN",
        capacity=capacity,
        price_cents=price_cents,
        registration_deadline=timezone.now() + timedelta(days=max(starts_in_days - 1, 0)),
        cancellation_deadline=timezone.now() + timedelta(days=max(starts_in_days - 5, 0)),
        ce_hours=Decimal("12.0"),
        status=status,
    )
    camp.topics.add(Topic.objects.get(slug=topic))
    camp.platforms.add(Platform.objects.get(code=platform))
    zone = timezone.get_default_timezone()
    for number in range(days):
        day: date = first + timedelta(days=number)
        BootCampDay.objects.create(
            boot_camp=camp,
            starts_at=datetime(day.year, day.month, day.day, 9, tzinfo=zone).astimezone(UTC),
            ends_at=datetime(day.year, day.month, day.day, 17, tzinfo=zone).astimezone(UTC),
            room="Room 2",
        )
    return camp


def register(camp: BootCamp, person, *, status: str = "confirmed") -> Registration:
    booking = Booking.objects.create(
        boot_camp=camp,
        made_by=person,
        status=BookingStatus.CONFIRMED if status == "confirmed" else BookingStatus.PENDING,
        hold_expires_at=timezone.now() + timedelta(minutes=30),
    )
    return Registration.objects.create(
        boot_camp=camp, booking=booking, person=person, status=status
    )


def enrol_with_progress(course, person, *, done: int = 0, access: str = Access.MEMBER, **extra):
    """An enrolment with its first `done` lessons complete (counts kept as services keep
    them)."""
    lessons = published_outline(course).lessons
    enrolment = Enrolment.objects.create(
        course=course,
        person=person,
        access=access,
        lessons_total=len(lessons),
        lessons_done=done,
        last_activity_at=timezone.now(),
        **extra,
    )
    for lesson in lessons[:done]:
        LessonCompletion.objects.create(enrolment=enrolment, lesson_key=lesson.key)
    return enrolment


def certificate_for(enrolment, code: str = "SRX-2345-6789-ABCD") -> Certificate:
    return Certificate.objects.create(
        code=code,
        kind=CertificateKind.COURSE,
        person=enrolment.person,
        recipient_name=enrolment.person.full_name,
        title=enrolment.course.title,
        source_public_id=enrolment.course.public_id,
        hours=enrolment.course.estimated_hours,
        ce_hours=enrolment.course.ce_hours,
        completed_on=center_today(),
    )
