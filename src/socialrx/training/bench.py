"""The training pages `make bench` measures (see socialrx.core.benchmarks), each found in the
data being measured: the catalogue, a course with learners, a lesson as the signed-in member
the bench uses (one of their own, where they left off), a boot camp open for registration,
and the public verification page of a valid certificate."""

from __future__ import annotations

from django.db.models import Count, F
from django.urls import reverse
from django.utils import timezone

from socialrx.core.benchmarks import MEMBER, BenchPage
from socialrx.membership.selectors import first_member_admin_id

from .models import (
    BootCamp,
    BootCampStatus,
    Certificate,
    Course,
    CourseStatus,
    Enrolment,
    Lesson,
)


def course_page() -> str | None:
    """The published course with the most learners (the longest roster behind its page)."""
    course = (
        Course.objects.filter(status=CourseStatus.PUBLISHED)
        .annotate(learners=Count("enrolments"))
        .order_by("-learners", "slug")
        .values_list("slug", flat=True)
        .first()
    )
    return reverse("training:course", args=[course]) if course else None


def lesson_page() -> str | None:
    """A lesson of a published course the bench's member is enrolled in, where they left off
    (a reading lesson otherwise); a preview lesson when the member has no enrolment."""
    member = first_member_admin_id()
    enrolment = (
        Enrolment.objects.filter(
            person_id=member,
            course__status=CourseStatus.PUBLISHED,
            last_lesson_key__isnull=False,
        )
        .select_related("course")
        .order_by("pk")
        .first()
        if member
        else None
    )
    if enrolment is not None:
        lessons = Lesson.objects.filter(module__version_id=enrolment.course.published_version_id)
        key = (
            lessons.filter(key=enrolment.last_lesson_key, kind="text")
            .values_list("key", flat=True)
            .first()
            or lessons.filter(kind="text")
            .order_by("module__position", "position")
            .values_list("key", flat=True)
            .first()
        )
        if key:
            return reverse("training:lesson", args=[enrolment.course.slug, key])
    preview = (
        Lesson.objects.filter(
            is_preview=True,
            module__version__course__status=CourseStatus.PUBLISHED,
            module__version__course__published_version=F("module__version"),
        )
        .select_related("module__version__course")
        .order_by("module__version__course__slug")
        .first()
    )
    if preview is None:
        return None
    return reverse("training:lesson", args=[preview.module.version.course.slug, preview.key])


def boot_camp_page() -> str | None:
    """A boot camp open for registration, its first day still to come."""
    slug = (
        BootCamp.objects.filter(status=BootCampStatus.PUBLISHED, days__starts_at__gt=timezone.now())
        .order_by("registration_deadline", "slug")
        .values_list("slug", flat=True)
        .first()
    )
    return reverse("training:boot_camp", args=[slug]) if slug else None


def certificate_page() -> str | None:
    code = (
        Certificate.objects.filter(revoked_at__isnull=True)
        .order_by("code")
        .values_list("code", flat=True)
        .first()
    )
    return reverse("training:certificate_verify", args=[code]) if code else None


PAGES = [
    BenchPage("Training catalogue", "/training/", order=50),
    BenchPage("Course page", course_page, order=51),
    BenchPage("Lesson (signed-in member)", lesson_page, order=52, visitor=MEMBER, public=False),
    BenchPage("Boot camp page", boot_camp_page, order=53),
    BenchPage("Certificate verification", certificate_page, order=54),
]
