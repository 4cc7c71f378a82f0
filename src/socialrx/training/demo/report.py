"""What `socialrx seed-demo` prints under "Training": the courses, boot camps, on-site requests
and certificates there are, with the addresses to try them."""

from __future__ import annotations

from collections import Counter

from django.db.models import Count, Q
from django.urls import NoReverseMatch, reverse

from ..calendars import local
from ..models import (
    HOLDING_STATUSES,
    BootCamp,
    Certificate,
    Course,
    Enrolment,
    LessonMedia,
    OnsiteRequest,
    WaitlistEntry,
    WaitlistStatus,
)


def report_lines(courses: dict[str, Course], camps: list[BootCamp]) -> list[str]:
    return [
        *_course_lines(courses),
        *_boot_camp_lines(camps),
        *_onsite_lines(),
        *_certificate_lines(),
    ]


def _course_lines(courses: dict[str, Course]) -> list[str]:
    lines = []
    for course in courses.values():
        course.refresh_from_db()
        version = course.published_version
        enrolments = Enrolment.objects.filter(course=course).aggregate(
            all=Count("pk"), done=Count("pk", filter=Q(completed_at__isnull=False))
        )
        price = f"${course.price_cents / 100:,.0f} for non-members" if course.price_cents else ""
        lines.append(
            f"Course {_url('training:course', course.slug)}: version {version.number}, "
            f"{enrolments['all']} enrolled, {enrolments['done']} completed"
            + (f"; {price}" if price else "; members only")
        )
    audio = LessonMedia.objects.filter(content_type__startswith="audio/").first()
    if audio is not None:
        lines.append(
            f"Audio lesson: {audio.original_name} with captions, in private storage "
            "(narration computer-generated with espeak-ng)."
        )
    return lines


def _boot_camp_lines(camps: list[BootCamp]) -> list[str]:
    lines = []
    for camp in camps:
        camp.refresh_from_db()
        first = camp.days.order_by("starts_at").first()
        taken = camp.registrations.filter(status__in=HOLDING_STATUSES).count()
        waitlist = Counter(
            WaitlistEntry.objects.filter(
                boot_camp=camp, status__in=[WaitlistStatus.WAITING, WaitlistStatus.OFFERED]
            ).values_list("status", flat=True)
        )
        when = f"{local(first.starts_at):%b %-d, %Y}" if first else "no days"
        state = camp.get_status_display().lower()
        line = f"Boot camp {_url('training:boot_camp', camp.slug)}: {when}, {state}, "
        line += f"{taken} of {camp.capacity} seats taken"
        if waitlist[WaitlistStatus.OFFERED]:
            line += f", a seat offered to the waitlist ({waitlist[WaitlistStatus.OFFERED]})"
        if waitlist[WaitlistStatus.WAITING]:
            line += f", {waitlist[WaitlistStatus.WAITING]} waiting"
        lines.append(line)
    return lines


def _onsite_lines() -> list[str]:
    requests = OnsiteRequest.objects.select_related("organization").order_by("created_at")
    return [
        f"On-site request of {onsite.organization}: {onsite.get_status_display().lower()}"
        for onsite in requests
    ]


def _certificate_lines() -> list[str]:
    issued = Certificate.objects.order_by("issued_at")
    revoked = issued.filter(revoked_at__isnull=False).count()
    lines = [f"{issued.count()} certificates ({revoked} revoked):"]
    for label, certificate in (
        ("valid", issued.filter(revoked_at__isnull=True).first()),
        ("revoked", issued.filter(revoked_at__isnull=False).first()),
    ):
        if certificate is not None:
            url = _url("training:certificate_verify", certificate.code)
            lines.append(f"  {label}: {url} ({certificate.recipient_name})")
    return lines


def _url(name: str, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:  # a page not declared (yet): name it instead
        return f"{name} {' '.join(str(arg) for arg in args)}"
