"""The door's pages: the check-in page (it also searches without JavaScript), scanning (JSON,
or a form that comes back with a message), and the live counts. Search: test_check_in_search;
badges: test_check_in_badges."""

import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from socialrx.events.models import AttendeeStatus, CheckIn, TicketKind
from socialrx.events.ticket_tokens import ticket_token
from tests.events.factories import make_attendee, make_event, make_ticket_type
from tests.factories import StaffFactory, give_mfa

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


def _scan(client, event, token, door="Door A", **headers):
    return client.post(
        _url("check_in_scan", event),
        data=json.dumps({"token": token, "door": door}),
        content_type="application/json",
        headers={"Accept": "application/json", **headers},
    )


# --- the page ---------------------------------------------------------------------------------


def test_the_page_has_the_scanner_search_counts_and_badges(staff_client, event, priya):
    response = staff_client.get(_url("check_in", event))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Health Social Summit</h1>" in html
    assert re.search(r'href="[^"]*/check-in/"\s+aria-current="page">Check-in</a>', html)
    assert "Start camera" in html
    assert 'data-jsqr-url="/static/events/vendor/jsqr/jsQR.js"' in html
    assert 'src="/static/events/check-in.js" defer' in html
    assert "<caption" in html and "Member pass" in html
    assert _url("badges", event) in html
    assert "<script>" not in html and " style=" not in html  # nothing inline (CSP)


def test_the_page_searches_without_javascript(staff_client, event, priya):
    response = staff_client.get(_url("check_in", event), {"q": "raman", "door": "Door C"})

    html = response.content.decode()
    assert "Priya Raman" in html
    assert _url("check_in_attendee", event, priya.public_id) in html
    assert 'name="door" value="Door C"' in html


def test_an_unknown_event_is_404(staff_client):
    response = staff_client.get(reverse("events:check_in", args=["no-such-event"]))

    assert response.status_code == 404


def test_staff_without_a_second_factor_are_sent_to_set_one_up(event):
    person = StaffFactory()
    client = Client()
    client.force_login(person)

    response = client.get(_url("check_in", event))

    assert response.status_code == 302
    assert "/check-in/" not in response.headers["Location"]
    give_mfa(person)
    assert client.get(_url("check_in", event)).status_code == 200


def test_the_page_is_constant_in_queries(
    staff_client, event, member_type, django_assert_num_queries
):
    for number in range(3):
        make_attendee(event, member_type, full_name=f"Early Person {number}")
    staff_client.get(_url("check_in", event))  # warm the session and caches
    with django_assert_num_queries(7) as small:
        staff_client.get(_url("check_in", event), {"q": "person"})
    for number in range(3):
        make_ticket_type(event, name=f"Day pass {number}")
    for number in range(30):
        make_attendee(event, member_type, full_name=f"Later Person {number}")
    with django_assert_num_queries(len(small.captured_queries)):
        response = staff_client.get(_url("check_in", event), {"q": "person"})
    assert response.content.decode().count("door-person-name") == 20


# --- scanning ---------------------------------------------------------------------------------


def test_a_scan_answers_in_json(staff_client, event, priya):
    response = _scan(staff_client, event, ticket_token(priya))

    assert response.status_code == 200
    data = response.json()
    assert data["outcome"] == "checked_in"
    assert data["message"] == "Checked in: Priya Raman, Member pass"
    assert data["tone"] == "success"
    assert data["attendee"]["organization"] == "Riverside Health"
    assert data["check_in"]["door"] == "Door A"
    assert data["check_in"]["by"] == "Dana Whitfield"
    assert set(data) == {"outcome", "code", "message", "tone", "attendee", "check_in"}


def test_a_second_scan_at_another_door_is_told_the_first(staff_client, event, priya):
    _scan(staff_client, event, ticket_token(priya), door="Door B")

    data = _scan(staff_client, event, ticket_token(priya), door="Door A").json()

    assert data["outcome"] == "already_checked_in"
    assert data["message"].startswith("Already checked in at ")
    assert data["message"].endswith(" by Dana Whitfield at Door B")
    assert CheckIn.objects.count() == 1


@pytest.mark.parametrize(
    ("token", "code"),
    [("SRXT:forged.token:abc", "not_a_ticket"), ("https://example.org", "not_a_ticket")],
)
def test_a_bad_code_is_refused_in_json(staff_client, event, token, code):
    data = _scan(staff_client, event, token).json()

    assert (data["outcome"], data["code"], data["tone"]) == ("refused", code, "error")


def test_a_very_long_code_is_not_a_ticket(staff_client, event):
    data = _scan(staff_client, event, "SRXT:" + "x" * 5000).json()

    assert data["code"] == "not_a_ticket"


def test_a_ticket_of_another_event_is_refused(staff_client, event):
    other = make_attendee(make_event(title="Other Summit"))

    data = _scan(staff_client, event, ticket_token(other)).json()

    assert (data["code"], data["message"]) == ("other_event", "Not a ticket for this event.")
    assert data["attendee"] is None


def test_a_cancelled_ticket_is_refused(staff_client, event, member_type):
    cancelled = make_attendee(event, member_type, status=AttendeeStatus.CANCELLED)

    data = _scan(staff_client, event, ticket_token(cancelled)).json()

    assert data["message"] == "Ticket cancelled."


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("not json", "The request is not valid JSON."),
        ("[1, 2]", "Send an object with a token."),
        ('{"token": ""}', "Scan a ticket or type its code."),
        ('{"token": 5}', "Scan a ticket or type its code."),
    ],
)
def test_a_malformed_scan_is_a_400(staff_client, event, body, message):
    response = staff_client.post(
        _url("check_in_scan", event),
        data=body,
        content_type="application/json",
        headers={"Accept": "application/json"},
    )

    assert response.status_code == 400
    assert response.json() == {"error": message}


def test_a_typed_code_without_javascript_comes_back_with_a_message(staff_client, event, priya):
    response = staff_client.post(
        _url("check_in_scan", event), {"token": ticket_token(priya), "door": "Side door"}
    )

    assert response.status_code == 302
    assert response.headers["Location"] == _url("check_in", event) + "?door=Side+door"
    page = staff_client.get(response.headers["Location"]).content.decode()
    assert "Checked in: Priya Raman, Member pass" in page


def test_a_typed_empty_code_without_javascript_says_what_to_do(staff_client, event):
    response = staff_client.post(_url("check_in_scan", event), {"token": " ", "door": "Door A"})

    assert response.headers["Location"] == _url("check_in", event) + "?door=Door+A"
    page = staff_client.get(response.headers["Location"]).content.decode()
    assert "Scan a ticket or type its code." in page
    assert CheckIn.objects.count() == 0


def test_a_door_name_in_json_is_cleaned(staff_client, event, priya):
    data = _scan(staff_client, event, ticket_token(priya), door="Door\u0000 A").json()

    assert data["check_in"]["door"] == "Door A"


def test_a_form_post_asking_for_json_gets_json(staff_client, event, priya):
    response = staff_client.post(
        _url("check_in_scan", event),
        {"token": ticket_token(priya)},
        headers={"Accept": "application/json"},
    )

    assert response.json()["code"] == "checked_in"


def test_the_page_csrf_token_works_for_the_script(staff, event, priya):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)
    page = client.get(_url("check_in", event)).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    refused = _scan(client, event, ticket_token(priya))
    allowed = _scan(client, event, ticket_token(priya), **{"X-CSRFToken": token})

    assert refused.status_code == 403
    assert allowed.json()["code"] == "checked_in"


def test_a_scan_is_a_few_queries(staff_client, event, priya, django_assert_max_num_queries):
    token = ticket_token(priya)
    _scan(staff_client, event, token)  # the session and the user are read as for any page

    with django_assert_max_num_queries(7):  # session, user, MFA, event, ticket with check-in
        data = _scan(staff_client, event, token).json()

    assert data["code"] == "already_checked_in"


# --- counts -----------------------------------------------------------------------------------


def test_the_counts_by_ticket_type(staff_client, event, member_type, student_type):
    members = [make_attendee(event, member_type) for _ in range(3)]
    students = [make_attendee(event, student_type) for _ in range(2)]
    make_attendee(event, member_type, status=AttendeeStatus.CANCELLED)
    make_attendee(event, student_type, status=AttendeeStatus.PENDING)
    for attendee in (members[0], members[1], students[0]):
        CheckIn.objects.create(attendee=attendee, event=event)

    data = staff_client.get(_url("check_in_counts", event)).json()

    assert data == {
        "types": [
            {"name": "Member pass", "checked_in": 2, "registered": 3},
            {"name": "Student pass", "checked_in": 1, "registered": 2},
        ],
        "total": {"checked_in": 3, "registered": 5},
    }


def test_the_counts_are_one_query(staff_client, event, member_type, django_assert_num_queries):
    make_attendee(event, member_type)
    url = _url("check_in_counts", event)
    staff_client.get(url)
    with django_assert_num_queries(5) as small:
        staff_client.get(url)
    for _ in range(10):
        make_attendee(event, make_ticket_type(event))
    with django_assert_num_queries(len(small.captured_queries)):
        staff_client.get(url)
