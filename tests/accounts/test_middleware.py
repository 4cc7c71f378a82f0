"""Request-wide account rules: MFA for center roles, and each viewer's time zone."""

from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone

from socialrx.accounts.middleware import UserTimezoneMiddleware
from tests.factories import (
    CoachFactory,
    ResearcherFactory,
    StaffFactory,
    UserFactory,
    give_mfa,
)

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

CENTER_ROLES = {"coach": CoachFactory, "researcher": ResearcherFactory, "staff": StaffFactory}
MFA_REQUIRED = {"detail": "Two-factor authentication must be set up for this account."}


# --- MFA for center roles -------------------------------------------------------------------


@pytest.mark.parametrize("role", CENTER_ROLES)
def test_a_center_role_without_mfa_is_sent_to_set_it_up(client, role):
    client.force_login(CENTER_ROLES[role]())

    response = client.get("/dashboard/")

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    assert [message.message for message in get_messages(response.wsgi_request)] == [
        "Your center role requires two-factor authentication. "
        "Set up an authenticator app to continue."
    ]


@pytest.mark.parametrize("role", CENTER_ROLES)
def test_a_center_role_without_mfa_gets_a_json_refusal_from_the_api(client, role):
    client.force_login(CENTER_ROLES[role]())

    response = client.get("/api/v1/me")

    assert response.status_code == 403
    assert response.json() == MFA_REQUIRED


@pytest.mark.parametrize("role", CENTER_ROLES)
def test_a_center_role_with_mfa_passes(client, role):
    person = CENTER_ROLES[role]()
    give_mfa(person)
    client.force_login(person)

    assert client.get("/dashboard/").status_code == 200
    assert client.get("/api/v1/me").status_code == 200


@pytest.mark.parametrize(
    ("path", "status", "location"),
    [
        ("/accounts/2fa/", 200, None),
        # allauth asks for the password again before an authenticator is added
        (
            "/accounts/2fa/totp/activate/",
            302,
            "/accounts/reauthenticate/?next=%2Faccounts%2F2fa%2Ftotp%2Factivate%2F",
        ),
        ("/accounts/logout/", 200, None),
        ("/healthz", 200, None),
        ("/readyz", 200, None),
    ],
)
def test_a_center_role_without_mfa_still_reaches_the_setup_pages_and_probes(
    client, settings, path, status, location
):
    settings.REDIS_URL = None
    client.force_login(CoachFactory())

    response = client.get(path)

    assert (response.status_code, response.get("Location")) == (status, location)


def test_the_staff_pages_stay_closed_to_staff_without_mfa(client):
    client.force_login(StaffFactory())

    response = client.get(reverse("audit_log"))

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_a_plain_member_is_never_asked_for_mfa(client, org_a):
    _, _, member = org_a
    client.force_login(member)

    assert client.get("/dashboard/").status_code == 200
    assert client.get(reverse("profile")).status_code == 200
    assert client.get("/api/v1/me").status_code == 200


def test_losing_the_center_role_lifts_the_mfa_requirement(client):
    coach = CoachFactory()
    client.force_login(coach)
    assert client.get("/dashboard/").status_code == 302

    coach.is_coach = False
    coach.save(update_fields=["is_coach"])

    assert client.get("/dashboard/").status_code == 200


# --- time zones -----------------------------------------------------------------------------


def zone_during_request(rf, user) -> str:
    """The time zone active while the view runs, for a request by `user`."""
    seen = {}

    def view(request):
        seen["zone"] = timezone.get_current_timezone_name()
        return HttpResponse()

    request = rf.get("/")
    request.user = user
    UserTimezoneMiddleware(view)(request)
    return seen["zone"]


def test_a_signed_in_persons_own_time_zone_is_active(rf):
    assert zone_during_request(rf, UserFactory(time_zone="America/New_York")) == (
        "America/New_York"
    )


def test_a_visitor_gets_the_sites_time_zone(rf, settings):
    timezone.activate("Asia/Tokyo")  # left over from an earlier request in this thread
    try:
        assert zone_during_request(rf, AnonymousUser()) == settings.TIME_ZONE
    finally:
        timezone.deactivate()


def test_an_unknown_time_zone_falls_back_to_the_sites(rf, settings):
    assert zone_during_request(rf, UserFactory(time_zone="Mars/Olympus_Mons")) == (
        settings.TIME_ZONE
    )


def test_pages_show_times_in_the_viewers_zone(client, org_a):
    organization, admin, _ = org_a
    admin.time_zone = "Asia/Tokyo"
    admin.save(update_fields=["time_zone"])
    client.force_login(admin)

    response = client.get(reverse("organizations:people", args=[organization.public_id]))

    joined = organization.seats.get(user=admin).joined_at
    tokyo = timezone.localtime(joined, timezone=ZoneInfo("Asia/Tokyo"))
    assert f'datetime="{tokyo.isoformat()}"'.encode() in response.content
