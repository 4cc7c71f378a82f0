"""Editing a draft quiz's questions and choices."""

from __future__ import annotations

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from socialrx.core.errors import DomainError, NotFound
from socialrx.core.models import AuditEvent
from socialrx.training.models import Choice, Lesson, LessonKind, Question
from socialrx.training.services import authoring
from socialrx.training.services.authoring_quiz import (
    ChoiceDraft,
    delete_question,
    move_question,
    save_question,
)
from tests.training.factories import make_course

pytestmark = pytest.mark.django_db
C = ChoiceDraft


@pytest.fixture
def course(staff):
    course = make_course()
    authoring.start_new_draft(actor=staff, course=course)
    return course


@pytest.fixture
def quiz(course):
    return Lesson.objects.get(module__version__status="draft", kind=LessonKind.QUIZ)


def ask(staff, quiz, *, kind="single", choices, question=None):
    return save_question(
        actor=staff,
        lesson=quiz,
        question=question,
        prompt="Which platform suits a 3-minute explainer?",
        kind=kind,
        explanation="Video platforms carry it best.",
        choices=choices,
    )


def test_adding_a_question(staff, quiz):
    question = ask(
        staff,
        quiz,
        choices=[ChoiceDraft("YouTube", True), ChoiceDraft("  ", False), ChoiceDraft("X", False)],
    )

    assert question.position == 3
    assert list(question.choices.order_by("position").values_list("text", "is_correct")) == [
        ("YouTube", True),
        ("X", False),
    ]
    assert AuditEvent.objects.get(action="training.question.added").after["choices"] == (
        "*YouTube | X"
    )


@pytest.mark.parametrize(
    ("kind", "choices", "message"),
    [
        ("single", [C("A", True)], "Give at least two choices."),
        ("single", [C("A", True), C("B", True)], "exactly one correct choice (2 marked)"),
        ("single", [C("A", False), C("B", False)], "exactly one correct choice (0 marked)"),
        ("multiple", [C("A", False), C("B", False)], "Mark at least one choice correct."),
        ("single", [C("A", True), C("a", False)], "Two choices say the same thing"),
        ("single", [C("A", True), C("", True)], "A choice marked correct has no text."),
    ],
)  # fmt: skip
def test_invalid_questions_are_refused(staff, quiz, kind, choices, message):
    with pytest.raises(DomainError, match=message.replace("(", r"\(").replace(")", r"\)")):
        ask(staff, quiz, kind=kind, choices=choices)
    assert Question.objects.filter(lesson=quiz).count() == 2


def test_editing_keeps_the_keys_of_kept_choices(staff, course, quiz):
    question = quiz.questions.get(position=2)  # multiple: two correct, one wrong
    kept = question.choices.get(text="What is removed")
    dropped = question.choices.get(text="Patients' names")
    published_choice_keys = set(
        Choice.objects.filter(
            question__lesson__module__version=course.published_version
        ).values_list("key", flat=True)
    )

    ask(
        staff,
        quiz,
        kind="multiple",
        question=question,
        choices=[
            ChoiceDraft("What is removed, and why", True, key=kept.key),
            ChoiceDraft("Who answers", True),
        ],
    )

    rows = list(question.choices.order_by("position"))
    assert [(c.text, c.is_correct) for c in rows] == [
        ("What is removed, and why", True),
        ("Who answers", True),
    ]
    assert rows[0].key == kept.key
    assert rows[1].key not in published_choice_keys
    assert not Choice.objects.filter(question=question, key=dropped.key).exists()
    # The published version's question is untouched.
    assert Choice.objects.filter(
        question__lesson__module__version=course.published_version, key=dropped.key
    ).exists()


def test_a_published_quiz_is_not_edited(staff, course):
    published_quiz = Lesson.objects.get(
        module__version=course.published_version, kind=LessonKind.QUIZ
    )
    with pytest.raises(NotFound):
        ask(staff, published_quiz, choices=[ChoiceDraft("A", True), ChoiceDraft("B", False)])


def test_only_a_quiz_has_questions(staff, course):
    reading = Lesson.objects.get(module__version__status="draft", title="Lesson 1")
    with pytest.raises(DomainError, match="Only a quiz has questions"):
        ask(staff, reading, choices=[ChoiceDraft("A", True), ChoiceDraft("B", False)])


def test_move_and_delete_questions(staff, quiz):
    second = quiz.questions.get(position=2)
    move_question(actor=staff, question=second, direction="up")
    assert list(quiz.questions.order_by("position").values_list("pk", flat=True))[0] == second.pk

    delete_question(actor=staff, question=second)
    assert list(quiz.questions.values_list("position", flat=True)) == [1]
    assert AuditEvent.objects.filter(action="training.question.deleted").count() == 1


# --- pages ------------------------------------------------------------------------------------


def formset_post(rows, **fields):
    post = {
        "prompt": "Who may see a private message?",
        "kind": "single",
        "explanation": "Only the people in it.",
        "choices-TOTAL_FORMS": str(len(rows)),
        "choices-INITIAL_FORMS": str(len(rows)),
        "choices-MIN_NUM_FORMS": "0",
        "choices-MAX_NUM_FORMS": "8",
    }
    for index, (text, correct, key) in enumerate(rows):
        post[f"choices-{index}-text"] = text
        post[f"choices-{index}-key"] = key
        if correct:
            post[f"choices-{index}-is_correct"] = "on"
    post.update(fields)
    return post


def test_adding_a_question_through_the_page(client, staff, course, quiz):
    client.force_login(staff)
    url = reverse("training:staff_question_new", args=[course.slug, quiz.pk])

    page = client.get(url)
    response = client.post(
        url,
        formset_post([("The people in it", True, ""), ("Everyone", False, ""), ("", False, "")]),
    )

    assertContains(page, "choices-3-text")  # four rows to fill
    assert response["Location"] == reverse(
        "training:staff_lesson_edit", args=[course.slug, quiz.pk]
    )
    question = quiz.questions.get(position=3)
    assert question.choices.count() == 2


def test_an_invalid_question_is_shown_again_with_the_reason(client, staff, course, quiz):
    client.force_login(staff)
    response = client.post(
        reverse("training:staff_question_new", args=[course.slug, quiz.pk]),
        formset_post([("Yes", True, ""), ("No", True, "")]),
    )
    assertContains(
        response,
        "A one-answer question needs exactly one correct choice (2 marked).",
        status_code=400,
    )
    assert quiz.questions.count() == 2


def test_too_many_choice_rows_are_refused_not_a_500(client, staff, course, quiz):
    client.force_login(staff)
    rows = [(f"Choice {n}", n == 0, "") for n in range(50)]
    response = client.post(
        reverse("training:staff_question_new", args=[course.slug, quiz.pk]), formset_post(rows)
    )
    assert response.status_code == 400
    assert quiz.questions.count() == 2


def test_a_garbled_choice_key_is_refused(client, staff, course, quiz):
    client.force_login(staff)
    response = client.post(
        reverse("training:staff_question_new", args=[course.slug, quiz.pk]),
        formset_post([("Yes", True, "not-a-uuid"), ("No", False, "")]),
    )
    assert response.status_code == 400


def test_editing_a_question_through_the_page(client, staff, course, quiz):
    question = quiz.questions.get(position=1)
    yes, no = question.choices.order_by("position")
    client.force_login(staff)
    url = reverse("training:staff_question_edit", args=[course.slug, question.pk])

    page = client.get(url)
    response = client.post(
        url,
        formset_post([(yes.text, False, str(yes.key)), (no.text, True, str(no.key))]),
    )

    assertContains(page, str(yes.key))
    assert response.status_code == 302
    assert set(question.choices.filter(is_correct=True).values_list("key", flat=True)) == {no.key}


def test_a_question_of_the_published_version_is_not_found(client, staff, course):
    published = Question.objects.filter(lesson__module__version=course.published_version).first()
    client.force_login(staff)
    assert (
        client.get(
            reverse("training:staff_question_edit", args=[course.slug, published.pk])
        ).status_code
        == 404
    )


def test_the_lesson_page_lists_the_questions(client, staff, course, quiz):
    client.force_login(staff)
    response = client.get(reverse("training:staff_lesson_edit", args=[course.slug, quiz.pk]))
    assertContains(response, "May you post a patient")
    assertContains(response, reverse("training:staff_question_new", args=[course.slug, quiz.pk]))
