"""The waitlist per ticket type: joined once and only when sold out; left by the person; freed
places offered in queue order, exactly once, for 48 hours with a claim link; lapsed offers pass
on. (Claiming: test_waitlist_claim_services.py.)"""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from socialrx.core.errors import Conflict, DomainError, NotFound
from socialrx.core.models import AuditEvent
from socialrx.events.models import TicketKind, WaitlistEntry
from socialrx.events.selectors.places import places_left, type_places_left
from socialrx.events.selectors.waitlist import live_offer_count, my_waitlist, position
from socialrx.events.services import waitlist as service
from socialrx.events.services.waitlist import (
    expire_offers,
    join_waitlist,
    leave_waitlist,
    offer_freed_places,
)
from socialrx.events.signals import places_freed
from socialrx.events.tasks import expire_waitlist_offers
from tests.events.factories import make_attendee, make_event, make_ticket_type
from tests.events.waitlist_support import cancel, free_a_place, sold_out_type, waiting
from tests.factories import UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

NOW = datetime(2031, 3, 3, 15, 0, tzinfo=UTC)


# --- joining ------------------------------------------------------------------------------------


def test_joining_a_sold_out_type_queues_people_in_order_and_emails_them(
    mailoutbox, django_capture_on_commit_callbacks
):
    ticket_type, _ = sold_out_type()
    first, second = UserFactory(), UserFactory(full_name="Dana Whitfield")

    with django_capture_on_commit_callbacks(execute=True):
        join_waitlist(first, ticket_type)
        entry = join_waitlist(second, ticket_type)

    assert entry.status == "waiting"
    assert entry.event == ticket_type.event
    assert position(entry) == 2
    email = next(m for m in mailoutbox if m.to == [second.email])
    assert email.subject == "You are on the waitlist: Waitlist conference"
    assert "Hello Dana Whitfield," in email.body
    assert "You are number 2 in the queue." in email.body
    assert AuditEvent.objects.filter(action="events.waitlist.joined").count() == 2


def test_joining_when_the_whole_event_is_full_though_the_type_has_no_quota(user):
    event = make_event(capacity=1)
    no_quota = make_ticket_type(event, name="Open", quota=None)
    make_attendee(event, no_quota)

    entry = join_waitlist(user, no_quota)

    assert entry.ticket_type == no_quota


def test_a_type_with_places_left_sends_people_to_register(user):
    event = make_event(capacity=10)
    ticket_type = make_ticket_type(event, name="Standard", quota=2)
    make_attendee(event, ticket_type)

    with pytest.raises(DomainError, match=r"^Places are still available for Standard: register"):
        join_waitlist(user, ticket_type)

    assert not WaitlistEntry.objects.exists()


def test_joining_twice_is_refused_with_the_position(user):
    ticket_type, _ = sold_out_type()
    waiting(ticket_type, 2)
    join_waitlist(user, ticket_type)

    with pytest.raises(Conflict, match=r"already on the waitlist for Standard \(number 3 in"):
        join_waitlist(user, ticket_type)

    assert WaitlistEntry.objects.filter(person=user).count() == 1


def test_the_database_refuses_a_second_live_entry_and_the_service_says_so(user, monkeypatch):
    ticket_type, _ = sold_out_type()
    join_waitlist(user, ticket_type)
    # As if a second request had passed the check before the first one wrote its row.
    monkeypatch.setattr(service, "WAITING_STATUSES", ("not-a-status",))

    with pytest.raises(Conflict, match="You are already on the waitlist for Standard."):
        join_waitlist(user, ticket_type)

    assert WaitlistEntry.objects.filter(person=user).count() == 1


def test_someone_registered_for_the_event_by_email_cannot_join(user):
    ticket_type, _ = sold_out_type()
    other_type = make_ticket_type(ticket_type.event, name="Other", quota=5)
    make_attendee(ticket_type.event, other_type, email=user.email.upper())

    with pytest.raises(
        Conflict, match=f"already registered for Waitlist conference \\(as {user.email}"
    ):
        join_waitlist(user, ticket_type)


def test_a_cancelled_ticket_does_not_count_as_registered(user):
    ticket_type, _ = sold_out_type()
    make_attendee(ticket_type.event, ticket_type, email=user.email, status="cancelled")

    assert join_waitlist(user, ticket_type).status == "waiting"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"status": "draft"}, "Registration for .* is not open."),
        ({"status": "cancelled"}, "was cancelled."),
        ({"registration_closes_at": datetime(2020, 1, 1, tzinfo=UTC)}, "Registration closed on"),
    ],
)
def test_no_waitlist_when_registration_is_not_open(user, fields, message):
    event = make_event(capacity=1)
    ticket_type = make_ticket_type(event, name="Standard")
    make_attendee(event, ticket_type)
    type(event).objects.filter(pk=event.pk).update(**fields)

    with pytest.raises(DomainError, match=message):
        join_waitlist(user, ticket_type)

    assert not WaitlistEntry.objects.exists()


def test_a_group_ticket_and_a_member_ticket_for_a_non_member_are_refused(user):
    event = make_event(capacity=1)
    group = make_ticket_type(event, name="Team of 4", kind=TicketKind.GROUP, group_size=4)
    member = make_ticket_type(event, name="Member", kind=TicketKind.MEMBER)
    make_attendee(event, member)

    with pytest.raises(DomainError, match="Team of 4 admits a group at once and has no waitlist"):
        join_waitlist(user, group)
    with pytest.raises(DomainError, match="Member tickets are for people of member organizations"):
        join_waitlist(user, member)


def test_a_visitor_cannot_join():
    ticket_type, _ = sold_out_type()

    with pytest.raises(PermissionDenied):
        join_waitlist(AnonymousUser(), ticket_type)


# --- leaving ------------------------------------------------------------------------------------


def test_leaving_takes_the_person_out_of_the_queue(user):
    ticket_type, _ = sold_out_type()
    entry = join_waitlist(user, ticket_type)
    (behind,) = waiting(ticket_type)

    leave_waitlist(user, entry)

    entry.refresh_from_db()
    assert entry.status == "withdrawn"
    assert position(behind) == 1
    assert list(my_waitlist(user)) == []
    assert AuditEvent.objects.filter(action="events.waitlist.left").count() == 1
    # They may join again later, at the back.
    again = join_waitlist(user, ticket_type)
    assert position(again) == 2


def test_only_the_person_leaves_and_only_once(user):
    ticket_type, _ = sold_out_type()
    entry = join_waitlist(user, ticket_type)

    with pytest.raises(NotFound):
        leave_waitlist(UserFactory(), entry)
    leave_waitlist(user, entry)
    with pytest.raises(Conflict, match="no longer on the waitlist for Standard"):
        leave_waitlist(user, entry)


def test_declining_an_offer_passes_the_place_to_the_next_person():
    ticket_type, holders = sold_out_type()
    first, second = waiting(ticket_type, 2)
    free_a_place(ticket_type, holders[0])
    first.refresh_from_db()
    assert first.status == "offered"

    leave_waitlist(first.person, first)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("withdrawn", "offered")
    assert live_offer_count(ticket_type.event, ticket_type) == 1


# --- offers -------------------------------------------------------------------------------------


def test_a_freed_place_is_offered_once_to_the_first_waiting(
    mailoutbox, django_capture_on_commit_callbacks
):
    with time_machine.travel(NOW - timedelta(days=1), tick=False):
        event = make_event(title="Waitlist conference", starts_in_days=60)
        ticket_type, holders = sold_out_type(event)
        first, second = waiting(ticket_type, 2)
    cancel(holders[0])

    with time_machine.travel(NOW, tick=False), django_capture_on_commit_callbacks(execute=True):
        offered = offer_freed_places(event, ticket_type)
        again = offer_freed_places(event, ticket_type)

    assert [e.pk for e in offered] == [first.pk]
    assert again == []
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == "offered"
    assert first.offered_at == NOW
    assert first.offer_expires_at == datetime(2031, 3, 5, 15, 0, tzinfo=UTC)  # 48 hours
    assert len(first.claim_token) == 43
    assert second.status == "waiting"
    with time_machine.travel(NOW, tick=False):
        assert type_places_left(ticket_type) == 0  # the offer holds it
    email = next(m for m in mailoutbox if m.to == [first.person.email])
    assert email.subject == "A place is free for you: Waitlist conference"
    assert f"/events/waitlist/{first.public_id}/claim/{first.claim_token}/" in email.body
    assert "claim it by Mar 5, 2031 at 9:00 AM CST" in email.body


def test_the_offer_time_comes_from_the_setting(settings):
    settings.EVENTS_WAITLIST_OFFER_HOURS = 6
    with time_machine.travel(NOW, tick=False):
        ticket_type, holders = sold_out_type()
        (entry,) = waiting(ticket_type)
        free_a_place(ticket_type, holders[0])

    entry.refresh_from_db()
    assert entry.offer_expires_at == datetime(2031, 3, 3, 21, 0, tzinfo=UTC)


def test_an_offer_never_runs_past_the_close_of_registration():
    with time_machine.travel(NOW, tick=False):
        ticket_type, holders = sold_out_type()
        (entry,) = waiting(ticket_type)
        close = datetime(2031, 3, 3, 17, 30, tzinfo=UTC)
        type(ticket_type.event).objects.filter(pk=ticket_type.event_id).update(
            registration_closes_at=close
        )
        free_a_place(ticket_type, holders[0])

    entry.refresh_from_db()
    assert entry.offer_expires_at == close


def test_the_type_whose_place_freed_goes_first_then_others_while_the_event_has_room():
    event = make_event(capacity=3)
    standard = make_ticket_type(event, name="Standard", quota=1, position=1)
    student = make_ticket_type(event, name="Student", quota=None, position=2)
    held = make_attendee(event, standard)
    make_attendee(event, student)
    make_attendee(event, student)
    (waits_standard,) = waiting(standard)
    (waits_student,) = waiting(student)
    cancel(held)

    offered = offer_freed_places(event, student)

    # The event had one place: the Student queue, named first, gets it; Standard waits.
    assert [e.pk for e in offered] == [waits_student.pk]
    assert places_left(event) == 0
    waits_standard.refresh_from_db()
    assert waits_standard.status == "waiting"


def test_nothing_is_offered_while_no_place_is_free_or_registration_is_closed():
    ticket_type, holders = sold_out_type()
    waiting(ticket_type)
    assert offer_freed_places(ticket_type.event, ticket_type) == []

    cancel(holders[0])
    type(ticket_type.event).objects.filter(pk=ticket_type.event_id).update(
        registration_closes_at=datetime(2020, 1, 1, tzinfo=UTC)
    )
    assert offer_freed_places(ticket_type.event) == []
    assert not WaitlistEntry.objects.filter(status="offered").exists()


def test_someone_who_registered_meanwhile_is_taken_off_and_the_next_offered():
    ticket_type, holders = sold_out_type(quota=2)
    first, second = waiting(ticket_type, 2)
    other = make_ticket_type(ticket_type.event, name="Other")
    make_attendee(ticket_type.event, other, email=first.person.email)

    offered = free_a_place(ticket_type, holders[0])

    first.refresh_from_db()
    assert first.status == "withdrawn"
    assert [e.pk for e in offered] == [second.pk]


def test_the_places_freed_signal_makes_the_offer(django_capture_on_commit_callbacks):
    ticket_type, holders = sold_out_type()
    (entry,) = waiting(ticket_type)
    cancel(holders[0])

    places_freed.send(sender=type(ticket_type.event), event=ticket_type.event, ticket_type=None)

    entry.refresh_from_db()
    assert entry.status == "offered"


# --- lapsed offers ------------------------------------------------------------------------------


def test_an_unclaimed_offer_lapses_and_passes_on(mailoutbox, django_capture_on_commit_callbacks):
    with time_machine.travel(NOW - timedelta(days=1), tick=False):
        event = make_event(title="Waitlist conference", starts_in_days=60)
        ticket_type, holders = sold_out_type(event)
        first, second = waiting(ticket_type, 2)
    with time_machine.travel(NOW, tick=False):
        free_a_place(ticket_type, holders[0])

    with time_machine.travel(NOW + timedelta(hours=47), tick=False):
        assert expire_offers() == 0
    with (
        time_machine.travel(NOW + timedelta(hours=48), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert expire_waitlist_offers.delay().get() == 1

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == "expired"
    assert second.status == "offered"
    assert second.offer_expires_at == NOW + timedelta(hours=96)
    lapsed = next(m for m in mailoutbox if m.to == [first.person.email])
    assert lapsed.subject == "Your offer lapsed: Waitlist conference"
    assert "was not claimed by Mar 5, 2031 at 9:00 AM CST" in lapsed.body
    assert AuditEvent.objects.filter(action="events.waitlist.expired").count() == 1
