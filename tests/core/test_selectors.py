"""The staff's audit log filters."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from socialrx.core import audit, selectors
from socialrx.core.models import AuditEvent
from tests.factories import OrganizationFactory, UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

CHICAGO = ZoneInfo("America/Chicago")


def event_at(
    when: datetime, *, actor=None, action="organizations.organization.created", target=None
):
    event = audit.record(actor=actor, action=action, target=target or OrganizationFactory())
    AuditEvent.objects.filter(pk=event.pk).update(created_at=when)
    return AuditEvent.objects.get(pk=event.pk)


@pytest.fixture
def events(db):
    dana = UserFactory(email="dana.lee@example-health.org")
    sam = UserFactory(email="sam@center.example")
    return {
        "created": event_at(datetime(2026, 3, 1, 9, 0, tzinfo=CHICAGO), actor=dana),
        "invited": event_at(
            datetime(2026, 3, 2, 23, 59, tzinfo=CHICAGO),
            actor=dana,
            action="organizations.invitation.created",
        ),
        "revoked": event_at(
            datetime(2026, 3, 3, 0, 0, tzinfo=CHICAGO),
            actor=sam,
            action="organizations.invitation.revoked",
        ),
        "roles": event_at(
            datetime(2026, 3, 4, 12, 0, tzinfo=CHICAGO),
            actor=sam,
            action="accounts.user.center_roles_changed",
            target=dana,
        ),
    }


def names(queryset, events) -> list[str]:
    by_pk = {event.pk: name for name, event in events.items()}
    return [by_pk[event.pk] for event in queryset]


def test_without_filters_every_event_comes_newest_first(events):
    assert names(selectors.audit_events(), events) == ["roles", "revoked", "invited", "created"]


def test_events_are_filtered_by_part_of_the_actors_email(events):
    assert names(selectors.audit_events(actor="DANA.LEE"), events) == ["invited", "created"]


def test_events_are_filtered_by_the_start_of_the_action(events):
    assert names(selectors.audit_events(action="organizations.invitation"), events) == [
        "revoked",
        "invited",
    ]


def test_events_are_filtered_by_the_kind_of_object(events):
    assert names(selectors.audit_events(target_type="accounts.user"), events) == ["roles"]


def test_a_date_range_includes_both_whole_days_in_the_viewers_zone(events):
    timezone.activate(CHICAGO)
    try:
        found = selectors.audit_events(since=date(2026, 3, 2), until=date(2026, 3, 2))
    finally:
        timezone.deactivate()

    assert names(found, events) == ["invited"]


def test_filters_combine(events):
    found = selectors.audit_events(
        actor="sam", action="organizations.invitation", since=date(2026, 3, 3)
    )

    assert names(found, events) == ["revoked"]


def test_the_actions_on_record_are_listed_once_each(events):
    assert sorted(selectors.audit_actions()) == [
        "accounts.user.center_roles_changed",
        "organizations.invitation.created",
        "organizations.invitation.revoked",
        "organizations.organization.created",
    ]
