"""Training's rows of the permission matrix for taking a course: lessons, completing them and
quizzes (the lead merges them into tests/training/matrix_rows.py).

The world: org A is a member organization; member A is enrolled in a published course (a
preview lesson, a second reading lesson and a quiz) and has an attempt at its quiz. Admin A is
a member too but not enrolled; faculty (coach, staff) open every lesson but record nothing
without an enrolment; an attempt is its learner's alone (404 for everyone else)."""

from __future__ import annotations

from functools import cached_property

from django.urls import reverse

from socialrx.membership.models import Membership
from socialrx.training.models import (
    Course,
    Enrolment,
    Lesson,
    LessonCompletion,
    QuizAttempt,
)
from socialrx.training.services import quizzes
from tests.permission_matrix_kit import (
    ALLOW,
    DONE,
    FORBIDDEN,
    MEMBER_A,
    NOT_FOUND,
    PUBLIC,
    World,
    get,
    only,
    post,
    post_only,
    signed_in,
)
from tests.training.factories import make_course, make_member
from tests.training.lesson_kit import all_right, enrol, lessons_of, quiz_of

# Open to faculty and the enrolled learner; a signed-in person without access gets the 403 page
# explaining how to get it; a visitor is asked to sign in.
STUDY_PAGE = signed_in(FORBIDDEN, member_a=ALLOW, coach=ALLOW, staff=ALLOW)
# Actions that need an enrolment (faculty review without one).
LEARNER_ACTION = signed_in(FORBIDDEN, member_a=DONE)
# The learner's own attempt.
OWN_ATTEMPT = only(MEMBER_A, grant=ALLOW, deny=NOT_FOUND)
OWN_ATTEMPT_ACTION = only(MEMBER_A, grant=DONE, deny=NOT_FOUND)


class Data:
    """The course member A takes (mixed into the matrix's `World`)."""

    @cached_property
    def lessons_course(self: World) -> Course:
        if not Membership.objects.filter(organization=self.org_a).exists():
            make_member(self.org_a)
        return make_course(title="Taking a course", slug="taking-a-course")

    @cached_property
    def lessons_enrolment(self: World) -> Enrolment:
        return enrol(self.member_a, self.lessons_course)

    @cached_property
    def lessons_preview(self: World) -> Lesson:
        return lessons_of(self.lessons_course)[0]

    @cached_property
    def lessons_second(self: World) -> Lesson:
        self.lessons_enrolment  # noqa: B018 - member A is enrolled before the request
        return lessons_of(self.lessons_course)[1]

    @cached_property
    def lessons_quiz(self: World) -> Lesson:
        self.lessons_enrolment  # noqa: B018 - member A is enrolled before the request
        return quiz_of(self.lessons_course)

    @cached_property
    def lessons_attempt(self: World) -> QuizAttempt:
        return quizzes.start_attempt(self.member_a, self.lessons_enrolment, self.lessons_quiz)


def _lesson(name: str, lesson: str):
    def url(world) -> str:
        key = getattr(world, lesson).key
        return reverse(f"training:{name}", args=["taking-a-course", key])

    return url


def _attempt(world) -> str:
    attempt = world.lessons_attempt
    return reverse(
        "training:quiz_attempt", args=["taking-a-course", attempt.lesson_key, attempt.public_id]
    )


def _completed(world) -> bool:
    return LessonCompletion.objects.filter(lesson_key=world.lessons_second.key).exists()


def _attempt_started(world) -> bool:
    return QuizAttempt.objects.filter(lesson_key=world.lessons_quiz.key).exists()


def _submitted(world) -> bool:
    return QuizAttempt.objects.filter(
        pk=world.lessons_attempt.pk, submitted_at__isnull=False
    ).exists()


ROWS = {
    "training:lesson": (
        get(_lesson("lesson", "lessons_preview"), PUBLIC, label="preview lesson"),
        get(_lesson("lesson", "lessons_second"), STUDY_PAGE, label="lesson"),
        get(_lesson("lesson", "lessons_quiz"), STUDY_PAGE, label="quiz lesson"),
    ),
    "training:complete_lesson": post_only(
        _lesson("complete_lesson", "lessons_second"), LEARNER_ACTION, effect=_completed
    ),
    "training:quiz_start": post_only(
        _lesson("quiz_start", "lessons_quiz"), LEARNER_ACTION, effect=_attempt_started
    ),
    "training:quiz_attempt": (
        get(_attempt, OWN_ATTEMPT, label="attempt"),
        post(
            _attempt,
            OWN_ATTEMPT_ACTION,
            label="submit",
            data=lambda world: {
                f"q-{key}": value for key, value in all_right(world.lessons_attempt).items()
            },
            effect=_submitted,
        ),
    ),
}
