"""POST /api/v1/toolkit/checks/: findings and risks with their spans, the visitor's and the
member's limits (413 with a reason), an empty or unreadable draft (422), a bad token (401), the
rate limits per person and per client address (429 with Retry-After), and that nothing is
stored."""

from __future__ import annotations

import json

import pytest

from socialrx.accounts.services import create_api_token
from socialrx.core.models import AuditEvent
from socialrx.toolkit.models import SavedCheck
from tests.toolkit.factories import make_check_member

pytestmark = pytest.mark.django_db

URL = "/api/v1/toolkit/checks/"
DRAFT = "So proud of our patient Maria Lopez, admitted on March 3 to room 412!"


def post(client, body, **headers):
    return client.post(URL, json.dumps(body), content_type="application/json", headers=headers)


@pytest.fixture
def member_token(org_a):
    organization, _, member = org_a
    make_check_member(organization)
    return create_api_token(user=member, name="Drafts script")[1]


def test_a_visitor_gets_findings_with_spans_and_risks(client):
    response = post(client, {"text": DRAFT, "image_description": ""})
    assert response.status_code == 200
    body = response.json()
    found = {(f["kind"], DRAFT[f["start"] : f["end"]]) for f in body["findings"]}
    assert {("name", "Maria Lopez"), ("date", "March 3"), ("room", "room 412")} <= found
    for finding in body["findings"]:
        assert set(finding) == {"start", "end", "kind", "label", "severity", "reason", "field"}
        assert finding["field"] == "text" and finding["reason"]
    assert [(r["kind"], r["start"], r["end"]) for r in body["risks"]] == [
        ("testimonial_without_consent", 12, 23),
    ]
    assert body["risks"][0]["advice"]
    assert body["counts"] == {
        "identifiers": len(body["findings"]),
        "risks": 1,
        "high": sum(f["severity"] == "high" for f in body["findings"])
        + sum(r["severity"] == "high" for r in body["risks"]),
    }
    assert body["limit"] == 600
    assert body["summary"] == f"{len(body['findings'])} identifiers and 1 other risk found"


def test_an_image_description_of_a_face_is_found_in_the_image_field(client):
    body = post(
        client,
        {"text": "Great day on the ward!", "image_description": "Close-up of the patient's face"},
    ).json()
    assert [f["field"] for f in body["findings"] if f["kind"] == "face_photo"] == ["image"]


def test_a_visitor_may_not_check_a_long_draft(client):
    response = post(client, {"text": "a" * 601})
    assert response.status_code == 413
    body = response.json()
    assert body["code"] == "too_long"
    assert body["field"] == "text"
    assert body["detail"] == (
        "The draft has 601 characters; you may check up to 600. "
        "Members of the center check longer drafts."
    )


def test_a_member_with_a_token_checks_a_long_draft(client, member_token):
    text = (DRAFT + " ") * 50
    response = post(client, {"text": text}, Authorization=f"Bearer {member_token}")
    assert response.status_code == 200
    assert response.json()["limit"] == 20_000


def test_a_member_draft_over_twenty_thousand_is_refused(client, member_token):
    response = post(client, {"text": "a" * 20_001}, Authorization=f"Bearer {member_token}")
    assert response.status_code == 413
    assert (
        response.json()["detail"] == "The draft has 20,001 characters; you may check up to 20,000."
    )


def test_a_one_megabyte_body_is_refused_before_it_is_read(client, member_token):
    response = post(client, {"text": "a" * 1_000_000}, Authorization=f"Bearer {member_token}")
    assert response.status_code == 413
    assert "too large" in response.json()["detail"]


def test_a_long_image_description_is_refused(client):
    response = post(client, {"text": "Hello", "image_description": "b" * 2_001})
    assert response.status_code == 413
    assert response.json()["field"] == "image_description"


def test_an_empty_draft_is_unprocessable(client):
    response = post(client, {"text": "   "})
    assert response.status_code == 422
    assert response.json()["code"] == "empty"


def test_a_lone_surrogate_is_unprocessable_with_where_it_is(client):
    # Valid JSON: "\\ud800" is half of a UTF-16 pair, which no text encoding can write.
    body = '{"text": "Maria \\ud800 was admitted"}'
    response = client.post(URL, body, content_type="application/json")
    assert response.status_code == 422
    assert response.json() == {
        "detail": "The draft contains a character that is not valid text (at character 7), "
        "often half of an emoji broken by copying: delete or retype it, then check again.",
        "code": "invalid_characters",
        "field": "text",
    }
    image = post(client, {"text": "Hello", "image_description": "A nurse \udfff"})
    assert image.status_code == 422
    assert image.json()["field"] == "image_description"


def test_a_body_without_text_lists_the_problem(client):
    response = post(client, {"image_description": "x"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"][-1] == "text"


def test_an_unknown_token_is_refused(client):
    response = post(client, {"text": DRAFT}, Authorization="Bearer srx_not-a-token")
    assert response.status_code == 401


def test_script_comes_back_as_the_same_text(client):
    text = "<script>alert(1)</script> Call 612-555-0143"
    body = post(client, {"text": text}).json()
    assert all(0 <= f["start"] < f["end"] <= len(text) for f in body["findings"])


def test_checking_over_the_api_stores_nothing(client, member_token):
    post(client, {"text": DRAFT}, Authorization=f"Bearer {member_token}")
    assert SavedCheck.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_a_client_address_is_limited(client, settings):
    settings.TOOLKIT_CHECK_API_ADDRESS_RATE = "3/m"
    statuses = [post(client, {"text": "Hello"}).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = post(client, {"text": "Hello"})
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) >= 1
    assert refused.json()["detail"]


def test_a_person_is_limited_whatever_address_they_call_from(client, settings, member_token):
    settings.TOOLKIT_CHECK_API_PERSON_RATE = "2/m"
    auth = f"Bearer {member_token}"
    addresses = ["192.0.2.1", "192.0.2.2", "192.0.2.3"]
    statuses = [
        client.post(
            URL,
            json.dumps({"text": "Hello"}),
            content_type="application/json",
            headers={"Authorization": auth},
            REMOTE_ADDR=address,
        ).status_code
        for address in addresses
    ]
    assert statuses == [200, 200, 429]
    # Another caller from the last address is not held back by that person's limit.
    assert (
        client.post(
            URL,
            json.dumps({"text": "Hello"}),
            content_type="application/json",
            REMOTE_ADDR="192.0.2.3",
        ).status_code
        == 200
    )


def test_the_errors_are_documented():
    from socialrx.api.api import api

    operation = api.get_openapi_schema()["paths"]["/api/v1/toolkit/checks/"]["post"]
    responses = {str(code): answer for code, answer in operation["responses"].items()}
    assert {"200", "401", "403", "413", "422", "429"} <= set(responses)
    assert "Retry-After" in responses["429"]["description"]
