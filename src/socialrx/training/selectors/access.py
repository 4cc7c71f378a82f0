"""Who may open what of a course. One rule for the lesson page, its media files and the quiz:

- a preview lesson of a published course is open to everyone (visitors included);
- otherwise the person needs an enrolment in the course AND `training.study_course` (a member
  of an active member organization, a buyer of the course, or faculty); a member whose
  organization lapsed keeps the enrolment and progress but studies again only on renewal;
- faculty (staff, coaches) open every lesson of every version, drafts included, to review."""

from __future__ import annotations

from socialrx.core.permissions import allowed

from ..models import Course, Enrolment, Lesson


def is_faculty(user) -> bool:
    return allowed(user, "training.author_courses")


def enrolment_of(user, course: Course) -> Enrolment | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Enrolment.objects.filter(person=user, course=course).first()


def may_open_lesson(user, course: Course, lesson: Lesson, enrolment: Enrolment | None) -> bool:
    if is_faculty(user):
        return True
    if lesson.is_preview and course.published_version_id is not None:
        return True
    return enrolment is not None and allowed(user, "training.study_course", course)
