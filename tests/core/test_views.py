"""Public pages of the center, the health probes and the staff's audit log."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from socialrx.core import audit
from socialrx.core import views as core_views
from socialrx.core.models import AuditEvent
from tests.factories import OrganizationFactory, UserFactory

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

AUDIT_URL = reverse("audit_log")
NEVER_CACHE = "max-age=0, no-cache, no-store, must-revalidate, private"


def record_events(count: int, *, actor=None, action="organizations.organization.created"):
    for _ in range(count):
        audit.record(actor=actor, action=action, target=OrganizationFactory())


# --- home -----------------------------------------------------------------------------------


def test_the_home_page_presents_the_center_and_invites_visitors_to_join(client):
    response = client.get("/")

    assert response.status_code == 200
    assert b"Use social media effectively, and safely, in health care" in response.content
    assert b"Create your free account" in response.content


def test_the_home_page_sends_a_signed_in_person_to_their_dashboard(client, user):
    client.force_login(user)

    response = client.get("/")

    assert b"Go to your dashboard" in response.content
    assert b"Create your free account" not in response.content


def test_the_staff_menu_shows_only_for_staff(client, user, staff):
    client.force_login(user)
    assert AUDIT_URL.encode() not in client.get("/").content

    client.force_login(staff)
    assert AUDIT_URL.encode() in client.get("/").content


# --- probes ---------------------------------------------------------------------------------


def test_healthz_says_the_process_is_up_and_is_never_cached(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == NEVER_CACHE


def test_readyz_checks_the_database(client, settings):
    settings.REDIS_URL = None

    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok"}}
    assert response["Cache-Control"] == NEVER_CACHE


class _BrokenDatabase:
    def cursor(self):
        raise OperationalError("connection refused")


def test_readyz_answers_503_when_the_database_is_down(client, settings, monkeypatch):
    settings.REDIS_URL = None
    monkeypatch.setattr(core_views, "connection", _BrokenDatabase())

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "error: OperationalError"},
    }


class _Cache:
    def __init__(self, *, broken: bool):
        self.broken = broken
        self.values = {}

    def set(self, key, value, timeout=None):
        if self.broken:
            raise ConnectionError("redis is down")
        self.values[key] = value

    def get(self, key):
        return self.values.get(key)


def test_readyz_checks_redis_when_it_is_configured(client, settings, monkeypatch):
    settings.REDIS_URL = "redis://127.0.0.1:6379/0"
    monkeypatch.setattr(core_views, "cache", _Cache(broken=False))

    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "redis": "ok"}}


def test_readyz_answers_503_when_redis_is_down(client, settings, monkeypatch):
    settings.REDIS_URL = "redis://127.0.0.1:6379/0"
    monkeypatch.setattr(core_views, "cache", _Cache(broken=True))

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "ok", "redis": "error: ConnectionError"},
    }


# --- audit log ------------------------------------------------------------------------------


def test_staff_see_the_audit_log_with_before_and_after_values(client, staff, org_a):
    organization, admin, _ = org_a
    audit.record(
        actor=admin,
        action="organizations.organization.updated",
        target=organization,
        before={"licensed_beds": 350},
        after={"licensed_beds": 420},
    )
    client.force_login(staff)

    response = client.get(AUDIT_URL)

    assert response.status_code == 200
    assert [event.action for event in response.context["page"]] == [
        "organizations.organization.updated"
    ]
    content = response.content.decode()
    assert admin.email in content
    assert "<del>350</del> <ins>420</ins>" in content


@pytest.mark.parametrize("who", ["user", "coach", "researcher"])
def test_only_staff_see_the_audit_log(client, request, who):
    client.force_login(request.getfixturevalue(who))

    assert client.get(AUDIT_URL).status_code == 403


def test_a_visitor_is_sent_to_sign_in_for_the_audit_log(client):
    response = client.get(AUDIT_URL)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={AUDIT_URL}"


def test_staff_filter_the_audit_log(client, staff):
    dana = UserFactory(email="dana.lee@example-health.org")
    record_events(2, actor=dana, action="organizations.invitation.created")
    record_events(1, actor=staff, action="organizations.invitation.revoked")
    record_events(3, actor=dana, action="organizations.organization.created")
    client.force_login(staff)

    response = client.get(AUDIT_URL, {"actor": "dana", "action": "organizations.invitation"})

    assert [(e.actor_email, e.action) for e in response.context["page"]] == [
        ("dana.lee@example-health.org", "organizations.invitation.created"),
        ("dana.lee@example-health.org", "organizations.invitation.created"),
    ]
    assert response.context["querystring"] == "actor=dana&action=organizations.invitation"


def test_staff_filter_the_audit_log_by_date(client, staff):
    record_events(2)
    AuditEvent.objects.filter(pk=AuditEvent.objects.first().pk).update(
        created_at=datetime(2026, 1, 15, 12, tzinfo=ZoneInfo("UTC"))
    )
    client.force_login(staff)

    response = client.get(AUDIT_URL, {"since": "2026-01-01", "until": "2026-01-31"})

    assert [event.created_at.date().isoformat() for event in response.context["page"]] == [
        "2026-01-15"
    ]


def test_a_reversed_date_range_is_explained_above_the_filters(client, staff):
    record_events(2)
    client.force_login(staff)

    response = client.get(AUDIT_URL, {"since": "2026-03-10", "until": "2026-03-01"})

    message = "“From” must be on or before “To”."
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [message]
    assert f'<div class="alert alert-error" role="alert"><p>{message}</p></div>' in (
        response.content.decode()
    )
    assert response.context["page"].paginator.count == 2  # the bad filter narrows nothing


def test_a_malformed_date_is_shown_beside_its_field(client, staff):
    client.force_login(staff)

    response = client.get(AUDIT_URL, {"since": "2026-13-45"})

    assert response.status_code == 200
    assert response.context["form"].errors == {"since": ["Enter a valid date."]}
    assert '<span class="field-error" id="id_since_error">Enter a valid date.</span>' in (
        response.content.decode()
    )


def test_an_unknown_object_kind_is_shown_beside_its_field(client, staff):
    client.force_login(staff)

    response = client.get(AUDIT_URL, {"target_type": "payments.invoice"})

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["target_type"]


@pytest.mark.parametrize(("page", "shown"), [("2", 2), ("99", 2), ("abc", 1), ("-1", 2)])
def test_any_page_number_shows_a_page_of_the_log(client, staff, page, shown):
    record_events(51)
    client.force_login(staff)

    response = client.get(AUDIT_URL, {"page": page})

    assert response.status_code == 200
    assert response.context["page"].number == shown


def test_times_in_the_log_are_shown_in_the_staff_members_zone(client, staff):
    record_events(1)
    AuditEvent.objects.update(created_at=datetime(2026, 1, 1, 0, 30, tzinfo=ZoneInfo("UTC")))
    staff.time_zone = "Asia/Tokyo"
    staff.save(update_fields=["time_zone"])
    client.force_login(staff)

    response = client.get(AUDIT_URL)

    assert b"Jan 1, 2026 09:30" in response.content


def test_the_audit_log_makes_as_many_queries_for_five_events_as_for_one(client, staff):
    client.force_login(staff)
    record_events(1, actor=staff)
    client.get(AUDIT_URL)  # warm the per-process caches

    with CaptureQueriesContext(connection) as with_one:
        assert client.get(AUDIT_URL).status_code == 200
    record_events(4, actor=UserFactory())
    with CaptureQueriesContext(connection) as with_five:
        response = client.get(AUDIT_URL)

    assert response.context["page"].paginator.count == 5
    assert len(with_five) == len(with_one)
