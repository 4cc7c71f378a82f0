"""A learner's progress pages: "continue where you left off", "My learning", and an
organization's learning report (page and CSV)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse

from socialrx.core.csv_export import csv_response
from socialrx.core.permissions import require
from socialrx.organizations.selectors import organization_for

from ..selectors import learning
from ..selectors.catalog import local_day
from ..selectors.content import Outline


def next_lesson_key(outline: Outline, enrolment, done_keys):
    """The lesson last opened if it is still in the published version, else the first lesson
    not done, else the first lesson (None when the course has no lesson)."""
    keys = outline.lesson_keys
    if not keys:
        return None
    if enrolment.last_lesson_key in keys:
        return enrolment.last_lesson_key
    return next((key for key in keys if key not in done_keys), keys[0])


@login_required
def continue_course(request, slug):
    page = learning.course_page(request.user, slug)
    if page.enrolment is None or page.outline is None:
        if page.state == learning.ENROL:
            messages.info(request, "Start the course first: it is free for members.")
        return redirect("training:course", slug)
    if page.state == learning.LAPSED:
        messages.info(request, "Your access to this course has ended: see the course page.")
        return redirect("training:course", slug)
    key = next_lesson_key(page.outline, page.enrolment, page.done_keys)
    if key is None:
        return redirect("training:course", slug)
    return redirect(reverse("training:lesson", args=[slug, key]))


@login_required
def my_learning(request):
    require(request.user, "training.view_my_learning")
    context = {"learning": learning.my_learning(request.user), "center_zone": settings.TIME_ZONE}
    return render(request, "training/my_learning.html", context)


CSV_HEADER = [
    "Person",
    "Email",
    "Role",
    "Format",
    "Title",
    "Status",
    "Progress (%)",
    "Started",
    "Completed or dates",
    "Valid certificates",
]


def _csv_rows(people):
    for row in people:
        person = [row.person.full_name, row.person.email, row.seat.get_role_display()]
        tail = [row.certificates]
        if not row.enrolments and not row.registrations:
            yield [*person, "", "", "Nothing yet", "", "", "", *tail]
        for enrolment in row.enrolments:
            yield [
                *person,
                "Online course",
                enrolment.course.title,
                "Completed" if enrolment.completed_at else "In progress",
                enrolment.percent,
                local_day(enrolment.enrolled_at).isoformat(),
                local_day(enrolment.completed_at).isoformat() if enrolment.completed_at else "",
                *tail,
            ]
        for registration in row.registrations:
            dates = ""
            if registration.first_starts_at:
                first = local_day(registration.first_starts_at).isoformat()
                last = local_day(registration.last_ends_at).isoformat()
                dates = first if first == last else f"{first} to {last}"
            yield [
                *person,
                "Boot camp",
                registration.boot_camp.title,
                registration.get_status_display(),
                "",
                local_day(registration.created_at).isoformat(),
                dates,
                *tail,
            ]


@login_required
def org_learning(request, public_id):
    organization = organization_for(request.user, public_id, "training.view_org_learning")
    people = learning.organization_learning(organization)
    if request.GET.get("format") == "csv":
        slug = "".join(ch if ch.isalnum() else "-" for ch in organization.name.lower())[:60]
        return csv_response(f"learning-{slug.strip('-')}.csv", CSV_HEADER, _csv_rows(people))
    return render(
        request,
        "training/org_learning.html",
        {"organization": organization, "people": people, "center_zone": settings.TIME_ZONE},
    )
