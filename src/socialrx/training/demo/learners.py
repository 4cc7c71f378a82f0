"""The demo's learners: Riverside's people (members, who enrol free) part-way through or done
with the courses, a quiz failed then passed, and a non-member who bought a course through
billing. Everything goes through the services the pages use (enrol, complete a lesson, start
and submit a quiz attempt, checkout and payment); the dates are then moved back to when the
story has them happen, so the pages show weeks of learning rather than one second.

Each step is taken only when missing (an enrolment, a completed lesson, the quiz's attempts),
so a second run changes nothing."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils import timezone

from socialrx.billing.models import PaymentMethod, PaymentRoute
from socialrx.billing.services.checkout import Item, checkout
from socialrx.billing.services.payments import record_manual_payment
from socialrx.core.calendar import center_today

from ..models import (
    Certificate,
    CertificateKind,
    Choice,
    Course,
    Enrolment,
    LessonCompletion,
    QuizAttempt,
)
from ..services import enrolment as enrolling
from ..services import progress, quizzes
from ..services.course_sales import CODE as COURSE_SALE
from .courses import lesson_of
from .dates import date_invoice, days_ago
from .people import Cast


@dataclass(frozen=True)
class Study:
    """What one person did in one course: enrolled `enrolled` days ago, completed lessons
    (name, days ago), took the quiz (passed?, days ago) per attempt, opened `last` last."""

    person: str  # a name in the cast (people.Cast)
    course: str  # slug
    enrolled: int
    done: tuple[tuple[str, int], ...] = ()
    quiz: tuple[tuple[bool, int], ...] = ()
    last: str = ""
    bought: bool = False  # a non-member: bought the course through billing first
    after_revision: bool = field(default=False)  # happens once version 2 is published


FACEBOOK, X, PODCAST = "facebook-page-safely", "x-for-physicians", "podcasting-for-your-practice"

STUDIES = (
    # Emily completed the Facebook course (quiz failed, then passed) and has a certificate.
    Study(
        "nurse",
        FACEBOOK,
        60,
        (("purpose", 58), ("ownership", 55), ("hipaa", 52), ("moderation", 50), ("launch", 47)),
        quiz=((False, 46), (True, 44)),
        last="quiz",
    ),
    Study(
        "physician",
        X,
        50,
        (("why", 49), ("setup", 45), ("boundaries", 41), ("disclosure", 37), ("evidence", 34)),
        quiz=((True, 33),),
        last="quiz",
    ),  # fmt: skip
    Study(
        "hospital_admin",
        FACEBOOK,
        40,
        (("purpose", 39), ("ownership", 33), ("hipaa", 26)),
        last="moderation",
    ),  # fmt: skip
    Study("physician", FACEBOOK, 30, (("purpose", 29),), last="ownership"),
    Study(
        "system_social",
        FACEBOOK,
        25,
        (("purpose", 24), ("ownership", 20)),
        last="hipaa",
        bought=True,
    ),  # fmt: skip
    Study("nurse", PODCAST, 20, (("fit", 19), ("season", 15)), last="listen"),
    # After version 2: Emily reads the lesson it added; Karen starts the podcasting course.
    Study(
        "nurse",
        FACEBOOK,
        60,
        (("own-information", 5),),
        last="own-information",
        after_revision=True,
    ),  # fmt: skip
    Study(
        "hospital_admin",
        PODCAST,
        10,
        (("fit", 9), ("season", 6), ("listen", 3)),
        last="equipment",
        after_revision=True,
    ),  # fmt: skip
)


def seed_learning(cast: Cast, courses: dict[str, Course], *, after_revision: bool) -> None:
    for study in STUDIES:
        if study.after_revision == after_revision:
            _study(study, cast[study.person], courses[study.course], cast.staff)


def _study(study: Study, person, course: Course, staff) -> None:
    """Take the study's steps that are missing; "where they left off" is set only when a step
    was taken, so a tester's own progress survives a second run."""
    course.refresh_from_db()
    enrolment = Enrolment.objects.filter(course=course, person=person).first()
    changed = enrolment is None
    if enrolment is None:
        if study.bought:
            _buy(person, course, staff, paid_days_ago=study.enrolled)
            enrolment = Enrolment.objects.get(course=course, person=person)
        else:
            enrolment = enrolling.enrol(person, course)
        _move(Enrolment.objects.filter(pk=enrolment.pk), enrolled_at=days_ago(study.enrolled))
    for name, when in study.done:
        key = lesson_of(course, name).key
        if not LessonCompletion.objects.filter(enrolment=enrolment, lesson_key=key).exists():
            progress.complete_lesson(person, enrolment, key)
            _move(
                LessonCompletion.objects.filter(enrolment=enrolment, lesson_key=key),
                completed_at=days_ago(when, 12, 30),
            )
            _activity(enrolment, days_ago(when, 12, 30))
            changed = True
    if study.quiz:
        changed |= _take_quiz(study, person, enrolment, course)
    if study.last and changed:
        progress.record_visit(enrolment, lesson_of(course, study.last).key)
        last_done = min([when for _, when in study.done] + [when for _, when in study.quiz])
        _activity(enrolment, days_ago(last_done, 12, 45))


def _take_quiz(study: Study, person, enrolment: Enrolment, course: Course) -> bool:
    """The study's attempts at the quiz, unless the person has attempted it already."""
    quiz = lesson_of(course, "quiz")
    if QuizAttempt.objects.filter(enrolment=enrolment, lesson_key=quiz.key).exists():
        return False
    for passes, when in study.quiz:
        attempt = quizzes.start_attempt(person, enrolment, quiz)
        quizzes.submit_attempt(person, attempt, answers(attempt, passes))
        _move(
            QuizAttempt.objects.filter(pk=attempt.pk),
            started_at=days_ago(when, 12, 0),
            submitted_at=days_ago(when, 12, 9),
        )
        _activity(enrolment, days_ago(when, 12, 9))
        if passes:
            _completed(enrolment, course, person, days_ago(when, 12, 9))
    return True


def answers(attempt: QuizAttempt, passes: bool) -> dict[str, list[str]]:
    """Every answer right, or (a failed try) the first three questions answered wrongly."""
    right = set(
        Choice.objects.filter(
            question__lesson__module__version_id=attempt.version_id,
            question__lesson__key=attempt.lesson_key,
            is_correct=True,
        ).values_list("key", flat=True)
    )
    chosen = {}
    for position, item in enumerate(sorted(attempt.order, key=lambda item: item["question"])):
        correct = [key for key in item["choices"] if _key(key) in right]
        wrong = [key for key in item["choices"] if _key(key) not in right]
        chosen[item["question"]] = correct if passes or position >= 3 else wrong[:1]
    return chosen


def _key(text: str) -> uuid.UUID:
    return uuid.UUID(text)


def _completed(enrolment: Enrolment, course: Course, person, at: datetime) -> None:
    """The course completed (and its certificate issued) on the day the story says."""
    enrolment.refresh_from_db()
    if enrolment.completed_at is None:
        return
    _move(Enrolment.objects.filter(pk=enrolment.pk), completed_at=at)
    _move(
        Certificate.objects.filter(
            person=person, kind=CertificateKind.COURSE, source_public_id=course.public_id
        ),
        issued_at=at,
        completed_on=timezone.localtime(at).date(),
    )


def _activity(enrolment: Enrolment, at: datetime) -> None:
    Enrolment.objects.filter(pk=enrolment.pk, last_activity_at__gt=at).update(last_activity_at=at)
    Enrolment.objects.filter(pk=enrolment.pk, last_activity_at__isnull=True).update(
        last_activity_at=at
    )


def _move(rows, **when) -> None:
    rows.update(**when)


def _buy(person, course: Course, staff, *, paid_days_ago: int) -> None:
    """A non-member buys the course: checkout by invoice, paid by ACH, as billing records it."""
    invoice = checkout(
        actor=person,
        buyer=person,
        items=[Item(kind=COURSE_SALE, sold_public_id=course.public_id)],
        pay_by=PaymentRoute.INVOICE,
        billing_name=person.full_name,
        billing_email=person.email,
    )
    paid_on = center_today() - timedelta(days=paid_days_ago)
    issued_on = paid_on - timedelta(days=1)
    record_manual_payment(
        actor=staff,
        invoice=invoice,
        amount_cents=invoice.total_cents,
        method=PaymentMethod.ACH,
        reference=f"ACH-{paid_on:%Y%m%d}-{invoice.number[-5:]}",
        received_on=center_today(),
    )
    date_invoice(invoice.pk, issued_on, paid_on)
