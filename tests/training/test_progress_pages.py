"""A learner's progress pages: "continue where you left off", "My learning", the dashboard
panel, and an organization's learning report (page and CSV).

The clock stands at 2031-03-10 15:00 UTC (10:00 at the center, America/Chicago)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import RequestFactory

from socialrx.membership.models import Membership
from socialrx.training.models import Lesson
from socialrx.training.panels import my_learning as my_learning_panel
from tests.factories import SeatFactory, UserFactory
from tests.training.catalog_factories import (
    certificate_for,
    enrol_with_progress,
    make_boot_camp,
    register,
)
from tests.training.factories import make_course, member_org

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

NOW = datetime(2031, 3, 10, 15, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def org():
    """(organization, admin, member) of a member organization."""
    return member_org(name="Lakeview Health")


@pytest.fixture
def course():
    return make_course(title="Starting a hospital Facebook page safely", slug="facebook")


def lessons(course) -> list[Lesson]:
    return [
        lesson
        for module in course.published_version.modules.order_by("position")
        for lesson in module.lessons.order_by("position")
    ]


def lesson_path(course, lesson) -> str:
    return f"/training/courses/{course.slug}/lessons/{lesson.key}/"


# --- continue where you left off ----------------------------------------------------------------


def test_continue_opens_the_lesson_last_opened(client, org, course):
    enrolment = enrol_with_progress(course, org[2], done=1)
    enrolment.last_lesson_key = lessons(course)[2].key  # the quiz
    enrolment.save()
    client.force_login(org[2])

    response = client.get("/training/courses/facebook/continue/")

    assert response.status_code == 302
    assert response["Location"] == lesson_path(course, lessons(course)[2])


def test_continue_skips_a_lesson_no_longer_published_to_the_first_not_done(client, org, course):
    enrolment = enrol_with_progress(course, org[2], done=1)
    enrolment.last_lesson_key = "00000000-0000-4000-8000-000000000001"  # removed since
    enrolment.save()
    client.force_login(org[2])

    response = client.get("/training/courses/facebook/continue/")

    assert response["Location"] == lesson_path(course, lessons(course)[1])


def test_continue_starts_a_new_learner_and_a_finished_one_at_the_first_lesson(client, org, course):
    client.force_login(org[2])
    enrolment = enrol_with_progress(course, org[2])
    assert client.get("/training/courses/facebook/continue/")["Location"] == lesson_path(
        course, lessons(course)[0]
    )

    enrolment.delete()
    enrol_with_progress(course, org[2], done=3)
    assert client.get("/training/courses/facebook/continue/")["Location"] == lesson_path(
        course, lessons(course)[0]
    )


def test_continue_without_an_enrolment_goes_back_to_the_course_page(client, org, course):
    assert client.get("/training/courses/facebook/continue/")["Location"].startswith(
        "/accounts/login/"
    )
    client.force_login(org[2])
    response = client.get("/training/courses/facebook/continue/", follow=True)
    assert response.redirect_chain == [("/training/courses/facebook/", 302)]
    assert "Start the course first: it is free for members." in response.content.decode()
    assert client.get("/training/courses/nothing/continue/").status_code == 404


def test_continue_for_a_lapsed_learner_explains_on_the_course_page(client, org, course):
    enrol_with_progress(course, org[2], done=1)
    Membership.objects.filter(organization=org[0]).update(status="lapsed")
    client.force_login(org[2])

    response = client.get("/training/courses/facebook/continue/")

    assert response["Location"] == "/training/courses/facebook/"


# --- My learning --------------------------------------------------------------------------------


def test_my_learning_lists_progress_certificates_boot_camps_and_the_org_report(client, org, course):
    organization, admin, _ = org
    x = make_course(title="X for physicians", slug="x")
    enrol_with_progress(course, admin, done=2)
    finished = enrol_with_progress(x, admin, done=3, completed_at=NOW)
    certificate = certificate_for(finished, code="SRX-2345-6789-ABCD")
    camp = make_boot_camp(title="Crisis response boot camp", slug="crisis", starts_in_days=20)
    register(camp, admin)
    client.force_login(admin)

    response = client.get("/training/my/")

    assert response.status_code == 200
    page = response.content.decode()
    assert '<progress class="training-progress" max="100" value="66"' in page
    assert "2 of 3 lessons (66%)" in page
    assert "last activity <time" in page
    assert 'href="/training/courses/facebook/continue/">Continue' in page
    assert "Completed courses" in page
    assert (
        f'href="/training/certificates/{certificate.public_id}/pdf/">Download the certificate'
        in (page)
    )
    assert "SRX-2345-6789-ABCD" in page
    assert '<a href="/training/boot-camps/crisis/">Crisis response boot camp</a>' in page
    assert '<time datetime="2031-03-30">Mar 30, 2031</time>' in page
    assert '<time datetime="2031-03-31">Mar 31, 2031</time>' in page
    assert ">Registered</span>" in page
    assert f'href="/organizations/{organization.public_id}/learning/">Lakeview Health' in page


def test_my_learning_when_there_is_nothing_yet(client):
    client.force_login(UserFactory())

    page = client.get("/training/my/").content.decode()

    assert "Nothing here yet" in page


def test_my_learning_needs_a_sign_in(client):
    assert client.get("/training/my/")["Location"].startswith("/accounts/login/")


def _learning_of(person, count: int):
    for number in range(count):
        course = make_course(title=f"Course {number}", slug=f"course-{number}")
        enrol_with_progress(course, person, done=1)
        done = enrol_with_progress(
            make_course(title=f"Done {number}", slug=f"done-{number}"),
            person,
            done=3,
            completed_at=NOW,
        )
        certificate_for(done, code=f"SRX-2345-6789-ABC{number + 2}")
        register(make_boot_camp(title=f"Camp {number}", slug=f"camp-{number}"), person)


@pytest.mark.parametrize("count", [1, 3])
def test_my_learning_takes_the_same_queries_for_1_and_3_of_everything(
    client, django_assert_num_queries, org, count
):
    _learning_of(org[1], count)
    client.force_login(org[1])

    # session and person, enrolments, certificates, registrations, organizations administered,
    # and the menu's permission checks (org roles, memberships)
    with django_assert_num_queries(8):
        response = client.get("/training/my/")

    assert len(response.context["learning"].in_progress) == count


# --- the dashboard panel ------------------------------------------------------------------------


def _request(user):
    request = RequestFactory().get("/dashboard/")
    request.user = user
    return request


def test_the_panel_stays_out_for_someone_with_no_learning_and_for_visitors(client):
    assert my_learning_panel(_request(UserFactory())) is None
    assert my_learning_panel(_request(AnonymousUser())) is None


def test_the_panel_shows_courses_in_progress_next_boot_camps_and_completions(org, course):
    person = org[2]
    enrol_with_progress(course, person, done=1)
    x = make_course(title="X for physicians", slug="x")
    enrol_with_progress(x, person, done=3, completed_at=NOW)
    register(make_boot_camp(title="Crisis response boot camp", slug="crisis"), person)
    register(
        make_boot_camp(title="Past camp", slug="past", starts_in_days=-10), person
    )  # over: not "coming up"

    context = my_learning_panel(_request(person))

    panel = context["learning"]
    assert [e.course.title for e in panel.in_progress] == [
        "Starting a hospital Facebook page safely"
    ]
    assert [r.boot_camp.title for r in panel.upcoming] == ["Crisis response boot camp"]
    assert (panel.enrolled, panel.completed) == (2, 1)
    html = render_to_string("training/panels/my_learning.html", context)
    assert 'href="/training/courses/facebook/continue/"' in html
    assert "Crisis response boot camp" in html and "Past camp" not in html
    assert "1 course completed." in html
    assert 'href="/training/my/">All my learning</a>' in html


def test_a_person_with_only_a_past_registration_still_gets_the_panel(org):
    register(make_boot_camp(title="Past camp", slug="past", starts_in_days=-10), org[2])

    assert my_learning_panel(_request(org[2])) is not None


@pytest.mark.parametrize("count", [1, 3])
def test_the_panel_takes_the_same_queries_for_1_and_3_of_everything(
    django_assert_num_queries, org, count
):
    _learning_of(org[1], count)
    person = type(org[1]).objects.get(pk=org[1].pk)

    # counts, courses in progress, upcoming boot camps
    with django_assert_num_queries(3):
        assert my_learning_panel(_request(person)) is not None


# --- an organization's learning -----------------------------------------------------------------


def test_the_org_admin_sees_everyones_progress_registrations_and_certificates(client, org, course):
    organization, admin, member = org
    enrol_with_progress(course, member, done=1)
    done = enrol_with_progress(
        make_course(title="X for physicians", slug="x"), member, done=3, completed_at=NOW
    )
    certificate_for(done)
    register(make_boot_camp(title="Crisis response boot camp", slug="crisis"), admin)
    client.force_login(admin)

    response = client.get(f"/organizations/{organization.public_id}/learning/")

    assert response.status_code == 200
    page = response.content.decode()
    rows = {row.person.email: row for row in response.context["people"]}
    assert set(rows) == {admin.email, member.email}
    assert [e.percent for e in rows[member.email].enrolments] == [33, 100]
    assert rows[member.email].certificates == 1
    assert 'Completed <time datetime="2031-03-10">Mar 10, 2031</time>' in page
    assert "Crisis response boot camp" in page
    assert 'href="?format=csv"' in page


def test_the_csv_has_a_row_per_course_and_boot_camp_with_safe_cells(client, org, course):
    organization, admin, member = org
    member.full_name = "=HYPERLINK(1)"
    member.save()
    enrol_with_progress(course, member, done=1)
    register(make_boot_camp(title="Crisis response boot camp", slug="crisis"), member)
    client.force_login(admin)

    response = client.get(f"/organizations/{organization.public_id}/learning/?format=csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="learning-lakeview-health.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "Person",
        "Email",
        "Role",
        "Format",
        "Title",
        "Status",
        "Progress (%)",
        "Started",
        "Completed or dates",
        "Valid certificates",
    ]
    by_title = {row[4]: row for row in rows[1:]}
    assert by_title["Starting a hospital Facebook page safely"] == [
        "'=HYPERLINK(1)",
        member.email,
        "Member",
        "Online course",
        "Starting a hospital Facebook page safely",
        "In progress",
        "33",
        "2031-03-10",
        "",
        "0",
    ]
    assert by_title["Crisis response boot camp"][3:] == [
        "Boot camp",
        "Crisis response boot camp",
        "Registered",
        "",
        "2031-03-10",
        "2031-03-30 to 2031-03-31",
        "0",
    ]
    assert by_title[""][0] == admin.full_name and by_title[""][5] == "Nothing yet"


def test_only_the_orgs_admins_and_staff_see_its_learning(client, org, org_b, staff):
    organization, admin, member = org
    url = f"/organizations/{organization.public_id}/learning/"
    for person, status in ((member, 404), (org_b[1], 404), (staff, 200), (admin, 200)):
        client.force_login(person)
        assert client.get(url).status_code == status
    client.force_login(admin)
    assert client.get("/organizations/not-a-uuid/learning/").status_code == 404
    missing = "/organizations/00000000-0000-4000-8000-000000000000/learning/"
    assert client.get(missing).status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_the_org_report_takes_the_same_queries_for_1_and_3_people(
    client, django_assert_num_queries, org, count
):
    organization, admin, member = org
    people = [member] + [SeatFactory(organization=organization).user for _ in range(count - 1)]
    course = make_course(title="Course", slug="course")
    camp = make_boot_camp(title="Camp", slug="camp")
    for person in people:
        finished = enrol_with_progress(course, person, done=3, completed_at=NOW)
        certificate_for(finished, code=f"SRX-TEST-{person.pk}")
        register(camp, person)
    client.force_login(admin)

    # session and person, the organization, org roles (permission), org tabs' memberships,
    # seats, enrolments, registrations, certificate counts
    with django_assert_num_queries(9):
        response = client.get(f"/organizations/{organization.public_id}/learning/")

    assert len(response.context["people"]) == count + 1
