"""Training's rows of the permission matrix for course authoring and lesson media (the lead
merges them into tests/training/matrix_rows.py).

The world: a published course with a draft (version 2) whose first module holds two reading
lessons and whose second holds a quiz, plus an empty module to delete; a second published
course without a draft; a course whose draft is ready to publish. Faculty (coach, staff) may
do everything; every other signed-in person is refused (403) and visitors sent to sign in.

Media: a published course has a members' video (member A is enrolled, org A is a member) and a
preview video; visitors get the preview's file only; anyone without access gets 404."""

from __future__ import annotations

from functools import cached_property

from django.core.files.storage import FileSystemStorage
from django.urls import reverse

from socialrx.membership.models import Membership
from socialrx.training.models import (
    Course,
    CourseStatus,
    CourseVersion,
    Enrolment,
    Lesson,
    LessonKind,
    LessonMedia,
    Module,
    Question,
    VersionStatus,
)
from socialrx.training.services.authoring import copy_content
from tests.permission_matrix_kit import (
    ALLOW,
    COACH,
    DONE,
    FORBIDDEN,
    MEMBER_A,
    NOT_FOUND,
    PUBLIC,
    STAFF,
    get,
    named,
    only,
    post,
    post_only,
)
from tests.training.authoring_helpers import MP4, VTT, upload
from tests.training.factories import make_course, make_member

FACULTY_PAGE = only(COACH, STAFF, grant=ALLOW, deny=FORBIDDEN)
FACULTY_ACTION = only(COACH, STAFF, grant=DONE, deny=FORBIDDEN)
STUDENTS_FILE = only(MEMBER_A, COACH, STAFF, grant=ALLOW, deny=NOT_FOUND) | {"visitor": NOT_FOUND}


class Data:
    @cached_property
    def authoring_course(self) -> Course:
        """Published (version 1) with a draft copy (version 2) and an empty draft module."""
        course = make_course(title="Authoring matrix course", slug="authoring-matrix")
        draft = CourseVersion.objects.create(course=course, number=2)
        copy_content(course.published_version, draft)
        Module.objects.create(version=draft, title="Empty", position=3)
        return course

    @cached_property
    def authoring_draft(self) -> CourseVersion:
        return self.authoring_course.versions.get(status=VersionStatus.DRAFT)

    def authoring_module(self, position: int) -> Module:
        return Module.objects.get(version=self.authoring_draft, position=position)

    def authoring_lesson(self, title: str) -> Lesson:
        return Lesson.objects.get(module__version=self.authoring_draft, title=title)

    @cached_property
    def authoring_question(self) -> Question:
        return Question.objects.get(lesson__module__version=self.authoring_draft, position=1)

    @cached_property
    def authoring_published_only(self) -> Course:
        return make_course(title="Authoring matrix published", slug="authoring-published")

    @cached_property
    def authoring_ready(self) -> Course:
        return make_course(title="Authoring matrix ready", slug="authoring-ready", published=False)

    @cached_property
    def authoring_storage(self) -> FileSystemStorage:
        storage = FileSystemStorage(location=str(self._fixture("tmp_path") / "private"))
        monkeypatch = self._fixture("monkeypatch")
        for name in ("file", "captions"):
            monkeypatch.setattr(LessonMedia._meta.get_field(name), "storage", storage)
        return storage

    def _authoring_media(self, title: str, *, preview: bool) -> LessonMedia:
        self.authoring_storage  # noqa: B018 - files go to this test's directory
        media = LessonMedia(content_type="video/mp4", size_bytes=len(MP4), original_name="a.mp4")
        media.file.save("a.mp4", upload("a.mp4", MP4), save=False)
        media.captions.save("a.vtt", upload("a.vtt", VTT), save=False)
        media.save()
        module = Module.objects.get(version=self.authoring_media_course.published_version)
        Lesson.objects.create(
            module=module, title=title, position=10 + preview, kind=LessonKind.VIDEO,
            media=media, is_preview=preview,
        )  # fmt: skip
        return media

    @cached_property
    def authoring_media_course(self) -> Course:
        course = make_course(title="Authoring media", slug="authoring-media", with_quiz=False)
        if not Membership.objects.filter(organization=self.org_a).exists():
            make_member(self.org_a)
        Enrolment.objects.create(course=course, person=self.member_a, access="member")
        return course

    @cached_property
    def authoring_members_media(self) -> LessonMedia:
        return self._authoring_media("Members' video", preview=False)

    @cached_property
    def authoring_preview_media(self) -> LessonMedia:
        return self._authoring_media("Preview video", preview=True)


def _slug(world) -> str:
    return world.authoring_course.slug


def _course_url(name: str):
    return lambda world: reverse(name, args=[_slug(world)])


def _with_id(name: str, find):
    return lambda world: reverse(name, args=[_slug(world), find(world).pk])


def _draft_titles(world) -> list[str]:
    return list(
        Lesson.objects.filter(module__version=world.authoring_draft).values_list("title", flat=True)
    )


def _question_post(world) -> dict:
    return {
        "prompt": "Matrix question?",
        "kind": "single",
        "explanation": "Because.",
        "choices-TOTAL_FORMS": "2",
        "choices-INITIAL_FORMS": "2",
        "choices-MIN_NUM_FORMS": "0",
        "choices-MAX_NUM_FORMS": "8",
        "choices-0-text": "Yes",
        "choices-0-is_correct": "on",
        "choices-1-text": "No",
    }


def _lesson_post(world) -> dict:
    lesson = world.authoring_lesson("Lesson 1")
    return {
        "title": "Lesson 1 edited",
        "module": lesson.module_id,
        "kind": "text",
        "minutes": 5,
        "body_markdown": "Edited.",
        "passing_percent": 80,
        "max_attempts": 3,
    }


def _course_post(slug: str):
    return lambda world: {
        "title": "Matrix course " + slug,
        "slug": slug,
        "summary": "Summary",
        "level": "introductory",
        "estimated_hours": "1.0",
        "objectives": "Learn",
    }


def _media_url(find):
    return lambda world: reverse("training:media", args=[find(world).public_id])


def _captions_url(find):
    return lambda world: reverse("training:media_captions", args=[find(world).public_id])


ROWS = {
    "training:staff_courses": (get(named("training:staff_courses"), FACULTY_PAGE),),
    "training:staff_course_new": (
        get(named("training:staff_course_new"), FACULTY_PAGE),
        post(
            named("training:staff_course_new"),
            FACULTY_ACTION,
            data=_course_post("matrix-new"),
            effect=lambda world: Course.objects.filter(slug="matrix-new").exists(),
        ),
    ),
    "training:staff_course_edit": (
        get(_course_url("training:staff_course_edit"), FACULTY_PAGE),
        post(
            _course_url("training:staff_course_edit"),
            FACULTY_ACTION,
            data=_course_post("authoring-matrix"),
            effect=lambda world: Course.objects.filter(
                title="Matrix course authoring-matrix"
            ).exists(),
        ),
    ),
    "training:staff_course_content": (
        get(_course_url("training:staff_course_content"), FACULTY_PAGE),
    ),
    "training:staff_course_preview": (
        get(_course_url("training:staff_course_preview"), FACULTY_PAGE),
    ),
    "training:staff_course_new_draft": post_only(
        lambda world: reverse(
            "training:staff_course_new_draft", args=[world.authoring_published_only.slug]
        ),
        FACULTY_ACTION,
        effect=lambda world: world.authoring_published_only.versions.filter(
            status="draft"
        ).exists(),
    ),
    "training:staff_course_publish": post_only(
        lambda world: reverse("training:staff_course_publish", args=[world.authoring_ready.slug]),
        FACULTY_ACTION,
        data=lambda world: {"change_note": "First version"},
        effect=lambda world: Course.objects.get(pk=world.authoring_ready.pk).status == "published",
    ),
    "training:staff_course_archive": post_only(
        _course_url("training:staff_course_archive"),
        FACULTY_ACTION,
        data=lambda world: {"action": "archive"},
        effect=lambda world: (
            Course.objects.get(pk=world.authoring_course.pk).status == CourseStatus.ARCHIVED
        ),
    ),
    "training:staff_module_add": post_only(
        _course_url("training:staff_module_add"),
        FACULTY_ACTION,
        data=lambda world: {"title": "Matrix module"},
        effect=lambda world: Module.objects.filter(title="Matrix module").exists(),
    ),
    "training:staff_module_edit": post_only(
        _with_id("training:staff_module_edit", lambda world: world.authoring_module(1)),
        FACULTY_ACTION,
        data=lambda world: {"title": "Renamed"},
        effect=lambda world: Module.objects.filter(title="Renamed").exists(),
    ),
    "training:staff_module_delete": post_only(
        _with_id("training:staff_module_delete", lambda world: world.authoring_module(3)),
        FACULTY_ACTION,
        effect=lambda world: (
            not Module.objects.filter(version=world.authoring_draft, title="Empty").exists()
        ),
    ),
    "training:staff_module_move": post_only(
        _with_id("training:staff_module_move", lambda world: world.authoring_module(3)),
        FACULTY_ACTION,
        data=lambda world: {"direction": "up"},
        effect=lambda world: world.authoring_module(2).title == "Empty",
    ),
    "training:staff_lesson_add": post_only(
        _with_id("training:staff_lesson_add", lambda world: world.authoring_module(1)),
        FACULTY_ACTION,
        data=lambda world: {"title": "Matrix lesson", "kind": "text"},
        effect=lambda world: "Matrix lesson" in _draft_titles(world),
    ),
    "training:staff_lesson_edit": (
        get(
            _with_id("training:staff_lesson_edit", lambda w: w.authoring_lesson("Lesson 1")),
            FACULTY_PAGE,
        ),
        post(
            _with_id("training:staff_lesson_edit", lambda w: w.authoring_lesson("Lesson 1")),
            FACULTY_ACTION,
            data=_lesson_post,
            effect=lambda world: "Lesson 1 edited" in _draft_titles(world),
        ),
    ),
    "training:staff_lesson_delete": post_only(
        _with_id("training:staff_lesson_delete", lambda w: w.authoring_lesson("Lesson 2")),
        FACULTY_ACTION,
        effect=lambda world: "Lesson 2" not in _draft_titles(world),
    ),
    "training:staff_lesson_move": post_only(
        _with_id("training:staff_lesson_move", lambda w: w.authoring_lesson("Lesson 2")),
        FACULTY_ACTION,
        data=lambda world: {"direction": "up"},
        effect=lambda world: world.authoring_lesson("Lesson 2").position == 1,
    ),
    "training:staff_media_upload": post_only(
        _with_id("training:staff_media_upload", lambda w: _video_lesson(w)),
        FACULTY_ACTION,
        data=lambda world: {"file": upload("m.mp4", MP4), "captions": upload("m.vtt", VTT)},
        effect=lambda world: _video_lesson(world, create=False).media_id is not None,
    ),
    "training:staff_question_new": (
        get(
            _with_id("training:staff_question_new", lambda w: w.authoring_lesson("Quiz")),
            FACULTY_PAGE,
        ),
        post(
            _with_id("training:staff_question_new", lambda w: w.authoring_lesson("Quiz")),
            FACULTY_ACTION,
            data=_question_post,
            effect=lambda world: Question.objects.filter(prompt="Matrix question?").exists(),
        ),
    ),
    "training:staff_question_edit": (
        get(_with_id("training:staff_question_edit", lambda w: w.authoring_question), FACULTY_PAGE),
        post(
            _with_id("training:staff_question_edit", lambda w: w.authoring_question),
            FACULTY_ACTION,
            data=_question_post,
            effect=lambda world: Question.objects.filter(prompt="Matrix question?").exists(),
        ),
    ),
    "training:staff_question_delete": post_only(
        _with_id("training:staff_question_delete", lambda w: w.authoring_question),
        FACULTY_ACTION,
        effect=lambda world: not Question.objects.filter(pk=world.authoring_question.pk).exists(),
    ),
    "training:staff_question_move": post_only(
        _with_id("training:staff_question_move", lambda w: w.authoring_question),
        FACULTY_ACTION,
        data=lambda world: {"direction": "down"},
        effect=lambda world: Question.objects.get(pk=world.authoring_question.pk).position == 2,
    ),
    "training:media": (
        get(_media_url(lambda w: w.authoring_preview_media), PUBLIC, label="preview lesson"),
        get(
            _media_url(lambda w: w.authoring_members_media), STUDENTS_FILE, label="members' lesson"
        ),
    ),
    "training:media_captions": (
        get(_captions_url(lambda w: w.authoring_preview_media), PUBLIC, label="preview lesson"),
        get(
            _captions_url(lambda w: w.authoring_members_media),
            STUDENTS_FILE,
            label="members' lesson",
        ),
    ),
}


def _video_lesson(world, *, create: bool = True) -> Lesson:
    """A video lesson of the draft without media yet (made on first use)."""
    world.authoring_storage  # noqa: B018 - uploads go to this test's directory
    lesson = Lesson.objects.filter(module__version=world.authoring_draft, title="Matrix video")
    if lesson.exists() or not create:
        return lesson.get()
    return Lesson.objects.create(
        module=world.authoring_module(1), title="Matrix video", position=9, kind="video"
    )
