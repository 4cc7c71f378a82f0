"""Event registration under real concurrency on PostgreSQL: people racing for a ticket type's
last places never exceed its quota, nor the event's capacity across ticket types; one email
registering many times at once gets one ticket; two checkouts of one order make one invoice;
a place freed by a voided checkout is taken once."""

import pytest
from django.db import close_old_connections

from socialrx.billing.models import Invoice
from socialrx.billing.services.invoices import void_invoice
from socialrx.core.errors import DomainError
from socialrx.events.models import Attendee, Order, TicketKind
from socialrx.events.selectors.places import holding, places_left, type_places_left
from socialrx.events.services.registration import AttendeeDetails, register
from tests.concurrency import require_postgres, run_at_once
from tests.events.factories import make_attendee, make_event, make_ticket_type
from tests.events.registration_support import check_out
from tests.factories import UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.postgres]


@pytest.fixture(autouse=True)
def _needs_postgres(transactional_db):
    require_postgres()


def _one(email: str) -> list[AttendeeDetails]:
    return [AttendeeDetails(full_name=email.split("@")[0].title(), email=email)]


def _register(person, event, ticket_type, attendees):
    close_old_connections()
    return register(person, event, ticket_type, attendees)


def _split(results):
    orders = [r for r in results if isinstance(r, Order)]
    refused = [r for r in results if isinstance(r, DomainError)]
    assert [r for r in results if not isinstance(r, Order | DomainError)] == []
    return orders, refused


def test_twenty_people_racing_for_a_quota_of_five_take_exactly_five():
    event = make_event(capacity=100)
    workshop = make_ticket_type(event, name="Workshop", quota=8)
    for _ in range(3):
        make_attendee(event, workshop)
    people = [UserFactory() for _ in range(20)]

    results = run_at_once(
        20, lambda i: _register(people[i], event, workshop, _one(f"p{i}@x.example"))
    )

    orders, refused = _split(results)
    assert (len(orders), len(refused)) == (5, 15)
    assert {error.code for error in refused} == {"sold_out"}
    assert Attendee.objects.filter(holding(), ticket_type=workshop).count() == 8
    assert type_places_left(workshop) == 0


def test_two_ticket_types_racing_never_exceed_the_events_capacity():
    event = make_event(capacity=6)
    member = make_ticket_type(event, name="General A", price_cents=0)
    general = make_ticket_type(event, name="General B", quota=50)
    people = [UserFactory() for _ in range(14)]

    def work(index):
        ticket_type = member if index % 2 else general
        return _register(people[index], event, ticket_type, _one(f"q{index}@x.example"))

    results = run_at_once(14, work)

    orders, refused = _split(results)
    assert (len(orders), len(refused)) == (6, 8)
    assert {error.code for error in refused} == {"sold_out"}
    assert Attendee.objects.filter(holding(), event=event).count() == 6
    assert places_left(event) == 0


def test_teams_and_groups_racing_take_whole_orders_only():
    event = make_event(capacity=7)
    group = make_ticket_type(
        event, name="Team of 2", kind=TicketKind.GROUP, group_size=2, price_cents=80_000
    )
    admins = [UserFactory() for _ in range(5)]

    def work(index):
        pair = [
            AttendeeDetails(full_name="One", email=f"t{index}a@x.example"),
            AttendeeDetails(full_name="Two", email=f"t{index}b@x.example"),
        ]
        return _register(admins[index], event, group, pair)

    results = run_at_once(5, work)

    orders, refused = _split(results)
    assert (len(orders), len(refused)) == (3, 2)  # 3 × 2 places; a fourth pair would make 8 > 7
    assert Attendee.objects.filter(event=event).count() == 6
    assert places_left(event) == 1


def test_one_email_registered_ten_times_at_once_gets_one_ticket():
    event = make_event(capacity=50)
    general = make_ticket_type(event, name="General")
    buyers = [UserFactory() for _ in range(10)]

    results = run_at_once(
        10, lambda i: _register(buyers[i], event, general, _one("Quick.Clicker@x.example"))
    )

    orders, refused = _split(results)
    assert (len(orders), len(refused)) == (1, 9)
    assert {error.code for error in refused} == {"already_registered"}
    assert Attendee.objects.filter(event=event, email_key="quick.clicker@x.example").count() == 1


def test_two_checkouts_of_one_order_at_once_make_one_invoice():
    event = make_event(capacity=10)
    general = make_ticket_type(event, name="General")
    person = UserFactory()
    order = register(person, event, general, _one("ana@x.example"))

    def work(_):
        close_old_connections()
        return check_out(person, order)

    results = run_at_once(4, work)

    assert len([r for r in results if isinstance(r, Invoice)]) == 1
    assert all(isinstance(r, Invoice | DomainError) for r in results)
    assert Invoice.objects.count() == 1


def test_a_place_freed_by_a_voided_invoice_is_taken_once(staff):
    event = make_event(capacity=2)
    general = make_ticket_type(event, name="General")
    holder = UserFactory()
    order = register(holder, event, general, _one("holder@x.example"))
    register(UserFactory(), event, general, _one("other@x.example"))
    invoice = check_out(holder, order)
    newcomers = [UserFactory() for _ in range(6)]

    def work(index):
        close_old_connections()
        if index == 0:
            return void_invoice(actor=staff, invoice=invoice, reason="Duplicate order")
        return register(newcomers[index - 1], event, general, _one(f"n{index}@x.example"))

    results = run_at_once(7, work)

    assert [r for r in results if not isinstance(r, Invoice | Order | DomainError)] == []
    newcomer_orders = [r for r in results if isinstance(r, Order)]
    # A newcomer took the freed place if the void came first; never two of them.
    assert len(newcomer_orders) <= 1
    assert Attendee.objects.filter(holding(), event=event).count() == 1 + len(newcomer_orders)
    order.refresh_from_db()
    assert order.status == "cancelled"
