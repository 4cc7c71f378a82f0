"""Name badges: confirmed attendees by last name, six 4 x 3 in badges to a Letter page, the
HTML the PDF is drawn from, and the PDF itself (all, or one ticket type)."""

import pytest
from django.test import Client
from django.urls import reverse

from socialrx.events.badges import badge_sheet_html
from socialrx.events.models import TicketKind
from socialrx.events.selectors.check_in import badge_attendees
from tests.events.factories import make_attendee, make_event, make_ticket_type

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(staff):
    staff.full_name = "Dana Whitfield"
    staff.save()
    client = Client()
    client.force_login(staff)
    return client


@pytest.fixture
def event():
    return make_event(title="Health Social Summit")


@pytest.fixture
def member_type(event):
    return make_ticket_type(event, name="Member pass", kind=TicketKind.MEMBER, position=1)


@pytest.fixture
def student_type(event):
    return make_ticket_type(event, name="Student pass", kind=TicketKind.STUDENT, position=2)


def _url(name, event, *args):
    return reverse(f"events:{name}", args=[event.slug, *args])


# --- badges -----------------------------------------------------------------------------------


def _badge_people(event, member_type, student_type):
    make_attendee(event, member_type, full_name="Zoe Adams", job_title="Nurse educator")
    make_attendee(event, student_type, full_name="Maria de la Cruz, MD", organization_name="Mercy")
    make_attendee(event, member_type, full_name="Aaron Young Jr.")
    make_attendee(event, member_type, full_name="Cancelled Person", status="cancelled")
    make_attendee(event, member_type, full_name="Pending Person", status="pending")


def test_badges_are_confirmed_attendees_by_last_name(event, member_type, student_type):
    _badge_people(event, member_type, student_type)

    names = [a.full_name for a in badge_attendees(event)]

    assert names == ["Zoe Adams", "Maria de la Cruz, MD", "Aaron Young Jr."]
    assert [a.full_name for a in badge_attendees(event, student_type)] == ["Maria de la Cruz, MD"]


def test_the_badge_sheet_html_has_six_to_a_page(event, member_type):
    people = [make_attendee(event, member_type, full_name=f"Person {n:02d} Lee") for n in range(7)]

    html = badge_sheet_html(event, badge_attendees(event))

    assert html.count('class="badge"') == 7
    assert html.count('class="page"') == 2
    assert "size: Letter" in html
    assert "width: 4in; height: 3in" in html
    for person in people:
        assert person.full_name in html
    assert html.count("Health Social Summit") >= 7
    assert html.count("ribbon ribbon-member") == 7


def test_the_badge_sheet_shows_title_organization_and_ticket_type(event, member_type, student_type):
    _badge_people(event, member_type, student_type)

    html = badge_sheet_html(event, badge_attendees(event))

    assert "Nurse educator" in html and "Mercy" in html
    assert "Student pass" in html and "ribbon-student" in html
    assert "Cancelled Person" not in html and "Pending Person" not in html
    assert html.index("Zoe Adams") < html.index("Maria de la Cruz") < html.index("Aaron Young")


def test_the_badges_pdf(staff_client, event, member_type, student_type):
    _badge_people(event, member_type, student_type)

    response = staff_client.get(_url("badges", event))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert f'filename="badges-{event.slug}.pdf"' in response["Content-Disposition"]


def test_the_badges_pdf_of_one_ticket_type(staff_client, event, member_type, student_type):
    _badge_people(event, member_type, student_type)

    response = staff_client.get(_url("badges", event), {"ticket_type": student_type.public_id})

    assert response.content.startswith(b"%PDF")
    assert "student-pass.pdf" in response["Content-Disposition"]


@pytest.mark.parametrize("value", ["nonsense", "00000000-0000-0000-0000-000000000000"])
def test_an_unknown_ticket_type_for_badges_is_404(staff_client, event, value):
    response = staff_client.get(_url("badges", event), {"ticket_type": value})

    assert response.status_code == 404


def test_badges_of_no_one_still_print_a_page(staff_client, event, member_type):
    html = badge_sheet_html(event, [], ticket_type=member_type)

    assert "No confirmed attendees with a Member pass ticket for Health Social Summit yet." in html
    assert staff_client.get(_url("badges", event)).content.startswith(b"%PDF")
