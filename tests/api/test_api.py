"""/api/v1/: the current person, their organizations and an organization's people, with a
browser session or a personal bearer token; errors are JSON with a `detail`."""

import uuid

import pytest

from socialrx.accounts.models import ApiToken
from socialrx.accounts.services import create_api_token, revoke_api_token
from tests.factories import SeatFactory, UserFactory

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

ME = "/api/v1/me"
MINE = "/api/v1/organizations/mine"
UNAUTHENTICATED = {"detail": "Authentication required: a session or a bearer token."}
ORGANIZATION_NOT_FOUND = {"detail": "Organization not found.", "code": "not_found"}


def people_url(organization) -> str:
    return f"/api/v1/organizations/{organization.public_id}/people"


def bearer(raw: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


# --- /me ------------------------------------------------------------------------------------


def test_me_answers_the_signed_in_person_through_the_session(client):
    person = UserFactory(
        email="dana@example-health.org",
        full_name="Dana Lee",
        credentials="MD",
        specialty="Cardiology",
        time_zone="America/Denver",
    )
    client.force_login(person)

    response = client.get(ME)

    assert response.status_code == 200
    assert response.json() == {
        "public_id": str(person.public_id),
        "email": "dana@example-health.org",
        "full_name": "Dana Lee",
        "professional_title": "Communications manager",
        "credentials": "MD",
        "specialty": "Cardiology",
        "time_zone": "America/Denver",
        "center_roles": [],
    }


def test_me_answers_the_owner_of_a_bearer_token_and_records_its_use(client, user):
    token, raw = create_api_token(user=user, name="Script")

    response = client.get(ME, **bearer(raw))

    assert response.status_code == 200
    assert response.json()["email"] == user.email
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None


def test_me_lists_the_center_roles(client, staff):
    _, raw = create_api_token(user=staff, name="Script")

    assert client.get(ME, **bearer(raw)).json()["center_roles"] == ["staff"]


def test_me_without_a_session_or_token_is_unauthorized(client):
    response = client.get(ME)

    assert response.status_code == 401
    assert response.json() == UNAUTHENTICATED


def test_a_revoked_token_is_unauthorized(client, user):
    token, raw = create_api_token(user=user, name="Script")
    revoke_api_token(user=user, token_id=token.pk)

    response = client.get(ME, **bearer(raw))

    assert response.status_code == 401
    assert response.json() == UNAUTHENTICATED


@pytest.mark.parametrize(
    "authorization",
    ["Bearer srx_bogus", "Bearer ", "Bearer not-a-socialrx-token", "Basic c2VjcmV0", "srx_x"],
)
def test_a_bogus_authorization_is_unauthorized(client, user, authorization):
    create_api_token(user=user, name="Script")

    response = client.get(ME, HTTP_AUTHORIZATION=authorization)

    assert response.status_code == 401
    assert response.json() == UNAUTHENTICATED


def test_the_api_answers_only_the_methods_it_serves(client, user):
    client.force_login(user)

    assert client.post(ME).status_code == 405


# --- /organizations/mine --------------------------------------------------------------------


def test_mine_lists_the_callers_organizations_with_their_role(client, org_a, org_b):
    organization_a, _, member = org_a
    organization_b, _ = org_b
    SeatFactory(organization=organization_b, user=member, role="admin")
    _, raw = create_api_token(user=member, name="Script")

    response = client.get(MINE, **bearer(raw))

    assert response.status_code == 200
    body = response.json()
    assert [(item["role"], item["organization"]["name"]) for item in body] == [
        ("admin", "Lakeside Family Physicians"),
        ("member", "Riverside Regional Medical Center"),
    ]
    assert body[1]["organization"] == {
        "public_id": str(organization_a.public_id),
        "name": "Riverside Regional Medical Center",
        "org_type": "hospital",
        "city": "Rochester",
        "state": "MN",
        "website": "https://www.riverside-example.org",
        "licensed_beds": 350,
        "hospital_count": None,
        "provider_count": None,
        "employee_count": None,
        "cms_certification_number": "",
        "npi": "",
    }


def test_mine_is_empty_for_a_person_without_an_organization(client, user, org_a):
    client.force_login(user)

    response = client.get(MINE)

    assert (response.status_code, response.json()) == (200, [])


def test_mine_needs_authentication(client):
    assert client.get(MINE).status_code == 401


# --- /organizations/{id}/people -------------------------------------------------------------


def test_an_admin_lists_the_people_of_their_organization(client, org_a):
    organization, admin, member = org_a
    _, raw = create_api_token(user=admin, name="Script")

    response = client.get(people_url(organization), **bearer(raw))

    assert response.status_code == 200
    body = response.json()
    assert [(person["email"], person["role"]) for person in body] == [
        (admin.email, "admin"),
        (member.email, "member"),
    ]
    assert set(body[0]) == {
        "public_id",
        "email",
        "full_name",
        "professional_title",
        "credentials",
        "role",
        "joined_at",
    }
    assert body[1]["public_id"] == str(member.public_id)


def test_a_member_does_not_find_the_people_list(client, org_a):
    organization, _, member = org_a
    client.force_login(member)

    response = client.get(people_url(organization))

    assert response.status_code == 404
    assert response.json() == ORGANIZATION_NOT_FOUND


def test_an_admin_of_another_organization_does_not_find_the_people_list(client, org_a, org_b):
    organization, _, _ = org_a
    _, raw = create_api_token(user=org_b[1], name="Script")

    response = client.get(people_url(organization), **bearer(raw))

    assert response.status_code == 404
    assert response.json() == ORGANIZATION_NOT_FOUND


def test_center_staff_list_the_people_of_any_organization(client, org_a, staff):
    organization, _, _ = org_a
    client.force_login(staff)

    response = client.get(people_url(organization))

    assert response.status_code == 200
    assert len(response.json()) == 2


def test_an_unknown_organization_is_not_found(client, staff):
    client.force_login(staff)

    response = client.get(f"/api/v1/organizations/{uuid.uuid4()}/people")

    assert response.status_code == 404
    assert response.json() == ORGANIZATION_NOT_FOUND


@pytest.mark.parametrize("public_id", ["not-a-uuid", "123", "' OR 1=1 --"])
def test_a_malformed_organization_id_is_invalid_input(client, staff, public_id):
    client.force_login(staff)

    response = client.get(f"/api/v1/organizations/{public_id}/people")

    assert response.status_code == 422
    assert response.json()["detail"] == "Invalid input."


def test_the_people_list_needs_authentication(client, org_a):
    organization, _, _ = org_a

    response = client.get(people_url(organization))

    assert response.status_code == 401
    assert response.json() == UNAUTHENTICATED


# --- OpenAPI --------------------------------------------------------------------------------


def test_the_openapi_document_lists_every_endpoint(client):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "SocialRx API"
    assert {path: sorted(operations) for path, operations in schema["paths"].items()} == {
        "/api/v1/me": ["get"],
        "/api/v1/organizations/mine": ["get"],
        "/api/v1/organizations/{public_id}/people": ["get"],
        "/api/v1/membership/plans": ["get"],
        "/api/v1/membership/organizations/{public_id}/membership": ["get"],
        "/api/v1/billing/invoices/mine": ["get"],
        "/api/v1/billing/organizations/{public_id}/invoices": ["get"],
        "/api/v1/billing/invoices": ["get"],
        "/api/v1/registry/entities": ["get"],
        "/api/v1/registry/entities/{public_id}": ["get"],
        "/api/v1/registry/adoption": ["get"],
        "/api/v1/training/catalog": ["get"],
        "/api/v1/training/certificates/{code}": ["get"],
        "/api/v1/training/me/enrolments": ["get"],
        "/api/v1/training/me/certificates": ["get"],
        "/api/v1/events": ["get"],
        "/api/v1/events/{slug}": ["get"],
        "/api/v1/events/{slug}/agenda": ["get"],
        "/api/v1/events/my/tickets": ["get"],
        "/api/v1/events/my/orders": ["get"],
        "/api/v1/events/{slug}/check-in": ["post"],
        "/api/v1/events/{slug}/check-in/counts": ["get"],
        "/api/v1/coaching/me/sessions": ["get"],
        "/api/v1/coaching/engagements/{engagement_id}/slots": ["get"],
        "/api/v1/coaching/engagements/{engagement_id}/bookings": ["post"],
        "/api/v1/coaching/sessions/{session_id}/reschedule": ["post"],
        "/api/v1/coaching/sessions/{session_id}/cancel": ["post"],
        "/api/v1/library/resources": ["get"],
        "/api/v1/library/podcast/episodes": ["get"],
        "/api/v1/community/threads": ["get"],
        "/api/v1/community/threads/{public_id}": ["get"],
        "/api/v1/toolkit/checks/": ["post"],
        "/api/v1/toolkit/assessments/questionnaire": ["get"],
        "/api/v1/toolkit/assessments/": ["post"],
        "/api/v1/toolkit/assessments/{assessment_id}": ["get"],
        "/api/v1/toolkit/policies": ["get"],
        "/api/v1/toolkit/policies/{policy_id}/versions/{number}": ["get"],
        "/api/v1/toolkit/policies/{policy_id}/versions/{number}/docx": ["get"],
        "/api/v1/toolkit/policies/{policy_id}/versions/{number}/pdf": ["get"],
    }
