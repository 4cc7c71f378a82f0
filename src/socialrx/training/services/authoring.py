"""Authoring courses: catalogue facts, versions, publishing and archiving.

The faculty (center staff and coaches, `training.author_courses`) edit one draft version of a
course at a time (the modules, lessons and quizzes: see `authoring_content`) and publish it.
Publishing supersedes the version learners saw and recounts every enrolment's progress against
the new one by lesson key, so nobody loses a completed lesson that is still in the course, and
nothing learners did (completions, quiz attempts) is ever deleted."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify

from socialrx.core import audit
from socialrx.core.errors import Conflict, DomainError
from socialrx.core.permissions import require

from ..embeds import normalise_embed_url
from ..models import (
    Choice,
    Course,
    CourseStatus,
    CourseVersion,
    Enrolment,
    Lesson,
    LessonCompletion,
    LessonKind,
    Module,
    Question,
    VersionStatus,
)
from ..selectors.authoring import version_lessons
from .authoring_quiz import question_problems

PERMISSION = "training.author_courses"
COURSE_FIELDS = [
    "title",
    "slug",
    "summary",
    "description",
    "level",
    "estimated_hours",
    "ce_hours",
    "objectives",
    "price_cents",
]
RELATED_FIELDS = ["topics", "platforms", "authors"]


class PublishRefused(DomainError):
    """The draft is not ready: `problems` lists what to fix, one sentence each."""

    def __init__(self, problems: list[str]):
        super().__init__("The draft cannot be published yet: " + " ".join(problems))
        self.problems = problems


def _snapshot(course: Course) -> dict[str, Any]:
    values = audit.snapshot(course, COURSE_FIELDS)
    if course.pk:
        values["topics"] = sorted(course.topics.values_list("slug", flat=True))
        values["platforms"] = sorted(course.platforms.values_list("code", flat=True))
        values["authors"] = sorted(course.authors.values_list("email", flat=True))
    return values


def _objectives(text: str) -> str:
    lines = [" ".join(line.split()) for line in (text or "").splitlines()]
    return "\n".join(line for line in lines if line)


@transaction.atomic
def save_course(*, actor, course: Course | None, data: dict[str, Any]) -> Course:
    """Create a course (with its empty draft version 1) or change its catalogue facts."""
    require(actor, PERMISSION)
    creating = course is None
    course = Course() if creating else Course.objects.select_for_update().get(pk=course.pk)
    before = {} if creating else _snapshot(course)
    values = {name: data[name] for name in COURSE_FIELDS if name in data}
    values["title"] = " ".join(str(values.get("title", course.title)).split())
    values["summary"] = " ".join(str(values.get("summary", course.summary)).split())
    values["objectives"] = _objectives(values.get("objectives", course.objectives))
    values["slug"] = values.get("slug") or course.slug or slugify(values["title"])[:80]
    if not values["slug"]:
        raise DomainError("Enter the course's address (letters, digits and hyphens).", field="slug")
    if not values["objectives"]:
        raise DomainError("Write at least one learning objective.", field="objectives")
    for name, value in values.items():
        setattr(course, name, value)
    if values.get("ce_hours") is None:
        course.ce_hours = 0
    if Course.objects.filter(slug=course.slug).exclude(pk=course.pk).exists():
        raise DomainError(f"Another course already has the address “{course.slug}”.", field="slug")
    try:
        course.full_clean(exclude=["published_version"])
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=None if field == "__all__" else field) from error
    try:
        with transaction.atomic():
            course.save()
    except IntegrityError as error:  # another person took the address a moment ago
        raise DomainError(
            f"Another course already has the address “{course.slug}”.", field="slug"
        ) from error
    for name in RELATED_FIELDS:
        if name in data:
            getattr(course, name).set(data[name])
    if creating:
        CourseVersion.objects.create(course=course, number=1)
    audit.record(
        actor=actor,
        action="training.course.created" if creating else "training.course.updated",
        target=course,
        before=before,
        after=_snapshot(course),
    )
    return course


# --- versions ---------------------------------------------------------------------------------


@transaction.atomic
def start_new_draft(*, actor, course: Course) -> CourseVersion:
    """A new draft (number n + 1) copying the published version: modules, lessons, questions
    and choices keep their keys, lessons keep their media, so learners' progress carries over."""
    require(actor, PERMISSION)
    course = Course.objects.select_for_update().get(pk=course.pk)
    if CourseVersion.objects.filter(course=course, status=VersionStatus.DRAFT).exists():
        raise Conflict("This course already has a draft: edit that one.")
    if course.published_version_id is None:
        raise Conflict("This course has never been published: edit its draft.")
    source = CourseVersion.objects.get(pk=course.published_version_id)
    latest = CourseVersion.objects.filter(course=course).aggregate(n=Max("number"))["n"] or 0
    try:
        with transaction.atomic():
            draft = CourseVersion.objects.create(course=course, number=latest + 1)
    except IntegrityError as error:
        raise Conflict("Someone started a new version a moment ago: reload the page.") from error
    copy_content(source, draft)
    audit.record(
        actor=actor,
        action="training.course.draft_started",
        target=course,
        after={"version": draft.number, "copied_from": source.number},
    )
    return draft


def copy_content(source: CourseVersion, target: CourseVersion) -> None:
    """Copy every module, lesson, question and choice of `source` into `target` with the same
    keys and media (eight queries, whatever the size of the course)."""
    modules = list(Module.objects.filter(version=source).order_by("position"))
    lessons = list(Lesson.objects.filter(module__version=source).order_by("position"))
    questions = list(Question.objects.filter(lesson__module__version=source))
    choices = list(Choice.objects.filter(question__lesson__module__version=source))
    new_modules = Module.objects.bulk_create(
        [Module(version=target, key=m.key, title=m.title, position=m.position) for m in modules]
    )
    module_ids = {old.pk: new.pk for old, new in zip(modules, new_modules, strict=True)}
    copies = []
    for lesson in lessons:
        old_pk = lesson.pk
        lesson.pk = lesson.id = None
        lesson.module_id = module_ids[lesson.module_id]
        lesson._state.adding = True
        copies.append((old_pk, lesson))
    new_lessons = Lesson.objects.bulk_create([lesson for _, lesson in copies])
    lesson_ids = {old_pk: new.pk for (old_pk, _), new in zip(copies, new_lessons, strict=True)}
    new_questions = Question.objects.bulk_create(
        [
            Question(
                lesson_id=lesson_ids[q.lesson_id],
                key=q.key,
                position=q.position,
                prompt=q.prompt,
                kind=q.kind,
                explanation=q.explanation,
            )
            for q in questions
        ]
    )
    question_ids = {old.pk: new.pk for old, new in zip(questions, new_questions, strict=True)}
    Choice.objects.bulk_create(
        [
            Choice(
                question_id=question_ids[c.question_id],
                key=c.key,
                position=c.position,
                text=c.text,
                is_correct=c.is_correct,
            )
            for c in choices
        ]
    )


def publish_problems(version: CourseVersion) -> list[str]:
    """What stops `version` from being published, one sentence each ([] when it is ready)."""
    lessons = version_lessons(version)
    problems: list[str] = []
    if not lessons:
        problems.append("Add at least one lesson.")
    for module in Module.objects.filter(version=version).annotate(n=Count("lessons")):
        if module.n == 0:
            problems.append(f"The module “{module.title}” has no lessons: add one or delete it.")
    for lesson in lessons:
        problems.extend(lesson_problems(lesson))
    return problems


def lesson_problems(lesson: Lesson) -> list[str]:
    """What `lesson` lacks before it can be published (questions and media prefetched)."""
    title = f"“{lesson.title}”"
    if lesson.kind == LessonKind.TEXT and not lesson.body_markdown.strip():
        return [f"The reading {title} has no text."]
    if lesson.kind in (LessonKind.VIDEO, LessonKind.AUDIO):
        noun = "video" if lesson.kind == LessonKind.VIDEO else "audio"
        media = lesson.media
        if media is None:
            return [f"The {noun} lesson {title} has no {noun} file."]
        problems = []
        if not media.content_type.startswith(f"{noun}/"):
            problems.append(f"The file of {title} is not {noun}: upload a {noun} file.")
        if not media.captions:
            problems.append(f"The {noun} of {title} has no captions (WebVTT file).")
        return problems
    if lesson.kind == LessonKind.EMBED:
        if not lesson.embed_url:
            return [f"The embedded video lesson {title} has no video address."]
        try:
            normalise_embed_url(lesson.embed_url)
        except DomainError as error:
            return [f"{title}: {error.message}"]
    if lesson.kind == LessonKind.QUIZ:
        questions = list(lesson.questions.all())
        if not questions:
            return [f"The quiz {title} has no questions."]
        return [
            f"Question {q.position} of {title}: {problem}"
            for q in questions
            for problem in question_problems(q.kind, list(q.choices.all()))
        ]
    return []


@transaction.atomic
def publish_draft(*, actor, course: Course, change_note: str) -> CourseVersion:
    """Publish the course's draft: it becomes what learners see, the version before it is
    superseded, and every enrolment's progress is recounted against it."""
    require(actor, PERMISSION)
    course = Course.objects.select_for_update().get(pk=course.pk)
    draft = (
        CourseVersion.objects.select_for_update()
        .filter(course=course, status=VersionStatus.DRAFT)
        .first()
    )
    if draft is None:
        raise Conflict("There is no draft to publish: it may have been published a moment ago.")
    change_note = " ".join((change_note or "").split())[:240]
    if not change_note:
        raise DomainError("Say what changed in this version.", field="change_note")
    problems = publish_problems(draft)
    if problems:
        raise PublishRefused(problems)
    now = timezone.now()
    previous = course.published_version
    if previous is not None:
        CourseVersion.objects.filter(pk=previous.pk).update(status=VersionStatus.SUPERSEDED)
    draft.status, draft.published_at, draft.published_by = VersionStatus.PUBLISHED, now, actor
    draft.change_note = change_note
    draft.save(update_fields=["status", "published_at", "published_by", "change_note"])
    before = {"status": course.status, "version": getattr(previous, "number", None)}
    course.published_version = draft
    if course.status == CourseStatus.DRAFT:  # an archived course stays off the catalogue
        course.status = CourseStatus.PUBLISHED
    course.first_published_at = course.first_published_at or now
    course.save(update_fields=["published_version", "status", "first_published_at", "updated_at"])
    recounted = recount_progress(course, draft)
    audit.record(
        actor=actor,
        action="training.course.published",
        target=course,
        before=before,
        after={
            "status": course.status,
            "version": draft.number,
            "change_note": change_note,
            "enrolments_recounted": recounted,
        },
    )
    return draft


def recount_progress(course: Course, version: CourseVersion) -> int:
    """Set every enrolment's lessons_total to the lessons of `version` and lessons_done to
    the learner's completions of those lessons (by key), in two queries. Completion rows,
    attempts and `completed_at` are left as they are. Returns the enrolments updated."""
    lessons = Lesson.objects.filter(module__version=version)
    done = (
        LessonCompletion.objects.filter(
            enrolment=OuterRef("pk"), lesson_key__in=lessons.values("key")
        )
        .order_by()
        .values("enrolment")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Enrolment.objects.filter(course=course).update(
        lessons_total=lessons.count(), lessons_done=Coalesce(Subquery(done), Value(0))
    )


@transaction.atomic
def set_archived(*, actor, course: Course, archived: bool) -> Course:
    """Take a published course off the catalogue (enrolled learners keep it), or put it back."""
    require(actor, PERMISSION)
    course = Course.objects.select_for_update().get(pk=course.pk)
    if course.published_version_id is None:
        raise Conflict("A course that was never published cannot be archived.")
    wanted = CourseStatus.ARCHIVED if archived else CourseStatus.PUBLISHED
    if course.status == wanted:
        raise Conflict(
            "This course is already archived." if archived else "This course is not archived."
        )
    before = {"status": course.status}
    course.status = wanted
    course.save(update_fields=["status", "updated_at"])
    audit.record(
        actor=actor,
        action="training.course.archived" if archived else "training.course.unarchived",
        target=course,
        before=before,
        after={"status": course.status},
    )
    return course
