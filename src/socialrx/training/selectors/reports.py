"""The staff's training reports: certificates issued per month by kind, and per course its
enrolments and completions. Counted by the database (one query each), whatever the data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from socialrx.core.calendar import center_today

from ..models import Certificate, CertificateKind, Course, CourseStatus

KIND_ORDER = (CertificateKind.COURSE, CertificateKind.BOOT_CAMP, CertificateKind.ONSITE)
KIND_LABELS = {
    CertificateKind.COURSE: "Online courses",
    CertificateKind.BOOT_CAMP: "Boot camps",
    CertificateKind.ONSITE: "On-site training",
}


@dataclass(frozen=True)
class CompletionMonth:
    month: date  # the first day of the month, in the center's zone
    course: int
    boot_camp: int
    onsite: int

    @property
    def total(self) -> int:
        return self.course + self.boot_camp + self.onsite


@dataclass(frozen=True)
class CourseCompletions:
    course: Course
    enrolments: int
    completions: int

    @property
    def rate_percent(self) -> int | None:
        """Completions per enrolment, in whole percent (rounded); None without enrolments."""
        if not self.enrolments:
            return None
        return (200 * self.completions + self.enrolments) // (2 * self.enrolments)


def months_back(month: date, count: int) -> date:
    index = month.year * 12 + (month.month - 1) - count
    return date(index // 12, index % 12 + 1, 1)


def completions_by_month(*, months: int = 12, today: date | None = None) -> list[CompletionMonth]:
    """Certificates issued per month and kind for the last `months` months (this one
    included), oldest first, months without any as zero. A month is the center's (a
    certificate issued at 11 pm on the 31st in Chicago counts in that month). Revoked
    certificates are left out: they no longer certify anything."""
    zone = ZoneInfo(settings.TIME_ZONE)
    today = today or center_today()
    first = months_back(today.replace(day=1), months - 1)
    rows = (
        Certificate.objects.filter(
            revoked_at__isnull=True, issued_at__gte=datetime.combine(first, time(), tzinfo=zone)
        )
        .annotate(month=TruncMonth("issued_at", tzinfo=zone))
        .values("month", "kind")
        .annotate(count=Count("id"))
        .order_by()
    )
    counts: dict[tuple[date, str], int] = {}
    for row in rows:
        month = row["month"]
        month = month.date() if isinstance(month, datetime) else month
        counts[(month, row["kind"])] = counts.get((month, row["kind"]), 0) + row["count"]
    result = []
    for step in range(months):
        month = months_back(first, -step)
        result.append(
            CompletionMonth(
                month=month,
                course=counts.get((month, CertificateKind.COURSE), 0),
                boot_camp=counts.get((month, CertificateKind.BOOT_CAMP), 0),
                onsite=counts.get((month, CertificateKind.ONSITE), 0),
            )
        )
    return result


def course_completions() -> list[CourseCompletions]:
    """Every course learners have seen (published or archived), A to Z, with its enrolments
    and completions since it opened."""
    courses = (
        Course.objects.exclude(status=CourseStatus.DRAFT)
        .annotate(
            enrolment_count=Count("enrolments"),
            completion_count=Count("enrolments", filter=Q(enrolments__completed_at__isnull=False)),
        )
        .only("public_id", "slug", "title", "status")
        .order_by("title")
    )
    return [
        CourseCompletions(course, course.enrolment_count, course.completion_count)
        for course in courses
    ]
