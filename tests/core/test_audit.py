"""The audit log: who did what to which object, when, with the values before and after."""

import uuid
from datetime import UTC, date, datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from socialrx.core import audit
from socialrx.core.models import AuditEvent
from socialrx.organizations.models import Organization
from tests.factories import OrganizationFactory, UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_an_event_names_the_actor_the_action_and_the_target(user):
    organization = OrganizationFactory(name="Mercy General Hospital")

    event = audit.record(
        actor=user, action="organizations.organization.created", target=organization
    )

    saved = AuditEvent.objects.get()
    assert saved == event
    assert (saved.actor, saved.actor_email, saved.action) == (
        user,
        user.email,
        "organizations.organization.created",
    )
    assert (saved.target_type, saved.target_id, saved.target_repr) == (
        "organizations.organization",
        str(organization.pk),
        "Mercy General Hospital",
    )
    assert (saved.before, saved.after, saved.ip_address) == ({}, {}, None)


@pytest.mark.parametrize("actor", [None, AnonymousUser()], ids=["none", "anonymous"])
def test_an_event_without_a_person_is_the_systems(db, actor):
    organization = OrganizationFactory()

    audit.record(actor=actor, action="organizations.organization.created", target=organization)

    saved = AuditEvent.objects.get()
    assert (saved.actor, saved.actor_email) == (None, "")
    assert str(saved).endswith(" system organizations.organization.created")


def test_values_are_stored_as_json_text(user):
    when = datetime(2026, 3, 1, 14, 30, tzinfo=UTC)
    ident = uuid.UUID("12345678-1234-5678-1234-567812345678")

    audit.record(
        actor=user,
        action="test.values",
        target=user,
        after={
            "when": when,
            "day": date(2026, 3, 1),
            "id": ident,
            "roles": {"researcher", "coach"},
            "pair": ("b", "a"),
            "count": 3,
            "share": 0.5,
            "active": True,
            "nothing": None,
            "organization": OrganizationFactory(name="Mercy General Hospital"),
        },
    )

    assert AuditEvent.objects.get().after == {
        "when": "2026-03-01 14:30:00+00:00",
        "day": "2026-03-01",
        "id": "12345678-1234-5678-1234-567812345678",
        "roles": ["coach", "researcher"],
        "pair": ["a", "b"],
        "count": 3,
        "share": 0.5,
        "active": True,
        "nothing": None,
        "organization": "Mercy General Hospital",
    }


def test_a_long_target_description_is_cut_to_fit(user):
    organization = OrganizationFactory(name="M" * 200)
    organization.name = "M" * 300  # as str() might be for another model

    audit.record(actor=user, action="test.long", target=organization)

    assert AuditEvent.objects.get().target_repr == "M" * 255


def test_a_snapshot_takes_the_named_fields(db):
    organization = OrganizationFactory(name="Mercy", city="Sacramento", licensed_beds=12)

    assert audit.snapshot(organization, ["name", "city", "licensed_beds", "npi"]) == {
        "name": "Mercy",
        "city": "Sacramento",
        "licensed_beds": 12,
        "npi": "",
    }


def test_changes_list_only_the_fields_that_differ_in_name_order(user):
    event = audit.record(
        actor=user,
        action="test.changes",
        target=user,
        before={"name": "Old", "city": "Same", "beds": 10},
        after={"name": "New", "city": "Same", "npi": "1234567893"},
    )

    assert event.changes == [
        ("beds", 10, None),
        ("name", "Old", "New"),
        ("npi", None, "1234567893"),
    ]


def test_an_event_still_names_its_actor_after_the_account_is_deleted(db):
    person = UserFactory(email="gone@example-health.org")
    audit.record(actor=person, action="test.gone", target=OrganizationFactory())

    person.delete()

    saved = AuditEvent.objects.get()
    assert (saved.actor, saved.actor_email) == (None, "gone@example-health.org")


def test_an_event_is_rolled_back_with_the_change_it_records(user):
    with pytest.raises(RuntimeError), transaction.atomic():
        organization = OrganizationFactory()
        audit.record(actor=user, action="organizations.organization.created", target=organization)
        raise RuntimeError("the use case failed after recording")

    assert (AuditEvent.objects.count(), Organization.objects.count()) == (0, 0)
