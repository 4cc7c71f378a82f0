"""Training's test data: member organizations, published courses with a quiz, boot camps."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from socialrx.core.calendar import center_today
from socialrx.membership.models import Membership, MembershipStatus
from socialrx.taxonomy.models import Platform, Topic
from socialrx.training.models import (
    Choice,
    Course,
    CourseStatus,
    CourseVersion,
    Lesson,
    LessonKind,
    Module,
    Question,
    QuestionKind,
    VersionStatus,
)
from tests.factories import SeatFactory, org_with_admin
from tests.membership.factories import standard_plans


def make_member(organization, plan_name: str = "Medical Center") -> Membership:
    """`organization` holds an active membership (covered from today for a year)."""
    today = center_today()
    return Membership.objects.create(
        organization=organization,
        plan=standard_plans()[plan_name],
        billing_contact_name="Accounts payable",
        billing_email="ap@example-health.org",
        status=MembershipStatus.ACTIVE,
        covered_from=today,
        covered_until=today + timedelta(days=364),
    )


def member_org(name: str = "Riverside Regional Medical Center"):
    """(organization, admin, member): a member organization with its admin and one member."""
    organization, admin = org_with_admin(name=name)
    member = SeatFactory(organization=organization).user
    make_member(organization)
    return organization, admin, member


def make_course(
    *,
    title: str = "Starting a hospital Facebook page safely",
    slug: str | None = None,
    price_cents: int | None = None,
    published: bool = True,
    lessons_per_module: int = 2,
    with_quiz: bool = True,
) -> Course:
    """A course whose version 1 has a module of reading lessons (the first is a preview) and,
    with `with_quiz`, a module with a two-question quiz (pass at 50 %, 2 attempts)."""
    course = Course.objects.create(
        slug=slug or title.lower().replace(" ", "-")[:80],
        title=title,
        summary="Set up, staff and run a page patients trust.",
        estimated_hours=Decimal("2.0"),
        ce_hours=Decimal("1.5"),
        objectives="Plan the page\nWrite a moderation policy",
        price_cents=price_cents,
    )
    course.topics.add(Topic.objects.get(slug="strategy"))
    course.platforms.add(Platform.objects.get(code="facebook"))
    version = CourseVersion.objects.create(course=course, number=1)
    module = Module.objects.create(version=version, title="Getting started", position=1)
    for position in range(1, lessons_per_module + 1):
        Lesson.objects.create(
            module=module,
            title=f"Lesson {position}",
            position=position,
            kind=LessonKind.TEXT,
            body_markdown=f"Reading {position}.",
            body_html=f"<p>Reading {position}.</p>",
            is_preview=position == 1,
        )
    if with_quiz:
        quiz_module = Module.objects.create(version=version, title="Check yourself", position=2)
        quiz = Lesson.objects.create(
            module=quiz_module,
            title="Quiz",
            position=1,
            kind=LessonKind.QUIZ,
            passing_percent=50,
            max_attempts=2,
        )
        first = Question.objects.create(
            lesson=quiz,
            position=1,
            prompt="May you post a patient's photo without written consent?",
            kind=QuestionKind.SINGLE,
            explanation="HIPAA requires written authorization.",
        )
        Choice.objects.create(question=first, position=1, text="No", is_correct=True)
        Choice.objects.create(question=first, position=2, text="Yes", is_correct=False)
        second = Question.objects.create(
            lesson=quiz,
            position=2,
            prompt="Which belong in a comment moderation policy?",
            kind=QuestionKind.MULTIPLE,
            explanation="Both are standard.",
        )
        Choice.objects.create(question=second, position=1, text="What is removed", is_correct=True)
        Choice.objects.create(question=second, position=2, text="Response times", is_correct=True)
        Choice.objects.create(question=second, position=3, text="Patients' names", is_correct=False)
    if published:
        version.status = VersionStatus.PUBLISHED
        version.published_at = timezone.now()
        version.save()
        course.status = CourseStatus.PUBLISHED
        course.published_version = version
        course.first_published_at = version.published_at
        course.save()
    return course


def make_boot_camp(
    *,
    title: str = "Social media boot camp for hospital communicators",
    slug: str | None = None,
    capacity: int = 10,
    price_cents: int = 120_000,
    days: int = 2,
    starts_in_days: int = 30,
    status: str = "published",
    trainers=(),
):
    """A boot camp of `days` days from 9:00 to 17:00 at the center (its zone), day 1 in
    `starts_in_days` days; registration closes a week before, cancellation two weeks before."""
    from datetime import datetime, time  # noqa: PLC0415 - only boot camps need them
    from zoneinfo import ZoneInfo  # noqa: PLC0415

    from django.conf import settings  # noqa: PLC0415

    from socialrx.training.models import BootCamp, BootCampDay  # noqa: PLC0415

    now = timezone.now()
    center = ZoneInfo(settings.TIME_ZONE)
    first = (now + timedelta(days=starts_in_days)).astimezone(center).date()
    camp = BootCamp.objects.create(
        slug=slug or title.lower().replace(" ", "-")[:80],
        title=title,
        summary="Two days of hands-on practice: strategy, policy, crisis response.",
        description="## What you will do\n\nPlan a year of posts.",
        location="SocialRx Center, 1200 Example Avenue, Springfield, IL",
        capacity=capacity,
        price_cents=price_cents,
        registration_deadline=now + timedelta(days=starts_in_days - 7),
        cancellation_deadline=now + timedelta(days=starts_in_days - 14),
        ce_hours=Decimal("12.0"),
        status=status,
    )
    for number in range(days):
        day = first + timedelta(days=number)
        BootCampDay.objects.create(
            boot_camp=camp,
            starts_at=datetime.combine(day, time(9), tzinfo=center),
            ends_at=datetime.combine(day, time(17), tzinfo=center),
            room="Room 210",
            agenda=f"Day {number + 1}: workshops",
        )
    camp.trainers.set(trainers)
    return camp


def make_certificate(
    person,
    *,
    kind: str = "course",
    title: str = "Starting a hospital Facebook page safely",
    code: str | None = None,
    hours: str = "2.0",
    ce_hours: str = "1.5",
    completed_on=None,
    revoked_reason: str = "",
):
    """A certificate written directly (no service, no audit row); revoked with a reason."""
    import uuid  # noqa: PLC0415 - kept with the helper so the file's imports stay as they were

    from socialrx.training.models import Certificate  # noqa: PLC0415
    from socialrx.training.services.certificates import new_code  # noqa: PLC0415

    certificate = Certificate.objects.create(
        code=code or new_code(),
        kind=kind,
        person=person,
        recipient_name=person.full_name or person.email,
        title=title,
        source_public_id=uuid.uuid4(),
        hours=Decimal(hours),
        ce_hours=Decimal(ce_hours),
        completed_on=completed_on or center_today(),
    )
    if revoked_reason:
        certificate.revoked_at = timezone.now()
        certificate.revoked_reason = revoked_reason
        certificate.save(update_fields=["revoked_at", "revoked_reason"])
    return certificate
