"""The boot camp's public page, registering (oneself, colleagues), the waitlist, the claim link
and cancelling a seat, through the pages."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from socialrx.billing.models import Invoice
from socialrx.training.models import Booking, Registration, WaitlistEntry
from socialrx.training.services.boot_camp_registration import book, cancel_registration
from socialrx.training.services.waitlist import join_waitlist
from tests.factories import SeatFactory, UserFactory
from tests.training.factories import make_boot_camp, member_org

pytestmark = pytest.mark.integration


@pytest.fixture
def camp(db):
    return make_boot_camp(capacity=3)


def _page(client, camp):
    return client.get(reverse("training:boot_camp", args=[camp.slug]))


def test_a_visitor_sees_the_schedule_in_the_center_zone_price_and_seats(client, camp):
    response = _page(client, camp)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Social media boot camp for hospital communicators</h1>" in html
    assert "Times are in the center's time zone, America/Chicago." in html
    assert "9:00 AM</time> to <time" in html and ("5:00 PM CST" in html or "5:00 PM CDT" in html)
    assert "$1,200.00 a seat" in html
    assert "3 of 3" in html
    assert "Sign in to register" in html
    assert '<h2 id="about-title">About this boot camp</h2>' in html
    assert reverse("training:boot_camp_ics", args=[camp.slug]) in html


def test_a_member_sees_their_member_price_with_its_reason(client, camp):
    _, admin, member = member_org()
    client.force_login(member)
    html = _page(client, camp).content.decode()
    assert "Your price: $960.00" in html
    assert "Member price, Medical Center plan (20% off)" in html
    assert "Register myself" in html
    client.force_login(admin)
    assert (
        "Register people of Riverside Regional Medical Center"
        in _page(client, camp).content.decode()
    )


def test_a_full_boot_camp_offers_the_waitlist(client, camp, user):
    for _ in range(3):
        person = UserFactory()
        book(person, camp, [person])
    client.force_login(user)
    html = _page(client, camp).content.decode()
    assert "Join the waitlist" in html and "Register myself" not in html

    response = client.post(reverse("training:waitlist_join", args=[camp.slug]))
    assert response.status_code == 302
    assert WaitlistEntry.objects.get().person == user
    again = client.post(reverse("training:waitlist_join", args=[camp.slug]), follow=True)
    assert "You are already on the waitlist." in again.content.decode()
    assert client.get(reverse("training:waitlist_join", args=[camp.slug])).status_code == 405


def test_drafts_are_hidden_from_all_but_staff(client, user, staff):
    draft = make_boot_camp(status="draft")
    client.force_login(user)
    assert _page(client, draft).status_code == 404
    client.force_login(staff)
    assert _page(client, draft).status_code == 200
    assert client.get(reverse("training:boot_camp", args=["no-such-camp"])).status_code == 404


def test_registering_oneself_goes_to_billing_checkout(client, camp, user):
    client.force_login(user)
    response = client.post(reverse("training:boot_camp_register", args=[camp.slug]))

    booking = Booking.objects.get()
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == reverse("billing:checkout")
    assert parse_qs(location.query) == {
        "kind": ["training.seat"],
        "item": [str(booking.public_id)],
        "quantity": ["1"],
        "buyer": ["me"],
    }
    checkout = client.get(response["Location"])
    assert checkout.status_code == 200
    assert "$1,200.00" in checkout.content.decode()
    paid = client.post(
        response["Location"],
        {
            "kind": "training.seat",
            "item": str(booking.public_id),
            "quantity": "1",
            "buyer": "me",
            "reviewed_total": "120000",
            "pay_by": "invoice",
            "billing_name": "Pat Person",
            "billing_email": user.email,
        },
    )
    assert paid.status_code == 302, paid.content.decode()[:2000]
    assert Invoice.objects.get().lines.get().sold_public_id == booking.public_id

    twice = client.post(reverse("training:boot_camp_register", args=[camp.slug]))
    assert twice.status_code == 400
    assert f"{user.full_name} is already registered." in twice.content.decode()
    assert Booking.objects.count() == 1


def test_an_org_admin_registers_colleagues_for_the_org(client, camp):
    organization, admin, member = member_org()
    colleague = SeatFactory(organization=organization).user
    client.force_login(admin)
    url = reverse("training:boot_camp_register", args=[camp.slug])
    page = client.get(url, {"for": str(organization.public_id)})
    assert page.status_code == 200
    assert member.email in page.content.decode() and colleague.email in page.content.decode()

    response = client.post(
        url,
        {
            "for": str(organization.public_id),
            "attendees": [member.pk, colleague.pk],
            "buyer": "org",
        },
    )

    assert response.status_code == 302
    query = parse_qs(urlsplit(response["Location"]).query)
    assert query["quantity"] == ["2"] and query["buyer"] == [str(organization.public_id)]
    booking = Booking.objects.get()
    assert booking.organization == organization
    assert set(booking.registrations.values_list("person", flat=True)) == {member.pk, colleague.pk}


def test_bad_register_input_is_a_clear_answer(client, camp, org_b):
    organization, admin, member = member_org()
    client.force_login(admin)
    url = reverse("training:boot_camp_register", args=[camp.slug])
    assert client.get(url, {"for": "not-a-uuid"}).status_code == 404
    assert client.get(url, {"for": str(org_b[0].public_id)}).status_code == 404
    outsider = UserFactory()
    response = client.post(
        url, {"for": str(organization.public_id), "attendees": [outsider.pk], "buyer": "org"}
    )
    assert response.status_code == 400
    assert "is not one of the available choices" in response.content.decode()
    empty = client.post(url, {"for": str(organization.public_id), "buyer": "org"})
    assert empty.status_code == 400
    assert Booking.objects.count() == 0
    client.logout()
    assert client.get(url).status_code == 302


def test_the_claim_link_answers_clearly_and_books_on_post(client, user):
    camp = make_boot_camp(capacity=1)
    holder = UserFactory()
    booking = book(holder, camp, [holder])
    join_waitlist(user, camp)
    cancel_registration(holder, booking.registrations.get())
    entry = WaitlistEntry.objects.get(person=user)
    client.force_login(user)

    forged = client.get(reverse("training:waitlist_claim", args=[entry.public_id, "forged"]))
    assert forged.status_code == 400
    assert "This claim link is not valid." in forged.content.decode()
    assert (
        client.post(
            reverse("training:waitlist_claim", args=[entry.public_id, "forged"])
        ).status_code
        == 400
    )
    entry.refresh_from_db()
    assert entry.status == "offered"
    url = reverse("training:waitlist_claim", args=[entry.public_id, entry.claim_token])
    assert "Claim my seat" in client.get(url).content.decode()

    response = client.post(url)

    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == reverse("billing:checkout")
    assert Registration.objects.get(person=user).status == "pending"


def test_cancelling_from_the_page(client, camp, user):
    booking = book(user, camp, [user])
    registration = booking.registrations.get()
    url = reverse("training:registration_cancel", args=[registration.public_id])
    client.force_login(UserFactory())
    assert client.post(url).status_code == 404
    client.force_login(user)
    assert client.get(url).status_code == 405
    page = _page(client, camp).content.decode()
    assert "Cancel the seat of" in page
    assert "You are registered." in page and "Register myself" not in page

    response = client.post(url, follow=True)

    assert "is cancelled." in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == "cancelled"
    again = client.post(url, follow=True)
    assert "This registration is already cancelled." in again.content.decode()
