"""The lesson page (who sees what, media, embeds, progress, pinned queries) and "Mark complete
and continue"."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from socialrx.membership.models import Membership, MembershipStatus
from socialrx.training.models import (
    Enrolment,
    LessonCompletion,
    LessonKind,
    LessonMedia,
)
from tests.factories import UserFactory
from tests.training.factories import make_course, member_org
from tests.training.lesson_kit import add_modules, enrol, lessons_of, quiz_of

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

SLUG = "starting-a-hospital-facebook-page-safely"


@pytest.fixture
def course():
    return make_course()


@pytest.fixture
def member():
    return member_org()[2]


def lesson_url(lesson) -> str:
    return f"/training/courses/{SLUG}/lessons/{lesson.key}/"


def complete_url(lesson) -> str:
    return f"/training/courses/{SLUG}/lessons/{lesson.key}/complete/"


def test_url_names():
    key = uuid.UUID("7d1f6a55-8a4e-4ad0-9d8c-3f2b9a1b2c3d")
    assert reverse("training:lesson", args=["a-course", key]) == (
        f"/training/courses/a-course/lessons/{key}/"
    )
    assert reverse("training:complete_lesson", args=["a-course", key]) == (
        f"/training/courses/a-course/lessons/{key}/complete/"
    )


def test_a_visitor_reads_the_preview_lesson_with_a_call_to_join(client, course):
    preview, second, _quiz = lessons_of(course)

    response = client.get(lesson_url(preview))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Lesson 1</h1>" in html
    assert "<p>Reading 1.</p>" in html
    assert "Free preview" in html
    assert "Take the whole course" in html
    assert 'href="/pricing/"' in html
    assert "Mark complete" not in html
    assert f'href="{lesson_url(second)}"' in html  # the outline and "Next"


def test_a_visitor_opening_a_lesson_beyond_the_preview_is_sent_to_sign_in(client, course):
    second = lessons_of(course)[1]

    response = client.get(lesson_url(second))

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={lesson_url(second)}"


def test_a_signed_in_non_member_sees_how_to_get_access_never_the_content(client):
    course = make_course(price_cents=4900)
    client.force_login(UserFactory())

    response = client.get(lesson_url(lessons_of(course)[1]))

    assert response.status_code == 403
    html = response.content.decode()
    assert "This lesson is for the course's learners" in html
    assert "You may also buy this course on its own for $49.00." in html
    assert f'href="/training/courses/{SLUG}/"' in html
    assert 'href="/pricing/"' in html
    assert "Reading 2" not in html


def test_a_member_not_yet_enrolled_is_pointed_to_free_enrolment(client, course, member):
    client.force_login(member)

    response = client.get(lesson_url(lessons_of(course)[1]))

    assert response.status_code == 403
    html = response.content.decode()
    assert "Enrol free on the course page" in html
    assert "Reading 2" not in html
    assert not Enrolment.objects.exists()


def test_a_lapsed_member_keeps_the_enrolment_but_sees_how_to_renew(client, course, member):
    enrol(member, course)
    Membership.objects.update(status=MembershipStatus.LAPSED)
    client.force_login(member)

    response = client.get(lesson_url(lessons_of(course)[1]))

    assert response.status_code == 403
    html = response.content.decode()
    assert "your access to the course has ended" in html
    assert "Renew your membership" in html
    assert "Reading 2" not in html


def test_an_enrolled_member_reads_the_lesson_with_progress_and_is_remembered_there(
    client, course, member
):
    enrolment = enrol(member, course)
    first, second, quiz = lessons_of(course)
    LessonCompletion.objects.create(enrolment=enrolment, lesson_key=first.key)
    client.force_login(member)

    response = client.get(lesson_url(second))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<p>Reading 2.</p>" in html
    assert "Your progress: 1 of 3 lessons (33 %)" in html
    assert '<progress id="course-progress" max="3" value="1">' in html
    assert f'action="{complete_url(second)}"' in html
    assert "Mark complete and continue" in html
    assert 'Lesson 1<span class="visually-hidden"> (completed)</span>' in html
    assert html.count(f'href="{lesson_url(second)}" aria-current="page"') == 2  # phone and desk
    assert f'rel="prev" href="{lesson_url(first)}"' in html
    assert f'rel="next" href="{lesson_url(quiz)}"' in html
    enrolment.refresh_from_db()
    assert enrolment.last_lesson_key == second.key
    assert enrolment.last_activity_at is not None


def test_faculty_review_any_lesson_without_being_recorded(client, course, staff):
    client.force_login(staff)

    response = client.get(lesson_url(lessons_of(course)[1]))

    assert response.status_code == 200
    assert "You are reviewing this lesson as faculty" in response.content.decode()
    assert not Enrolment.objects.exists()


@pytest.mark.parametrize(
    "path",
    [
        f"/training/courses/{SLUG}/lessons/8900b897-0d01-41bc-a4c1-5e57ef61301c/",
        "/training/courses/no-such-course/lessons/a9a36a00-894e-45e6-82d9-3027b3806c80/",
        f"/training/courses/{SLUG}/lessons/not-a-uuid/",
    ],
)
def test_unknown_lessons_and_courses_are_not_found(client, course, member, path):
    enrol(member, course)
    client.force_login(member)

    assert client.get(path).status_code == 404


def test_a_draft_courses_lessons_are_not_found(client, member):
    draft = make_course(published=False)
    enrol(member, draft)
    lesson = draft.versions.get().modules.get(position=1).lessons.get(position=1)
    client.force_login(member)

    assert client.get(lesson_url(lesson)).status_code == 404


def test_a_video_lesson_plays_with_captions_and_a_transcript(client, course, member):
    enrol(member, course)
    media = LessonMedia.objects.create(
        file="training/clip.mp4",
        content_type="video/mp4",
        size_bytes=1024,
        original_name="clip.mp4",
        captions="training/clip.vtt",
    )
    second = lessons_of(course)[1]
    second.kind, second.media, second.transcript = LessonKind.VIDEO, media, "Welcome.\n\nToday."
    second.save()
    client.force_login(member)

    html = client.get(lesson_url(second)).content.decode()

    assert '<video controls preload="metadata" playsinline class="lesson-video">' in html
    assert f'<source src="/training/media/{media.public_id}/" type="video/mp4">' in html
    assert (
        f'<track kind="captions" srclang="en" label="English" '
        f'src="/training/media/{media.public_id}/captions.vtt" default>'
    ) in html
    assert "<summary>Transcript</summary>" in html
    assert "<p>Welcome.</p>" in html


def test_an_audio_lesson_plays_in_an_audio_element(client, course, member):
    enrol(member, course)
    media = LessonMedia.objects.create(
        file="training/episode.mp3",
        content_type="audio/mpeg",
        size_bytes=1024,
        original_name="episode.mp3",
    )
    second = lessons_of(course)[1]
    second.kind, second.media = LessonKind.AUDIO, media
    second.save()
    client.force_login(member)

    html = client.get(lesson_url(second)).content.decode()

    assert '<audio controls preload="metadata" class="lesson-audio">' in html
    assert f'<source src="/training/media/{media.public_id}/" type="audio/mpeg">' in html
    assert "<track" not in html  # no captions uploaded: no broken track


def test_an_embedded_video_is_framed_under_a_widened_policy_on_this_page_only(
    client, course, member
):
    enrol(member, course)
    second = lessons_of(course)[1]
    second.kind = LessonKind.EMBED
    second.embed_url = "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    second.save()
    client.force_login(member)

    response = client.get(lesson_url(second))

    html = response.content.decode()
    assert (
        '<iframe title="Video: Lesson 2" src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"'
    ) in html
    policy = response.headers["Content-Security-Policy"]
    assert "frame-src https://www.youtube-nocookie.com" in policy
    assert "frame-src" not in client.get("/pricing/").headers["Content-Security-Policy"]


# --- pinned queries ---------------------------------------------------------------------------


def _member_page(member, modules: int):
    course = make_course(title=f"Course with {modules}", slug=f"course-{modules}")
    add_modules(course, modules)
    enrolment = enrol(member, course)
    lessons = lessons_of(course)
    for lesson in lessons[:-1]:
        LessonCompletion.objects.create(enrolment=enrolment, lesson_key=lesson.key)
    return f"/training/courses/{course.slug}/lessons/{lessons[1].key}/"


@pytest.mark.parametrize("modules", [1, 3])
def test_the_lesson_page_reads_a_fixed_number_of_queries(
    client, member, modules, django_assert_num_queries
):
    url = _member_page(member, modules)
    client.force_login(member)
    client.get(url)  # the session and caches warmed, as on any later page

    with django_assert_num_queries(11):
        response = client.get(url)

    assert response.status_code == 200


@pytest.mark.parametrize("questions", [0, 2])
def test_the_quiz_lesson_page_reads_a_fixed_number_of_queries(
    client, member, questions, django_assert_num_queries
):
    from tests.training.lesson_kit import add_questions

    course = make_course()
    quiz = quiz_of(course)
    add_questions(quiz, questions)
    enrol(member, course)
    client.force_login(member)
    client.get(lesson_url(quiz))

    with django_assert_num_queries(13):
        response = client.get(lesson_url(quiz))

    assert response.status_code == 200


# --- mark complete and continue ---------------------------------------------------------------


def test_mark_complete_goes_on_to_the_next_lesson(client, course, member):
    enrolment = enrol(member, course)
    first, second, _quiz = lessons_of(course)
    client.force_login(member)

    response = client.post(complete_url(first))

    assert response.status_code == 302
    assert response.url == lesson_url(second)
    assert list(LessonCompletion.objects.values_list("lesson_key", flat=True)) == [first.key]
    assert client.post(complete_url(first)).url == lesson_url(second)  # a second POST is fine
    enrolment.refresh_from_db()
    assert enrolment.lessons_done == 1


def test_the_lesson_completing_the_course_goes_to_the_course_page_with_the_certificate(
    client, member
):
    course = make_course(with_quiz=False)
    enrol(member, course)
    first, second = lessons_of(course)
    client.force_login(member)
    client.post(complete_url(first))

    response = client.post(complete_url(second), follow=True)

    assert response.redirect_chain[0] == (f"/training/courses/{SLUG}/", 302)
    code = member.certificates.get().code
    assert (
        "Congratulations: you completed Starting a hospital Facebook page safely. "
        f"Your certificate code is {code}; we emailed it to you too."
    ) in [str(message) for message in response.context["messages"]]


def test_a_quiz_cannot_be_marked_complete(client, course, member):
    enrol(member, course)
    client.force_login(member)

    response = client.post(complete_url(quiz_of(course)))

    assert response.status_code == 400
    assert "A quiz is complete when you pass it" in response.content.decode()
    assert not LessonCompletion.objects.exists()


def test_completing_needs_an_enrolment(client, course, member):
    client.force_login(member)

    response = client.post(complete_url(lessons_of(course)[0]))

    assert response.status_code == 403
    assert not LessonCompletion.objects.exists()


@pytest.mark.parametrize("published", [True, False])
def test_completing_an_unknown_lesson_or_in_a_draft_course_is_not_found(client, member, published):
    course = make_course(published=published)
    enrol(member, course)
    client.force_login(member)
    draft_lesson = course.versions.get().modules.get(position=1).lessons.get(position=1)
    key = uuid.uuid4() if published else draft_lesson.key

    response = client.post(f"/training/courses/{SLUG}/lessons/{key}/complete/")

    assert response.status_code == 404
    assert not LessonCompletion.objects.exists()


def test_completing_is_post_only_and_for_signed_in_people(client, course):
    first = lessons_of(course)[0]

    assert client.post(complete_url(first)).url == f"/accounts/login/?next={complete_url(first)}"
    client.force_login(UserFactory())
    assert client.get(complete_url(first)).status_code == 405
