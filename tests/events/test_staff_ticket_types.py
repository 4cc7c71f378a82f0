"""Staff's ticket types: the list with sold, quota and left; adding and editing one, with its
rules (an early bird needs an end, a group at least two people, a quota no less than sold)."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from socialrx.core.errors import DomainError
from socialrx.core.models import AuditEvent
from socialrx.events.models import TicketType
from socialrx.events.services.ticket_types import create_ticket_type, update_ticket_type
from tests.events.factories import make_attendee, make_event, make_ticket_type

pytestmark = pytest.mark.integration

# Session, user, the staff member's two-factor check, the event, its ticket types, places taken
# by type, live offers by type.
STAFF_PAGE_QUERIES = 7


@pytest.fixture
def event(db):
    return make_event(title="Summit", capacity=100, time_zone="America/Chicago")


def _data(**changes) -> dict:
    data = {
        "name": "Non-member",
        "kind": "general",
        "description": "",
        "price_cents": 45_000,
        "group_size": 1,
        "quota": None,
        "sales_start": None,
        "sales_end": None,
        "position": 0,
    }
    data.update(changes)
    return data


def _form(**changes) -> dict:
    form = {
        "name": "Non-member",
        "kind": "general",
        "description": "",
        "price": "450.00",
        "group_size": "1",
        "quota": "",
        "sales_start": "",
        "sales_end": "",
        "position": "0",
    }
    form.update(changes)
    return form


def test_staff_add_a_ticket_type_and_it_is_audited(event, staff):
    ticket = create_ticket_type(staff, event, _data(name="Member", kind="member", quota=40))
    assert (ticket.name, ticket.kind, ticket.price_cents, ticket.quota) == (
        "Member",
        "member",
        45_000,
        40,
    )
    assert AuditEvent.objects.filter(action="events.ticket_type.created").count() == 1


@pytest.mark.parametrize(
    ("changes", "message", "field"),
    [
        ({"kind": "early_bird"}, "An early-bird price needs an end", "sales_end"),
        ({"kind": "group", "group_size": 1}, "admits from 2 to 50 people", "group_size"),
        ({"kind": "group", "group_size": 3, "quota": 10}, "a multiple of 3", "quota"),
        ({"name": "  "}, "Give the ticket type a name", "name"),
        ({"price_cents": None}, "Enter a price", "price_cents"),
        ({"quota": 0}, "A quota is at least 1 place", "quota"),
    ],
)
def test_bad_ticket_types_are_refused(event, staff, changes, message, field):
    with pytest.raises(DomainError, match=message) as refusal:
        create_ticket_type(staff, event, _data(**changes))
    assert refusal.value.field == field
    assert TicketType.objects.count() == 0


def test_sales_must_end_after_they_start_and_names_are_once_per_event(event, staff):
    now = timezone.now()
    with pytest.raises(DomainError, match="Sales must end after they start"):
        create_ticket_type(staff, event, _data(sales_start=now, sales_end=now))
    create_ticket_type(staff, event, _data(name="Student"))
    with pytest.raises(DomainError, match="Summit already sells a ticket called STUDENT"):
        create_ticket_type(staff, event, _data(name="STUDENT"))


def test_a_quota_is_never_set_below_what_is_sold(event, staff):
    ticket = make_ticket_type(event, name="Workshop", quota=5)
    for _ in range(3):
        make_attendee(event, ticket)
    make_attendee(event, ticket, status="cancelled")
    with pytest.raises(DomainError, match="3 places are already taken: the quota cannot be less"):
        update_ticket_type(staff, ticket, _data(name="Workshop", quota=2))
    updated = update_ticket_type(staff, ticket, _data(name="Workshop", quota=3))
    assert updated.quota == 3
    with pytest.raises(DomainError, match="cannot become or stop being a group ticket"):
        update_ticket_type(staff, ticket, _data(name="Workshop", kind="group", group_size=2))


def test_raising_a_quota_tells_the_waitlist(
    event, staff, monkeypatch, django_capture_on_commit_callbacks
):
    told = []
    monkeypatch.setattr(
        "socialrx.events.services.waitlist.offer_freed_places",
        lambda event, ticket_type=None: told.append(ticket_type.pk),
    )
    ticket = make_ticket_type(event, name="Workshop", quota=1)
    with django_capture_on_commit_callbacks(execute=True):
        update_ticket_type(staff, ticket, _data(name="Workshop", quota=4))
    assert told == [ticket.pk]


def test_only_staff_manage_ticket_types(event, user):
    with pytest.raises(PermissionDenied):
        create_ticket_type(user, event, _data())


def test_the_staff_page_lists_sold_quota_and_left_and_adds_one(event, staff, client):
    workshop = make_ticket_type(event, name="Workshop", quota=10, price_cents=12_500)
    for _ in range(4):
        make_attendee(event, workshop)
    client.force_login(staff)
    url = reverse("events:staff_ticket_types", args=[event.slug])

    html = client.get(url).content.decode()
    row = html.split("Workshop</th>")[1].split("</tr>")[0]
    assert "$125.00" in row
    assert [cell.split(">")[-1] for cell in row.split("</td>") if 'numeric">' in cell] == [
        "$125.00",
        "4",
        "10",
        "6",
    ]
    assert 'aria-current="page">Tickets' in html

    response = client.post(
        url,
        _form(
            name="Early bird",
            kind="early_bird",
            price="350",
            sales_end="2031-03-10T11:00",
            quota="30",
        ),
    )
    assert response.status_code == 302
    early = TicketType.objects.get(name="Early bird")
    assert (early.price_cents, early.quota) == (35_000, 30)
    # Typed on the event's clock (Chicago, daylight time that day): 16:00 UTC.
    assert early.sales_end.isoformat() == "2031-03-10T16:00:00+00:00"


def test_the_staff_page_re_renders_refusals(event, staff, client):
    client.force_login(staff)
    url = reverse("events:staff_ticket_types", args=[event.slug])
    response = client.post(url, _form(kind="early_bird"))
    assert response.status_code == 400
    assert "An early-bird price needs an end" in response.content.decode()
    response = client.post(url, _form(price="-3"))
    assert response.status_code == 400 and "no negative amounts" in response.content.decode()
    assert TicketType.objects.count() == 0


def test_the_edit_page_saves_and_refuses(event, staff, client):
    ticket = make_ticket_type(event, name="Workshop", quota=5)
    for _ in range(2):
        make_attendee(event, ticket)
    client.force_login(staff)
    url = reverse("events:staff_ticket_type_edit", args=[event.slug, ticket.public_id])
    assert client.get(url).status_code == 200
    response = client.post(url, _form(name="Workshop", quota="1"))
    assert response.status_code == 400
    assert "2 places are already taken" in response.content.decode()
    response = client.post(url, _form(name="Workshop A", quota="8", price="99.50"))
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert (ticket.name, ticket.quota, ticket.price_cents) == ("Workshop A", 8, 9_950)
    other = make_ticket_type(make_event(), name="Elsewhere")
    wrong = reverse("events:staff_ticket_type_edit", args=[event.slug, other.public_id])
    assert client.get(wrong).status_code == 404


def test_the_staff_page_keeps_its_queries(event, staff, client, django_assert_num_queries):
    client.force_login(staff)
    url = reverse("events:staff_ticket_types", args=[event.slug])
    make_ticket_type(event, name="A", quota=3)
    client.get(url)
    with django_assert_num_queries(STAFF_PAGE_QUERIES):
        assert client.get(url).status_code == 200
    for n in range(5):
        ticket = make_ticket_type(event, name=f"T{n}", sales_end=timezone.now() + timedelta(days=n))
        make_attendee(event, ticket)
    with django_assert_num_queries(STAFF_PAGE_QUERIES):
        assert client.get(url).status_code == 200
