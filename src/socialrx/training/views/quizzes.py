"""Taking a quiz: start an attempt, answer it, read the graded result."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from socialrx.core.errors import Conflict, DomainError, NotFound, add_error_to_form

from ..forms_quiz import QuizForm
from ..models import LessonKind
from ..selectors.access import enrolment_of
from ..selectors.content import published_course, published_outline
from ..selectors.lessons import attempt_page, may_study, quiz_state
from ..services import quizzes
from .lessons import course_url, lesson_url, refused


def attempt_url(course, key, attempt) -> str:
    return reverse("training:quiz_attempt", args=[course.slug, key, attempt.public_id])


def _next_lesson(course, key):
    outline = published_outline(course)
    if key not in outline.lesson_keys:
        return None
    return outline.neighbours(key)[1]


@login_required
@require_POST
def start(request, slug, key):
    course = published_course(slug)
    lesson = published_outline(course).lesson(key)
    if lesson.kind != LessonKind.QUIZ:
        raise NotFound("This lesson is not a quiz.")
    enrolment = enrolment_of(request.user, course)
    if enrolment is None:
        raise PermissionDenied("Enrol in the course to take its quiz.")
    passed = quiz_state(enrolment, lesson).passed_attempt
    if passed is not None:  # a second tab, or the back button: show the result instead
        return redirect(attempt_url(course, key, passed))
    try:
        attempt = quizzes.start_attempt(request.user, enrolment, lesson)
    except DomainError as error:
        if error.status_code == 404:
            raise
        return refused(
            request, course, error, back=lesson_url(course, key), back_label="Back to the quiz"
        )
    return redirect(attempt_url(course, key, attempt))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def attempt(request, slug, key, attempt):
    page = attempt_page(request.user, slug, key, attempt)
    if not may_study(request.user, page.course):
        raise PermissionDenied("Your access to this course has ended.")
    this_url = attempt_url(page.course, key, page.attempt)
    if page.attempt.submitted_at is not None:
        if request.method == "POST":
            error = Conflict("This attempt was already submitted: here is its result.")
            return refused(request, page.course, error, back=this_url, back_label="See the result")
        return render(
            request,
            "training/quiz_result.html",
            {
                "page": page,
                "lesson_url": lesson_url(page.course, key),
                "course_url": course_url(page.course),
                "next_lesson": _next_lesson(page.course, key) if page.attempt.passed else None,
            },
        )
    form = QuizForm(page.questions, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            quizzes.submit_attempt(request.user, page.attempt, form.answers())
        except Conflict as error:
            return refused(request, page.course, error, back=this_url, back_label="See the result")
        except DomainError as error:
            if error.status_code == 404:
                raise
            add_error_to_form(form, error)
        else:
            return redirect(this_url)
    return render(
        request,
        "training/quiz_attempt.html",
        {
            "page": page,
            "form": form,
            "lesson_url": lesson_url(page.course, key),
            "course_url": course_url(page.course),
        },
        status=400 if request.method == "POST" else 200,
    )
