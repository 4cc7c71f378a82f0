"""Editing a draft quiz's questions and their choices.

A one-answer question has exactly one correct choice, an all-that-apply question at least
one, and every question at least two choices. Choices keep their key when edited (learners'
past answers refer to keys), new ones get a new key."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from django.db import transaction
from django.db.models import Max

from socialrx.core import audit
from socialrx.core.errors import Conflict, DomainError, NotFound
from socialrx.core.permissions import require

from ..models import Choice, Lesson, LessonKind, Question, QuestionKind
from .authoring_content import UP, _check_direction, _swap, lock_draft, renumber

PERMISSION = "training.author_courses"
MAX_CHOICES = 8


@dataclass(frozen=True)
class ChoiceDraft:
    text: str
    is_correct: bool
    key: UUID | None = None  # the choice it edits; None for a new one


def question_problems(kind: str, choices: list) -> list[str]:
    """What is wrong with a question of `kind` having `choices` (objects with `text` and
    `is_correct`), one sentence each; [] when it is fine."""
    problems = []
    correct = sum(1 for choice in choices if choice.is_correct)
    if len(choices) < 2:
        problems.append("give at least two choices.")
    if kind == QuestionKind.SINGLE and correct != 1:
        problems.append(
            f"a one-answer question needs exactly one correct choice ({correct} marked)."
        )
    if kind == QuestionKind.MULTIPLE and correct < 1:
        problems.append("mark at least one choice correct.")
    return problems


def _clean(prompt: str, kind: str, explanation: str, choices: list[ChoiceDraft]):
    prompt = (prompt or "").strip()
    explanation = (explanation or "").strip()
    if not prompt:
        raise DomainError("Write the question.", field="prompt")
    if kind not in QuestionKind.values:
        raise DomainError("Choose one answer or all that apply.", field="kind")
    if not explanation:
        raise DomainError(
            "Explain the right answer: learners see it after their answer is graded.",
            field="explanation",
        )
    kept = []
    for choice in choices:
        text = " ".join((choice.text or "").split())
        if not text:
            if choice.is_correct:
                raise DomainError("A choice marked correct has no text.", field="choices")
            continue
        if len(text) > 300:
            raise DomainError("Choices are at most 300 characters.", field="choices")
        kept.append(ChoiceDraft(text=text, is_correct=choice.is_correct, key=choice.key))
    if len(kept) > MAX_CHOICES:
        raise DomainError(f"A question has at most {MAX_CHOICES} choices.", field="choices")
    texts = [choice.text.casefold() for choice in kept]
    if len(set(texts)) != len(texts):
        raise DomainError(
            "Two choices say the same thing: make each one different.", field="choices"
        )
    problems = question_problems(kind, kept)
    if problems:
        raise DomainError(problems[0][0].upper() + problems[0][1:], field="choices")
    return prompt, explanation, kept


def _quiz(lesson: Lesson) -> Lesson:
    lesson = Lesson.objects.select_related("module").filter(pk=lesson.pk).first()
    if lesson is None:
        raise NotFound("No such lesson.")
    lock_draft(lesson.module.version_id)
    if lesson.kind != LessonKind.QUIZ:
        raise DomainError("Only a quiz has questions: make the lesson a quiz first.")
    return lesson


@transaction.atomic
def save_question(
    *,
    actor,
    lesson: Lesson,
    question: Question | None,
    prompt: str,
    kind: str,
    explanation: str,
    choices: list[ChoiceDraft],
) -> Question:
    """Add a question to a draft quiz, or change one with its choices."""
    require(actor, PERMISSION)
    lesson = _quiz(lesson)
    prompt, explanation, kept = _clean(prompt, kind, explanation, choices)
    creating = question is None
    if creating:
        last = Question.objects.filter(lesson=lesson).aggregate(n=Max("position"))["n"] or 0
        question = Question(lesson=lesson, position=last + 1)
        before = {}
    else:
        question = Question.objects.filter(pk=question.pk, lesson=lesson).first()
        if question is None:
            raise NotFound("This question was deleted.")
        before = _snapshot(question)
    question.prompt, question.kind, question.explanation = prompt, kind, explanation
    question.save()
    existing = {choice.key: choice for choice in question.choices.all()} if not creating else {}
    rows, used = [], set()
    for position, draft in enumerate(kept, start=1):
        choice = existing.get(draft.key) if draft.key not in used else None
        if choice is None:
            choice = Choice(question=question)
        used.add(choice.key)
        choice.position, choice.text, choice.is_correct = position, draft.text, draft.is_correct
        rows.append(choice)
    Choice.objects.filter(question=question).exclude(pk__in=[c.pk for c in rows if c.pk]).delete()
    for choice in rows:  # at most eight
        choice.save()
    audit.record(
        actor=actor,
        action="training.question.added" if creating else "training.question.updated",
        target=question,
        before=before,
        after=_snapshot(question),
    )
    return question


def _snapshot(question: Question) -> dict:
    choices = Choice.objects.filter(question=question).order_by("position")
    return {
        "prompt": question.prompt,
        "kind": question.kind,
        "explanation": question.explanation,
        "choices": " | ".join(f"{'*' if c.is_correct else ''}{c.text}" for c in choices),
    }


@transaction.atomic
def delete_question(*, actor, question: Question) -> None:
    require(actor, PERMISSION)
    question = Question.objects.select_related("lesson__module").filter(pk=question.pk).first()
    if question is None:
        raise NotFound("This question was already deleted.")
    lock_draft(question.lesson.module.version_id)
    audit.record(
        actor=actor, action="training.question.deleted", target=question, before=_snapshot(question)
    )
    lesson = question.lesson
    question.delete()
    renumber(list(Question.objects.filter(lesson=lesson).order_by("position")))


@transaction.atomic
def move_question(*, actor, question: Question, direction: str) -> Question:
    require(actor, PERMISSION)
    _check_direction(direction)
    question = Question.objects.select_related("lesson__module").get(pk=question.pk)
    lock_draft(question.lesson.module.version_id)
    questions = list(Question.objects.filter(lesson=question.lesson).order_by("position"))
    before = question.position
    if not _swap(questions, question, direction):
        edge = "first" if direction == UP else "last"
        raise Conflict(f"This question is already the {edge}.")
    question.refresh_from_db()
    audit.record(
        actor=actor,
        action="training.question.moved",
        target=question,
        before={"position": before},
        after={"position": question.position},
    )
    return question
