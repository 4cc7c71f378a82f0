"""A course's content as learners see it: the published version's modules and lessons, in
order, read in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from django.db.models import Prefetch

from socialrx.core.errors import NotFound

from ..models import Course, CourseStatus, CourseVersion, Lesson, Module


@dataclass(frozen=True)
class Outline:
    version: CourseVersion
    modules: list[Module]  # each with `.lessons.all()` prefetched, in order

    @property
    def lessons(self) -> list[Lesson]:
        return [lesson for module in self.modules for lesson in module.lessons.all()]

    @property
    def lesson_keys(self) -> list[UUID]:
        return [lesson.key for lesson in self.lessons]

    def lesson(self, key: UUID) -> Lesson:
        for lesson in self.lessons:
            if lesson.key == key:
                return lesson
        raise NotFound("This course has no such lesson.")

    def neighbours(self, key: UUID) -> tuple[Lesson | None, Lesson | None]:
        """The lessons before and after `key` (None at either end)."""
        lessons = self.lessons
        index = next(i for i, lesson in enumerate(lessons) if lesson.key == key)
        before = lessons[index - 1] if index > 0 else None
        after = lessons[index + 1] if index + 1 < len(lessons) else None
        return before, after


def outline_of(version: CourseVersion) -> Outline:
    """Modules and lessons of `version` (two queries; lessons without their long bodies)."""
    lessons = Lesson.objects.defer("body_markdown", "body_html", "transcript").order_by("position")
    modules = list(
        Module.objects.filter(version=version)
        .order_by("position")
        .prefetch_related(Prefetch("lessons", queryset=lessons))
    )
    return Outline(version=version, modules=modules)


def published_course(slug: str) -> Course:
    """A course learners can see (published or archived), with its published version."""
    course = (
        Course.objects.select_related("published_version")
        .filter(slug=slug, status__in=[CourseStatus.PUBLISHED, CourseStatus.ARCHIVED])
        .first()
    )
    if course is None or course.published_version is None:
        raise NotFound("No such course.")
    return course


def published_outline(course: Course) -> Outline:
    if course.published_version is None:
        raise NotFound("This course is not published.")
    return outline_of(course.published_version)
