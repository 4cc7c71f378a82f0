"""An attendee who registered before having an account (or before verifying its email) gets
their certificate of attendance once an account has verified the ticket's email: issuing
links the ticket to that account first. An unverified address links nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
import time_machine
from allauth.account.models import EmailAddress

from socialrx.events.models import CheckIn
from socialrx.events.services.certificates import issue_attendance_certificates
from socialrx.training.models import Certificate
from tests.events.factories import make_attendee, make_event, make_ticket_type
from tests.factories import UserFactory

pytestmark = pytest.mark.integration

AFTER = datetime(2031, 4, 25, 15, 0, tzinfo=UTC)


def test_an_account_verified_after_registering_gets_the_certificate(db, staff):
    with time_machine.travel(AFTER, tick=False):
        event = make_event(
            title="Backfill Summit",
            starts_at=datetime(2031, 4, 20, 14, 0, tzinfo=UTC),
            ends_at=datetime(2031, 4, 21, 22, 0, tzinfo=UTC),
            attendance_hours=Decimal("12.0"),
        )
        general = make_ticket_type(event, name="General")
        uma = make_attendee(event, general, full_name="Uma Iyer", email="Uma@Riverside.example")
        kim = make_attendee(event, general, full_name="Kim Roe", email="kim@riverside.example")
        for attendee in (uma, kim):
            CheckIn.objects.create(attendee=attendee, event=event, method="search")
        assert (uma.person_id, kim.person_id) == (None, None)
        # Both signed up later; only Uma verified the ticket's address.
        uma_account = UserFactory(email="uma.iyer@home.example")
        EmailAddress.objects.create(
            user=uma_account, email="uma@riverside.example", verified=True, primary=False
        )
        kim_account = UserFactory(email="kim.roe@home.example")
        EmailAddress.objects.create(
            user=kim_account, email="kim@riverside.example", verified=False, primary=False
        )

        run = issue_attendance_certificates(actor=staff, event=event)

    assert [a.full_name for a in run.issued] == ["Uma Iyer"]
    assert [a.full_name for a in run.skipped] == ["Kim Roe"]
    uma.refresh_from_db()
    kim.refresh_from_db()
    assert (uma.person_id, kim.person_id) == (uma_account.pk, None)
    assert list(Certificate.objects.values_list("person_id", flat=True)) == [uma_account.pk]
