"""An order whose hold ran out is held again at checkout only if its ticket is still on sale:
an early-bird price that ended meanwhile is refused with the early-bird message."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from socialrx.billing.models import Invoice
from socialrx.core.errors import DomainError
from socialrx.events.services.registration import register
from tests.events.factories import make_event, make_ticket_type
from tests.events.registration_support import check_out, details
from tests.factories import UserFactory

pytestmark = pytest.mark.integration

START = datetime(2031, 3, 10, 15, 0, tzinfo=UTC)  # 10:00 in Chicago (CDT)


def test_an_expired_hold_is_not_revived_after_the_early_bird_ended(db):
    with time_machine.travel(START, tick=False):
        event = make_event(title="Early Summit", capacity=10)
        early = make_ticket_type(
            event, name="Early bird", kind="early_bird", sales_end=START + timedelta(minutes=20)
        )
        buyer = UserFactory()
        order = register(buyer, event, early, details("ana@x.example"))
        held_until = order.hold_expires_at

    later = time_machine.travel(START + timedelta(minutes=45), tick=False)
    with later, pytest.raises(DomainError) as refused:
        check_out(buyer, order)

    assert refused.value.message == (
        "The places you held were released. The early-bird price ended on "
        "Mar 10, 2031 at 10:20 AM CDT."
    )
    order.refresh_from_db()
    assert (order.status, order.hold_expires_at) == ("pending", held_until)
    assert Invoice.objects.count() == 0
