"""The faculty's course back office: the list of courses, their catalogue facts, versions
(start a new draft, publish it), archiving, and the preview of a draft as learners will see it.
The draft's content (modules, lessons, questions, media) is edited in `authoring_content`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from socialrx.core.errors import DomainError, add_error_to_form
from socialrx.core.forms import form_errors_text
from socialrx.core.permissions import require

from ..embeds import allow_embed_frames
from ..forms_authoring import CourseForm, PublishForm
from ..models import CourseStatus
from ..selectors import authoring as selectors
from ..services import authoring as services
from ..services.authoring import PublishRefused

PERMISSION = "training.author_courses"


def faculty_course(request, slug):
    """The course `slug` for a member of the faculty (403 for anyone else, 404 if unknown)."""
    require(request.user, PERMISSION)
    return selectors.course_for_authoring(slug)


@login_required
@require_GET
def course_list(request):
    require(request.user, PERMISSION)
    return render(
        request,
        "training/staff/courses/list.html",
        {"courses": selectors.staff_course_list()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def course_edit(request, slug=None):
    if slug is None:
        require(request.user, PERMISSION)
        course = None
        initial = {"level": "introductory", "ce_hours": 0}
    else:
        course = faculty_course(request, slug)
        initial = CourseForm.initial_for(course)
    form = CourseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_course(actor=request.user, course=course, data=form.cleaned_data)
        except DomainError as error:
            add_error_to_form(form, error)
        else:
            if course is None:
                messages.success(request, f"“{saved.title}” was created: add its first module.")
                return redirect("training:staff_course_content", saved.slug)
            messages.success(request, f"The catalogue facts of “{saved.title}” were saved.")
            return redirect("training:staff_course_edit", saved.slug)
    return render(
        request,
        "training/staff/courses/course_form.html",
        {"form": form, "course": course, "tab": "facts"},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def new_draft(request, slug):
    course = faculty_course(request, slug)
    try:
        draft = services.start_new_draft(actor=request.user, course=course)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            f"Version {draft.number} is a draft copy of the published course: learners keep "
            "seeing the published version until you publish this one.",
        )
    return redirect("training:staff_course_content", course.slug)


@login_required
@require_POST
def publish(request, slug):
    course = faculty_course(request, slug)
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"Not published. {form_errors_text(form)}")
        return redirect("training:staff_course_content", course.slug)
    try:
        version = services.publish_draft(
            actor=request.user, course=course, change_note=form.cleaned_data["change_note"]
        )
    except PublishRefused as refusal:
        messages.error(request, "Not published yet. " + " ".join(refusal.problems))
    except DomainError as error:
        messages.error(request, f"Not published. {error.message}")
    else:
        messages.success(
            request,
            f"Version {version.number} of “{course.title}” is published; learners' progress "
            "was recounted against it.",
        )
    return redirect("training:staff_course_content", course.slug)


@login_required
@require_POST
def archive(request, slug):
    course = faculty_course(request, slug)
    archived = request.POST.get("action", "archive") != "unarchive"
    try:
        course = services.set_archived(actor=request.user, course=course, archived=archived)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            f"“{course.title}” is archived: off the catalogue; enrolled learners keep it."
            if course.status == CourseStatus.ARCHIVED
            else f"“{course.title}” is back in the catalogue.",
        )
    return redirect("training:staff_course_content", course.slug)


@login_required
@require_GET
@allow_embed_frames
def preview(request, slug):
    course = faculty_course(request, slug)
    version = selectors.draft_of(course) or course.published_version
    modules = selectors.preview_of(version) if version is not None else []
    return render(
        request,
        "training/staff/courses/preview.html",
        {
            "course": course,
            "version": version,
            "modules": modules,
            "tab": "preview",
            "publish_form": PublishForm(),
        },
    )
