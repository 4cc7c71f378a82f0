"""Enrolling in an online course. Members of active member organizations enrol free (faculty
too, to review a course as a learner sees it); buyers are enrolled by the course sale
(`course_sales`). Enrolling twice returns the first enrolment: the unique constraint on
(course, person) settles two requests racing each other."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from socialrx.core import audit
from socialrx.core.errors import DomainError
from socialrx.core.permissions import forget, require

from ..models import Access, Course, CourseStatus, Enrolment
from ..selectors.access import is_faculty
from ..selectors.content import published_outline

# The per-request fact `rules.bought_course` keeps; dropped when an enrolment changes.
BOUGHT_COURSES = "training.bought_courses"


def lessons_in(course: Course) -> int:
    """Lessons of the course's published version (0 when it has none)."""
    if course.published_version_id is None:
        return 0
    return len(published_outline(course).lessons)


def enrolment_in(course: Course, person) -> Enrolment | None:
    return Enrolment.objects.filter(course=course, person=person).first()


@transaction.atomic
def enrol(actor, course: Course) -> Enrolment:
    """Enrol `actor` in `course` free of charge (a member, or faculty). Idempotent."""
    require(actor, "training.enrol_free", course)
    course = Course.objects.select_related("published_version").get(pk=course.pk)
    if course.status != CourseStatus.PUBLISHED or course.published_version_id is None:
        raise DomainError("This course is not open for enrolment.")
    existing = enrolment_in(course, actor)
    if existing is not None:
        return existing
    access = Access.STAFF if is_faculty(actor) else Access.MEMBER
    try:
        with transaction.atomic():
            enrolment = Enrolment.objects.create(
                course=course,
                person=actor,
                access=access,
                lessons_total=lessons_in(course),
                last_activity_at=timezone.now(),
            )
    except IntegrityError:
        # Another request enrolled the same person a moment ago: that enrolment is the one.
        return Enrolment.objects.get(course=course, person=actor)
    audit.record(
        actor=actor,
        action="training.enrolment.created",
        target=enrolment,
        after={"course": course.title, "access": access, "lessons_total": enrolment.lessons_total},
    )
    forget(actor, BOUGHT_COURSES)
    return enrolment
