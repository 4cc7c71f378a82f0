"""Training's API: the public catalogue, certificate verification, and a person's enrolments
and certificates."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine

from socialrx.accounts.services import create_api_token
from socialrx.training.models import Enrolment
from tests.factories import UserFactory
from tests.training.factories import make_boot_camp, make_certificate, make_course

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

CATALOG = "/api/v1/training/catalog"
MY_ENROLMENTS = "/api/v1/training/me/enrolments"
MY_CERTIFICATES = "/api/v1/training/me/certificates"
NOW = datetime(2025, 6, 15, 17, 0, tzinfo=UTC)


def verify(code: str) -> str:
    return f"/api/v1/training/certificates/{code}"


@pytest.fixture
def catalogue(db):
    """Two published courses, a draft and an archived one; an upcoming boot camp, a later
    one, a past one and a draft one."""
    make_course(title="X for physicians", price_cents=19_900)
    make_course(title="Podcasting for your practice")
    make_course(title="A draft", published=False)
    archived = make_course(title="Blogging basics")
    archived.status = "archived"
    archived.save()
    make_boot_camp(title="Summer boot camp", slug="summer", starts_in_days=30)
    make_boot_camp(title="Autumn boot camp", slug="autumn", starts_in_days=90, days=1)
    make_boot_camp(title="Past boot camp", slug="past", starts_in_days=-10)
    make_boot_camp(title="Draft boot camp", slug="draft", status="draft")


# --- the catalogue ------------------------------------------------------------------------


def test_the_catalogue_lists_published_courses_then_upcoming_boot_camps(client, catalogue):
    response = client.get(CATALOG)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 4
    assert [(item["format"], item["title"]) for item in body["items"]] == [
        ("course", "Podcasting for your practice"),
        ("course", "X for physicians"),
        ("boot_camp", "Summer boot camp"),
        ("boot_camp", "Autumn boot camp"),
    ]


def test_a_course_in_the_catalogue(client, catalogue):
    item = client.get(CATALOG, {"format": "course"}).json()["items"][1]

    assert item["slug"] == "x-for-physicians"
    assert item["summary"] == "Set up, staff and run a page patients trust."
    assert item["level"] == "introductory"
    assert item["hours"] == 2.0
    assert item["ce_hours"] == 1.5
    assert item["topics"] == [{"slug": "strategy", "name": "Strategy and planning"}]
    assert item["platforms"] == [{"code": "facebook", "name": "Facebook"}]
    assert item["member_free"] is True
    assert item["price_cents"] == 19_900
    assert item["starts_at"] is None
    assert item["days"] == []


def test_a_boot_camp_in_the_catalogue_has_its_dates(client, catalogue):
    body = client.get(CATALOG, {"format": "boot_camp"}).json()
    item = body["items"][0]

    assert body["count"] == 2
    assert item["title"] == "Summer boot camp"
    assert item["hours"] == 16.0  # two days of 9:00 to 17:00
    assert item["ce_hours"] == 12.0
    assert item["member_free"] is False
    assert item["price_cents"] == 120_000
    assert item["location"] == "SocialRx Center, 1200 Example Avenue, Springfield, IL"
    assert len(item["days"]) == 2
    assert item["starts_at"] == item["days"][0]["starts_at"]
    assert item["ends_at"] == item["days"][1]["ends_at"]
    assert item["days"][0]["room"] == "Room 210"
    assert item["registration_deadline"] is not None


@pytest.mark.parametrize(
    ("params", "titles"),
    [
        ({"limit": 2}, ["Podcasting for your practice", "X for physicians"]),
        ({"limit": 2, "offset": 1}, ["X for physicians", "Summer boot camp"]),
        ({"limit": 5, "offset": 3}, ["Autumn boot camp"]),
        ({"offset": 4}, []),
    ],
)
def test_the_catalogue_pages_across_courses_and_boot_camps(client, catalogue, params, titles):
    body = client.get(CATALOG, params).json()

    assert body["count"] == 4
    assert [item["title"] for item in body["items"]] == titles


@pytest.mark.parametrize(
    "params",
    [{"limit": 0}, {"limit": 101}, {"offset": -1}, {"offset": "x"}, {"format": "webinar"}],
)
def test_bad_catalogue_parameters_are_invalid_input(client, params):
    response = client.get(CATALOG, params)

    assert response.status_code == 422
    assert response.json()["detail"] == "Invalid input."


@pytest.mark.parametrize("count", [1, 3])
def test_the_catalogue_makes_the_same_queries_for_one_or_three(
    client, count, django_assert_num_queries
):
    for number in range(count):
        make_course(title=f"Course {number}", slug=f"course-{number}")
        make_boot_camp(title=f"Boot camp {number}", slug=f"camp-{number}")

    # Courses: count, page, topics, platforms; boot camps: count, page, topics, platforms, days.
    with django_assert_num_queries(9):
        response = client.get(CATALOG)

    assert response.json()["count"] == 2 * count


# --- certificate verification -------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_a_valid_certificate_verifies(client, settings):
    settings.SITE_URL = "https://socialrx.example.org"
    person = UserFactory(full_name="Dana Whitfield")
    make_certificate(person, code="SRX-7K2M-QX9D-4HTP", completed_on=date(2025, 3, 14))

    response = client.get(verify("srx-7k2m-qx9d-4htp"))

    assert response.status_code == 200
    assert response.json() == {
        "code": "SRX-7K2M-QX9D-4HTP",
        "status": "valid",
        "valid": True,
        "recipient": "Dana Whitfield",
        "title": "Starting a hospital Facebook page safely",
        "kind": "course",
        "kind_label": "Course completion",
        "hours": 2.0,
        "ce_hours": 1.5,
        "completed_on": "2025-03-14",
        "issued_on": "2025-06-15",
        "issued_by": "SocialRx Center for Social Media in Health Care",
        "revoked_on": None,
        "revoked_reason": None,
        "verify_url": "https://socialrx.example.org/certificates/SRX-7K2M-QX9D-4HTP/",
    }


@time_machine.travel(NOW, tick=False)
def test_a_revoked_certificate_says_so_with_its_reason(client):
    make_certificate(UserFactory(), code="SRX-2222-3333-4444", revoked_reason="Issued in error.")

    body = client.get(verify("SRX-2222-3333-4444")).json()

    assert body["status"] == "revoked"
    assert body["valid"] is False
    assert body["revoked_on"] == "2025-06-15"
    assert body["revoked_reason"] == "Issued in error."


@pytest.mark.parametrize(
    "code",
    ["SRX-2222-3333-4444", "SRX-0000-0000-0000", "nonsense", "a%2Fb", "SRX-2222%2F3333-4444"],
)
def test_an_unknown_forged_or_malformed_code_is_404(client, code):
    make_certificate(UserFactory(), code="SRX-7K2M-QX9D-4HTP")

    response = client.get(verify(code))

    assert response.status_code == 404
    assert response.json() == {"detail": "No certificate has this code.", "code": "not_found"}


def test_an_overlong_code_is_invalid_input(client):
    assert client.get(verify("A" * 101)).status_code == 422


def test_lookups_are_limited_per_client_address(client, settings):
    settings.TRAINING_CERTIFICATE_LOOKUPS_PER_MINUTE = 2
    make_certificate(UserFactory(), code="SRX-7K2M-QX9D-4HTP")

    statuses = [client.get(verify("SRX-7K2M-QX9D-4HTP")).status_code for _ in range(3)]
    refused = client.get(verify("SRX-7K2M-QX9D-4HTP"))

    assert statuses == [200, 200, 429]
    assert refused.json()["code"] == "rate_limited"


# --- my enrolments and certificates -------------------------------------------------------


def test_my_enrolments_with_progress_most_recent_first(client):
    me = UserFactory()
    older = make_course(title="X for physicians")
    newer = make_course(title="Podcasting for your practice")
    Enrolment.objects.create(
        course=older,
        person=me,
        access="member",
        lessons_done=4,
        lessons_total=4,
        last_activity_at=datetime(2025, 5, 1, tzinfo=UTC),
        completed_at=datetime(2025, 5, 1, tzinfo=UTC),
    )
    Enrolment.objects.create(
        course=newer,
        person=me,
        access="purchased",
        lessons_done=1,
        lessons_total=3,
        last_activity_at=datetime(2025, 6, 1, tzinfo=UTC),
    )
    Enrolment.objects.create(course=newer, person=UserFactory(), access="member")
    client.force_login(me)

    body = client.get(MY_ENROLMENTS).json()

    assert [(e["course_slug"], e["percent"], e["access"]) for e in body] == [
        ("podcasting-for-your-practice", 33, "purchased"),
        ("x-for-physicians", 100, "member"),
    ]
    assert body[0]["course_title"] == "Podcasting for your practice"
    assert body[0]["completed_at"] is None
    assert body[0]["last_activity_at"] == "2025-06-01T00:00:00Z"
    assert body[1]["completed_at"] == "2025-05-01T00:00:00Z"


def test_my_certificates_over_a_bearer_token(client):
    me = UserFactory()
    valid = make_certificate(me, code="SRX-7K2M-QX9D-4HTP")
    make_certificate(me, code="SRX-2222-3333-4444", revoked_reason="Issued in error.")
    make_certificate(UserFactory(), code="SRX-5555-6666-7777")
    _, token = create_api_token(user=me, name="Script")

    response = client.get(MY_CERTIFICATES, headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 200
    by_code = {c["code"]: c for c in response.json()}
    assert set(by_code) == {"SRX-7K2M-QX9D-4HTP", "SRX-2222-3333-4444"}
    assert by_code["SRX-7K2M-QX9D-4HTP"]["pdf_url"] == (
        f"/training/certificates/{valid.public_id}/pdf/"
    )
    assert by_code["SRX-7K2M-QX9D-4HTP"]["public_id"] == str(valid.public_id)
    assert by_code["SRX-2222-3333-4444"]["pdf_url"] is None
    assert by_code["SRX-2222-3333-4444"]["status"] == "revoked"


@pytest.mark.parametrize("path", [MY_ENROLMENTS, MY_CERTIFICATES])
def test_my_lists_need_authentication(client, path):
    response = client.get(path)

    assert response.status_code == 401


@pytest.mark.parametrize("path", [MY_ENROLMENTS, MY_CERTIFICATES])
def test_my_lists_are_empty_for_a_newcomer(client, user, path):
    client.force_login(user)

    assert client.get(path).json() == []


@pytest.mark.parametrize("code", ["a%0Ab", "SRX-2222-3333-4444%0A", "%20", "a/b/c/"])
def test_any_text_as_a_code_is_the_same_json_404(client, code):
    response = client.get(verify(code))

    assert response.status_code == 404
    assert response.json()["detail"] == "No certificate has this code."
