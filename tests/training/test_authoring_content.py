"""The draft editor: modules and lessons (services and pages)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from socialrx.core.errors import Conflict, DomainError, NotFound
from socialrx.core.models import AuditEvent
from socialrx.training.models import Lesson, LessonKind, Module
from socialrx.training.services import authoring, authoring_content
from tests.training.factories import make_course

pytestmark = pytest.mark.django_db


def draft_modules(course):
    return list(Module.objects.filter(version__course=course, version__status="draft"))


def titles(module):
    return list(module.lessons.order_by("position").values_list("title", flat=True))


@pytest.fixture
def course(staff):
    """A published course with a draft (version 2): module 1 has Lesson 1 and Lesson 2,
    module 2 the quiz."""
    course = make_course()
    authoring.start_new_draft(actor=staff, course=course)
    return course


# --- modules ----------------------------------------------------------------------------------


def test_add_rename_move_and_delete_modules(staff, course):
    draft = course.versions.get(status="draft")

    module = authoring_content.add_module(actor=staff, version=draft, title="  Going   further ")
    assert (module.title, module.position) == ("Going further", 3)
    authoring_content.rename_module(actor=staff, module=module, title="Further")
    authoring_content.move_module(actor=staff, module=module, direction="up")
    assert [m.title for m in Module.objects.filter(version=draft).order_by("position")] == [
        "Getting started",
        "Further",
        "Check yourself",
    ]
    authoring_content.delete_module(actor=staff, module=module)
    assert [
        (m.title, m.position) for m in Module.objects.filter(version=draft).order_by("position")
    ] == [("Getting started", 1), ("Check yourself", 2)]
    assert list(
        AuditEvent.objects.filter(action__startswith="training.module.")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == [
        "training.module.added",
        "training.module.renamed",
        "training.module.moved",
        "training.module.deleted",
    ]


def test_a_module_with_lessons_is_not_deleted(staff, course):
    first = draft_modules(course)[0]
    with pytest.raises(Conflict, match="still has lessons"):
        authoring_content.delete_module(actor=staff, module=first)
    assert Lesson.objects.filter(module=first).count() == 2


def test_the_first_module_does_not_move_up(staff, course):
    with pytest.raises(Conflict, match="already the first"):
        authoring_content.move_module(actor=staff, module=draft_modules(course)[0], direction="up")


def test_the_published_version_is_never_edited(staff, course):
    published_module = Module.objects.get(version=course.published_version, position=1)
    with pytest.raises(NotFound):
        authoring_content.rename_module(actor=staff, module=published_module, title="Changed")
    published_module.refresh_from_db()
    assert published_module.title == "Getting started"


# --- lessons ----------------------------------------------------------------------------------


def test_markdown_is_rendered_and_script_stays_text(staff, course):
    lesson = Lesson.objects.get(module__version__status="draft", title="Lesson 1")

    authoring_content.update_lesson(
        actor=staff,
        lesson=lesson,
        data={"body_markdown": "# Safe\n\n<script>alert('x')</script>\n\n[x](javascript:alert(1))"},
    )

    lesson.refresh_from_db()
    assert "<h2>Safe</h2>" in lesson.body_html
    assert "<script>" not in lesson.body_html
    assert "&lt;script&gt;alert" in lesson.body_html
    assert 'href="javascript' not in lesson.body_html
    event = AuditEvent.objects.get(action="training.lesson.updated")
    assert event.before["body_markdown"] == "Reading 1."


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871"),
    ],
)  # fmt: skip
def test_embed_links_are_stored_as_player_addresses(staff, course, given, stored):
    lesson = Lesson.objects.get(module__version__status="draft", title="Lesson 1")
    authoring_content.update_lesson(
        actor=staff, lesson=lesson, data={"kind": LessonKind.EMBED, "embed_url": given}
    )
    lesson.refresh_from_db()
    assert lesson.embed_url == stored


def test_an_embed_from_another_host_is_refused(staff, course):
    lesson = Lesson.objects.get(module__version__status="draft", title="Lesson 1")
    with pytest.raises(DomainError) as refusal:
        authoring_content.update_lesson(
            actor=staff,
            lesson=lesson,
            data={"kind": LessonKind.EMBED, "embed_url": "https://evil.example.com/v/1"},
        )
    assert refusal.value.field == "embed_url"
    lesson.refresh_from_db()
    assert lesson.kind == LessonKind.TEXT


def test_quiz_settings_out_of_range_are_refused(staff, course):
    quiz = Lesson.objects.get(module__version__status="draft", kind=LessonKind.QUIZ)
    with pytest.raises(DomainError) as refusal:
        authoring_content.update_lesson(actor=staff, lesson=quiz, data={"max_attempts": 21})
    assert refusal.value.field == "max_attempts"


def test_lessons_move_within_and_across_modules(staff, course):
    first, second = draft_modules(course)
    lesson_2 = first.lessons.get(title="Lesson 2")

    authoring_content.move_lesson(actor=staff, lesson=lesson_2, direction="up")
    assert titles(first) == ["Lesson 2", "Lesson 1"]
    authoring_content.move_lesson(
        actor=staff, lesson=first.lessons.get(title="Lesson 1"), direction="down"
    )
    assert titles(first) == ["Lesson 2"]
    assert titles(second) == ["Lesson 1", "Quiz"]
    assert list(second.lessons.order_by("position").values_list("position", flat=True)) == [1, 2]
    with pytest.raises(Conflict, match="already the first"):
        authoring_content.move_lesson(actor=staff, lesson=lesson_2, direction="up")


def test_moving_a_lesson_to_another_module_with_the_editor(staff, course):
    first, second = draft_modules(course)
    lesson_1 = first.lessons.get(title="Lesson 1")

    authoring_content.update_lesson(actor=staff, lesson=lesson_1, data={"module": second})

    assert titles(first) == ["Lesson 2"]
    assert first.lessons.get().position == 1
    assert titles(second) == ["Quiz", "Lesson 1"]


def test_deleting_a_lesson_renumbers_the_rest(staff, course):
    first = draft_modules(course)[0]
    authoring_content.delete_lesson(actor=staff, lesson=first.lessons.get(title="Lesson 1"))
    assert list(first.lessons.values_list("title", "position")) == [("Lesson 2", 1)]
    assert AuditEvent.objects.filter(action="training.lesson.deleted").count() == 1


def test_a_member_cannot_edit(user, course):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        authoring_content.add_module(
            actor=user, version=course.versions.get(status="draft"), title="Mine"
        )


# --- pages ------------------------------------------------------------------------------------


def test_the_content_page_shows_the_draft(client, staff, course):
    client.force_login(staff)

    response = client.get(reverse("training:staff_course_content", args=[course.slug]))

    assertContains(response, "You are editing the draft, version 2.")
    assertContains(response, "Module 1: Getting started")
    assertContains(response, "2 questions")
    assertContains(response, "Publish version 2")
    assertNotContains(response, "Start a new version")


def test_without_a_draft_the_page_offers_a_new_version(client, staff):
    course = make_course()
    client.force_login(staff)
    response = client.get(reverse("training:staff_course_content", args=[course.slug]))
    assertContains(response, "Start a new version")
    assertNotContains(response, "Add a module")


@pytest.mark.parametrize("count", [1, 3])
def test_the_content_page_reads_in_constant_queries(
    client, staff, django_assert_num_queries, count
):
    course = make_course(lessons_per_module=count)
    authoring.start_new_draft(actor=staff, course=course)
    draft = course.versions.get(status="draft")
    for number in range(count - 1):
        authoring_content.add_module(actor=staff, version=draft, title=f"Extra {number}")
    client.force_login(staff)
    url = reverse("training:staff_course_content", args=[course.slug])
    client.get(url)

    # session, user, MFA; course, draft, modules + lessons, publish checks (lessons, questions,
    # choices, modules), versions
    with django_assert_num_queries(12):
        client.get(url)


def test_adding_a_lesson_leads_to_its_editor(client, staff, course):
    client.force_login(staff)
    module = draft_modules(course)[0]

    response = client.post(
        reverse("training:staff_lesson_add", args=[course.slug, module.pk]),
        {"title": "Moderation", "kind": "video"},
    )

    lesson = module.lessons.get(title="Moderation")
    assert response["Location"] == reverse(
        "training:staff_lesson_edit", args=[course.slug, lesson.pk]
    )
    assert lesson.kind == LessonKind.VIDEO


@pytest.mark.parametrize(
    ("post", "message"),
    [
        ({"title": "", "kind": "text"}, "Lesson title: This field is required."),
        ({"title": "A", "kind": "podcast"}, "Kind: Select a valid choice."),
    ],
)
def test_adding_a_bad_lesson_says_why(client, staff, course, post, message):
    client.force_login(staff)
    module = draft_modules(course)[0]
    response = client.post(
        reverse("training:staff_lesson_add", args=[course.slug, module.pk]), post, follow=True
    )
    assertContains(response, message)
    assert module.lessons.count() == 2


def lesson_post(lesson, **changes):
    post = {
        "title": lesson.title,
        "module": lesson.module_id,
        "kind": lesson.kind,
        "minutes": 10,
        "body_markdown": "Text",
        "transcript": "",
        "embed_url": "",
        "passing_percent": 80,
        "max_attempts": 3,
    }
    post.update(changes)
    return post


def test_the_lesson_editor_saves(client, staff, course):
    lesson = Lesson.objects.get(module__version__status="draft", title="Lesson 1")
    client.force_login(staff)
    url = reverse("training:staff_lesson_edit", args=[course.slug, lesson.pk])

    page = client.get(url)
    response = client.post(url, lesson_post(lesson, body_markdown="**Bold** <script>x</script>"))

    assertContains(page, "Reading 1.")
    assert response.status_code == 302
    lesson.refresh_from_db()
    assert lesson.body_html == "<p><strong>Bold</strong> &lt;script&gt;x&lt;/script&gt;</p>\n"


def test_the_lesson_editor_refuses_a_foreign_embed_beside_the_field(client, staff, course):
    lesson = Lesson.objects.get(module__version__status="draft", title="Lesson 1")
    client.force_login(staff)
    response = client.post(
        reverse("training:staff_lesson_edit", args=[course.slug, lesson.pk]),
        lesson_post(lesson, kind="embed", embed_url="http://www.youtube.com/watch?v=dQw4w9WgXcQ"),
    )
    assertContains(
        response, "Only secure (https://) video addresses can be embedded.", status_code=400
    )


@pytest.mark.parametrize(
    "changes",
    [{"minutes": "0"}, {"passing_percent": "101"}, {"max_attempts": "x"}, {"module": "999999"}],
)
def test_the_lesson_editor_refuses_bad_numbers(client, staff, course, changes):
    lesson = Lesson.objects.get(module__version__status="draft", title="Lesson 1")
    client.force_login(staff)
    response = client.post(
        reverse("training:staff_lesson_edit", args=[course.slug, lesson.pk]),
        lesson_post(lesson, **changes),
    )
    assert response.status_code == 400
    lesson.refresh_from_db()
    assert lesson.body_markdown == "Reading 1."


def test_a_published_lesson_is_not_found_in_the_editor(client, staff, course):
    published = Lesson.objects.get(module__version=course.published_version, title="Lesson 1")
    client.force_login(staff)
    url = reverse("training:staff_lesson_edit", args=[course.slug, published.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, lesson_post(published)).status_code == 404


def test_a_lesson_of_another_course_is_not_found(client, staff, course):
    other = make_course(title="X for physicians", published=False)
    lesson = Lesson.objects.filter(module__version__course=other).first()
    client.force_login(staff)
    url = reverse("training:staff_lesson_edit", args=[course.slug, lesson.pk])
    assert client.get(url).status_code == 404


def test_the_lesson_page_lets_the_embed_hosts_be_framed(client, staff, course):
    lesson = Lesson.objects.get(module__version__status="draft", title="Lesson 1")
    client.force_login(staff)
    response = client.get(reverse("training:staff_lesson_edit", args=[course.slug, lesson.pk]))
    assert (
        "frame-src https://www.youtube-nocookie.com https://www.youtube.com"
        in (response["Content-Security-Policy"])
    )


def test_move_with_a_bad_direction_says_so(client, staff, course):
    module = draft_modules(course)[0]
    client.force_login(staff)
    response = client.post(
        reverse("training:staff_module_move", args=[course.slug, module.pk]),
        {"direction": "sideways"},
        follow=True,
    )
    assertContains(response, "Select a valid choice. sideways is not one of the available choices.")


def test_the_preview_shows_the_draft_with_answers_for_faculty(client, coach, course):
    client.force_login(coach)
    response = client.get(reverse("training:staff_course_preview", args=[course.slug]))
    assertContains(response, "Version 2 (draft), as learners will see it once published.")
    assertContains(response, "<p>Reading 1.</p>", html=True)
    assertContains(response, "May you post a patient")
    assertContains(response, "HIPAA requires written authorization.")


def test_the_preview_is_for_faculty_only(client, user, course):
    client.force_login(user)
    assert (
        client.get(reverse("training:staff_course_preview", args=[course.slug])).status_code == 403
    )
