"""Versions: starting a draft from the published version, publishing it (checks, superseding,
recounting progress), archiving."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from socialrx.core.errors import Conflict, DomainError
from socialrx.core.models import AuditEvent
from socialrx.training.models import (
    Choice,
    CourseStatus,
    CourseVersion,
    Enrolment,
    Lesson,
    LessonCompletion,
    LessonKind,
    Module,
    Question,
    QuizAttempt,
    VersionStatus,
)
from socialrx.training.services import authoring, authoring_content
from tests.factories import UserFactory
from tests.training.authoring_helpers import (
    add_media_lesson,
    make_media,
    use_private_storage,
)
from tests.training.factories import make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_storage(tmp_path, monkeypatch):
    return use_private_storage(tmp_path, monkeypatch)


def keys(queryset):
    return sorted(str(key) for key in queryset.values_list("key", flat=True))


def test_a_new_draft_copies_the_published_version_with_the_same_keys(staff, private_storage):
    course = make_course()
    published = course.published_version
    media = make_media(private_storage)
    add_media_lesson(Module.objects.get(version=published, position=1), media=media)

    draft = authoring.start_new_draft(actor=staff, course=course)

    assert (draft.number, draft.status) == (2, VersionStatus.DRAFT)
    assert keys(Module.objects.filter(version=draft)) == keys(
        Module.objects.filter(version=published)
    )
    assert keys(Lesson.objects.filter(module__version=draft)) == keys(
        Lesson.objects.filter(module__version=published)
    )
    assert keys(Question.objects.filter(lesson__module__version=draft)) == keys(
        Question.objects.filter(lesson__module__version=published)
    )
    assert keys(Choice.objects.filter(question__lesson__module__version=draft)) == keys(
        Choice.objects.filter(question__lesson__module__version=published)
    )
    copied = Lesson.objects.get(module__version=draft, title="Watch this")
    assert copied.media == media
    quiz = Lesson.objects.get(module__version=draft, kind=LessonKind.QUIZ)
    assert (quiz.passing_percent, quiz.max_attempts) == (50, 2)
    assert Choice.objects.filter(question__lesson=quiz, is_correct=True).count() == 3
    assert Lesson.objects.filter(module__version=published).count() == 4  # untouched
    assert AuditEvent.objects.filter(action="training.course.draft_started").count() == 1


def test_a_second_draft_is_refused(staff):
    course = make_course()
    authoring.start_new_draft(actor=staff, course=course)

    with pytest.raises(Conflict, match="already has a draft"):
        authoring.start_new_draft(actor=staff, course=course)
    assert CourseVersion.objects.filter(course=course).count() == 2


def test_a_never_published_course_has_no_version_to_copy(staff):
    course = make_course(published=False)
    with pytest.raises(Conflict):
        authoring.start_new_draft(actor=staff, course=course)


@pytest.mark.parametrize("lessons", [1, 3])
def test_the_draft_is_copied_in_a_constant_number_of_queries(
    staff, lessons, django_assert_num_queries
):
    course = make_course(lessons_per_module=lessons)
    # savepoints (4), lock, draft check, source, latest number, create, 4 reads, 4 inserts, audit
    with django_assert_num_queries(18):
        authoring.start_new_draft(actor=staff, course=course)


# --- publishing -------------------------------------------------------------------------------


def test_publishing_refuses_a_draft_that_is_not_ready(staff):
    course = make_course(published=False, with_quiz=False)
    draft = course.versions.get()
    module = Module.objects.get(version=draft)
    Lesson.objects.create(module=module, title="Quiz", position=9, kind=LessonKind.QUIZ)
    Lesson.objects.create(module=module, title="Film", position=10, kind=LessonKind.VIDEO)
    Lesson.objects.create(module=module, title="Clip", position=11, kind=LessonKind.EMBED)
    Lesson.objects.create(module=module, title="Empty", position=12, kind=LessonKind.TEXT)
    Module.objects.create(version=draft, title="Later", position=2)

    with pytest.raises(authoring.PublishRefused) as refusal:
        authoring.publish_draft(actor=staff, course=course, change_note="First version")

    assert refusal.value.problems == [
        "The module “Later” has no lessons: add one or delete it.",
        "The quiz “Quiz” has no questions.",
        "The video lesson “Film” has no video file.",
        "The embedded video lesson “Clip” has no video address.",
        "The reading “Empty” has no text.",
    ]
    course.refresh_from_db()
    assert course.status == CourseStatus.DRAFT
    assert not AuditEvent.objects.filter(action="training.course.published").exists()


def test_a_video_without_captions_is_not_published(staff, private_storage):
    course = make_course(published=False, with_quiz=False)
    module = Module.objects.get(version__course=course)
    add_media_lesson(module, media=make_media(private_storage, captions=None), title="Film")

    with pytest.raises(authoring.PublishRefused) as refusal:
        authoring.publish_draft(actor=staff, course=course, change_note="First version")
    assert refusal.value.problems == ["The video of “Film” has no captions (WebVTT file)."]


def test_an_empty_draft_is_not_published(staff):
    course = authoring.save_course(
        actor=staff,
        course=None,
        data={"title": "Empty", "summary": "x", "estimated_hours": 1, "objectives": "Learn"},
    )
    with pytest.raises(authoring.PublishRefused, match="Add at least one lesson."):
        authoring.publish_draft(actor=staff, course=course, change_note="First")


def test_a_change_note_is_required(staff):
    course = make_course(published=False)
    with pytest.raises(DomainError) as refusal:
        authoring.publish_draft(actor=staff, course=course, change_note="   ")
    assert refusal.value.field == "change_note"


def test_first_publication(staff):
    course = make_course(published=False)

    version = authoring.publish_draft(actor=staff, course=course, change_note="First version")

    course.refresh_from_db()
    assert course.status == CourseStatus.PUBLISHED
    assert course.published_version == version
    assert course.first_published_at == version.published_at
    assert (version.status, version.published_by, version.change_note) == (
        VersionStatus.PUBLISHED,
        staff,
        "First version",
    )
    event = AuditEvent.objects.get(action="training.course.published")
    assert event.after["version"] == 1


def test_a_new_version_keeps_everyone_s_progress_by_lesson_key(staff, user, coach):
    course = make_course()  # lessons 1, 2 and a quiz
    first_published_at = course.first_published_at
    v1 = course.published_version
    lesson_1, lesson_2, quiz = Lesson.objects.filter(module__version=v1).order_by(
        "module__position", "position"
    )
    finished = Enrolment.objects.create(
        course=course, person=user, access="member", lessons_done=3, lessons_total=3,
        completed_at=timezone.now(),
    )  # fmt: skip
    halfway = Enrolment.objects.create(
        course=course, person=coach, access="staff", lessons_done=1, lessons_total=3
    )
    for lesson in (lesson_1, lesson_2, quiz):
        LessonCompletion.objects.create(enrolment=finished, lesson_key=lesson.key)
    LessonCompletion.objects.create(enrolment=halfway, lesson_key=lesson_2.key)
    QuizAttempt.objects.create(
        enrolment=finished, lesson_key=quiz.key, version=v1, number=1, order=[], passed=True
    )
    draft = authoring.start_new_draft(actor=staff, course=course)
    # Version 2 drops lesson 2 and adds two new lessons.
    authoring_content.delete_lesson(
        actor=staff, lesson=Lesson.objects.get(module__version=draft, key=lesson_2.key)
    )
    module = Module.objects.get(version=draft, position=1)
    for title in ("New A", "New B"):
        new = authoring_content.add_lesson(actor=staff, module=module, title=title, kind="text")
        authoring_content.update_lesson(actor=staff, lesson=new, data={"body_markdown": "Read."})
    completed_at = finished.completed_at

    authoring.publish_draft(actor=staff, course=course, change_note="New lessons")

    finished.refresh_from_db()
    halfway.refresh_from_db()
    assert (finished.lessons_done, finished.lessons_total) == (2, 4)
    assert finished.completed_at == completed_at
    assert (halfway.lessons_done, halfway.lessons_total) == (0, 4)
    assert LessonCompletion.objects.filter(enrolment=finished).count() == 3  # nothing deleted
    assert QuizAttempt.objects.filter(enrolment=finished).count() == 1
    v1.refresh_from_db()
    course.refresh_from_db()
    assert v1.status == VersionStatus.SUPERSEDED
    assert course.published_version == draft
    assert course.first_published_at == first_published_at


@pytest.mark.parametrize("learners", [1, 3])
def test_publishing_recounts_in_a_constant_number_of_queries(
    staff, learners, django_assert_num_queries
):
    course = make_course()
    for _ in range(learners):
        Enrolment.objects.create(course=course, person=UserFactory(), access="member")
    authoring.start_new_draft(actor=staff, course=course)

    with django_assert_num_queries(15):
        authoring.publish_draft(actor=staff, course=course, change_note="Same lessons")

    assert set(Enrolment.objects.values_list("lessons_total", flat=True)) == {3}


def test_publishing_without_a_draft_is_a_conflict(staff):
    course = make_course()
    with pytest.raises(Conflict, match="no draft"):
        authoring.publish_draft(actor=staff, course=course, change_note="Again")


def test_publishing_keeps_an_archived_course_archived(staff):
    course = make_course()
    authoring.set_archived(actor=staff, course=course, archived=True)
    authoring.start_new_draft(actor=staff, course=course)

    authoring.publish_draft(actor=staff, course=course, change_note="Fix")

    course.refresh_from_db()
    assert course.status == CourseStatus.ARCHIVED
    assert course.published_version.number == 2


# --- archiving --------------------------------------------------------------------------------


def test_archive_and_unarchive(staff):
    course = make_course()

    authoring.set_archived(actor=staff, course=course, archived=True)
    course.refresh_from_db()
    assert course.status == CourseStatus.ARCHIVED
    with pytest.raises(Conflict):
        authoring.set_archived(actor=staff, course=course, archived=True)
    authoring.set_archived(actor=staff, course=course, archived=False)
    course.refresh_from_db()
    assert course.status == CourseStatus.PUBLISHED
    assert list(
        AuditEvent.objects.filter(action__startswith="training.course.")
        .values_list("action", flat=True)
        .order_by("pk")
    ) == ["training.course.archived", "training.course.unarchived"]


def test_a_never_published_course_cannot_be_archived(staff):
    with pytest.raises(Conflict, match="never published"):
        authoring.set_archived(actor=staff, course=make_course(published=False), archived=True)


# --- pages ------------------------------------------------------------------------------------


def test_publishing_through_the_page_shows_what_is_missing(client, staff):
    course = make_course(published=False, with_quiz=False)
    Module.objects.create(version=course.versions.get(), title="Later", position=2)
    client.force_login(staff)

    response = client.post(
        reverse("training:staff_course_publish", args=[course.slug]),
        {"change_note": "First"},
        follow=True,
    )

    assertContains(response, "Not published yet. The module “Later” has no lessons")
    course.refresh_from_db()
    assert course.status == CourseStatus.DRAFT


def test_publishing_through_the_page(client, staff):
    course = make_course(published=False)
    client.force_login(staff)

    response = client.post(
        reverse("training:staff_course_publish", args=[course.slug]),
        {"change_note": "First version"},
        follow=True,
    )

    assertContains(response, "Version 1 of “Starting a hospital Facebook page safely” is published")
    assertContains(response, "Start a new version")
    course.refresh_from_db()
    assert course.status == CourseStatus.PUBLISHED


def test_publishing_twice_is_a_message_not_an_error(client, staff):
    course = make_course(published=False)
    client.force_login(staff)
    url = reverse("training:staff_course_publish", args=[course.slug])
    client.post(url, {"change_note": "First version"})

    response = client.post(url, {"change_note": "First version"}, follow=True)

    assertContains(response, "Not published. There is no draft to publish")
    assert CourseVersion.objects.filter(course=course).count() == 1


def test_a_publish_without_a_note_says_so(client, staff):
    course = make_course(published=False)
    client.force_login(staff)
    response = client.post(
        reverse("training:staff_course_publish", args=[course.slug]), {}, follow=True
    )
    assertContains(response, "Not published. What changed: This field is required.")


def test_starting_a_new_version_through_the_page(client, staff):
    course = make_course()
    client.force_login(staff)
    url = reverse("training:staff_course_new_draft", args=[course.slug])

    first = client.post(url, follow=True)
    second = client.post(url, follow=True)

    assertContains(first, "Version 2 is a draft copy of the published course")
    assertContains(second, "This course already has a draft: edit that one.")
    assert CourseVersion.objects.filter(course=course).count() == 2


def test_archive_through_the_page(client, staff):
    course = make_course()
    client.force_login(staff)
    url = reverse("training:staff_course_archive", args=[course.slug])

    response = client.post(url, {"action": "archive"}, follow=True)
    assertContains(response, "is archived: off the catalogue")
    response = client.post(url, {"action": "unarchive"}, follow=True)
    assertContains(response, "is back in the catalogue")
