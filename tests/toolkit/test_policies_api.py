"""The policy export over the API: my organizations' policies, a version as JSON (sections,
clauses, text) with its download links, the DOCX and PDF downloads; with a session or a
personal token; another organization's policy is a 404."""

from __future__ import annotations

import io

import pytest
from docx import Document

from socialrx.accounts.services import create_api_token
from tests.factories import SeatFactory, org_with_admin
from tests.toolkit.factories import (
    assembled_policy,
    make_clause,
    make_clause_per_section,
    make_policy_member,
)
from tests.toolkit.pdf_text import pdf_text

pytestmark = pytest.mark.django_db

API = "/api/v1/toolkit/policies"


@pytest.fixture
def api_world():
    organization, admin = org_with_admin(name="Lakeside Family Physicians")
    make_policy_member(organization)
    make_clause_per_section()
    make_clause(
        "response-times",
        "moderation",
        "Answered within {{ response_hours }} hours:\n\n- on **every** account.",
        title="Response times",
        position=20,
    )
    policy, version = assembled_policy(organization, admin)
    member = SeatFactory(organization=organization).user
    return organization, admin, member, policy, version


def test_my_organizations_policies_are_listed(client, api_world):
    organization, admin, member, policy, version = api_world
    client.force_login(member)
    response = client.get(API)
    assert response.status_code == 200
    body = response.json()
    assert [(p["organization"], p["title"]) for p in body] == [
        ("Lakeside Family Physicians", "Social media policy")
    ]
    assert body[0]["versions"][0]["number"] == 1
    assert body[0]["versions"][0]["url"] == f"{API}/{policy.public_id}/versions/1"


def test_a_version_is_exported_with_its_sections_clauses_and_text(client, api_world):
    organization, admin, member, policy, version = api_world
    token = create_api_token(user=member, name="Intranet sync")[1]
    response = client.get(
        f"{API}/{policy.public_id}/versions/1", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["organization"], body["number"], body["adopted_on"]) == (
        "Lakeside Family Physicians",
        1,
        None,
    )
    assert [s["number"] for s in body["sections"]] == list(range(1, 11))
    moderation = body["sections"][5]
    assert moderation["title"] == "Comment moderation and response times"
    clause = moderation["clauses"][1]
    assert clause == {
        "number": "6.2",
        "key": "response-times",
        "title": "Response times",
        "template_version": 1,
        "template_reviewed_on": clause["template_reviewed_on"],
        "markdown": "Answered within 6 hours:\n\n- on **every** account.",
        "html": (
            "<p>Answered within 6 hours:</p>\n"
            "<ul>\n<li>on <strong>every</strong> account.</li>\n</ul>\n"
        ),
        "text": "Answered within 6 hours:\n• on every account.",
    }
    assert "6.2 Response times\nAnswered within 6 hours:\n• on every account.\n" in body["text"]
    assert body["docx_url"] == f"{API}/{policy.public_id}/versions/1/docx"
    assert body["pdf_url"] == f"{API}/{policy.public_id}/versions/1/pdf"


def test_the_download_links_give_the_files(client, api_world):
    organization, admin, member, policy, version = api_world
    token = create_api_token(user=admin, name="Script")[1]
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    body = client.get(f"{API}/{policy.public_id}/versions/1", **headers).json()
    docx = client.get(body["docx_url"], **headers)
    assert docx.status_code == 200
    assert docx["Content-Disposition"].endswith('social-media-policy-v1.docx"')
    texts = [p.text for p in Document(io.BytesIO(docx.content)).paragraphs]
    assert "6.2 Response times" in texts
    pdf = client.get(body["pdf_url"], **headers)
    assert pdf["Content-Type"] == "application/pdf"
    assert "Answered within 6 hours:" in " ".join(pdf_text(pdf.content).split())


def test_another_organizations_policy_is_404(client, api_world):
    organization, admin, member, policy, version = api_world
    other, other_admin = org_with_admin(name="Elsewhere Clinic")
    client.force_login(other_admin)
    for suffix in ("", "/docx", "/pdf"):
        response = client.get(f"{API}/{policy.public_id}/versions/1{suffix}")
        assert response.status_code == 404, suffix
        assert response.json()["detail"] == "No such policy."
    assert client.get(API).json() == []


def test_a_missing_version_or_a_malformed_id_is_refused(client, api_world):
    organization, admin, member, policy, version = api_world
    client.force_login(admin)
    missing = client.get(f"{API}/{policy.public_id}/versions/9")
    assert (missing.status_code, missing.json()["detail"]) == (
        404,
        "There is no version 9 of this policy.",
    )
    assert client.get(f"{API}/not-a-uuid/versions/1").status_code == 422


def test_without_credentials_the_api_answers_401(client, api_world):
    organization, admin, member, policy, version = api_world
    assert client.get(API).status_code == 401
    assert client.get(f"{API}/{policy.public_id}/versions/1").status_code == 401
