"""The draft editor: a course's modules and lessons, a lesson's page (text, kind, video
address, quiz settings, media upload, questions) and a question's page. Every action is a
POST form that works without JavaScript and comes back to the page it was sent from."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from socialrx.core.errors import DomainError, add_error_to_form
from socialrx.core.forms import form_errors_text

from .. import uploads
from ..embeds import allow_embed_frames
from ..forms_authoring import (
    LessonForm,
    MediaForm,
    ModuleForm,
    MoveForm,
    NewLessonForm,
    PublishForm,
)
from ..models import LessonKind
from ..selectors import authoring as selectors
from ..services import authoring as course_services
from ..services import authoring_content as services
from ..services import media as media_services
from .authoring import faculty_course


@login_required
@require_GET
def content(request, slug):
    course = faculty_course(request, slug)
    draft = selectors.draft_of(course)
    modules = selectors.editor_modules(draft) if draft is not None else []
    return render(
        request,
        "training/staff/courses/content.html",
        {
            "course": course,
            "draft": draft,
            "modules": modules,
            "problems": course_services.publish_problems(draft) if draft is not None else [],
            "versions": selectors.versions_of(course),
            "module_form": ModuleForm(),
            "lesson_kinds": LessonKind.choices,
            "publish_form": PublishForm(),
            "tab": "content",
        },
    )


def done_or_refused(request, slug, action, success: str, *args):
    """Run a service `action`; its refusal (or `success`) is shown on the page sent back to."""
    try:
        action()
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect(*args) if args else redirect("training:staff_course_content", slug)


def valid_or_message(request, form) -> bool:
    if form.is_valid():
        return True
    messages.error(request, form_errors_text(form))
    return False


# --- modules ----------------------------------------------------------------------------------


@login_required
@require_POST
def module_add(request, slug):
    course = faculty_course(request, slug)
    draft = selectors.draft_of(course)
    form = ModuleForm(request.POST)
    if draft is None:
        messages.error(request, "Start a new version first: the published one is not edited.")
    elif valid_or_message(request, form):
        title = form.cleaned_data["title"]
        return done_or_refused(
            request, slug,
            lambda: services.add_module(actor=request.user, version=draft, title=title),
            f"Module “{title}” added.",
        )  # fmt: skip
    return redirect("training:staff_course_content", slug)


@login_required
@require_POST
def module_edit(request, slug, module_id):
    course = faculty_course(request, slug)
    module = selectors.module_for_editing(course, module_id)
    form = ModuleForm(request.POST)
    if valid_or_message(request, form):
        title = form.cleaned_data["title"]
        return done_or_refused(
            request, slug,
            lambda: services.rename_module(actor=request.user, module=module, title=title),
            f"The module is now called “{title}”.",
        )  # fmt: skip
    return redirect("training:staff_course_content", slug)


@login_required
@require_POST
def module_delete(request, slug, module_id):
    course = faculty_course(request, slug)
    module = selectors.module_for_editing(course, module_id)
    return done_or_refused(
        request, slug,
        lambda: services.delete_module(actor=request.user, module=module),
        f"Module “{module.title}” deleted.",
    )  # fmt: skip


@login_required
@require_POST
def module_move(request, slug, module_id):
    course = faculty_course(request, slug)
    module = selectors.module_for_editing(course, module_id)
    form = MoveForm(request.POST)
    if valid_or_message(request, form):
        direction = form.cleaned_data["direction"]
        return done_or_refused(
            request, slug,
            lambda: services.move_module(actor=request.user, module=module, direction=direction),
            f"Module “{module.title}” moved {direction}.",
        )  # fmt: skip
    return redirect("training:staff_course_content", slug)


# --- lessons ----------------------------------------------------------------------------------


@login_required
@require_POST
def lesson_add(request, slug, module_id):
    course = faculty_course(request, slug)
    module = selectors.module_for_editing(course, module_id)
    form = NewLessonForm(request.POST)
    if not valid_or_message(request, form):
        return redirect("training:staff_course_content", slug)
    try:
        lesson = services.add_lesson(actor=request.user, module=module, **form.cleaned_data)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("training:staff_course_content", slug)
    messages.success(request, f"Lesson “{lesson.title}” added: write it now.")
    return redirect("training:staff_lesson_edit", slug, lesson.pk)


def _lesson_page(request, course, lesson, *, form=None, media_form=None, status=200):
    modules = selectors.editor_modules(lesson.module.version)
    form = form or LessonForm(initial=LessonForm.initial_for(lesson), modules=modules)
    return render(
        request,
        "training/staff/courses/lesson_form.html",
        {
            "course": course,
            "lesson": lesson,
            "form": form,
            "media_form": media_form or MediaForm(),
            "questions": selectors.questions_of(lesson) if lesson.kind == LessonKind.QUIZ else [],
            "problems": course_services.lesson_problems(lesson)
            if lesson.kind != LessonKind.QUIZ
            else [],
            "max_mb": settings.TRAINING_MEDIA_MAX_BYTES // (1024 * 1024),
            "tab": "content",
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
@allow_embed_frames
def lesson_edit(request, slug, lesson_id):
    course = faculty_course(request, slug)
    lesson = selectors.lesson_for_editing(course, lesson_id)
    if request.method == "GET":
        return _lesson_page(request, course, lesson)
    modules = selectors.editor_modules(lesson.module.version)
    form = LessonForm(request.POST, modules=modules)
    if form.is_valid():
        try:
            saved = services.update_lesson(
                actor=request.user, lesson=lesson, data=form.data_for_service()
            )
        except DomainError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, f"Lesson “{saved.title}” saved.")
            return redirect("training:staff_lesson_edit", slug, saved.pk)
    return _lesson_page(request, course, lesson, form=form, status=400)


@login_required
@require_POST
def lesson_delete(request, slug, lesson_id):
    course = faculty_course(request, slug)
    lesson = selectors.lesson_for_editing(course, lesson_id)
    return done_or_refused(
        request, slug,
        lambda: services.delete_lesson(actor=request.user, lesson=lesson),
        f"Lesson “{lesson.title}” deleted.",
    )  # fmt: skip


@login_required
@require_POST
def lesson_move(request, slug, lesson_id):
    course = faculty_course(request, slug)
    lesson = selectors.lesson_for_editing(course, lesson_id)
    form = MoveForm(request.POST)
    if valid_or_message(request, form):
        direction = form.cleaned_data["direction"]
        return done_or_refused(
            request, slug,
            lambda: services.move_lesson(actor=request.user, lesson=lesson, direction=direction),
            f"Lesson “{lesson.title}” moved {direction}.",
        )  # fmt: skip
    return redirect("training:staff_course_content", slug)


# --- media ------------------------------------------------------------------------------------


def _declared_length(request) -> int:
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:  # Django itself reads a malformed length as no body
        return 0


def _media_refused(request, course, lesson, message: str, status: int):
    form = MediaForm()
    form.cleaned_data = {}
    form.add_error(None, message)
    return _lesson_page(request, course, lesson, media_form=form, status=status)


# CSRF is checked inside, once the declared size is acceptable: the CSRF middleware would read
# the body to find its token, which for an upload means receiving the whole file first.
@csrf_exempt
@login_required
@require_POST
def media_upload(request, slug, lesson_id):
    course = faculty_course(request, slug)
    lesson = selectors.lesson_for_editing(course, lesson_id)
    limit = settings.TRAINING_MEDIA_MAX_BYTES
    declared = _declared_length(request)
    if declared > uploads.declared_total_limit(limit):
        message = uploads.too_large_message(declared, limit)
        return _media_refused(request, course, lesson, message, 413)
    handler = uploads.install(request, media_limit=limit)
    return _media_upload_checked(request, course, lesson, handler)


@csrf_protect
def _media_upload_checked(request, course, lesson, handler):
    try:
        form = MediaForm(request.POST, request.FILES)
        valid = form.is_valid()
    except MultiPartParserError:
        return _media_refused(request, course, lesson, "The upload was incomplete: try again.", 400)
    if handler.refusal:
        return _media_refused(request, course, lesson, handler.refusal, 413)
    if not valid:
        return _lesson_page(request, course, lesson, media_form=form, status=400)
    try:
        media = media_services.upload_media(
            actor=request.user,
            lesson=lesson,
            media_file=form.cleaned_data.get("file"),
            captions_file=form.cleaned_data.get("captions"),
        )
    except DomainError as error:
        add_error_to_form(form, error)
        return _lesson_page(
            request,
            course,
            lesson,
            media_form=form,
            status=413 if error.code == "too_large" else 400,
        )
    note = "" if media.captions else " Add its captions before publishing."
    messages.success(request, f"The media of “{lesson.title}” was saved.{note}")
    return redirect("training:staff_lesson_edit", course.slug, lesson.pk)
