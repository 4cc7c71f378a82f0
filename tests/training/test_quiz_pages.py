"""The quiz pages: instructions on the lesson page, starting, answering, the graded result,
trying again, bad input, and old results after a new version is published."""

from __future__ import annotations

import re
import uuid

import pytest
from django.urls import reverse

from socialrx.training.models import AttemptAnswer, LessonCompletion, QuizAttempt
from tests.factories import UserFactory
from tests.training.factories import make_course, member_org
from tests.training.lesson_kit import (
    QUESTION_1,
    QUESTION_2,
    add_questions,
    all_right,
    all_wrong,
    answers,
    enrol,
    lessons_of,
    publish_new_version,
    question_key,
    quiz_of,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

SLUG = "starting-a-hospital-facebook-page-safely"


@pytest.fixture
def course():
    return make_course()


@pytest.fixture
def quiz(course):
    return quiz_of(course)


@pytest.fixture
def member(course):
    person = member_org()[2]
    enrol(person, course)
    return person


@pytest.fixture
def signed_in(client, member):
    client.force_login(member)
    return client


def quiz_url(quiz) -> str:
    return f"/training/courses/{SLUG}/lessons/{quiz.key}/"


def start_url(quiz) -> str:
    return f"/training/courses/{SLUG}/lessons/{quiz.key}/attempts/"


def attempt_url(attempt) -> str:
    return f"/training/courses/{SLUG}/lessons/{attempt.lesson_key}/attempts/{attempt.public_id}/"


def form_data(given: dict[str, list[str]]) -> dict[str, list[str]]:
    return {f"q-{key}": value for key, value in given.items()}


def take(client, quiz, right: bool) -> QuizAttempt:
    response = client.post(start_url(quiz))
    attempt = QuizAttempt.objects.order_by("-number").first()
    assert response.url == attempt_url(attempt)
    given = all_right(attempt) if right else all_wrong(attempt)
    assert client.post(attempt_url(attempt), form_data(given)).url == attempt_url(attempt)
    attempt.refresh_from_db()
    return attempt


def test_url_names():
    key, attempt = uuid.uuid4(), uuid.uuid4()
    base = f"/training/courses/a/lessons/{key}/attempts/"
    assert reverse("training:quiz_start", args=["a", key]) == base
    assert reverse("training:quiz_attempt", args=["a", key, attempt]) == f"{base}{attempt}/"


def test_the_quiz_lesson_explains_the_rules_and_offers_to_start(signed_in, quiz):
    html = signed_in.get(quiz_url(quiz)).content.decode()

    assert "<dt>Questions</dt><dd>2</dd>" in html
    assert "<dt>To pass</dt><dd>50 % or more</dd>" in html
    assert "<dt>Attempts</dt><dd>2 in all; 2 left</dd>" in html
    assert f'<form method="post" action="{start_url(quiz)}">' in html
    assert ">Start attempt</button>" in html
    assert "Mark complete" not in html


def test_starting_shows_the_questions_in_fieldsets_in_the_stored_order(signed_in, quiz):
    response = signed_in.post(start_url(quiz))
    attempt = QuizAttempt.objects.get()
    assert response.status_code == 302
    assert response.url == attempt_url(attempt)

    html = signed_in.get(attempt_url(attempt)).content.decode()

    assert html.count("<fieldset") == 2
    assert html.count("<legend>") == 2
    assert "Choose one answer." in html and "Choose all that apply." in html
    assert html.count('type="radio"') == 2
    assert html.count('type="checkbox"') == 3
    shown = re.findall(r'name="q-([0-9a-f-]{36})"', html)
    stored = [item["question"] for item in attempt.order]
    assert list(dict.fromkeys(shown)) == stored
    values = re.findall(r'value="([0-9a-f-]{36})"', html)
    assert values == [key for item in attempt.order for key in item["choices"]]
    assert "Is correct" not in html and "Why:" not in html  # nothing gives the answers away


def test_a_reload_of_start_keeps_the_same_attempt(signed_in, quiz):
    first = signed_in.post(start_url(quiz)).url
    second = signed_in.post(start_url(quiz)).url

    assert first == second
    assert QuizAttempt.objects.count() == 1
    html = signed_in.get(quiz_url(quiz)).content.decode()
    assert "Continue attempt 1" in html


def test_passing_shows_the_result_with_answers_and_explanations(signed_in, quiz, course):
    attempt = take(signed_in, quiz, right=True)

    response = signed_in.get(attempt_url(attempt))

    assert response.status_code == 200
    html = response.content.decode()
    assert "You passed" in html
    assert '<span class="stat">100 %</span> 2 of 2 right · 50 % needed to pass' in html
    assert "<strong>Why:</strong> HIPAA requires written authorization." in html
    assert "<strong>Why:</strong> Both are standard." in html
    assert html.count("Correct answer</span>") == 3
    assert html.count("Your answer</span>") == 3
    assert "Try again" not in html
    assert LessonCompletion.objects.filter(lesson_key=quiz.key).exists()
    lesson_html = signed_in.get(quiz_url(quiz)).content.decode()
    assert "You passed this quiz with 100 %." in lesson_html


def test_failing_shows_what_was_wrong_and_offers_another_try(signed_in, quiz):
    attempt = take(signed_in, quiz, right=False)

    html = signed_in.get(attempt_url(attempt)).content.decode()

    assert "Not passed this time" in html
    assert '<span class="stat">0 %</span> 0 of 2 right' in html
    assert html.count('badge-danger">Wrong</span>') == 2
    assert "1 attempt left" in html
    assert f'<form method="post" action="{start_url(quiz)}">' in html
    assert ">Try again</button>" in html
    assert not LessonCompletion.objects.exists()


def test_after_the_last_failed_attempt_no_more_starts(signed_in, quiz):
    take(signed_in, quiz, right=False)
    last = take(signed_in, quiz, right=False)

    html = signed_in.get(attempt_url(last)).content.decode()
    assert "You have used all 2 attempts at this quiz." in html
    assert "Try again" not in html
    lesson_html = signed_in.get(quiz_url(quiz)).content.decode()
    assert "You have used all 2 attempts at this quiz." in lesson_html

    response = signed_in.post(start_url(quiz))

    assert response.status_code == 409
    assert "You have used all 2 attempts at this quiz." in response.content.decode()
    assert QuizAttempt.objects.count() == 2


def test_failed_then_passed(signed_in, quiz):
    take(signed_in, quiz, right=False)
    second = take(signed_in, quiz, right=True)

    assert (second.number, second.passed) == (2, True)
    # Starting again after passing shows the passed result instead.
    assert signed_in.post(start_url(quiz)).url == attempt_url(second)


def test_a_second_submission_is_refused_with_409(signed_in, quiz):
    attempt = take(signed_in, quiz, right=False)

    response = signed_in.post(attempt_url(attempt), form_data(all_right(attempt)))

    assert response.status_code == 409
    assert "This attempt was already submitted" in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.score_percent == 0


def test_an_answer_not_offered_is_refused_beside_its_question(signed_in, quiz):
    signed_in.post(start_url(quiz))
    attempt = QuizAttempt.objects.get()
    data = form_data(all_right(attempt))
    data[f"q-{question_key(attempt, QUESTION_1)}"] = [str(uuid.uuid4())]

    response = signed_in.post(attempt_url(attempt), data)

    assert response.status_code == 400
    html = response.content.decode()
    assert "Your answers were not submitted" in html
    assert 'class="field-error"' in html
    attempt.refresh_from_db()
    assert attempt.submitted_at is None
    assert not AttemptAnswer.objects.exists()


def test_two_answers_to_a_single_answer_question_are_refused(signed_in, quiz):
    signed_in.post(start_url(quiz))
    attempt = QuizAttempt.objects.get()
    data = form_data(answers(attempt, ["No", "Yes"], ["Response times"]))

    response = signed_in.post(attempt_url(attempt), data)

    assert response.status_code == 400
    assert "Choose only one answer to this question." in response.content.decode()
    assert not AttemptAnswer.objects.exists()


def test_an_empty_submission_is_graded_as_all_wrong(signed_in, quiz):
    signed_in.post(start_url(quiz))
    attempt = QuizAttempt.objects.get()

    assert signed_in.post(attempt_url(attempt), {}).url == attempt_url(attempt)

    attempt.refresh_from_db()
    assert (attempt.score_percent, attempt.passed) == (0, False)
    html = signed_in.get(attempt_url(attempt)).content.decode()
    assert html.count("You did not answer this question.") == 2


def test_someone_elses_attempt_is_not_found(client, signed_in, quiz, course):
    signed_in.post(start_url(quiz))
    attempt = QuizAttempt.objects.get()
    colleague = member_org(name="Lakeside Clinic")[2]
    enrol(colleague, course)
    client.force_login(colleague)

    assert client.get(attempt_url(attempt)).status_code == 404
    assert client.post(attempt_url(attempt), form_data(all_right(attempt))).status_code == 404
    assert not AttemptAnswer.objects.exists()


@pytest.mark.parametrize(
    "path",
    [
        f"/training/courses/{SLUG}/lessons/{{quiz}}/attempts/{uuid.uuid4()}/",
        f"/training/courses/{SLUG}/lessons/{uuid.uuid4()}/attempts/{{attempt}}/",
        f"/training/courses/{SLUG}/lessons/{{quiz}}/attempts/not-a-uuid/",
    ],
)
def test_unknown_attempts_are_not_found(signed_in, quiz, path):
    signed_in.post(start_url(quiz))
    attempt = QuizAttempt.objects.get()

    url = path.format(quiz=quiz.key, attempt=attempt.public_id)

    assert signed_in.get(url).status_code == 404


def test_a_reading_lesson_has_no_attempts(signed_in, course):
    response = signed_in.post(start_url(lessons_of(course)[0]))

    assert response.status_code == 404
    assert not QuizAttempt.objects.exists()


def test_starting_needs_an_enrolment(client, quiz):
    client.force_login(UserFactory())

    assert client.post(start_url(quiz)).status_code == 403
    assert not QuizAttempt.objects.exists()


def test_an_old_result_reads_the_version_it_was_taken_in(signed_in, quiz, course):
    attempt = take(signed_in, quiz, right=False)

    publish_new_version(course, drop_quiz_question=True)

    html = signed_in.get(attempt_url(attempt)).content.decode()
    assert QUESTION_1.replace("'", "&#x27;") in html
    assert QUESTION_2 in html
    assert "reworded" not in html
    # The new version's quiz is what a new attempt shows.
    second = signed_in.post(start_url(quiz)).url
    new_html = signed_in.get(second).content.decode()
    assert "Which belong in a moderation policy (reworded)?" in new_html
    assert QUESTION_1.replace("'", "&#x27;") not in new_html


# --- pinned queries ---------------------------------------------------------------------------


@pytest.mark.parametrize("extra", [0, 2])
def test_the_attempt_and_result_pages_read_a_fixed_number_of_queries(
    signed_in, quiz, extra, django_assert_num_queries
):
    add_questions(quiz, extra)
    signed_in.post(start_url(quiz))
    attempt = QuizAttempt.objects.get()
    url = attempt_url(attempt)
    signed_in.get(url)

    with django_assert_num_queries(11):
        assert signed_in.get(url).status_code == 200

    signed_in.post(url, form_data(all_right(attempt)))
    with django_assert_num_queries(14):
        assert signed_in.get(url).status_code == 200
