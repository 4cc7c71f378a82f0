"""Every way in obeys the MFA rule for center roles: browser session, API token, admin."""

import pytest

from socialrx.accounts.services import create_api_token
from tests.factories import CoachFactory, StaffFactory, give_mfa

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_an_api_token_of_a_coach_without_mfa_is_refused(client):
    coach = CoachFactory()
    _, raw = create_api_token(user=coach, name="Script")

    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}")

    assert response.status_code == 403
    assert response.json() == {
        "detail": "Two-factor authentication must be set up for this account."
    }


def test_an_api_token_of_a_coach_with_mfa_works(client):
    coach = CoachFactory()
    give_mfa(coach)
    _, raw = create_api_token(user=coach, name="Script")

    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}")

    assert response.status_code == 200
    assert response.json()["center_roles"] == ["coach"]


def test_the_admin_sign_in_sends_visitors_to_the_allauth_login(client):
    response = client.get("/admin/login/?next=/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_staff_password_posted_to_the_admin_login_does_not_sign_in(client):
    staff = StaffFactory()
    give_mfa(staff)

    client.post(
        "/admin/login/", {"username": staff.email, "password": "correct-horse-battery-staple-9"}
    )

    assert client.get("/staff/audit/").status_code == 302  # still signed out


def test_center_staff_see_the_admin_read_only(client):
    staff = StaffFactory()
    give_mfa(staff)
    client.force_login(staff)

    assert client.get("/admin/organizations/organization/").status_code == 200
    assert client.get("/admin/organizations/organization/add/").status_code == 403
