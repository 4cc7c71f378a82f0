"""Helpers of the lesson, progress and quiz tests: enrolments, a course's lessons in order,
answers to make_course()'s quiz, and a second published version of a course."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from socialrx.training.models import (
    Access,
    Choice,
    Course,
    CourseVersion,
    Enrolment,
    Lesson,
    LessonKind,
    Module,
    Question,
    QuizAttempt,
    VersionStatus,
)

QUESTION_1 = "May you post a patient's photo without written consent?"
QUESTION_2 = "Which belong in a comment moderation policy?"


def enrol(person, course: Course, access: str = Access.MEMBER) -> Enrolment:
    return Enrolment.objects.create(course=course, person=person, access=access)


def lessons_of(course: Course) -> list[Lesson]:
    """The published version's lessons in course order."""
    return list(
        Lesson.objects.filter(module__version=course.published_version).order_by(
            "module__position", "position"
        )
    )


def quiz_of(course: Course) -> Lesson:
    return Lesson.objects.get(module__version=course.published_version, kind=LessonKind.QUIZ)


def _choices(attempt: QuizAttempt, prompt: str) -> dict[str, str]:
    """{choice text: key} of the question `prompt` in the attempt's version."""
    question = Question.objects.get(
        lesson__module__version=attempt.version, lesson__key=attempt.lesson_key, prompt=prompt
    )
    return {choice.text: str(choice.key) for choice in question.choices.all()}


def question_key(attempt: QuizAttempt, prompt: str) -> str:
    return str(
        Question.objects.get(
            lesson__module__version=attempt.version, lesson__key=attempt.lesson_key, prompt=prompt
        ).key
    )


def answers(attempt: QuizAttempt, first: list[str], second: list[str]) -> dict[str, list[str]]:
    """The answers naming choices by text: `first` to QUESTION_1, `second` to QUESTION_2."""
    one, two = _choices(attempt, QUESTION_1), _choices(attempt, QUESTION_2)
    return {
        question_key(attempt, QUESTION_1): [one[text] for text in first],
        question_key(attempt, QUESTION_2): [two[text] for text in second],
    }


def all_right(attempt: QuizAttempt) -> dict[str, list[str]]:
    return answers(attempt, ["No"], ["What is removed", "Response times"])


def all_wrong(attempt: QuizAttempt) -> dict[str, list[str]]:
    return answers(attempt, ["Yes"], ["Patients' names"])


def publish_new_version(course: Course, *, drop_quiz_question: bool = False) -> CourseVersion:
    """Version 2 of `course`: the same modules, lessons, questions and choices (same keys),
    plus a new reading lesson "What's new" at the end of the first module; with
    `drop_quiz_question`, the quiz loses its first question and its second one is reworded."""
    old = course.published_version
    new = CourseVersion.objects.create(course=course, number=old.number + 1)
    for module in old.modules.order_by("position"):
        copy = Module.objects.create(
            version=new, key=module.key, title=module.title, position=module.position
        )
        lessons = list(module.lessons.order_by("position"))
        for lesson in lessons:
            questions = list(lesson.questions.order_by("position"))
            lesson.pk, lesson.id, lesson.module = None, None, copy
            lesson.save()
            for question in questions:
                if drop_quiz_question and question.position == 1:
                    continue
                choices = list(question.choices.order_by("position"))
                question.pk, question.id, question.lesson = None, None, lesson
                if drop_quiz_question:
                    question.prompt = "Which belong in a moderation policy (reworded)?"
                question.save()
                for choice in choices:
                    choice.pk, choice.id, choice.question = None, None, question
                    choice.save()
        if module.position == 1:
            Lesson.objects.create(
                module=copy,
                title="What's new",
                position=len(lessons) + 1,
                body_html="<p>New in version 2.</p>",
            )
    old.status = VersionStatus.SUPERSEDED
    old.save(update_fields=["status"])
    new.status, new.published_at = VersionStatus.PUBLISHED, timezone.now()
    new.save(update_fields=["status", "published_at"])
    course.published_version = new
    course.save(update_fields=["published_version"])
    return new


def add_modules(course: Course, count: int) -> None:
    """`count` more modules of two reading lessons each, in the published version."""
    version = course.published_version
    start = version.modules.count()
    for number in range(start + 1, start + count + 1):
        module = Module.objects.create(version=version, title=f"Module {number}", position=number)
        for position in (1, 2):
            Lesson.objects.create(
                module=module,
                title=f"Module {number} lesson {position}",
                position=position,
                body_html=f"<p>Module {number}, lesson {position}.</p>",
            )


def add_questions(quiz: Lesson, count: int) -> None:
    """`count` more single-answer questions (right answer "Right") in the quiz."""
    start = quiz.questions.count()
    for position in range(start + 1, start + count + 1):
        question = Question.objects.create(
            lesson=quiz, position=position, prompt=f"Extra question {position}", explanation="."
        )
        Choice.objects.create(question=question, position=1, text="Right", is_correct=True)
        Choice.objects.create(question=question, position=2, text="Wrong", is_correct=False)


HOURS = Decimal("2.0")
CE_HOURS = Decimal("1.5")
