"""A learner's progress through a course: opening a lesson, completing it, completing the
course (certificate and congratulation email).

Progress counts the lessons of the course's published version by their stable keys, so an
unchanged lesson stays complete from version to version and a removed one stops counting."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from socialrx.core import audit
from socialrx.core.calendar import center_today
from socialrx.core.email import queue_templated_email
from socialrx.core.errors import DomainError, NotFound
from socialrx.core.permissions import require

from ..models import (
    Certificate,
    CertificateKind,
    Course,
    CourseStatus,
    Enrolment,
    Lesson,
    LessonCompletion,
    LessonKind,
)
from .certificates import issue_certificate

LEARNABLE = (CourseStatus.PUBLISHED, CourseStatus.ARCHIVED)


@dataclass(frozen=True)
class Completion:
    enrolment: Enrolment
    newly_done: bool  # False when the lesson was already complete
    course_completed: bool  # the course was completed by this very call
    certificate: Certificate | None


def record_visit(enrolment: Enrolment, lesson_key: UUID) -> None:
    """ "Continue where you left off": the lesson the learner opened last (one UPDATE)."""
    now = timezone.now()
    Enrolment.objects.filter(pk=enrolment.pk).update(
        last_lesson_key=lesson_key, last_activity_at=now
    )
    enrolment.last_lesson_key, enrolment.last_activity_at = lesson_key, now


def verification_url(code: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}/certificates/{code}/"


def _absolute(url_name: str) -> str:
    try:
        path = reverse(url_name)
    except NoReverseMatch:  # "My learning" not mounted: the home page
        path = "/"
    return settings.SITE_URL.rstrip("/") + path


def _check_learner(actor, enrolment: Enrolment) -> Course:
    if not getattr(actor, "is_authenticated", False) or enrolment.person_id != actor.pk:
        raise NotFound("No such enrolment.")
    course = enrolment.course
    require(actor, "training.study_course", course)
    if course.status not in LEARNABLE or course.published_version_id is None:
        raise DomainError("This course is not published: its lessons cannot be completed.")
    return course


def _published_kinds(course: Course) -> dict[UUID, str]:
    """{lesson key: kind} of the course's published version (one query)."""
    return dict(
        Lesson.objects.filter(module__version_id=course.published_version_id).values_list(
            "key", "kind"
        )
    )


def complete_lesson(actor, enrolment: Enrolment, lesson_key: UUID) -> Completion:
    """The learner marks a reading, video, audio or embedded lesson complete. Quizzes are
    completed only by passing them (see quizzes.submit_attempt). Completing twice is fine."""
    course = _check_learner(actor, enrolment)
    kinds = _published_kinds(course)
    if lesson_key not in kinds:
        raise NotFound("This course has no such lesson.")
    if kinds[lesson_key] == LessonKind.QUIZ:
        raise DomainError("A quiz is complete when you pass it: take the quiz instead.")
    with transaction.atomic():
        return record_completion(actor, enrolment, lesson_key, list(kinds))


def record_completion(
    actor, enrolment: Enrolment, lesson_key: UUID, published_keys: list[UUID]
) -> Completion:
    """Mark `lesson_key` done (once), recount the learner's progress against the published
    lessons and complete the course when every one is done. Callers hold a transaction and
    have checked that the lesson belongs to the published version."""
    locked = Enrolment.objects.select_for_update().select_related("course").get(pk=enrolment.pk)
    course = locked.course
    _completion, created = LessonCompletion.objects.get_or_create(
        enrolment=locked, lesson_key=lesson_key
    )
    done = LessonCompletion.objects.filter(enrolment=locked, lesson_key__in=published_keys).count()
    total = len(published_keys)
    now = timezone.now()
    locked.lessons_done, locked.lessons_total, locked.last_activity_at = done, total, now
    fields = ["lessons_done", "lessons_total", "last_activity_at"]
    if created:
        audit.record(
            actor=actor,
            action="training.lesson.completed",
            target=locked,
            after={"lesson_key": lesson_key, "lessons_done": done, "lessons_total": total},
        )
    certificate = None
    course_completed = total > 0 and done >= total and locked.completed_at is None
    if course_completed:
        locked.completed_at = now
        fields.append("completed_at")
    locked.save(update_fields=fields)
    if course_completed:
        certificate = _complete_course(actor, locked, course)
    for name in ("lessons_done", "lessons_total", "last_activity_at", "completed_at"):
        setattr(enrolment, name, getattr(locked, name))
    return Completion(
        enrolment=enrolment,
        newly_done=created,
        course_completed=course_completed,
        certificate=certificate,
    )


def _complete_course(actor, enrolment: Enrolment, course: Course) -> Certificate:
    person = enrolment.person
    certificate = issue_certificate(
        person=person,
        kind=CertificateKind.COURSE,
        title=course.title,
        source_public_id=course.public_id,
        hours=course.estimated_hours,
        ce_hours=course.ce_hours,
        completed_on=center_today(),
        actor=actor,
    )
    audit.record(
        actor=actor,
        action="training.enrolment.completed",
        target=enrolment,
        before={"completed": False},
        after={"completed": True, "certificate": certificate.code},
    )
    queue_templated_email(
        to=[person.email],
        template="training/email/course_completed",
        context={
            "person": person,
            "course": course,
            "certificate": certificate,
            "verification_url": verification_url(certificate.code),
            "my_learning_url": _absolute("training:my_learning"),
        },
        triggered_by=actor,
    )
    return certificate
