"""Finding attendees at the door by name, email or organization (an HTML fragment or JSON, at
most 20, constant queries) and checking them in from the results, with and without
JavaScript."""

import pytest
from django.test import Client
from django.urls import reverse

from socialrx.events.models import AttendeeStatus, CheckIn, TicketKind
from tests.events.factories import make_attendee, make_event, make_ticket_type
from tests.factories import StaffFactory

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
def priya(event, member_type):
    return make_attendee(
        event,
        member_type,
        full_name="Priya Raman",
        email="priya@riverside.example",
        job_title="Director of Communications",
        organization_name="Riverside Health",
    )


def _url(name, event, *args):
    return reverse(f"events:{name}", args=[event.slug, *args])


# --- search -----------------------------------------------------------------------------------


def test_search_returns_an_html_fragment_with_a_button_each(staff_client, event, priya):
    make_attendee(event, full_name="Priya Shah", organization_name="Lakeside Clinic")
    checked = make_attendee(event, full_name="Tom Priyanka")
    CheckIn.objects.create(attendee=checked, event=event, door="Door B")

    response = staff_client.get(_url("check_in_search", event), {"q": "priya", "door": "Door A"})

    html = response.content.decode()
    assert "<html" not in html
    assert html.count("data-check-in-form") == 2  # the one already in has no button
    assert "Priya Raman" in html and "Priya Shah" in html and "Tom Priyanka" in html
    assert "Checked in at " in html and "at Door B" in html
    assert "3 matches." in html


def test_search_matches_email_and_organization_with_every_word(staff_client, event, priya):
    make_attendee(event, full_name="Sam Riverside", organization_name="Mercy")

    by_email = staff_client.get(_url("check_in_search", event), {"q": "priya@river"})
    by_org = staff_client.get(
        _url("check_in_search", event), {"q": "riverside health", "format": "json"}
    )

    assert "Priya Raman" in by_email.content.decode()
    assert [row["name"] for row in by_org.json()["results"]] == ["Priya Raman"]


def test_search_in_json(staff_client, event, priya, member_type):
    make_attendee(event, member_type, full_name="Priya Cole", status=AttendeeStatus.CANCELLED)

    data = staff_client.get(
        _url("check_in_search", event), {"q": "priya"}, headers={"Accept": "application/json"}
    ).json()

    assert data["q"] == "priya"
    cole, raman = data["results"]
    assert (cole["name"], cole["state"], cole["can_check_in"]) == (
        "Priya Cole",
        "Ticket cancelled",
        False,
    )
    assert raman == {
        "id": str(priya.public_id),
        "name": "Priya Raman",
        "email": "priya@riverside.example",
        "job_title": "Director of Communications",
        "organization": "Riverside Health",
        "ticket_type": "Member pass",
        "status": "confirmed",
        "state": "Not checked in yet",
        "tone": "neutral",
        "can_check_in": True,
        "check_in_url": _url("check_in_attendee", event, priya.public_id),
    }


def test_search_stays_within_the_event(staff_client, event, priya):
    make_attendee(make_event(title="Other"), full_name="Priya Elsewhere")

    data = staff_client.get(_url("check_in_search", event), {"q": "priya", "format": "json"})

    assert [row["name"] for row in data.json()["results"]] == ["Priya Raman"]


def test_search_needs_two_letters_and_returns_at_most_twenty(staff_client, event, member_type):
    for number in range(25):
        make_attendee(event, member_type, full_name=f"Alex Many {number:02d}")

    short = staff_client.get(_url("check_in_search", event), {"q": "a"}).content.decode()
    many = staff_client.get(_url("check_in_search", event), {"q": "many", "format": "json"})
    html = staff_client.get(_url("check_in_search", event), {"q": "many"}).content.decode()

    assert "Type at least two letters." in short
    assert len(many.json()["results"]) == 20
    assert "The first 20 matches" in html


def test_search_finds_no_one_politely(staff_client, event):
    html = staff_client.get(_url("check_in_search", event), {"q": "zz<b>"}).content.decode()

    assert "No attendee matches “zz&lt;b&gt;”." in html


def test_search_is_constant_in_queries(staff_client, event, member_type, django_assert_num_queries):
    def add(count, start):
        for number in range(start, start + count):
            person = make_attendee(event, member_type, full_name=f"Jordan Lee {number}")
            if number % 2:
                CheckIn.objects.create(attendee=person, event=event, checked_in_by=StaffFactory())

    add(3, 0)
    url = _url("check_in_search", event)
    staff_client.get(url, {"q": "jordan"})
    with django_assert_num_queries(5) as small:
        staff_client.get(url, {"q": "jordan"})
    add(20, 3)
    with django_assert_num_queries(len(small.captured_queries)):
        response = staff_client.get(url, {"q": "jordan"})
    assert response.content.decode().count("door-person-name") == 20


# --- checking in from the search ------------------------------------------------------------


def test_checking_in_from_the_search_without_javascript(staff_client, event, priya, staff):
    response = staff_client.post(
        _url("check_in_attendee", event, priya.public_id), {"door": "Door A", "q": "priya"}
    )

    assert response.status_code == 302
    assert response.headers["Location"] == _url("check_in", event) + "?door=Door+A&q=priya"
    record = CheckIn.objects.get()
    assert (record.attendee, record.method, record.door, record.checked_in_by) == (
        priya,
        "search",
        "Door A",
        staff,
    )
    page = staff_client.get(response.headers["Location"]).content.decode()
    assert "Checked in: Priya Raman, Member pass" in page


def test_a_second_check_in_from_the_search_says_when(staff_client, event, priya):
    url = _url("check_in_attendee", event, priya.public_id)
    staff_client.post(url, {"door": "Door B"})

    data = staff_client.post(url, {"door": "Door A"}, headers={"Accept": "application/json"})

    assert data.json()["code"] == "already_checked_in"
    assert data.json()["message"].endswith("by Dana Whitfield at Door B")
    assert CheckIn.objects.count() == 1


def test_an_unpaid_ticket_from_the_search_is_refused(staff_client, event, member_type):
    pending = make_attendee(event, member_type, status=AttendeeStatus.PENDING)

    response = staff_client.post(_url("check_in_attendee", event, pending.public_id))
    page = staff_client.get(response.headers["Location"]).content.decode()

    assert "Ticket not paid: its order is awaiting payment." in page
    assert CheckIn.objects.count() == 0


def test_an_attendee_of_another_event_is_404(staff_client, event):
    other = make_attendee(make_event(title="Other"))

    response = staff_client.post(_url("check_in_attendee", event, other.public_id))

    assert response.status_code == 404
    assert CheckIn.objects.count() == 0
