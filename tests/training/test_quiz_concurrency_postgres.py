"""Quizzes and completion under real concurrency (PostgreSQL): two tabs never exceed the
attempt limit, an attempt is graded once, and a course completes exactly once."""

from __future__ import annotations

import pytest

from socialrx.accounts.models import User
from socialrx.core.errors import Conflict
from socialrx.taxonomy.models import Platform, Topic
from socialrx.training.models import (
    AttemptAnswer,
    Certificate,
    Enrolment,
    LessonCompletion,
    QuizAttempt,
)
from socialrx.training.services import quizzes
from socialrx.training.services.progress import complete_lesson
from tests.concurrency import require_postgres, run_at_once
from tests.training.factories import make_course, member_org
from tests.training.lesson_kit import all_right, all_wrong, enrol, lessons_of, quiz_of

pytestmark = [pytest.mark.integration, pytest.mark.postgres]


@pytest.fixture(autouse=True)
def _needs_postgres(transactional_db):
    require_postgres()


@pytest.fixture
def setting():
    # A transactional test starts from emptied tables: the taxonomy migration's rows are gone.
    Topic.objects.get_or_create(slug="strategy", defaults={"name": "Strategy"})
    Platform.objects.get_or_create(code="facebook", defaults={"name": "Facebook"})
    course = make_course()
    learner = member_org()[2]
    return course, learner, enrol(learner, course)


def _as(learner) -> User:
    """The learner as a request of their own would load them (per-request facts apart)."""
    return User.objects.get(pk=learner.pk)


def test_ten_tabs_starting_at_once_share_one_attempt(setting):
    course, learner, enrolment = setting
    quiz = quiz_of(course)

    results = run_at_once(10, lambda i: quizzes.start_attempt(_as(learner), enrolment, quiz))

    assert [r for r in results if not isinstance(r, QuizAttempt)] == []
    assert len({attempt.pk for attempt in results}) == 1
    assert list(QuizAttempt.objects.values_list("number", flat=True)) == [1]


def test_the_last_attempt_is_started_once_however_many_tabs_ask(setting):
    course, learner, enrolment = setting
    quiz = quiz_of(course)
    first = quizzes.start_attempt(learner, enrolment, quiz)
    quizzes.submit_attempt(learner, first, all_wrong(first))

    results = run_at_once(10, lambda i: quizzes.start_attempt(_as(learner), enrolment, quiz))

    assert [r for r in results if not isinstance(r, QuizAttempt)] == []
    assert list(QuizAttempt.objects.order_by("number").values_list("number", flat=True)) == [1, 2]


def test_an_attempt_submitted_from_five_tabs_at_once_is_graded_once(setting):
    course, learner, enrolment = setting
    attempt = quizzes.start_attempt(learner, enrolment, quiz_of(course))
    given = all_right(attempt)

    results = run_at_once(
        5,
        lambda i: quizzes.submit_attempt(
            _as(learner), QuizAttempt.objects.get(pk=attempt.pk), given
        ),
    )

    assert sum(isinstance(r, QuizAttempt) for r in results) == 1
    assert sum(isinstance(r, Conflict) for r in results) == 4
    assert AttemptAnswer.objects.count() == 2
    assert LessonCompletion.objects.count() == 1


def test_the_last_two_lessons_completed_at_once_complete_the_course_once(setting):
    course, learner, enrolment = setting
    first, second, quiz = lessons_of(course)
    attempt = quizzes.start_attempt(learner, enrolment, quiz)
    quizzes.submit_attempt(learner, attempt, all_right(attempt))

    results = run_at_once(
        2,
        lambda i: complete_lesson(
            _as(learner),
            Enrolment.objects.select_related("course").get(pk=enrolment.pk),
            [first, second][i].key,
        ),
    )

    assert [r.course_completed for r in results].count(True) == 1
    enrolment.refresh_from_db()
    assert (enrolment.lessons_done, enrolment.lessons_total) == (3, 3)
    assert enrolment.completed_at is not None
    assert Certificate.objects.count() == 1
