"""Calling an event off closes its waitlist: everyone waiting (or holding an offer) is withdrawn
and told by email why."""

from __future__ import annotations

import pytest

from socialrx.core.models import AuditEvent
from socialrx.events.models import WaitlistEntry
from socialrx.events.services.event_admin import cancel_event
from tests.events.factories import make_event
from tests.events.waitlist_support import free_a_place, sold_out_type, waiting

pytestmark = pytest.mark.integration


def test_cancelling_the_event_withdraws_the_waitlist_and_tells_each_person(
    db, staff, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(title="Called Off Summit", capacity=10)
    full, holders = sold_out_type(event, quota=1, name="Full pass")
    first, second = waiting(full, 2)
    free_a_place(full, holders[0])  # the first person waiting holds an offer
    first.refresh_from_db()
    assert first.status == "offered"
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        cancel_event(actor=staff, event=event, reason="The venue flooded.")

    assert set(WaitlistEntry.objects.values_list("status", flat=True)) == {"withdrawn"}
    assert AuditEvent.objects.filter(action="events.waitlist.withdrawn").count() == 2
    told = {m.to[0]: m for m in mailoutbox if m.subject == "Cancelled: Called Off Summit"}
    assert sorted(told) == sorted([first.person.email, second.person.email])
    offered_body = told[first.person.email].body
    assert "Called Off Summit" in offered_body
    assert "is cancelled: The venue flooded." in offered_body
    assert "You were on its waitlist for Full pass." in offered_body
    assert "the place we offered you is withdrawn" in offered_body
    assert "the place we offered you" not in told[second.person.email].body
