"""What the lesson and quiz pages show: the lesson in its course's outline, the learner's
progress, their attempts at a quiz and an attempt's questions in the order they were shown.
Each page reads a fixed number of queries however long the course or the history."""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

from socialrx.core.errors import NotFound
from socialrx.core.permissions import allowed

from ..models import (
    Course,
    Enrolment,
    Lesson,
    LessonCompletion,
    Module,
    Question,
    QuizAttempt,
)
from .access import enrolment_of, is_faculty, may_open_lesson
from .content import Outline, published_course, published_outline


@dataclass
class LessonPage:
    course: Course
    outline: Outline
    lesson: Lesson  # the full row (body, media) when the person may open it
    module: Module
    previous: Lesson | None
    next: Lesson | None
    enrolment: Enrolment | None
    may_open: bool
    faculty: bool
    done_keys: frozenset[UUID] = field(default_factory=frozenset)

    @property
    def total(self) -> int:
        return len(self.outline.lesson_keys)

    @property
    def done(self) -> int:
        return len(self.done_keys & set(self.outline.lesson_keys))

    @property
    def percent(self) -> int:
        return (100 * self.done) // self.total if self.total else 0

    @property
    def is_done(self) -> bool:
        return self.lesson.key in self.done_keys

    @property
    def outline_rows(self) -> list[tuple[Module, list[tuple[Lesson, bool]]]]:
        """Each module with its lessons and whether the learner completed each."""
        return [
            (module, [(lesson, lesson.key in self.done_keys) for lesson in module.lessons.all()])
            for module in self.outline.modules
        ]

    @property
    def position(self) -> int:
        """The lesson's number in the course (1-based)."""
        return self.outline.lesson_keys.index(self.lesson.key) + 1


def done_keys_of(enrolment: Enrolment | None) -> frozenset[UUID]:
    if enrolment is None:
        return frozenset()
    return frozenset(
        LessonCompletion.objects.filter(enrolment=enrolment).values_list("lesson_key", flat=True)
    )


def lesson_page(user, slug: str, key: UUID) -> LessonPage:
    """The lesson `key` of the published course `slug` (NotFound for either), whether `user`
    may open it, and, when they may, its body and their progress."""
    course = published_course(slug)
    outline = published_outline(course)
    lesson = outline.lesson(key)
    module = next(m for m in outline.modules if any(x.key == key for x in m.lessons.all()))
    previous, following = outline.neighbours(key)
    enrolment = enrolment_of(user, course)
    may_open = may_open_lesson(user, course, lesson, enrolment)
    page = LessonPage(
        course=course,
        outline=outline,
        lesson=lesson,
        module=module,
        previous=previous,
        next=following,
        enrolment=enrolment,
        may_open=may_open,
        faculty=is_faculty(user),
    )
    if may_open:
        page.lesson = Lesson.objects.select_related("media").get(pk=lesson.pk)
        page.done_keys = done_keys_of(enrolment)
    return page


@dataclass
class QuizState:
    """A learner's attempts at one quiz (submitted and open), in order."""

    attempts: list[QuizAttempt]
    max_attempts: int
    question_count: int

    @property
    def passed_attempt(self) -> QuizAttempt | None:
        return next((attempt for attempt in self.attempts if attempt.passed), None)

    @property
    def open_attempt(self) -> QuizAttempt | None:
        return next((a for a in self.attempts if a.submitted_at is None), None)

    @property
    def submitted(self) -> list[QuizAttempt]:
        return [attempt for attempt in self.attempts if attempt.submitted_at is not None]

    @property
    def attempts_left(self) -> int:
        """Attempts the learner may still start (an open attempt is already counted)."""
        return max(0, self.max_attempts - len(self.attempts))

    @property
    def may_start(self) -> bool:
        return self.passed_attempt is None and (
            self.open_attempt is not None or self.attempts_left > 0
        )


def quiz_state(enrolment: Enrolment | None, lesson: Lesson) -> QuizState:
    attempts = (
        list(QuizAttempt.objects.filter(enrolment=enrolment, lesson_key=lesson.key))
        if enrolment is not None
        else []
    )
    return QuizState(
        attempts=attempts,
        max_attempts=lesson.max_attempts,
        question_count=Question.objects.filter(lesson=lesson).count(),
    )


# --- one attempt ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ShownChoice:
    key: str
    text: str
    is_correct: bool
    chosen: bool


@dataclass(frozen=True)
class ShownQuestion:
    key: str
    number: int
    prompt: str
    kind: str
    explanation: str
    choices: list[ShownChoice]
    answered_right: bool | None  # None until the attempt is submitted

    @property
    def is_single(self) -> bool:
        return self.kind == "single"

    @property
    def chosen(self) -> list[ShownChoice]:
        return [choice for choice in self.choices if choice.chosen]

    @property
    def correct(self) -> list[ShownChoice]:
        return [choice for choice in self.choices if choice.is_correct]


@dataclass
class AttemptPage:
    course: Course
    attempt: QuizAttempt
    lesson: Lesson  # the quiz as it was in the attempt's version
    questions: list[ShownQuestion]
    attempts_used: int
    max_attempts: int  # of the quiz as published now (0: no longer in the course)

    @property
    def attempts_left(self) -> int:
        return max(0, self.max_attempts - self.attempts_used)

    @property
    def right(self) -> int:
        return sum(1 for question in self.questions if question.answered_right)


def attempt_page(user, slug: str, key: UUID, attempt_id: UUID) -> AttemptPage:
    """`user`'s own attempt at the quiz `key` of course `slug`, its questions read from the
    version it was taken in (NotFound for anything else, someone else's attempt included)."""
    course = published_course(slug)
    attempt = (
        QuizAttempt.objects.select_related("enrolment")
        .filter(
            public_id=attempt_id,
            lesson_key=key,
            enrolment__course=course,
            enrolment__person_id=getattr(user, "pk", None),
        )
        .first()
    )
    if attempt is None or not getattr(user, "is_authenticated", False):
        raise NotFound("No such attempt.")
    lesson = Lesson.objects.defer("body_markdown", "body_html", "transcript").get(
        module__version_id=attempt.version_id, key=key
    )
    questions = {
        str(question.key): question
        for question in Question.objects.filter(lesson=lesson).prefetch_related("choices")
    }
    answers = (
        {str(answer.question_key): answer for answer in attempt.answers.all()}
        if attempt.submitted_at is not None
        else {}
    )
    shown = []
    for item in attempt.order:
        question = questions.get(item["question"])
        if question is None:
            continue
        choices = {str(choice.key): choice for choice in question.choices.all()}
        answer = answers.get(item["question"])
        chosen = set(answer.chosen) if answer is not None else set()
        shown.append(
            ShownQuestion(
                key=item["question"],
                number=len(shown) + 1,
                prompt=question.prompt,
                kind=question.kind,
                explanation=question.explanation,
                choices=[
                    ShownChoice(
                        key=choice_key,
                        text=choices[choice_key].text,
                        is_correct=choices[choice_key].is_correct,
                        chosen=choice_key in chosen,
                    )
                    for choice_key in item["choices"]
                    if choice_key in choices
                ],
                answered_right=(
                    (answer.correct if answer is not None else False)
                    if attempt.submitted_at is not None
                    else None
                ),
            )
        )
    published = (
        Lesson.objects.filter(module__version_id=course.published_version_id, key=key)
        .values_list("max_attempts", flat=True)
        .first()
    )
    return AttemptPage(
        course=course,
        attempt=attempt,
        lesson=lesson,
        questions=shown,
        attempts_used=QuizAttempt.objects.filter(
            enrolment_id=attempt.enrolment_id, lesson_key=key
        ).count(),
        max_attempts=published or 0,
    )


def may_study(user, course: Course) -> bool:
    return allowed(user, "training.study_course", course)
