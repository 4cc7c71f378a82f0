"""The draft editor's quiz questions: adding and editing a question with its choices (a
formset of rows that works without JavaScript), moving and deleting it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from socialrx.core.errors import DomainError, add_error_to_form

from ..forms_authoring import ChoiceFormSet, MoveForm, QuestionForm, choice_drafts, choice_rows
from ..models import LessonKind
from ..selectors import authoring as selectors
from ..services import authoring_quiz as quiz_services
from .authoring import faculty_course
from .authoring_content import done_or_refused, valid_or_message


def _question_page(request, course, lesson, question, form, formset, status=200):
    return render(
        request,
        "training/staff/courses/question_form.html",
        {
            "course": course,
            "lesson": lesson,
            "question": question,
            "form": form,
            "formset": formset,
            "tab": "content",
        },
        status=status,
    )


def _question_form(request, course, lesson, question):
    if request.method == "GET":
        initial = (
            {"prompt": question.prompt, "kind": question.kind, "explanation": question.explanation}
            if question is not None
            else {"kind": "single"}
        )
        formset = ChoiceFormSet(initial=choice_rows(question), prefix="choices")
        return _question_page(
            request, course, lesson, question, QuestionForm(initial=initial), formset
        )
    form = QuestionForm(request.POST)
    formset = ChoiceFormSet(request.POST, prefix="choices")
    if form.is_valid() and formset.is_valid():
        try:
            quiz_services.save_question(
                actor=request.user,
                lesson=lesson,
                question=question,
                choices=choice_drafts(formset),
                **form.cleaned_data,
            )
        except DomainError as error:
            if error.field == "choices":
                form.add_error(None, error.message)
            else:
                add_error_to_form(form, error)
        else:
            messages.success(request, "Question saved.")
            return redirect("training:staff_lesson_edit", course.slug, lesson.pk)
    elif not formset.is_valid():
        form.is_valid()
        form.add_error(
            None, "The choices could not be read: " + " ".join(formset.non_form_errors())
        )
    return _question_page(request, course, lesson, question, form, formset, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def question_new(request, slug, lesson_id):
    course = faculty_course(request, slug)
    lesson = selectors.lesson_for_editing(course, lesson_id)
    if lesson.kind != LessonKind.QUIZ:
        messages.error(request, "Only a quiz has questions: make the lesson a quiz first.")
        return redirect("training:staff_lesson_edit", slug, lesson.pk)
    return _question_form(request, course, lesson, None)


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request, slug, question_id):
    course = faculty_course(request, slug)
    question = selectors.question_for_editing(course, question_id)
    return _question_form(request, course, question.lesson, question)


@login_required
@require_POST
def question_delete(request, slug, question_id):
    course = faculty_course(request, slug)
    question = selectors.question_for_editing(course, question_id)
    return done_or_refused(
        request, slug,
        lambda: quiz_services.delete_question(actor=request.user, question=question),
        "Question deleted.",
        "training:staff_lesson_edit", slug, question.lesson_id,
    )  # fmt: skip


@login_required
@require_POST
def question_move(request, slug, question_id):
    course = faculty_course(request, slug)
    question = selectors.question_for_editing(course, question_id)
    form = MoveForm(request.POST)
    if valid_or_message(request, form):
        direction = form.cleaned_data["direction"]
        return done_or_refused(
            request, slug,
            lambda: quiz_services.move_question(
                actor=request.user, question=question, direction=direction
            ),
            f"Question moved {direction}.",
            "training:staff_lesson_edit", slug, question.lesson_id,
        )  # fmt: skip
    return redirect("training:staff_lesson_edit", slug, question.lesson_id)
