"""The assessment over the API: the questionnaire for anyone, a submission by the admin of a
member organization (422 naming each missing or refused answer, nothing saved), a result for
the organization's people; the same refusals as the pages."""

import pytest

from socialrx.accounts.services import create_api_token
from socialrx.toolkit.models import Assessment
from tests.toolkit.factories import FULL_ANSWERS, make_assessment, make_check_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

API = "/api/v1/toolkit/assessments"


@pytest.fixture
def member_org(org_a):
    organization, admin, member = org_a
    make_check_member(organization)
    return organization, admin, member


def bearer(user) -> dict:
    return {"Authorization": f"Bearer {create_api_token(user=user, name='Script')[1]}"}


def submit(client, organization, answers, headers, **extra):
    return client.post(
        f"{API}/",
        {"organization": str(organization.public_id), "answers": answers, **extra},
        content_type="application/json",
        headers=headers,
    )


def test_anyone_reads_the_questionnaire(client):
    body = client.get(f"{API}/questionnaire").json()

    assert body["version"] == 1
    assert [s["title"] for s in body["sections"]][:2] == ["Goals", "Leadership support"]
    question = next(
        q for s in body["sections"] for q in s["questions"] if q["key"] == "policy_status"
    )
    assert question["dimension"] == "governance" and question["short"] is True
    assert [c["value"] for c in question["choices"]] == [0, 1, 2, 3, 4]
    assert {p["key"]: p["max_posts"] for p in body["periods"]} == {
        "day": 50,
        "week": 350,
        "month": 1500,
    }
    assert {a["key"]: a["default"] for a in body["assumptions"]}["approval_minutes"] == 10
    assert [level["floor"] for level in body["levels"]] == [0, 40, 60, 80]


def test_the_admin_submits_with_a_token_and_gets_the_result(client, member_org):
    organization, admin, _ = member_org

    response = submit(client, organization, FULL_ANSWERS, bearer(admin))

    assert response.status_code == 201
    body = response.json()
    assessment = Assessment.objects.get()
    assert body["id"] == str(assessment.public_id)
    assert {d["key"]: d["score"] for d in body["dimensions"]} == {
        "strategy": 70,
        "governance": 46,
        "capacity": 31,
        "skills": 94,
        "measurement": 50,
    }
    assert (body["overall"], body["level"], body["level_name"]) == (58, 2, "Developing")
    assert (body["staffing"]["total_hours"], body["staffing"]["fte"]) == (18.5, 0.46)
    assert body["staffing"]["current_hours"] == 12
    assert [r["dimension"] for r in body["recommendations"]] == [
        "capacity",
        "governance",
        "measurement",
    ]
    assert body["pdf_url"].endswith("/pdf/")


def test_an_incomplete_submission_is_422_with_each_reason_and_saves_nothing(client, member_org):
    organization, admin, _ = member_org
    answers = {k: v for k, v in FULL_ANSWERS.items() if k not in ("review_it", "people_hours")}
    answers["goals_focus"] = ["astrology"]

    response = submit(client, organization, answers, bearer(admin))

    assert response.status_code == 422
    errors = {tuple(e["loc"]): e["msg"] for e in response.json()["errors"]}
    assert errors == {
        ("body", "answers", "goals_focus"): "Tick at least one of the listed goals.",
        ("body", "answers", "people_hours"): "Answer this question.",
        ("body", "answers", "review_it"): "Answer this question.",
    }
    assert not Assessment.objects.exists()


@pytest.mark.parametrize(
    ("extra", "where", "message"),
    [
        (
            {"answers": FULL_ANSWERS | {"platforms": {"x": {"count": 10_000, "period": "day"}}}},
            ("body", "answers", "platforms"),
            "X (Twitter): 10,000 posts a day is more than any team can write, approve and "
            "answer. Enter at most 50 a day.",
        ),
        (
            {"staffing": {"platforms": {}, "comments_per_post": 10**18}},
            ("body", "staffing", "comments_per_post"),
            "Comments needing an answer per post: give a whole number from 0 to 500 (comments).",
        ),
        (
            {"answers": FULL_ANSWERS | {"people_hours": 10**9}},
            ("body", "answers", "people_hours"),
            "Give a whole number of hours from 0 to 400.",
        ),
    ],
)
def test_absurd_numbers_are_422_with_the_limit(client, member_org, extra, where, message):
    organization, admin, _ = member_org
    data = {"answers": FULL_ANSWERS} | extra

    response = submit(client, organization, data.pop("answers"), bearer(admin), **data)

    assert response.status_code == 422
    assert {tuple(e["loc"]): e["msg"] for e in response.json()["errors"]} == {where: message}
    assert not Assessment.objects.exists()


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        ({"goals_written": [1]}, "Choose one of the answers."),
        ({"goals_written": {"a": 1}}, "Choose one of the answers."),
        ({"goals_written": True}, "Choose one of the answers."),
        ({"goals_written": "4"}, "Choose one of the answers."),
        ({"goals_focus": [{"a": 1}]}, "Tick at least one of the listed goals."),
        ({"goals_focus": [["recruitment"]]}, "Tick at least one of the listed goals."),
        ({"goals_focus": "recruitment"}, "Tick at least one of the listed goals."),
        (
            {"platforms": {"facebook": {"count": 3, "period": ["day"]}}},
            "Facebook: the period is one of a day, a week or a month.",
        ),
        ({"people_hours": [12]}, "Give a whole number of hours from 0 to 400."),
    ],
)
def test_answers_of_the_wrong_json_type_are_422_with_the_reason(client, member_org, wrong, message):
    organization, admin, _ = member_org
    (key,) = wrong

    response = submit(client, organization, FULL_ANSWERS | wrong, bearer(admin))

    assert response.status_code == 422
    errors = {tuple(e["loc"]): e["msg"] for e in response.json()["errors"]}
    assert errors == {("body", "answers", key): message}
    assert not Assessment.objects.exists()


def test_who_may_submit(client, member_org, org_b, staff):
    organization, _, member = member_org
    assert submit(client, organization, FULL_ANSWERS, {}).status_code == 401
    assert submit(client, organization, FULL_ANSWERS, bearer(member)).status_code == 403
    assert submit(client, organization, FULL_ANSWERS, bearer(staff)).status_code == 403
    assert submit(client, organization, FULL_ANSWERS, bearer(org_b[1])).status_code == 404
    # Org B's admin, for org B that is not a member: told why, 403.
    assert submit(client, org_b[0], FULL_ANSWERS, bearer(org_b[1])).status_code == 403
    assert not Assessment.objects.exists()


def test_the_session_needs_its_csrf_token_for_a_submission(member_org):
    from django.test import Client

    organization, admin, _ = member_org
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin)

    assert submit(client, organization, FULL_ANSWERS, {}).status_code in (401, 403)
    assert not Assessment.objects.exists()


def test_a_result_for_the_organizations_people_and_staff_only(client, member_org, org_b, staff):
    organization, admin, member = member_org
    take = make_assessment(organization, taken_by=admin)
    url = f"{API}/{take.public_id}"

    for reader in (admin, member, staff):
        response = client.get(url, headers=bearer(reader))
        assert response.status_code == 200
        assert response.json()["overall"] == 58
    assert client.get(url, headers=bearer(org_b[1])).status_code == 404
    assert (
        client.get(f"{API}/00000000-0000-0000-0000-000000000000", headers=bearer(admin)).status_code
        == 404
    )
    assert client.get(url).status_code == 401
