"""Taking a quiz: starting an attempt (questions and choices in the order shown, shuffled per
attempt when the quiz says so) and submitting it (graded here, on the server, never trusting
the page). Passing completes the quiz lesson through the same path as any lesson.

An attempt refers to its questions by key in the version it was taken (`attempt.version`), so
publishing a new version of the course never changes an attempt already made."""

from __future__ import annotations

import secrets
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from socialrx.core import audit
from socialrx.core.errors import Conflict, DomainError, NotFound
from socialrx.core.permissions import require

from ..models import (
    AttemptAnswer,
    Course,
    CourseStatus,
    Enrolment,
    Lesson,
    LessonKind,
    Question,
    QuestionKind,
    QuizAttempt,
)
from .progress import Completion, record_completion

_random = secrets.SystemRandom()


def _check_learner(actor, enrolment: Enrolment) -> Course:
    if not getattr(actor, "is_authenticated", False) or enrolment.person_id != actor.pk:
        raise NotFound("No such enrolment.")
    course = enrolment.course
    require(actor, "training.study_course", course)
    return course


def _plural_attempts(count: int) -> str:
    return f"{count} attempt" if count == 1 else f"{count} attempts"


def _questions_of(version_id: int, lesson_key: UUID) -> list[Question]:
    """The quiz's questions in `version_id`, each with its choices (two queries)."""
    return list(
        Question.objects.filter(lesson__module__version_id=version_id, lesson__key=lesson_key)
        .order_by("position")
        .prefetch_related("choices")
    )


def _order(lesson: Lesson, questions: list[Question]) -> list[dict]:
    if lesson.shuffle_questions:
        questions = list(questions)
        _random.shuffle(questions)
    order = []
    for question in questions:
        keys = [str(choice.key) for choice in question.choices.all()]
        if lesson.shuffle_choices:
            _random.shuffle(keys)
        order.append({"question": str(question.key), "choices": keys})
    return order


def start_attempt(actor, enrolment: Enrolment, lesson: Lesson) -> QuizAttempt:
    """A new attempt at the quiz `lesson` of the course's published version, or the attempt the
    learner started and has not submitted yet (a reload never costs an attempt)."""
    course = _check_learner(actor, enrolment)
    if course.status not in (CourseStatus.PUBLISHED, CourseStatus.ARCHIVED) or (
        course.published_version_id is None
    ):
        raise DomainError("This course is not published: its quiz cannot be taken.")
    if lesson.kind != LessonKind.QUIZ:
        raise DomainError("This lesson is not a quiz.")
    if lesson.module.version_id != course.published_version_id:
        raise NotFound("This course has no such quiz.")
    with transaction.atomic():
        # Two tabs starting at once wait here for each other, so the limit holds.
        Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        attempts = list(QuizAttempt.objects.filter(enrolment=enrolment, lesson_key=lesson.key))
        if any(attempt.passed for attempt in attempts):
            raise Conflict("You already passed this quiz.")
        for attempt in attempts:
            if attempt.submitted_at is None:
                return attempt
        if len(attempts) >= lesson.max_attempts:
            raise Conflict(
                f"You have used all {_plural_attempts(lesson.max_attempts)} at this quiz."
            )
        questions = _questions_of(course.published_version_id, lesson.key)
        if not questions:
            raise DomainError("This quiz has no questions yet.")
        attempt = QuizAttempt.objects.create(
            enrolment=enrolment,
            lesson_key=lesson.key,
            version_id=course.published_version_id,
            number=max((attempt.number for attempt in attempts), default=0) + 1,
            order=_order(lesson, questions),
        )
        audit.record(
            actor=actor,
            action="training.quiz.started",
            target=attempt,
            after={"lesson_key": lesson.key, "number": attempt.number},
        )
    return attempt


def _parse(attempt: QuizAttempt, answers: dict) -> dict[str, set[str]]:
    """{question key: chosen choice keys} as text, refusing anything the attempt did not show."""
    if not isinstance(answers, dict):
        raise DomainError("Send the answers as {question key: [choice keys]}.")
    shown = {item["question"]: set(item["choices"]) for item in attempt.order}
    parsed: dict[str, set[str]] = {}
    for question_key, choice_keys in answers.items():
        key = str(question_key)
        if key not in shown:
            raise DomainError("An answer names a question that is not in this quiz.")
        if isinstance(choice_keys, str | UUID):
            choice_keys = [choice_keys]
        if not isinstance(choice_keys, list | tuple | set | frozenset):
            raise DomainError("An answer must list the keys of the choices made.")
        chosen = {str(choice) for choice in choice_keys}
        if not chosen <= shown[key]:
            raise DomainError("An answer names a choice that does not belong to its question.")
        parsed[key] = chosen
    return parsed


def submit_attempt(actor, attempt: QuizAttempt, answers: dict) -> QuizAttempt:
    """Grade the attempt: a question is right when the chosen set equals its correct set; a
    missing answer is wrong. Passing completes the quiz lesson (and maybe the course)."""
    enrolment = Enrolment.objects.select_related("course").get(pk=attempt.enrolment_id)
    if not getattr(actor, "is_authenticated", False) or enrolment.person_id != actor.pk:
        raise NotFound("No such attempt.")
    course = _check_learner(actor, enrolment)
    parsed = _parse(attempt, answers)
    questions = {str(q.key): q for q in _questions_of(attempt.version_id, attempt.lesson_key)}
    for key, chosen in parsed.items():
        question = questions.get(key)
        if question is None:  # the version lost it: cannot happen for a stored attempt
            raise DomainError("An answer names a question that is not in this quiz.")
        if question.kind == QuestionKind.SINGLE and len(chosen) > 1:
            raise DomainError(f"Choose one answer to “{question.prompt[:80]}”.")
    lesson = Lesson.objects.get(module__version_id=attempt.version_id, key=attempt.lesson_key)
    with transaction.atomic():
        locked = QuizAttempt.objects.select_for_update().get(pk=attempt.pk)
        if locked.submitted_at is not None:
            raise Conflict("This attempt was already submitted.")
        rows, right = [], 0
        for item in locked.order:
            question = questions.get(item["question"])
            if question is None:
                continue
            chosen = parsed.get(item["question"], set())
            correct = {str(choice.key) for choice in question.choices.all() if choice.is_correct}
            is_right = bool(chosen) and chosen == correct
            right += is_right
            ordered = [key for key in item["choices"] if key in chosen]
            rows.append(
                AttemptAnswer(
                    attempt=locked, question_key=question.key, chosen=ordered, correct=is_right
                )
            )
        AttemptAnswer.objects.bulk_create(rows)
        locked.score_percent = (100 * right) // len(rows) if rows else 0
        locked.passed = locked.score_percent >= lesson.passing_percent
        locked.submitted_at = timezone.now()
        locked.save(update_fields=["score_percent", "passed", "submitted_at"])
        audit.record(
            actor=actor,
            action="training.quiz.submitted",
            target=locked,
            after={
                "lesson_key": locked.lesson_key,
                "number": locked.number,
                "score_percent": locked.score_percent,
                "passed": locked.passed,
            },
        )
        if locked.passed:
            complete_passed_quiz(actor, enrolment, course, locked.lesson_key)
    for name in ("score_percent", "passed", "submitted_at"):
        setattr(attempt, name, getattr(locked, name))
    return attempt


def complete_passed_quiz(
    actor, enrolment: Enrolment, course: Course, lesson_key: UUID
) -> Completion | None:
    """A passed quiz counts as its lesson completed, while the quiz is in the published version
    (an attempt at a quiz a newer version removed counts for nothing)."""
    if course.status not in (CourseStatus.PUBLISHED, CourseStatus.ARCHIVED):
        return None
    keys = list(
        Lesson.objects.filter(module__version_id=course.published_version_id).values_list(
            "key", flat=True
        )
    )
    if lesson_key not in keys:
        return None
    return record_completion(actor, enrolment, lesson_key, keys)
