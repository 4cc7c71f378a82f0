"""The lesson page and "Mark complete and continue"."""

from __future__ import annotations

from functools import wraps

from csp.decorators import csp_update
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_POST, require_safe

from socialrx.core.errors import DomainError
from socialrx.core.permissions import allowed

from ..embeds import csp_frame_sources
from ..models import Course, LessonKind
from ..selectors.access import enrolment_of
from ..selectors.content import published_course, published_outline
from ..selectors.lessons import LessonPage, lesson_page, quiz_state
from ..services import progress


def embed_frames(view):
    """Let this view's page frame the allow-listed video hosts (and only this view's): the
    site's policy allows no frame at all. The hosts are read per request (settings may change)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        update = csp_update({"frame-src": csp_frame_sources() or ["'none'"]})
        return update(view)(request, *args, **kwargs)

    return wrapped


def course_url(course: Course) -> str:
    """The course page (its syllabus, enrolment and "continue")."""
    try:
        return reverse("training:course", args=[course.slug])
    except NoReverseMatch:  # the course page's area not mounted: the first lesson instead
        first = published_outline(course).lessons[0]
        return lesson_url(course, first.key)


def lesson_url(course: Course, key) -> str:
    return reverse("training:lesson", args=[course.slug, key])


def refused(request, course: Course, error: DomainError, *, back: str, back_label: str):
    """A refusal the person can read, with the way back, answered with its 4xx status."""
    return render(
        request,
        "training/lesson_refused.html",
        {"course": course, "message": error.message, "back": back, "back_label": back_label},
        status=error.status_code,
    )


def locked(request, page: LessonPage):
    """A signed-in person who may not open the lesson: how to get access, never the content."""
    user = request.user
    return render(
        request,
        "training/lesson.html",
        {
            "page": page,
            "locked": True,
            "course_url": course_url(page.course),
            "may_enrol_free": allowed(user, "training.enrol_free"),
        },
        status=403,
    )


@embed_frames
@require_safe
def lesson(request, slug, key):
    page = lesson_page(request.user, slug, key)
    if not page.may_open:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return locked(request, page)
    if page.enrolment is not None:
        progress.record_visit(page.enrolment, page.lesson.key)
    context = {"page": page, "course_url": course_url(page.course)}
    if page.lesson.kind == LessonKind.QUIZ:
        context["quiz"] = quiz_state(page.enrolment, page.lesson)
    elif not page.enrolment:
        context["may_enrol_free"] = allowed(request.user, "training.enrol_free")
    return render(request, "training/lesson.html", context)


@login_required
@require_POST
def complete(request, slug, key):
    course = published_course(slug)
    outline = published_outline(course)
    outline.lesson(key)
    enrolment = enrolment_of(request.user, course)
    if enrolment is None:
        raise PermissionDenied("Enrol in the course to record your progress.")
    try:
        done = progress.complete_lesson(request.user, enrolment, key)
    except DomainError as error:
        if error.status_code == 404:
            raise
        return refused(
            request, course, error, back=lesson_url(course, key), back_label="Back to the lesson"
        )
    if done.course_completed:
        message = f"Congratulations: you completed {course.title}."
        if done.certificate is not None:
            message += (
                f" Your certificate code is {done.certificate.code}; we emailed it to you too."
            )
        messages.success(request, message)
        return redirect(course_url(course))
    following = outline.neighbours(key)[1]
    if following is not None:
        return redirect(lesson_url(course, following.key))
    messages.success(
        request,
        f"Lesson complete: {done.enrolment.lessons_done} of "
        f"{done.enrolment.lessons_total} lessons of {course.title} done.",
    )
    return redirect(course_url(course))
