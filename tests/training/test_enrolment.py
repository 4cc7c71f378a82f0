"""Enrolling in an online course: members (free) and faculty, refusals, idempotence, the
race the unique constraint settles, and the enrol button's page."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from socialrx.core.errors import DomainError
from socialrx.core.models import AuditEvent
from socialrx.training.models import CourseStatus, Enrolment
from socialrx.training.services import enrolment as enrolment_service
from socialrx.training.services.enrolment import enrol
from tests.factories import UserFactory
from tests.training.factories import make_course, member_org

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


@pytest.fixture
def member():
    return member_org(name="Lakeview Health")[2]


@pytest.fixture
def course():
    # Two reading lessons and a quiz: three lessons.
    return make_course(title="Starting a hospital Facebook page safely", slug="facebook-page")


# --- the service ------------------------------------------------------------------------------


def test_a_member_enrols_free_with_every_lesson_counted_and_an_audit_event(member, course):
    enrolment = enrol(member, course)

    assert (enrolment.person, enrolment.course, enrolment.access) == (member, course, "member")
    assert (enrolment.lessons_done, enrolment.lessons_total) == (0, 3)
    assert enrolment.completed_at is None
    event = AuditEvent.objects.get(action="training.enrolment.created")
    assert event.actor == member
    assert event.after == {
        "course": "Starting a hospital Facebook page safely",
        "access": "member",
        "lessons_total": 3,
    }


def test_enrolling_twice_returns_the_first_enrolment_and_writes_nothing_more(member, course):
    first = enrol(member, course)
    second = enrol(member, course)

    assert second.pk == first.pk
    assert Enrolment.objects.count() == 1
    assert AuditEvent.objects.filter(action="training.enrolment.created").count() == 1


def test_a_racing_second_request_gets_the_enrolment_the_database_kept(member, course, monkeypatch):
    first = enrol(member, course)
    # The second request looked before the first committed: it saw no enrolment.
    monkeypatch.setattr(enrolment_service, "enrolment_in", lambda course, person: None)

    second = enrol(member, course)

    assert second.pk == first.pk
    assert Enrolment.objects.count() == 1
    assert AuditEvent.objects.filter(action="training.enrolment.created").count() == 1


@pytest.mark.parametrize("role", ["staff", "coach"])
def test_faculty_enrol_with_faculty_access(role, staff, coach, course):
    person = {"staff": staff, "coach": coach}[role]

    assert enrol(person, course).access == "staff"


def test_a_person_whose_organization_is_not_a_member_may_not_enrol(org_a, course):
    with pytest.raises(PermissionDenied):
        enrol(org_a[2], course)
    with pytest.raises(PermissionDenied):
        enrol(UserFactory(), course)
    assert Enrolment.objects.count() == 0


def test_a_draft_course_is_not_open_for_enrolment(staff):
    draft = make_course(title="X for physicians", published=False)

    with pytest.raises(DomainError, match="This course is not open for enrolment."):
        enrol(staff, draft)
    assert Enrolment.objects.count() == 0


def test_an_archived_course_takes_no_new_learners(member, course):
    course.status = CourseStatus.ARCHIVED
    course.save()

    with pytest.raises(DomainError, match="This course is not open for enrolment."):
        enrol(member, course)
    assert Enrolment.objects.count() == 0


# --- the page ---------------------------------------------------------------------------------


def test_the_enrol_button_enrols_and_goes_to_the_first_lesson(client, member, course):
    client.force_login(member)

    response = client.post(reverse("training:enrol", args=["facebook-page"]), follow=True)

    enrolment = Enrolment.objects.get()
    first = course.published_version.modules.get(position=1).lessons.get(position=1)
    assert response.redirect_chain == [
        ("/training/courses/facebook-page/continue/", 302),
        (f"/training/courses/facebook-page/lessons/{first.key}/", 302),
    ]
    assert enrolment.person == member
    assert (
        "You are enrolled in Starting a hospital Facebook page safely."
        in [str(message) for message in response.context["messages"]][0]
    )


def test_a_second_click_on_enrol_is_harmless(client, member, course):
    client.force_login(member)
    url = reverse("training:enrol", args=["facebook-page"])

    client.post(url)
    response = client.post(url)

    assert response.status_code == 302
    assert response["Location"] == "/training/courses/facebook-page/continue/"
    assert Enrolment.objects.count() == 1


def test_enrolling_in_an_archived_course_says_why_on_the_course_page(client, member, course):
    course.status = CourseStatus.ARCHIVED
    course.save()
    client.force_login(member)

    response = client.post(reverse("training:enrol", args=["facebook-page"]), follow=True)

    assert response.redirect_chain == [("/training/courses/facebook-page/", 302)]
    assert "This course is not open for enrolment." in response.content.decode()
    assert Enrolment.objects.count() == 0


def test_enrol_refuses_non_members_get_and_unknown_courses(client, org_a, member, course):
    url = reverse("training:enrol", args=["facebook-page"])
    assert client.post(url)["Location"].startswith("/accounts/login/")
    client.force_login(org_a[2])
    assert client.post(url).status_code == 403
    client.force_login(member)
    assert client.get(url).status_code == 405
    assert client.post(reverse("training:enrol", args=["no-such-course"])).status_code == 404
    draft = make_course(title="Podcasting for your practice", published=False)
    assert client.post(reverse("training:enrol", args=[draft.slug])).status_code == 404
    assert Enrolment.objects.count() == 0
