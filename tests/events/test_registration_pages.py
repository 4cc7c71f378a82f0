"""The registration pages: choosing a ticket and the attendees, going on to billing's checkout,
the free path, refusals re-rendered with nothing written, the buyer's order page and its pay
button, and query counts that stay constant as registrations grow."""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from socialrx.billing.models import Invoice
from socialrx.events.models import Attendee, Order, TicketKind
from socialrx.events.services.registration import register
from tests.events.factories import make_attendee, make_event, make_ticket_type
from tests.events.registration_support import check_out, details
from tests.factories import UserFactory
from tests.training.factories import member_org

pytestmark = pytest.mark.integration


@pytest.fixture
def event(db):
    return make_event(title="Social Media in Health Care Summit", capacity=20)


@pytest.fixture
def general(event):
    return make_ticket_type(event, name="Non-member", price_cents=45_000, position=2)


def _post(ticket_type, attendees, *, buyer="me") -> dict:
    data = {
        "ticket_type": str(ticket_type.public_id),
        "buyer": buyer,
        "attendee-TOTAL_FORMS": str(len(attendees)),
        "attendee-INITIAL_FORMS": str(len(attendees)),
        "attendee-MIN_NUM_FORMS": "1",
        "attendee-MAX_NUM_FORMS": "50",
    }
    for n, (name, email) in enumerate(attendees):
        data[f"attendee-{n}-full_name"] = name
        data[f"attendee-{n}-email"] = email
        data[f"attendee-{n}-job_title"] = "Communications manager"
        data[f"attendee-{n}-dietary_needs"] = "Vegetarian" if n == 0 else ""
    return data


def _url(event) -> str:
    return reverse("events:register", args=[event.slug])


def test_the_page_shows_prices_for_the_viewer_places_left_and_the_early_bird_end(db, client):
    event = make_event(title="Summit", capacity=20, time_zone="America/Chicago")
    organization, admin, member = member_org()
    make_ticket_type(
        event, name="Member", kind=TicketKind.MEMBER, price_cents=65_000, quota=5, position=1
    )
    make_ticket_type(
        event,
        name="Early bird",
        kind=TicketKind.EARLY_BIRD,
        price_cents=35_000,
        position=0,
        sales_end=timezone.now() + timedelta(days=7),
    )
    client.force_login(member)

    page = client.get(_url(event))

    assert page.status_code == 200
    html = page.content.decode()
    assert "$520.00" in html and "Member price, Medical Center plan (20% off)" in html
    assert "$650.00" in html  # the list price, struck through
    assert "Early-bird price until" in html
    assert member.email in html  # "register myself" prefill of attendee 1


def test_a_sold_out_type_offers_the_waitlist(event, client, user):
    full = make_ticket_type(event, name="Workshop", quota=1)
    make_attendee(event, full)
    client.force_login(user)
    html = client.get(_url(event)).content.decode()
    join = reverse("events:waitlist_join", args=[event.slug, full.public_id])
    assert "Sold out" in html and f'action="{join}"' in html


def test_registering_two_people_goes_on_to_billing_checkout(event, general, client, user):
    client.force_login(user)
    response = client.post(
        _url(event), _post(general, [("Ana Li", "ana@x.example"), ("Ben Ode", "ben@x.example")])
    )

    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert target.path == reverse("billing:checkout")
    order = Order.objects.get()
    assert parse_qs(target.query) == {
        "kind": ["events.ticket"],
        "item": [str(order.public_id)],
        "quantity": ["2"],
        "buyer": ["me"],
    }
    assert sorted(order.attendees.values_list("email", "dietary_needs")) == [
        ("ana@x.example", "Vegetarian"),
        ("ben@x.example", ""),
    ]
    checkout = client.get(response["Location"])
    assert checkout.status_code == 200 and "$900.00" in checkout.content.decode()


def test_an_org_admin_registers_for_the_organization_and_checks_out_as_it(
    db, event, general, client
):
    organization, admin, member = member_org()
    client.force_login(admin)
    page = client.get(_url(event)).content.decode()
    assert f"Register for {organization} (invoice to the organization)" in page

    response = client.post(
        _url(event),
        _post(general, [("Ana Li", "ana@x.example")], buyer=str(organization.public_id)),
    )

    order = Order.objects.get()
    assert order.organization == organization
    assert parse_qs(urlsplit(response["Location"]).query)["buyer"] == [str(organization.public_id)]


def test_a_free_ticket_is_confirmed_and_shows_the_order(event, client, user):
    free = make_ticket_type(event, name="Community", price_cents=0)
    client.force_login(user)
    response = client.post(_url(event), _post(free, [("Ana Li", "ana@x.example")]), follow=True)
    order = Order.objects.get()
    assert response.redirect_chain[0][0] == reverse("events:order", args=[order.public_id])
    assert order.status == "confirmed"
    assert "You&#x27;re registered for Social Media in Health Care Summit" in (
        response.content.decode()
    )


@pytest.mark.parametrize(
    ("attendees", "message"),
    [
        ([("Ana Li", "ana@x.example"), ("Ana L", "ANA@x.example")], "own email"),
        ([("", "ana@x.example")], "This field is required"),
        ([("Ana Li", "not-an-email")], "Enter a valid email address"),
    ],
)
def test_bad_input_re_renders_with_a_message_and_writes_nothing(
    event, general, client, user, attendees, message
):
    client.force_login(user)
    response = client.post(_url(event), _post(general, attendees))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Order.objects.count() == 0 and Attendee.objects.count() == 0


def test_sold_out_refused_early_bird_and_forged_input_re_render(event, client, user):
    limited = make_ticket_type(event, name="Workshop", quota=1)
    client.force_login(user)
    response = client.post(
        _url(event), _post(limited, [("Ana Li", "a@x.example"), ("Ben O", "b@x.example")])
    )
    assert response.status_code == 400
    assert "Only 1 place left for Workshop" in response.content.decode()
    ended = make_ticket_type(
        event,
        name="Early bird",
        kind=TicketKind.EARLY_BIRD,
        sales_end=timezone.now() - timedelta(days=1),
    )
    response = client.post(_url(event), _post(ended, [("Ana Li", "a@x.example")]))
    assert response.status_code == 400
    assert "Choose a ticket type that is on sale" in response.content.decode()
    assert "The early-bird price ended on" in response.content.decode()  # the table says why
    forged = _post(limited, [("Ana Li", "a@x.example")], buyer="not-an-org")
    assert client.post(_url(event), forged).status_code == 400
    too_many = _post(limited, [("Ana Li", "a@x.example")])
    too_many["attendee-TOTAL_FORMS"] = "5000"
    assert client.post(_url(event), too_many).status_code == 400
    assert Order.objects.count() == 0


def test_closed_registration_shows_why_and_no_form(event, general, client, user):
    event.registration_closes_at = timezone.now() - timedelta(hours=1)
    event.save()
    client.force_login(user)
    html = client.get(_url(event)).content.decode()
    assert "Registration closed on" in html and 'name="attendee-TOTAL_FORMS"' not in html


def test_drafts_are_not_found_and_visitors_sign_in(event, general, client, user):
    assert client.get(_url(event)).status_code == 302
    event.status = "draft"
    event.save()
    client.force_login(user)
    assert client.get(_url(event)).status_code == 404


def test_the_count_shows_that_many_attendee_forms(event, general, client, user):
    client.force_login(user)
    html = client.get(_url(event) + "?count=3&me=0").content.decode()
    assert 'name="attendee-TOTAL_FORMS" value="3"' in html
    assert user.email not in html.split("attendee-0-email")[1].split(">")[0]
    html = client.get(_url(event) + "?count=nonsense").content.decode()
    assert 'name="attendee-TOTAL_FORMS" value="1"' in html


def test_the_order_page_shows_the_hold_and_pays_through_billing(event, general, client, user):
    order = register(user, event, general, details("ana@x.example"))
    client.force_login(user)
    page = client.get(reverse("events:order", args=[order.public_id]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Your places are held until" in html and "minutes left" in html
    assert "Pay for the tickets" in html

    response = client.post(reverse("events:order_pay", args=[order.public_id]))
    assert urlsplit(response["Location"]).path == reverse("billing:checkout")

    invoice = check_out(user, order)
    html = client.get(reverse("events:order", args=[order.public_id])).content.decode()
    assert f"Invoice {invoice.number} is open" in html and "$450.00" in html
    response = client.post(reverse("events:order_pay", args=[order.public_id]))
    assert response["Location"] == reverse("billing:invoice", args=[invoice.public_id])
    assert Invoice.objects.count() == 1


def test_the_order_page_is_not_found_for_others_and_shown_to_staff(
    event, general, client, user, staff
):
    order = register(user, event, general, details("ana@x.example"))
    url = reverse("events:order", args=[order.public_id])
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    assert client.post(reverse("events:order_pay", args=[order.public_id])).status_code == 404
    client.force_login(staff)
    page = client.get(url)
    assert page.status_code == 200 and "Pay for the tickets" not in page.content.decode()


# Session, user, event, ticket types, the viewer's member organizations, places taken by type,
# live offers by type, the viewer's waitlist entries, the organizations they run.
REGISTER_PAGE_QUERIES = 9
# Session, user, the order (with event, type, organization, buyer), its attendees, its invoice
# line, the viewer's organizations (the permission check).
ORDER_PAGE_QUERIES = 6


def test_the_register_page_keeps_its_queries_as_registrations_grow(
    event, general, client, user, django_assert_num_queries
):
    make_ticket_type(event, name="Member", kind=TicketKind.MEMBER, price_cents=65_000, quota=50)
    client.force_login(user)
    with django_assert_num_queries(REGISTER_PAGE_QUERIES):
        assert client.get(_url(event)).status_code == 200
    for _ in range(12):
        make_attendee(event, general)
    make_ticket_type(event, name="Student", kind=TicketKind.STUDENT, price_cents=15_000)
    with django_assert_num_queries(REGISTER_PAGE_QUERIES):
        assert client.get(_url(event)).status_code == 200


def test_the_order_page_keeps_its_queries_as_attendees_grow(
    event, general, client, user, django_assert_num_queries
):
    small = register(user, event, general, details("a@x.example"))
    large = register(user, event, general, details(*[f"p{n}@x.example" for n in range(8)]))
    client.force_login(user)
    with django_assert_num_queries(ORDER_PAGE_QUERIES):
        assert client.get(reverse("events:order", args=[small.public_id])).status_code == 200
    with django_assert_num_queries(ORDER_PAGE_QUERIES):
        assert client.get(reverse("events:order", args=[large.public_id])).status_code == 200
