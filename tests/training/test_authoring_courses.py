"""Courses' catalogue facts and the staff course list."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from socialrx.core.errors import DomainError
from socialrx.core.models import AuditEvent
from socialrx.taxonomy.models import Platform, Topic
from socialrx.training.models import Course, CourseStatus, CourseVersion, Enrolment, VersionStatus
from socialrx.training.services import authoring
from tests.training.factories import make_course

pytestmark = pytest.mark.django_db


def course_data(**changes):
    data = {
        "title": "X for physicians",
        "slug": "",
        "summary": "Post,   reply and stay safe on X.",
        "description": "## Why X\n\nBecause patients are there.",
        "level": "intermediate",
        "topics": list(Topic.objects.filter(slug="strategy")),
        "platforms": list(Platform.objects.filter(code="x")),
        "estimated_hours": Decimal("1.5"),
        "ce_hours": Decimal("1.0"),
        "objectives": "  Set up a profile \n\n Reply to patients safely\n",
        "price_cents": 14_900,
        "authors": [],
    }
    data.update(changes)
    return data


# --- service ----------------------------------------------------------------------------------


def test_creating_a_course_makes_its_draft_version_one_and_audits(staff, coach):
    course = authoring.save_course(
        actor=staff, course=None, data=course_data(authors=[staff, coach])
    )

    assert course.slug == "x-for-physicians"
    assert course.summary == "Post, reply and stay safe on X."
    assert course.objectives == "Set up a profile\nReply to patients safely"
    assert course.status == CourseStatus.DRAFT
    assert course.price_cents == 14_900
    assert sorted(course.topics.values_list("slug", flat=True)) == ["strategy"]
    assert sorted(course.platforms.values_list("code", flat=True)) == ["x"]
    assert set(course.authors.all()) == {staff, coach}
    version = CourseVersion.objects.get(course=course)
    assert (version.number, version.status) == (1, VersionStatus.DRAFT)
    event = AuditEvent.objects.get(action="training.course.created")
    assert event.actor == staff
    assert event.after["title"] == "X for physicians"
    assert event.after["platforms"] == ["x"]


def test_a_coach_may_author(coach):
    course = authoring.save_course(actor=coach, course=None, data=course_data())
    assert course.pk


def test_a_member_may_not_author(user):
    with pytest.raises(PermissionDenied):
        authoring.save_course(actor=user, course=None, data=course_data())
    assert not Course.objects.exists()


def test_updating_records_before_and_after(staff):
    course = make_course(price_cents=5_000)

    authoring.save_course(
        actor=staff,
        course=course,
        data=course_data(title="Facebook pages, safely", slug=course.slug, price_cents=None),
    )

    course.refresh_from_db()
    assert course.title == "Facebook pages, safely"
    assert course.price_cents is None
    event = AuditEvent.objects.get(action="training.course.updated")
    assert event.before["price_cents"] == 5000
    assert event.after["price_cents"] is None
    assert event.before["platforms"] == ["facebook"]
    assert CourseVersion.objects.filter(course=course).count() == 1  # no new version


def test_a_taken_address_is_refused_beside_the_field(staff):
    make_course(slug="x-for-physicians")

    with pytest.raises(DomainError) as refusal:
        authoring.save_course(actor=staff, course=None, data=course_data())

    assert refusal.value.field == "slug"
    assert refusal.value.message == "Another course already has the address “x-for-physicians”."
    assert Course.objects.count() == 1


def test_objectives_of_blank_lines_only_are_refused(staff):
    with pytest.raises(DomainError) as refusal:
        authoring.save_course(actor=staff, course=None, data=course_data(objectives=" \n \n"))
    assert refusal.value.field == "objectives"
    assert not Course.objects.exists()


# --- pages ------------------------------------------------------------------------------------


def form_post(**changes):
    post = {
        "title": "X for physicians",
        "slug": "",
        "summary": "Post, reply and stay safe on X.",
        "description": "",
        "level": "introductory",
        "topics": [Topic.objects.get(slug="strategy").pk],
        "platforms": [Platform.objects.get(code="x").pk],
        "estimated_hours": "1.5",
        "ce_hours": "",
        "objectives": "Set up a profile",
        "price_cents": "149.00",
    }
    post.update(changes)
    return post


def test_staff_create_a_course_through_the_page(client, staff):
    client.force_login(staff)

    response = client.post(reverse("training:staff_course_new"), form_post())

    course = Course.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("training:staff_course_content", args=[course.slug])
    assert course.price_cents == 14_900
    assert course.ce_hours == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"price_cents": "-5"}, "Enter an amount in dollars, such as 12500.00 (no negative"),
        ({"estimated_hours": "0.2"}, "Ensure this value is greater than or equal to 0.5."),
        ({"estimated_hours": "lots"}, "Enter a number."),
        ({"slug": "not a slug!"}, "Enter a valid “slug”"),
        ({"title": ""}, "This field is required."),
        ({"topics": ["99999"]}, "Select a valid choice. 99999 is not one of the available"),
    ],
)
def test_bad_input_is_shown_beside_the_field(client, staff, changes, message):
    client.force_login(staff)

    response = client.post(reverse("training:staff_course_new"), form_post(**changes))

    assertContains(response, message, status_code=400)
    assert not Course.objects.exists()


def test_editing_shows_the_facts_and_saves_them(client, staff):
    course = make_course(price_cents=9_900)
    client.force_login(staff)
    url = reverse("training:staff_course_edit", args=[course.slug])

    page = client.get(url)
    response = client.post(url, form_post(title="Facebook, safely", slug=course.slug))

    assertContains(page, 'value="99.00"')
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.title == "Facebook, safely"


def test_editing_an_unknown_course_is_404(client, staff):
    client.force_login(staff)
    assert client.get(reverse("training:staff_course_edit", args=["no-such"])).status_code == 404


def test_the_course_list_shows_versions_drafts_and_enrolments(client, staff, user):
    published = make_course(title="Starting a hospital Facebook page safely")
    authoring.start_new_draft(actor=staff, course=published)
    Enrolment.objects.create(course=published, person=user, access="member")
    make_course(title="Podcasting for your practice", published=False)
    client.force_login(staff)

    response = client.get(reverse("training:staff_courses"))

    courses = {course.title: course for course in response.context["courses"]}
    facebook = courses["Starting a hospital Facebook page safely"]
    podcast = courses["Podcasting for your practice"]
    assert (facebook.published_version.number, facebook.draft_number) == (1, 2)
    assert facebook.enrolment_count == 1
    assert (podcast.published_version, podcast.draft_number, podcast.enrolment_count) == (
        None,
        1,
        0,
    )
    assertContains(response, "Never published")
    assertContains(response, "Version 2")
    assertContains(response, reverse("training:staff_course_new"))


@pytest.mark.parametrize("count", [1, 3])
def test_the_course_list_reads_in_constant_queries(client, staff, django_assert_num_queries, count):
    for number in range(count):
        course = make_course(title=f"Course {number}")
        Enrolment.objects.create(course=course, person=staff, access="staff")
    client.force_login(staff)
    client.get(reverse("training:staff_courses"))  # warm the session and MFA caches

    # session, user, MFA check, then the course list with its counts in one query
    with django_assert_num_queries(4):
        response = client.get(reverse("training:staff_courses"))

    assert len(response.context["courses"]) == count


def test_members_may_not_see_the_back_office(client, user):
    client.force_login(user)
    assert client.get(reverse("training:staff_courses")).status_code == 403


def test_the_list_hides_nothing_from_a_coach(client, coach):
    make_course(title="Podcasting for your practice", published=False)
    client.force_login(coach)
    response = client.get(reverse("training:staff_courses"))
    assertContains(response, "Podcasting for your practice")
    assertNotContains(response, "No courses yet")
