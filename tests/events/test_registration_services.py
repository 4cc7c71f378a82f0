"""Registering attendees: the order and its places, free and priced tickets, member prices from
the plan, group tickets, and every refusal (nothing written when refused)."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from socialrx.core.errors import DomainError
from socialrx.core.models import AuditEvent
from socialrx.events.models import Attendee, Order, TicketKind, WaitlistEntry
from socialrx.events.selectors.places import event_places, places_left, type_places_left
from socialrx.events.selectors.prices import price_for
from socialrx.events.services.registration import (
    AttendeeDetails,
    register,
    release_expired_orders,
)
from socialrx.events.signals import order_confirmed
from tests.events.factories import make_attendee, make_event, make_ticket_type
from tests.events.registration_support import details
from tests.factories import SeatFactory, UserFactory
from tests.training.factories import member_org

pytestmark = pytest.mark.integration


@pytest.fixture
def event(db):
    return make_event(title="Social Media in Health Care Summit", capacity=10)


@pytest.fixture
def general(event):
    return make_ticket_type(event, name="Non-member", price_cents=45_000)


@pytest.fixture
def confirmed_orders():
    sent = []

    def receiver(sender, order, **kwargs):
        sent.append(order.pk)

    order_confirmed.connect(receiver, dispatch_uid="test-registration-confirmed")
    yield sent
    order_confirmed.disconnect(dispatch_uid="test-registration-confirmed")


def _nothing_written() -> None:
    assert Order.objects.count() == 0
    assert Attendee.objects.count() == 0
    assert not AuditEvent.objects.filter(action="events.order.created").exists()


def test_a_priced_order_holds_its_places_pending_for_checkout(event, general, user):
    colleague = UserFactory(email="Dana.Reyes@Riverside.example")
    order = register(
        user,
        event,
        general,
        [
            AttendeeDetails(
                full_name="Ana Li",
                email="ana@riverside.example",
                job_title="Communications director",
                organization_name="Riverside Regional",
                dietary_needs="Vegetarian",
                accessibility_needs="Step-free access",
            ),
            AttendeeDetails(full_name="Dana Reyes", email="dana.reyes@riverside.example"),
        ],
    )

    assert (order.status, order.quantity, order.made_by, order.organization) == (
        "pending",
        2,
        user,
        None,
    )
    held_for = order.hold_expires_at - timezone.now()
    assert timedelta(minutes=29) < held_for <= timedelta(minutes=30)
    ana, dana = order.attendees.order_by("full_name")
    assert (ana.status, ana.email_key, ana.person) == ("pending", "ana@riverside.example", None)
    assert (ana.job_title, ana.dietary_needs, ana.accessibility_needs) == (
        "Communications director",
        "Vegetarian",
        "Step-free access",
    )
    assert dana.person == colleague  # linked by email, whatever its case
    assert ana.ticket_secret and dana.ticket_secret and ana.ticket_secret != dana.ticket_secret
    assert places_left(event) == 8
    assert AuditEvent.objects.filter(action="events.order.created", target_id=str(order.pk))


def test_a_free_ticket_is_confirmed_at_once_and_says_so(event, user, confirmed_orders):
    free = make_ticket_type(event, name="Press", price_cents=0)

    order = register(user, event, free, details("ana@riverside.example"))

    assert order.status == "confirmed" and order.confirmed_at is not None
    assert list(order.attendees.values_list("status", flat=True)) == ["confirmed"]
    assert confirmed_orders == [order.pk]


def test_a_priced_order_is_not_confirmed_before_payment(event, general, user, confirmed_orders):
    register(user, event, general, details("ana@riverside.example"))
    assert confirmed_orders == []


def test_member_price_comes_from_the_plan(db, event):
    organization, admin, member = member_org()  # Medical Center plan: 20 % off conferences
    ticket = make_ticket_type(event, name="Member", kind=TicketKind.MEMBER, price_cents=65_000)

    for buyer in (member, organization):
        price = price_for(buyer, ticket)
        assert (price.cents, price.list_cents, price.discount_cents) == (52_000, 65_000, 13_000)
        assert price.reason == "Member price, Medical Center plan (20% off)"
        assert price.available and price.why_not == ""
    outsider = price_for(UserFactory(), ticket)
    assert (outsider.available, outsider.cents) == (False, 65_000)
    assert "for people of member organizations" in outsider.why_not
    general = make_ticket_type(event, name="Non-member", price_cents=65_000)
    assert price_for(member, general).cents == 65_000  # only member tickets are discounted


def test_a_member_ticket_is_refused_to_a_non_member(event, user):
    ticket = make_ticket_type(event, name="Member", kind=TicketKind.MEMBER, price_cents=65_000)
    with pytest.raises(DomainError, match="for people of member organizations"):
        register(user, event, ticket, details("ana@riverside.example"))
    _nothing_written()


def test_a_team_order_of_a_non_member_organization_may_not_take_member_tickets(org_b, event):
    organization, admin = org_b
    ticket = make_ticket_type(event, name="Member", kind=TicketKind.MEMBER, price_cents=65_000)
    with pytest.raises(DomainError, match="Lakeside Family Physicians is not a member"):
        register(admin, event, ticket, details("a@x.example"), organization=organization)
    _nothing_written()


def test_an_org_admin_registers_a_team_for_their_member_organization(db, event):
    organization, admin, member = member_org()
    ticket = make_ticket_type(event, name="Member", kind=TicketKind.MEMBER, price_cents=65_000)

    order = register(
        admin,
        event,
        ticket,
        details(member.email, "colleague@riverside.example"),
        organization=organization,
    )

    assert (order.organization, order.quantity, order.status) == (organization, 2, "pending")


def test_team_orders_need_the_admin_of_the_organization(db, event, general):
    organization, admin, member = member_org()
    with pytest.raises(PermissionDenied):
        register(member, event, general, details("a@x.example"), organization=organization)
    _nothing_written()


def test_registration_not_open_yet_closed_or_unpublished_is_refused(user, general):
    event = general.event
    now = timezone.now()
    event.registration_opens_at = now + timedelta(days=2)
    event.save()
    with pytest.raises(DomainError, match="Registration opens on"):
        register(user, event, general, details("a@x.example"))
    event.registration_opens_at = now - timedelta(days=20)
    event.registration_closes_at = now - timedelta(days=1)
    event.save()
    with pytest.raises(DomainError, match="Registration closed on"):
        register(user, event, general, details("a@x.example"))
    event.registration_closes_at = now + timedelta(days=1)
    event.status = "draft"
    event.save()
    with pytest.raises(DomainError, match="is not open"):
        register(user, event, general, details("a@x.example"))
    _nothing_written()


def test_an_expired_early_bird_and_a_type_not_yet_on_sale_are_refused(event, user):
    ended = timezone.now() - timedelta(hours=1)
    early = make_ticket_type(
        event, name="Early bird", kind=TicketKind.EARLY_BIRD, price_cents=35_000, sales_end=ended
    )
    with pytest.raises(DomainError, match="The early-bird price ended on") as refusal:
        register(user, event, early, details("a@x.example"))
    assert refusal.value.field == "ticket_type"
    later = make_ticket_type(event, name="Day pass", sales_start=timezone.now() + timedelta(days=3))
    with pytest.raises(DomainError, match="Day pass goes on sale on"):
        register(user, event, later, details("a@x.example"))
    _nothing_written()


def test_an_early_bird_ending_at_a_moment_in_the_event_zone(user):
    with time_machine.travel("2030-03-10 18:00:00+00:00", tick=False):
        event = make_event(time_zone="America/Chicago")
        early = make_ticket_type(
            event,
            name="Early bird",
            kind=TicketKind.EARLY_BIRD,
            sales_end=timezone.now() - timedelta(hours=2),
        )
        assert price_for(user, early).why_not == (
            "The early-bird price ended on Mar 10, 2030 at 11:00 AM CDT."
        )


def test_a_sold_out_type_and_a_full_event_say_join_the_waitlist(event, user):
    limited = make_ticket_type(event, name="Workshop", quota=2)
    make_attendee(event, limited)
    with pytest.raises(DomainError, match="Only 1 place left for Workshop"):
        register(user, event, limited, details("a@x.example", "b@x.example"))
    make_attendee(event, limited)
    with pytest.raises(DomainError, match="Workshop is sold out — join the waitlist"):
        register(user, event, limited, details("a@x.example"))

    small = make_event(title="Webinar", capacity=1)
    open_type = make_ticket_type(small, name="Open")
    make_attendee(small, make_ticket_type(small, name="Other"))
    with pytest.raises(DomainError, match="Webinar is sold out — join the waitlist"):
        register(user, small, open_type, details("c@x.example"))
    assert Order.objects.count() == 3  # the three written by the factory


def test_a_live_waitlist_offer_takes_a_place_except_for_its_own_claim(event, user):
    limited = make_ticket_type(event, name="Workshop", quota=1)
    offer = WaitlistEntry.objects.create(
        event=event,
        ticket_type=limited,
        person=user,
        status="offered",
        offered_at=timezone.now(),
        offer_expires_at=timezone.now() + timedelta(hours=48),
        claim_token="t",
    )
    assert type_places_left(limited) == 0 and places_left(event) == 9
    with pytest.raises(DomainError, match="Workshop is sold out"):
        register(UserFactory(), event, limited, details("a@x.example"))

    order = register(user, event, limited, details(user.email), claim=offer)

    offer.refresh_from_db()
    assert offer.status == "claimed" and order.quantity == 1


def test_a_running_offer_is_claimed_after_registration_and_sales_closed(event, user):
    ended = timezone.now() - timedelta(hours=1)
    early = make_ticket_type(
        event, name="Early bird", kind=TicketKind.EARLY_BIRD, quota=1, sales_end=ended
    )
    event.registration_closes_at = ended
    event.save()
    offer = WaitlistEntry.objects.create(
        event=event,
        ticket_type=early,
        person=user,
        status="offered",
        offer_expires_at=timezone.now() + timedelta(hours=1),
    )
    with pytest.raises(DomainError, match="Registration closed on"):
        register(UserFactory(), event, early, details("a@x.example"))
    with pytest.raises(DomainError, match="no longer open"):
        register(UserFactory(), event, early, details("a@x.example"), claim=offer)

    order = register(user, event, early, details(user.email), claim=offer)

    assert order.status == "pending"


def test_the_same_email_twice_in_an_order_or_already_registered_is_refused(event, general, user):
    with pytest.raises(DomainError, match="each attendee needs their own email"):
        register(user, event, general, details("ana@x.example", "ANA@x.example"))
    make_attendee(event, general, email="Ana@X.example")
    with pytest.raises(DomainError, match="Ana@X.example is already registered for"):
        register(user, event, general, details("ana@x.example"))
    assert Order.objects.count() == 1


def test_the_database_refuses_a_second_registration_of_an_email_with_a_clear_message(
    event, general, user, monkeypatch
):
    make_attendee(event, general, email="ana@x.example")
    # As if the check before insert raced another registration: the constraint answers.
    monkeypatch.setattr(
        "socialrx.events.services.registration._check_not_registered", lambda *a: None
    )
    with pytest.raises(DomainError, match="already registered for Social Media in Health"):
        register(user, event, general, details("ana@x.example"))
    assert Order.objects.count() == 1


def test_a_group_ticket_admits_its_group_size(event, user):
    group = make_ticket_type(
        event, name="Team of 3", kind=TicketKind.GROUP, group_size=3, price_cents=120_000, quota=6
    )
    with pytest.raises(DomainError, match="admits a group of 3: register 3 attendees per ticket"):
        register(user, event, group, details("a@x.example", "b@x.example"))

    order = register(user, event, group, details(*[f"p{n}@x.example" for n in range(6)]))

    assert (order.quantity, order.attendees.count()) == (2, 6)  # two units, six places
    assert type_places_left(group) == 0 and places_left(event) == 4


def test_bad_attendee_details_are_refused(event, general, user):
    with pytest.raises(DomainError, match="Add at least one attendee"):
        register(user, event, general, [])
    with pytest.raises(DomainError, match="Attendee 1: enter their name"):
        register(user, event, general, [AttendeeDetails(full_name=" ", email="a@x.example")])
    with pytest.raises(DomainError, match="Attendee 2: enter a valid email"):
        register(user, event, general, [*details("a@x.example"), AttendeeDetails("B", "nope")])
    with pytest.raises(DomainError, match="the dietary needs is too long"):
        register(user, event, general, details("a@x.example", dietary_needs="x" * 301))
    other = make_ticket_type(make_event(), name="Elsewhere")
    with pytest.raises(DomainError, match="Choose a ticket type of this event"):
        register(user, event, other, details("a@x.example"))
    _nothing_written()


def test_an_expired_hold_frees_its_places_and_its_emails(event, general, user):
    limited = make_ticket_type(event, name="Workshop", quota=1)
    register(user, event, limited, details("ana@x.example"))
    assert type_places_left(limited) == 0
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        assert type_places_left(limited) == 1
        again = register(UserFactory(), event, limited, details("ana@x.example"))
        assert again.status == "pending"
    assert list(Order.objects.order_by("created_at").values_list("status", flat=True)) == [
        "cancelled",
        "pending",
    ]


def test_the_sweep_cancels_stale_orders_and_tells_the_waitlist(
    event, general, user, django_capture_on_commit_callbacks, monkeypatch
):
    told = []
    monkeypatch.setattr(
        "socialrx.events.services.waitlist.offer_freed_places",
        lambda event, ticket_type=None: told.append(event.pk),
    )
    order = register(user, event, general, details("ana@x.example"))
    assert release_expired_orders() == 0
    with (
        time_machine.travel(timezone.now() + timedelta(minutes=31)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert release_expired_orders() == 1
    order.refresh_from_db()
    assert order.status == "cancelled" and told == [event.pk]
    assert order.attendees.get().cancel_reason == "Not paid in time: the places were released."


def test_counts_for_pages_take_quota_and_capacity_together(event, user):
    workshop = make_ticket_type(event, name="Workshop", quota=3)
    general = make_ticket_type(event, name="General")
    for _ in range(2):
        make_attendee(event, workshop)
    for _ in range(7):
        make_attendee(event, general)
    make_attendee(event, general, status="cancelled")

    counts = event_places(event)

    assert (counts.capacity, counts.taken, counts.left) == (10, 9, 1)
    assert (counts.by_type[workshop.pk].sold, counts.by_type[workshop.pk].left) == (2, 1)
    assert (counts.by_type[general.pk].sold, counts.by_type[general.pk].left) == (7, 1)


def test_registering_needs_an_account(event, general):
    from django.contrib.auth.models import AnonymousUser  # noqa: PLC0415

    with pytest.raises(PermissionDenied):
        register(AnonymousUser(), event, general, details("a@x.example"))


def test_a_seat_holder_of_a_member_org_is_a_member_buyer(db, event):
    organization, admin, member = member_org()
    newcomer = SeatFactory(organization=organization).user
    ticket = make_ticket_type(event, name="Member", kind=TicketKind.MEMBER, price_cents=65_000)
    order = register(newcomer, event, ticket, details(newcomer.email))
    assert order.status == "pending"
