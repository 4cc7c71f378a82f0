"""Starting and submitting quiz attempts (services.quizzes): numbering, limits, shuffling,
server-side grading, bad answers and completion by passing."""

from __future__ import annotations

import secrets
import uuid

import pytest
from django.core.exceptions import PermissionDenied

from socialrx.core.errors import Conflict, DomainError, NotFound
from socialrx.core.models import AuditEvent
from socialrx.membership.models import Membership, MembershipStatus
from socialrx.training.models import (
    AttemptAnswer,
    Choice,
    LessonCompletion,
    Question,
    QuizAttempt,
)
from socialrx.training.services import quizzes
from tests.training.factories import make_course, member_org
from tests.training.lesson_kit import (
    QUESTION_1,
    QUESTION_2,
    all_right,
    all_wrong,
    answers,
    enrol,
    lessons_of,
    question_key,
    quiz_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner():
    return member_org()[2]


@pytest.fixture
def course():
    return make_course()


@pytest.fixture
def enrolment(learner, course):
    return enrol(learner, course)


@pytest.fixture
def quiz(course):
    return quiz_of(course)


def _texts(order: list[dict]) -> list[tuple[str, list[str]]]:
    questions = {str(q.key): q.prompt for q in Question.objects.all()}
    choices = {str(c.key): c.text for c in Choice.objects.all()}
    return [
        (questions[item["question"]], [choices[key] for key in item["choices"]]) for item in order
    ]


def test_start_numbers_the_attempt_and_stores_the_order_shown(learner, enrolment, quiz, course):
    quiz.shuffle_questions = quiz.shuffle_choices = False
    quiz.save()

    attempt = quizzes.start_attempt(learner, enrolment, quiz)

    assert (attempt.number, attempt.lesson_key, attempt.version) == (
        1,
        quiz.key,
        course.published_version,
    )
    assert attempt.submitted_at is None
    assert _texts(attempt.order) == [
        (QUESTION_1, ["No", "Yes"]),
        (QUESTION_2, ["What is removed", "Response times", "Patients' names"]),
    ]
    assert AuditEvent.objects.filter(action="training.quiz.started").count() == 1


def test_questions_and_choices_are_shuffled_by_the_system_random(
    learner, enrolment, quiz, monkeypatch
):
    shuffled = []
    monkeypatch.setattr(
        quizzes._random, "shuffle", lambda items: (shuffled.append(1), items.reverse())
    )

    attempt = quizzes.start_attempt(learner, enrolment, quiz)

    assert isinstance(quizzes._random, secrets.SystemRandom)
    assert len(shuffled) == 3  # the questions, then each question's choices
    assert _texts(attempt.order) == [
        (QUESTION_2, ["Patients' names", "Response times", "What is removed"]),
        (QUESTION_1, ["Yes", "No"]),
    ]


def test_a_reload_reuses_the_open_attempt(learner, enrolment, quiz):
    first = quizzes.start_attempt(learner, enrolment, quiz)
    again = quizzes.start_attempt(learner, enrolment, quiz)

    assert again.pk == first.pk
    assert QuizAttempt.objects.count() == 1


def test_all_right_passes_records_answers_and_completes_the_quiz_lesson(learner, enrolment, quiz):
    attempt = quizzes.start_attempt(learner, enrolment, quiz)

    quizzes.submit_attempt(learner, attempt, all_right(attempt))

    attempt.refresh_from_db()
    assert (attempt.score_percent, attempt.passed) == (100, True)
    assert attempt.submitted_at is not None
    assert sorted(AttemptAnswer.objects.values_list("correct", flat=True)) == [True, True]
    assert list(LessonCompletion.objects.values_list("lesson_key", flat=True)) == [quiz.key]
    enrolment.refresh_from_db()
    assert (enrolment.lessons_done, enrolment.lessons_total) == (1, 3)
    submitted = AuditEvent.objects.get(action="training.quiz.submitted")
    assert submitted.after["score_percent"] == 100
    assert submitted.after["passed"] is True


@pytest.mark.parametrize(
    ("first", "second", "score", "passed"),
    [
        (["Yes"], ["Patients' names"], 0, False),
        (["No"], ["Patients' names"], 50, True),  # 50 % is the passing score
        (["Yes"], ["What is removed", "Response times"], 50, True),
        # Only one of the two right choices: the question is wrong.
        (["No"], ["What is removed"], 50, True),
        (["Yes"], ["What is removed"], 0, False),
        # Every choice ticked is not the right set either.
        (["Yes"], ["What is removed", "Response times", "Patients' names"], 0, False),
    ],
)
def test_a_question_is_right_only_when_the_chosen_set_is_the_correct_set(
    learner, enrolment, quiz, first, second, score, passed
):
    attempt = quizzes.start_attempt(learner, enrolment, quiz)

    quizzes.submit_attempt(learner, attempt, answers(attempt, first, second))

    attempt.refresh_from_db()
    assert (attempt.score_percent, attempt.passed) == (score, passed)
    assert LessonCompletion.objects.exists() is passed


def test_the_score_is_rounded_down(learner, enrolment, quiz):
    quiz.passing_percent = 67
    quiz.save()
    third = Question.objects.create(lesson=quiz, position=3, prompt="Third?", explanation=".")
    right = Choice.objects.create(question=third, position=1, text="Right", is_correct=True)
    Choice.objects.create(question=third, position=2, text="Wrong", is_correct=False)
    attempt = quizzes.start_attempt(learner, enrolment, quiz)
    given = answers(attempt, ["No"], ["Patients' names"])
    given[str(third.key)] = [str(right.key)]

    quizzes.submit_attempt(learner, attempt, given)

    attempt.refresh_from_db()
    assert (attempt.score_percent, attempt.passed) == (66, False)  # 2 of 3 is 66.67 %


def test_a_missing_answer_counts_as_wrong(learner, enrolment, quiz):
    attempt = quizzes.start_attempt(learner, enrolment, quiz)
    only_first = {
        question_key(attempt, QUESTION_1): all_right(attempt)[question_key(attempt, QUESTION_1)]
    }

    quizzes.submit_attempt(learner, attempt, only_first)

    attempt.refresh_from_db()
    assert attempt.score_percent == 50
    missing = AttemptAnswer.objects.get(question_key=question_key(attempt, QUESTION_2))
    assert (missing.chosen, missing.correct) == ([], False)


@pytest.mark.parametrize(
    ("forge", "message"),
    [
        (lambda a, given: {**given, str(uuid.uuid4()): []}, "question that is not in this quiz"),
        (
            lambda a, given: {
                **given,
                question_key(a, QUESTION_1): given[question_key(a, QUESTION_2)][:1],
            },
            "choice that does not belong to its question",
        ),
        (
            lambda a, given: {**given, question_key(a, QUESTION_1): [str(uuid.uuid4())]},
            "choice that does not belong",
        ),
        (
            lambda a, given: {
                **given,
                question_key(a, QUESTION_1): answers(a, ["No", "Yes"], [])[
                    question_key(a, QUESTION_1)
                ],
            },
            "Choose one answer",
        ),
        (lambda a, given: {**given, question_key(a, QUESTION_1): 7}, "must list the keys"),
        (lambda a, given: [given], "Send the answers"),
    ],
)
def test_forged_answers_are_refused_and_nothing_is_written(
    learner, enrolment, quiz, forge, message
):
    attempt = quizzes.start_attempt(learner, enrolment, quiz)

    with pytest.raises(DomainError, match=message) as raised:
        quizzes.submit_attempt(learner, attempt, forge(attempt, all_right(attempt)))

    assert raised.value.status_code == 400
    attempt.refresh_from_db()
    assert (attempt.submitted_at, attempt.score_percent, attempt.passed) == (None, None, None)
    assert AttemptAnswer.objects.count() == 0
    assert LessonCompletion.objects.count() == 0
    assert not AuditEvent.objects.filter(action="training.quiz.submitted").exists()


def test_a_second_submission_is_a_conflict(learner, enrolment, quiz):
    attempt = quizzes.start_attempt(learner, enrolment, quiz)
    quizzes.submit_attempt(learner, attempt, all_wrong(attempt))
    stale = QuizAttempt.objects.get(pk=attempt.pk)
    stale.submitted_at = None  # as loaded by a second tab before the first submitted

    with pytest.raises(Conflict, match="already submitted") as raised:
        quizzes.submit_attempt(learner, stale, all_right(attempt))

    assert raised.value.status_code == 409
    attempt.refresh_from_db()
    assert (attempt.score_percent, attempt.passed) == (0, False)
    assert AttemptAnswer.objects.count() == 2


def test_another_persons_attempt_is_not_found(learner, enrolment, quiz):
    attempt = quizzes.start_attempt(learner, enrolment, quiz)
    _org, _admin, colleague = member_org(name="Lakeside Clinic")

    with pytest.raises(NotFound):
        quizzes.submit_attempt(colleague, attempt, all_right(attempt))

    assert AttemptAnswer.objects.count() == 0


def test_the_attempt_limit_holds_and_refuses_clearly(learner, enrolment, quiz):
    for _ in range(2):
        attempt = quizzes.start_attempt(learner, enrolment, quiz)
        quizzes.submit_attempt(learner, attempt, all_wrong(attempt))

    with pytest.raises(Conflict, match="You have used all 2 attempts at this quiz") as raised:
        quizzes.start_attempt(learner, enrolment, quiz)

    assert raised.value.status_code == 409
    assert list(QuizAttempt.objects.values_list("number", flat=True)) == [1, 2]


def test_after_passing_no_new_attempt_starts(learner, enrolment, quiz):
    attempt = quizzes.start_attempt(learner, enrolment, quiz)
    quizzes.submit_attempt(learner, attempt, all_right(attempt))

    with pytest.raises(Conflict, match="You already passed this quiz"):
        quizzes.start_attempt(learner, enrolment, quiz)

    assert QuizAttempt.objects.count() == 1


def test_a_failed_then_passed_quiz_counts_once(learner, enrolment, quiz):
    first = quizzes.start_attempt(learner, enrolment, quiz)
    quizzes.submit_attempt(learner, first, all_wrong(first))
    second = quizzes.start_attempt(learner, enrolment, quiz)
    quizzes.submit_attempt(learner, second, all_right(second))

    assert second.number == 2
    assert second.passed is True
    assert LessonCompletion.objects.count() == 1


def test_a_reading_lesson_is_no_quiz(learner, enrolment, course):
    with pytest.raises(DomainError, match="not a quiz"):
        quizzes.start_attempt(learner, enrolment, lessons_of(course)[0])

    assert QuizAttempt.objects.count() == 0


def test_a_quiz_of_a_draft_course_cannot_be_taken(learner):
    draft = make_course(published=False)
    enrolment = enrol(learner, draft)
    quiz = draft.versions.get().modules.get(position=2).lessons.get()

    with pytest.raises(DomainError, match="not published"):
        quizzes.start_attempt(learner, enrolment, quiz)

    assert QuizAttempt.objects.count() == 0


def test_a_lapsed_member_cannot_start_or_submit(learner, enrolment, quiz):
    attempt = quizzes.start_attempt(learner, enrolment, quiz)
    Membership.objects.update(status=MembershipStatus.LAPSED)
    lapsed = type(learner).objects.get(pk=learner.pk)

    with pytest.raises(PermissionDenied):
        quizzes.submit_attempt(lapsed, attempt, all_right(attempt))
    with pytest.raises(PermissionDenied):
        quizzes.start_attempt(lapsed, enrolment, quiz)

    assert AttemptAnswer.objects.count() == 0
    assert QuizAttempt.objects.count() == 1


def test_someone_elses_enrolment_cannot_start_an_attempt(enrolment, quiz):
    _org, _admin, colleague = member_org(name="Lakeside Clinic")

    with pytest.raises(NotFound):
        quizzes.start_attempt(colleague, enrolment, quiz)

    assert QuizAttempt.objects.count() == 0
