"""The demo's courses, made the way the faculty make them: the coach creates each course
(`authoring.save_course`), writes version 1's modules, lessons and quizzes into its draft,
uploads the audio lesson's file and captions (`media.upload_media`, into the private storage)
and publishes (`authoring.publish_draft`); a later version starts from a copy of the published
one (`authoring.start_new_draft`), which keeps every key, so learners' progress carries over.

The lesson text is written out in course_*.py; `spec.key_for` gives every row a fixed key."""

from __future__ import annotations

from django.core.files.base import ContentFile

from socialrx.core.markdown import render
from socialrx.taxonomy.models import Platform, Topic

from ..models import Choice, Course, CourseVersion, Lesson, LessonMedia, Module, Question
from ..services import authoring
from ..services.media import upload_media
from . import course_facebook, course_podcast, course_x, narration
from .spec import CourseText, Page, key_for

COURSES: tuple[CourseText, ...] = (course_facebook.COURSE, course_x.COURSE, course_podcast.COURSE)
AUDIO_SECONDS = 40  # the narration's length, rounded (see media/*.vtt)


def seed_courses(author) -> dict[str, Course]:
    """Each demo course at its first version (made when missing), by slug."""
    return {text.slug: _course(text, author) for text in COURSES}


def _course(text: CourseText, author) -> Course:
    course = Course.objects.filter(slug=text.slug).first()
    if course is not None:
        return course
    course = authoring.save_course(
        actor=author,
        course=None,
        data={
            "title": text.title,
            "slug": text.slug,
            "summary": text.summary,
            "description": text.description,
            "level": text.level,
            "estimated_hours": text.hours,
            "ce_hours": text.ce_hours,
            "objectives": "\n".join(text.objectives),
            "price_cents": text.price_cents,
            "topics": list(Topic.objects.filter(slug__in=text.topics)),
            "platforms": list(Platform.objects.filter(code__in=text.platforms)),
            "authors": [author],
        },
    )
    draft = CourseVersion.objects.get(course=course, number=1)
    for position, (part, pages) in enumerate(text.parts_of_version(1), 1):
        module = Module.objects.create(
            version=draft, key=key_for(text.slug, part.name), title=part.title, position=position
        )
        for place, page in enumerate(pages, 1):
            _lesson(text, module, page, place, author)
    authoring.publish_draft(actor=author, course=course, change_note="First version.")
    course.refresh_from_db()
    return course


def publish_revisions(course: Course, author) -> int:
    """Publish the versions after the first that the text has and the course lacks; returns
    how many were published."""
    text = next(text for text in COURSES if text.slug == course.slug)
    published = 0
    for number in range(2, text.versions + 1):
        if CourseVersion.objects.filter(course=course, number=number).exists():
            continue
        revision = text.revisions[number - 2]
        draft = authoring.start_new_draft(actor=author, course=course)
        module = Module.objects.get(version=draft, key=key_for(text.slug, revision.part))
        layout = {part.name: pages for part, pages in text.parts_of_version(number)}
        pages = layout[revision.part]
        for place, page in enumerate(pages, 1):
            lesson = Lesson.objects.filter(module=module, key=lesson_key(text, page)).first()
            if lesson is None:
                _lesson(text, module, page, place, author)
            elif lesson.position != place:
                lesson.position = place
                lesson.save(update_fields=["position"])
        authoring.publish_draft(actor=author, course=course, change_note=revision.note)
        published += 1
    course.refresh_from_db()
    return published


def lesson_key(text: CourseText, page: Page):
    return key_for(text.slug, "lesson", page.name)


def lesson_of(course: Course, name: str) -> Lesson:
    """The lesson named `name` in the course's published version."""
    text = next(text for text in COURSES if text.slug == course.slug)
    page = next(page for _part, pages in text.parts_of_version(text.versions) for page in pages
                if page.name == name)  # fmt: skip
    return Lesson.objects.select_related("module").get(
        module__version_id=course.published_version_id, key=lesson_key(text, page)
    )


def _lesson(text: CourseText, module: Module, page: Page, position: int, author) -> Lesson:
    lesson = Lesson.objects.create(
        module=module,
        key=lesson_key(text, page),
        title=page.title,
        position=position,
        kind=page.kind,
        body_markdown=page.body,
        body_html=render(page.body),
        transcript=page.transcript,
        minutes=page.minutes,
        is_preview=page.preview,
        passing_percent=page.passing_percent,
        max_attempts=page.max_attempts,
    )
    for number, ask in enumerate(page.questions, 1):
        question = Question.objects.create(
            lesson=lesson,
            key=key_for(text.slug, page.name, "question", number),
            position=number,
            prompt=ask.prompt,
            kind=ask.kind,
            explanation=ask.explanation,
        )
        Choice.objects.bulk_create(
            Choice(
                question=question,
                key=key_for(text.slug, page.name, "question", number, "choice", place),
                position=place,
                text=answer.text,
                is_correct=answer.correct,
            )
            for place, answer in enumerate(ask.answers, 1)
        )
    if page.media:
        _upload(lesson, page.media, author)
    return lesson


def _upload(lesson: Lesson, name: str, author) -> LessonMedia:
    """The lesson's recording and captions, copied from the package into private storage
    through the same service (and checks) as an upload from the authoring page."""
    audio = (narration.MEDIA_DIR / name).read_bytes()
    captions = (narration.MEDIA_DIR / narration.CAPTIONS_NAME).read_bytes()
    media = upload_media(
        actor=author,
        lesson=lesson,
        media_file=ContentFile(audio, name=name),
        captions_file=ContentFile(captions, name=narration.CAPTIONS_NAME),
    )
    LessonMedia.objects.filter(pk=media.pk).update(duration_seconds=AUDIO_SECONDS)
    return media
