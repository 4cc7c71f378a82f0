"""A course's page: what it teaches, its syllabus, and what it offers each viewer (a preview
and a call to join, enrolling free, buying, members only, progress and "continue")."""

from __future__ import annotations

import pytest
from django.urls import reverse

from socialrx.membership.models import Membership
from socialrx.training.models import CourseStatus
from tests.factories import UserFactory
from tests.training.catalog_factories import enrol_with_progress
from tests.training.factories import make_course, member_org

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

URL = "/training/courses/facebook/"


@pytest.fixture
def course():
    course = make_course(title="Starting a hospital Facebook page safely", slug="facebook")
    course.description = "## Why\n\nPatients look for you **there**.\n\n<script>alert(1)</script>"
    course.save()
    return course


@pytest.fixture
def member():
    return member_org(name="Lakeview Health")[2]


def lessons(course):
    """Lesson 1 (preview), Lesson 2, Quiz."""
    return course.published_version and [
        lesson
        for module in course.published_version.modules.all()
        for lesson in module.lessons.all()
    ]


def lesson_url(course, lesson) -> str:
    return f"/training/courses/{course.slug}/lessons/{lesson.key}/"


def test_a_visitor_sees_the_course_its_syllabus_a_preview_and_a_call_to_join(client, course):
    response = client.get(URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Starting a hospital Facebook page safely</h1>" in page
    assert "Set up, staff and run a page patients trust." in page
    assert "<h2>Why</h2>" in page and "<strong>there</strong>" in page
    assert "<script>alert(1)</script>" not in page
    assert "<li>Plan the page</li>" in page and "<li>Write a moderation policy</li>" in page
    assert "<dt>Level</dt><dd>Introductory</dd>" in page
    assert "About 2 hours" in page and "1.5 CE hours" in page
    assert "<dt>Platforms</dt><dd>Facebook</dd>" in page
    assert "<dt>Topics</dt><dd>Strategy and planning</dd>" in page
    first, second, quiz = lessons(course)
    assert "Getting started" in page and "Check yourself" in page
    assert "Reading · 10 min" in page and "Quiz · 10 min" in page
    # Only the preview lesson is linked for a visitor.
    assert f'<a href="{lesson_url(course, first)}">Lesson 1</a>' in page
    assert lesson_url(course, second) not in page and lesson_url(course, quiz) not in page
    assert f'href="{lesson_url(course, first)}">Preview the first lesson</a>' in page
    assert 'href="/pricing/">Join the network</a>' in page
    assert 'href="/accounts/login/?next=/training/courses/facebook/">Sign in</a>' in page
    assert response.context["page"].state == "visitor"


def test_a_member_not_enrolled_is_offered_to_start_free(client, member, course):
    client.force_login(member)

    page = client.get(URL).content.decode()

    assert 'action="/training/courses/facebook/enrol/"' in page
    assert "Start the course (free for members)" in page
    assert "Buy this course" not in page


def test_a_non_member_of_a_course_not_for_sale_is_told_it_is_for_members(client, course):
    client.force_login(UserFactory())

    page = client.get(URL).content.decode()

    assert "This course is for members of the network" in page
    assert 'href="/pricing/">Join the network</a>' in page
    assert "Start the course" not in page and "Buy this course" not in page


def test_an_enrolled_member_sees_progress_ticks_and_continue(client, member, course):
    enrolment = enrol_with_progress(course, member, done=1)
    first, second, quiz = lessons(course)
    enrolment.last_lesson_key = second.key
    enrolment.save()
    client.force_login(member)

    page = client.get(URL).content.decode()

    assert '<progress class="training-progress" max="100" value="33"' in page
    assert "1 of 3 lessons done (33%)" in page
    assert 'href="/training/courses/facebook/continue/">Continue where you left off</a>' in page
    assert '<li class="training-lesson-done">' in page
    assert page.count('<span class="visually-hidden">(done)</span>') == 1
    for lesson in (first, second, quiz):  # every lesson is open to a learner
        assert f'href="{lesson_url(course, lesson)}"' in page


def test_a_learner_whose_membership_lapsed_keeps_the_progress_but_not_the_lessons(client, course):
    organization, _, person = member_org(name="Lakeview Health")
    enrol_with_progress(course, person, done=2)
    Membership.objects.filter(organization=organization).update(status="lapsed")
    client.force_login(person)

    response = client.get(URL)

    assert response.context["page"].state == "lapsed"
    page = response.content.decode()
    assert "2 of 3 lessons done (66%)" in page
    assert "Your access to this course has ended" in page
    assert "Continue where you left off" not in page


def test_a_draft_is_not_found_except_for_faculty(client, member, staff, coach):
    make_course(title="Podcasting for your practice", slug="podcasting", published=False)
    url = reverse("training:course", args=["podcasting"])

    assert client.get(url).status_code == 404
    client.force_login(member)
    assert client.get(url).status_code == 404
    for person in (staff, coach):
        client.force_login(person)
        response = client.get(url)
        assert response.status_code == 200
        assert "Draft: learners cannot see this course until it is published." in (
            response.content.decode()
        )


def test_an_unknown_course_is_not_found(client):
    assert client.get(reverse("training:course", args=["no-such-course"])).status_code == 404


def test_an_archived_course_takes_no_one_new_but_its_learners_keep_it(client, member, course):
    course.status = CourseStatus.ARCHIVED
    course.save()
    other = member_org(name="Hillcrest Clinic")[2]
    enrol_with_progress(course, member)

    client.force_login(other)
    page = client.get(URL).content.decode()
    assert "This course is no longer open to new learners." in page
    assert "Start the course" not in page

    client.force_login(member)
    assert "Start the first lesson" in client.get(URL).content.decode()


# --- query counts -------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 3])
def test_the_course_page_takes_the_same_queries_for_1_and_3_lessons(
    client, django_assert_num_queries, count
):
    make_course(title="Sized course", slug="sized", lessons_per_module=count)
    # the course, topics, platforms, modules, lessons
    with django_assert_num_queries(5):
        assert client.get("/training/courses/sized/").status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_a_learners_course_page_takes_the_same_queries_for_1_and_3_lessons(
    client, django_assert_num_queries, member, count
):
    course = make_course(title="Sized course", slug="sized", lessons_per_module=count)
    enrol_with_progress(course, member, done=count)
    client.force_login(member)
    # the session and person, the course, topics, platforms, modules, lessons, faculty check
    # (none), the enrolment, its completed lessons, and the person's org roles and
    # memberships (the study permission)
    with django_assert_num_queries(11):
        assert client.get("/training/courses/sized/").status_code == 200
