"""Completing lessons and courses (services.progress), and progress across versions."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from socialrx.core.errors import DomainError, NotFound
from socialrx.core.models import AuditEvent
from socialrx.membership.models import Membership, MembershipStatus
from socialrx.training.models import Certificate, CertificateKind, LessonCompletion
from socialrx.training.services import quizzes
from socialrx.training.services.progress import complete_lesson, record_visit
from tests.factories import UserFactory
from tests.training.factories import make_course, member_org
from tests.training.lesson_kit import (
    all_right,
    enrol,
    lessons_of,
    publish_new_version,
    quiz_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner():
    organization, _admin, member = member_org()
    member.full_name = "Dana Whitfield"
    member.email = "dana@riverside-health.org"
    member.save()
    return member


@pytest.fixture
def course():
    return make_course()


def test_completing_a_reading_lesson_records_it_once_and_counts_progress(learner, course):
    enrolment = enrol(learner, course)
    first, second, quiz = lessons_of(course)

    done = complete_lesson(learner, enrolment, first.key)

    enrolment.refresh_from_db()
    assert (done.newly_done, done.course_completed, done.certificate) == (True, False, None)
    assert (enrolment.lessons_done, enrolment.lessons_total, enrolment.percent) == (1, 3, 33)
    assert enrolment.last_activity_at is not None
    assert enrolment.completed_at is None
    assert list(LessonCompletion.objects.values_list("lesson_key", flat=True)) == [first.key]
    assert AuditEvent.objects.filter(action="training.lesson.completed").count() == 1

    again = complete_lesson(learner, enrolment, first.key)

    enrolment.refresh_from_db()
    assert again.newly_done is False
    assert LessonCompletion.objects.count() == 1
    assert enrolment.lessons_done == 1
    assert AuditEvent.objects.filter(action="training.lesson.completed").count() == 1


def test_the_last_lesson_completes_the_course_with_certificate_audit_and_email(
    learner, course, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://socialrx.example.org"
    enrolment = enrol(learner, course)
    first, second, quiz = lessons_of(course)
    complete_lesson(learner, enrolment, first.key)
    attempt = quizzes.start_attempt(learner, enrolment, quiz)
    quizzes.submit_attempt(learner, attempt, all_right(attempt))
    assert Certificate.objects.count() == 0

    # 23:30 in Chicago on March 9 is already March 10 in UTC: the center's day is the 9th.
    moment = datetime(2025, 3, 9, 23, 30, tzinfo=ZoneInfo("America/Chicago"))
    with time_machine.travel(moment, tick=False), django_capture_on_commit_callbacks(execute=True):
        done = complete_lesson(learner, enrolment, second.key)

    enrolment.refresh_from_db()
    assert done.course_completed is True
    assert enrolment.completed_at == moment
    assert (enrolment.lessons_done, enrolment.lessons_total) == (3, 3)
    [certificate] = Certificate.objects.all()
    assert done.certificate == certificate
    assert (
        certificate.person,
        certificate.kind,
        certificate.title,
        certificate.source_public_id,
        certificate.hours,
        certificate.ce_hours,
        certificate.completed_on,
        certificate.recipient_name,
    ) == (
        learner,
        CertificateKind.COURSE,
        "Starting a hospital Facebook page safely",
        course.public_id,
        Decimal("2.0"),
        Decimal("1.5"),
        date(2025, 3, 9),
        "Dana Whitfield",
    )
    completed = AuditEvent.objects.get(action="training.enrolment.completed")
    assert (completed.actor, completed.target_id) == (learner, str(enrolment.pk))
    assert completed.after == {"completed": True, "certificate": certificate.code}
    [message] = mailoutbox
    assert message.to == ["dana@riverside-health.org"]
    assert (
        message.subject
        == "You completed Starting a hospital Facebook page safely: your certificate"
    )
    lines = message.body.splitlines()
    assert f"Your certificate code: {certificate.code}" in lines
    assert f"https://socialrx.example.org/certificates/{certificate.code}/" in lines
    assert "https://socialrx.example.org/training/my/" in lines
    [(html, mime_type)] = message.alternatives
    assert mime_type == "text/html"
    assert f'href="https://socialrx.example.org/certificates/{certificate.code}/"' in html


def test_completing_again_after_the_course_is_complete_issues_nothing_more(
    learner, course, mailoutbox, django_capture_on_commit_callbacks
):
    enrolment = enrol(learner, course)
    first, second, quiz = lessons_of(course)
    attempt = quizzes.start_attempt(learner, enrolment, quiz)
    with django_capture_on_commit_callbacks(execute=True):
        quizzes.submit_attempt(learner, attempt, all_right(attempt))
        complete_lesson(learner, enrolment, first.key)
        complete_lesson(learner, enrolment, second.key)
        again = complete_lesson(learner, enrolment, second.key)

    assert again.course_completed is False
    assert Certificate.objects.count() == 1
    assert AuditEvent.objects.filter(action="training.enrolment.completed").count() == 1
    assert len(mailoutbox) == 1


def test_a_quiz_is_not_completed_by_marking_it(learner, course):
    enrolment = enrol(learner, course)

    with pytest.raises(DomainError, match="A quiz is complete when you pass it") as raised:
        complete_lesson(learner, enrolment, quiz_of(course).key)

    assert raised.value.status_code == 400
    assert LessonCompletion.objects.count() == 0


def test_a_lesson_of_a_draft_course_cannot_be_completed(learner):
    draft = make_course(published=False)
    enrolment = enrol(learner, draft)
    lesson = draft.versions.get().modules.get(position=1).lessons.get(position=1)

    with pytest.raises(DomainError, match="This course is not published") as raised:
        complete_lesson(learner, enrolment, lesson.key)

    assert raised.value.status_code == 400
    assert LessonCompletion.objects.count() == 0
    enrolment.refresh_from_db()
    assert (enrolment.lessons_done, enrolment.last_activity_at) == (0, None)


def test_a_key_not_in_the_published_version_is_not_found(learner, course):
    enrolment = enrol(learner, course)
    other = lessons_of(make_course(title="X for physicians"))[0]

    for key in (uuid.uuid4(), other.key):
        with pytest.raises(NotFound, match="This course has no such lesson"):
            complete_lesson(learner, enrolment, key)

    assert LessonCompletion.objects.count() == 0


def test_only_the_learner_completes_their_lessons(learner, course):
    enrolment = enrol(learner, course)
    _org, _admin, colleague = member_org(name="Lakeside Clinic")

    with pytest.raises(NotFound):
        complete_lesson(colleague, enrolment, lessons_of(course)[0].key)

    assert LessonCompletion.objects.count() == 0


def test_a_lapsed_member_keeps_progress_but_cannot_record_more(learner, course):
    enrolment = enrol(learner, course)
    first, second, _quiz = lessons_of(course)
    complete_lesson(learner, enrolment, first.key)
    Membership.objects.update(status=MembershipStatus.LAPSED)
    lapsed = type(learner).objects.get(pk=learner.pk)  # a fresh request's user

    with pytest.raises(PermissionDenied):
        complete_lesson(lapsed, enrolment, second.key)

    assert LessonCompletion.objects.count() == 1


def test_a_buyer_who_is_no_member_completes_lessons(course):
    buyer = UserFactory()
    enrolment = enrol(buyer, course, access="purchased")

    complete_lesson(buyer, enrolment, lessons_of(course)[0].key)

    assert LessonCompletion.objects.count() == 1


def test_progress_follows_lesson_keys_into_a_new_version(learner, course):
    enrolment = enrol(learner, course)
    first, second, quiz = lessons_of(course)
    complete_lesson(learner, enrolment, first.key)
    complete_lesson(learner, enrolment, second.key)

    publish_new_version(course)
    new_lessons = lessons_of(course)
    assert [lesson.title for lesson in new_lessons] == [
        "Lesson 1",
        "Lesson 2",
        "What's new",
        "Quiz",
    ]
    attempt = quizzes.start_attempt(learner, enrolment, quiz_of(course))
    quizzes.submit_attempt(learner, attempt, all_right(attempt))

    enrolment.refresh_from_db()
    assert (enrolment.lessons_done, enrolment.lessons_total, enrolment.completed_at) == (3, 4, None)
    done = complete_lesson(learner, enrolment, new_lessons[2].key)
    assert done.course_completed is True
    assert Certificate.objects.count() == 1


def test_opening_a_lesson_remembers_it_in_one_update(learner, course, django_assert_num_queries):
    enrolment = enrol(learner, course)
    second = lessons_of(course)[1]

    with django_assert_num_queries(1):
        record_visit(enrolment, second.key)

    enrolment.refresh_from_db()
    assert enrolment.last_lesson_key == second.key
    assert enrolment.last_activity_at is not None
