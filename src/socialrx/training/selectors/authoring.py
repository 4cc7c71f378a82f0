"""Reads of the faculty's authoring pages and of the media files served to learners, each in a
fixed number of queries however many courses, modules, lessons or questions there are."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from django.db.models import Count, F, OuterRef, Prefetch, Subquery

from socialrx.core.errors import NotFound

from ..models import (
    Choice,
    Course,
    CourseVersion,
    Lesson,
    LessonMedia,
    Module,
    Question,
    VersionStatus,
)
from .access import enrolment_of, is_faculty, may_open_lesson


def staff_course_list() -> list[Course]:
    """Every course with its published version, the number of its draft (`draft_number`,
    None without one) and its enrolments (`enrolment_count`): one query."""
    drafts = CourseVersion.objects.filter(course=OuterRef("pk"), status=VersionStatus.DRAFT)
    return list(
        Course.objects.select_related("published_version")
        .annotate(
            enrolment_count=Count("enrolments", distinct=True),
            draft_number=Subquery(drafts.values("number")[:1]),
        )
        .order_by("title")
    )


def course_for_authoring(slug: str) -> Course:
    course = Course.objects.select_related("published_version").filter(slug=slug).first()
    if course is None:
        raise NotFound("No such course.")
    return course


def draft_of(course: Course) -> CourseVersion | None:
    return CourseVersion.objects.filter(course=course, status=VersionStatus.DRAFT).first()


def versions_of(course: Course) -> list[CourseVersion]:
    """The course's versions, newest first, with who published each (one query)."""
    return list(
        CourseVersion.objects.filter(course=course)
        .select_related("published_by")
        .order_by("-number")
    )


def editor_modules(version: CourseVersion) -> list[Module]:
    """The version's modules in order, each with `.lessons.all()` in order (their media, and
    `question_count` for quizzes): two queries."""
    lessons = (
        Lesson.objects.select_related("media")
        .defer("body_html", "transcript")
        .annotate(question_count=Count("questions"))
        .order_by("position")
    )
    modules = list(
        Module.objects.filter(version=version)
        .order_by("position")
        .prefetch_related(Prefetch("lessons", queryset=lessons))
    )
    _mark_moves(modules)
    return modules


def _mark_moves(modules: list[Module]) -> None:
    """`can_move_up` / `can_move_down` on each module and lesson: a lesson moves past the
    edge of its module into the next one, so only the course's first and last stop."""
    for index, module in enumerate(modules):
        module.can_move_up, module.can_move_down = index > 0, index < len(modules) - 1
        lessons = list(module.lessons.all())
        for place, lesson in enumerate(lessons):
            lesson.can_move_up = place > 0 or module.can_move_up
            lesson.can_move_down = place < len(lessons) - 1 or module.can_move_down


def lesson_for_editing(course: Course, lesson_id: int) -> Lesson:
    """A lesson of the course's draft version (404 for any other, published ones included)."""
    lesson = (
        Lesson.objects.select_related("module__version", "media")
        .filter(
            pk=lesson_id,
            module__version__course=course,
            module__version__status=VersionStatus.DRAFT,
        )
        .first()
    )
    if lesson is None:
        raise NotFound("No such lesson in this course's draft.")
    return lesson


def module_for_editing(course: Course, module_id: int) -> Module:
    module = (
        Module.objects.select_related("version")
        .filter(pk=module_id, version__course=course, version__status=VersionStatus.DRAFT)
        .first()
    )
    if module is None:
        raise NotFound("No such module in this course's draft.")
    return module


def question_for_editing(course: Course, question_id: int) -> Question:
    question = (
        Question.objects.select_related("lesson__module__version")
        .prefetch_related(Prefetch("choices", queryset=Choice.objects.order_by("position")))
        .filter(
            pk=question_id,
            lesson__module__version__course=course,
            lesson__module__version__status=VersionStatus.DRAFT,
        )
        .first()
    )
    if question is None:
        raise NotFound("No such question in this course's draft.")
    return question


def questions_of(lesson: Lesson) -> list[Question]:
    """The quiz's questions in order with their choices in order: two queries."""
    return list(
        Question.objects.filter(lesson=lesson)
        .order_by("position")
        .prefetch_related(Prefetch("choices", queryset=Choice.objects.order_by("position")))
    )


def version_lessons(version: CourseVersion) -> list[Lesson]:
    """Every lesson of `version` in course order, with its module and media, and each quiz's
    questions and choices: three queries (the checks before publishing use them)."""
    return list(
        Lesson.objects.filter(module__version=version)
        .select_related("module", "media")
        .order_by("module__position", "position")
        .prefetch_related(
            Prefetch("questions", queryset=Question.objects.order_by("position")),
            Prefetch("questions__choices", queryset=Choice.objects.order_by("position")),
        )
    )


@dataclass(frozen=True)
class PreviewModule:
    module: Module
    lessons: list[Lesson]


def preview_of(version: CourseVersion) -> list[PreviewModule]:
    """The version as learners would see it, module by module, with full lesson bodies,
    media, questions and choices: four queries."""
    modules = list(Module.objects.filter(version=version).order_by("position"))
    by_module: dict[int, list[Lesson]] = {module.pk: [] for module in modules}
    for lesson in version_lessons(version):
        by_module[lesson.module_id].append(lesson)
    return [PreviewModule(module, by_module[module.pk]) for module in modules]


def media_for(user, public_id: UUID) -> LessonMedia:
    """The media file `user` may receive: faculty any; anyone else only when a lesson of a
    course's published version uses it and `may_open_lesson` lets them open that lesson.
    NotFound otherwise, the same answer as for an unknown id."""
    media = LessonMedia.objects.filter(public_id=public_id).first()
    if media is None:
        raise NotFound("No such file.")
    if is_faculty(user):
        return media
    lessons = (
        Lesson.objects.filter(media=media)
        .filter(module__version__course__published_version=F("module__version"))
        .select_related("module__version__course")
        .defer("body_markdown", "body_html", "transcript")
    )
    enrolments: dict[int, object] = {}
    for lesson in lessons:
        course = lesson.module.version.course
        if course.pk not in enrolments:
            enrolments[course.pk] = enrolment_of(user, course)
        if may_open_lesson(user, course, lesson, enrolments[course.pk]):
            return media
    raise NotFound("No such file.")
