"""Request parameters holding a NUL character are answered 400 before any page reads them.

PostgreSQL refuses NUL in text: an admin filter such as ?kind__exact=%00 answered 500 there."""

import pytest
from django.conf import settings
from django.test import RequestFactory

from socialrx.core.middleware import NUL_MESSAGE, RefuseNulParametersMiddleware
from tests.factories import StaffFactory, give_mfa

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

MIDDLEWARE = "socialrx.core.middleware.RefuseNulParametersMiddleware"


@pytest.fixture
def superuser(db):
    person = StaffFactory(is_superuser=True)
    give_mfa(person)
    return person


def test_the_guard_is_installed_before_sessions_and_authentication():
    assert MIDDLEWARE in settings.MIDDLEWARE
    position = settings.MIDDLEWARE.index(MIDDLEWARE)
    assert position < settings.MIDDLEWARE.index(
        "django.contrib.sessions.middleware.SessionMiddleware"
    )


@pytest.mark.parametrize(
    "query",
    [
        {"kind__exact": "\x00"},
        {"status__exact": "paid\x00"},
        {"q": "a\x00b"},
        {"kind\x00": "invoice"},
    ],
    ids=["value", "value-suffix", "search", "name"],
)
def test_an_admin_filter_with_a_nul_is_refused_with_400(client, superuser, query):
    client.force_login(superuser)

    response = client.get("/admin/billing/invoice/", query)

    assert response.status_code == 400
    assert response.content.decode() == NUL_MESSAGE


def test_a_staff_page_filter_with_a_nul_is_refused_with_400(client, staff):
    client.force_login(staff)

    response = client.get("/staff/audit/", {"action": "\x00"})

    assert response.status_code == 400


def test_a_form_post_with_a_nul_is_refused_with_400(client):
    response = client.post(
        "/accounts/login/",
        "login=someone%40example.org&password=a%00b",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 400
    assert NUL_MESSAGE in response.content.decode()


def test_the_api_validates_its_own_parameters_and_answers_422_as_documented(client):
    response = client.get("/api/v1/registry/entities", {"q": "\x00"})

    assert response.status_code == 422
    assert response.json()["detail"] == "Invalid input."


def test_parameters_without_nul_pass(client, superuser):
    client.force_login(superuser)

    response = client.get("/admin/billing/invoice/", {"status__exact": "paid", "q": "é ‮"})

    assert response.status_code == 200


def test_a_multipart_body_is_left_for_the_view_to_read():
    """Uploads are not read (nor loaded into memory) by the guard: the view still chooses how."""
    seen = []

    def view(request):
        seen.append(hasattr(request, "_post"))  # not parsed yet
        return "view"

    request = RequestFactory().post("/upload/", {"note": "a\x00b", "file": ""})
    assert request.content_type == "multipart/form-data"

    assert RefuseNulParametersMiddleware(view)(request) == "view"
    assert seen == [False]


def test_a_json_body_is_left_for_the_view_to_read():
    request = RequestFactory().post(
        "/webhooks/stripe/", b'{"id": "evt_\\u0000"}', content_type="application/json"
    )

    assert RefuseNulParametersMiddleware(lambda request: "view")(request) == "view"
    assert request.body == b'{"id": "evt_\\u0000"}'
