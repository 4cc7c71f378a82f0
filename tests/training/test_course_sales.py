"""An online course sold through billing to a person who is not a member ("training.course"):
quotes and refusals, a purchase paid by invoice and check that enrols the buyer, and access
taken back (progress kept) when the invoice is voided or the line fully refunded."""

from __future__ import annotations

import pytest
from django.urls import reverse

from socialrx.billing.models import InvoiceStatus
from socialrx.billing.sellables import kind
from socialrx.billing.services import payments, refunds
from socialrx.billing.services.checkout import Item, checkout, price
from socialrx.billing.services.invoices import void_invoice
from socialrx.core.calendar import center_today
from socialrx.core.errors import DomainError
from socialrx.core.models import AuditEvent
from socialrx.core.permissions import allowed
from socialrx.training.models import Access, CourseStatus, Enrolment, LessonCompletion
from tests.factories import UserFactory
from tests.training.catalog_factories import enrol_with_progress
from tests.training.factories import make_course, member_org

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

CODE = "training.course"


@pytest.fixture
def course():
    return make_course(title="X for physicians", slug="x-for-physicians", price_cents=19_900)


@pytest.fixture
def buyer():
    return UserFactory(full_name="Dana Whitfield")


def buy(buyer, course, *, quantity: int = 1):
    return checkout(
        actor=buyer,
        buyer=buyer,
        items=[Item(CODE, course.public_id, quantity)],
        pay_by="invoice",
        billing_name="Dana Whitfield",
        billing_email="dana@example-health.org",
    )


def pay(invoice, staff, amount_cents: int = 19_900):
    return payments.record_manual_payment(
        actor=staff,
        invoice=invoice,
        amount_cents=amount_cents,
        method="check",
        reference=f"Check {invoice.number}",
        received_on=center_today(),
    )


def fresh(user):
    """The person as a new request sees them (per-request permission facts forgotten)."""
    return type(user).objects.get(pk=user.pk)


# --- quotes -----------------------------------------------------------------------------------


def test_the_kind_is_declared_for_one_learner_at_a_time():
    sellable = kind(CODE)
    assert (sellable.label, sellable.max_quantity, sellable.buyable) == ("Online course", 1, True)


def test_a_non_member_is_quoted_the_list_price_without_discount(buyer, course):
    [line] = price(buyer, [Item(CODE, course.public_id, 1)])

    assert line.quote.description == "Online course: X for physicians"
    assert (line.quote.unit_price_cents, line.quote.quantity) == (19_900, 1)
    assert (line.quote.discount_cents, line.quote.amount_cents) == (0, 19_900)


def test_an_unpriced_draft_archived_or_unknown_course_is_not_for_sale(buyer, course):
    members_only = make_course(title="Podcasting for your practice", slug="podcasting")
    draft = make_course(title="Draft course", slug="draft", price_cents=5_000, published=False)
    archived = make_course(title="Old course", slug="old", price_cents=5_000)
    archived.status = CourseStatus.ARCHIVED
    archived.save()
    for sold in (members_only.public_id, draft.public_id, archived.public_id, buyer.public_id):
        with pytest.raises(DomainError, match="This course is not for sale."):
            price(buyer, [Item(CODE, sold, 1)])


def test_an_organization_does_not_buy_a_course(org_a, course):
    organization, admin, _ = org_a
    with pytest.raises(DomainError, match="Courses are bought per learner"):
        checkout(
            actor=admin,
            buyer=organization,
            items=[Item(CODE, course.public_id, 1)],
            pay_by="invoice",
            billing_name="AP",
            billing_email="ap@example-health.org",
        )


def test_one_learner_per_purchase(buyer, course):
    with pytest.raises(DomainError, match="Choose a quantity from 1 to 1."):
        buy(buyer, course, quantity=2)


def test_members_take_it_free_so_they_are_not_sold_it(course):
    member = member_org(name="Lakeview Health")[2]
    with pytest.raises(DomainError, match="Members of the network take this course free"):
        buy(member, course)


def test_a_buyer_already_enrolled_with_access_is_not_sold_it_again(buyer, staff, course):
    enrol_with_progress(course, buyer, access=Access.PURCHASED)
    with pytest.raises(DomainError, match="You are already enrolled in this course."):
        buy(buyer, course)


# --- bought, paid, taken back -----------------------------------------------------------------


def test_paying_the_invoice_enrols_the_buyer_with_purchased_access_once(
    client, buyer, staff, course
):
    invoice = buy(buyer, course)
    assert (invoice.total_cents, invoice.person, invoice.status) == (19_900, buyer, "open")
    assert Enrolment.objects.count() == 0
    assert not allowed(fresh(buyer), "training.study_course", course)

    pay(invoice, staff)

    enrolment = Enrolment.objects.get()
    assert (enrolment.person, enrolment.course, enrolment.access) == (buyer, course, "purchased")
    assert (enrolment.lessons_done, enrolment.lessons_total) == (0, 3)
    assert allowed(fresh(buyer), "training.study_course", course)
    event = AuditEvent.objects.get(action="training.enrolment.purchased")
    assert event.after == {"access": "purchased", "invoice": invoice.number}
    # Billing tells the kind once; telling it again changes nothing.
    kind(CODE).on_paid(invoice.lines.get())
    assert Enrolment.objects.count() == 1
    assert AuditEvent.objects.filter(action="training.enrolment.purchased").count() == 1
    # The course page now offers to continue, not to buy.
    client.force_login(buyer)
    page = client.get(reverse("training:course", args=["x-for-physicians"])).content.decode()
    assert "Start the first lesson" in page
    assert "Buy this course" not in page


def test_a_lapsed_members_enrolment_is_upgraded_and_keeps_its_progress(buyer, staff, course):
    earlier = enrol_with_progress(course, buyer, done=2, access=Access.MEMBER)

    pay(buy(buyer, course), staff)

    earlier.refresh_from_db()
    assert (earlier.access, earlier.lessons_done) == ("purchased", 2)
    assert LessonCompletion.objects.filter(enrolment=earlier).count() == 2
    assert Enrolment.objects.count() == 1


def test_a_full_refund_takes_access_back_but_keeps_the_progress(buyer, staff, course):
    invoice = buy(buyer, course)
    pay(invoice, staff)
    enrolment = Enrolment.objects.get()
    first_lesson = course.published_version.modules.get(position=1).lessons.get(position=1)
    LessonCompletion.objects.create(enrolment=enrolment, lesson_key=first_lesson.key)

    refunds.refund(
        actor=staff, invoice=invoice, amount_cents=10_000, reason="Partial", method="check"
    )
    enrolment.refresh_from_db()
    assert enrolment.access == "purchased"  # a partial refund changes nothing

    refunds.refund(
        actor=staff, invoice=invoice, amount_cents=9_900, reason="Changed mind", method="check"
    )

    enrolment.refresh_from_db()
    assert enrolment.access == "member"
    assert LessonCompletion.objects.filter(enrolment=enrolment).count() == 1
    assert not allowed(fresh(buyer), "training.study_course", course)
    event = AuditEvent.objects.get(action="training.enrolment.purchase_revoked")
    assert event.before == {"access": "purchased"}
    assert event.after == {"access": "member", "reason": "Refunded", "invoice": invoice.number}


def test_a_bounced_check_then_a_void_takes_access_back(buyer, staff, course):
    invoice = buy(buyer, course)
    payment = pay(invoice, staff)
    payments.reverse_payment(actor=staff, payment=payment, reason="Check bounced")

    void_invoice(actor=staff, invoice=invoice, reason="Unpaid")

    enrolment = Enrolment.objects.get()
    assert enrolment.access == "member"
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.VOID
    # Bought again: access is back on the same enrolment.
    pay(buy(buyer, course), staff)
    enrolment.refresh_from_db()
    assert enrolment.access == "purchased"


def test_voiding_an_unpaid_second_order_keeps_the_paid_purchase(buyer, staff, course):
    first, second = buy(buyer, course), buy(buyer, course)
    pay(first, staff)

    void_invoice(actor=staff, invoice=second, reason="Ordered twice")

    assert Enrolment.objects.get().access == "purchased"
    assert not AuditEvent.objects.filter(action="training.enrolment.purchase_revoked").exists()


def test_a_faculty_enrolment_is_never_downgraded(buyer, staff, course):
    invoice = buy(buyer, course)
    pay(invoice, staff)
    Enrolment.objects.update(access=Access.STAFF)

    refunds.refund(actor=staff, invoice=invoice, amount_cents=19_900, reason="x", method="check")

    assert Enrolment.objects.get().access == "staff"


def test_the_course_page_sends_a_signed_in_non_member_to_the_checkout(client, buyer, course):
    client.force_login(buyer)

    page = client.get(reverse("training:course", args=["x-for-physicians"])).content.decode()

    checkout_url = (
        f"/billing/checkout/?kind=training.course&amp;item={course.public_id}&amp;quantity=1"
    )
    assert f'href="{checkout_url}">Buy this course $199.00</a>' in page
    response = client.get(
        reverse("billing:checkout"),
        {"kind": CODE, "item": str(course.public_id), "quantity": "1"},
    )
    assert response.status_code == 200
    assert "Online course: X for physicians" in response.content.decode()


def test_the_checkout_page_explains_a_course_that_is_not_for_sale(client, buyer):
    members_only = make_course(title="Podcasting for your practice", slug="podcasting")
    client.force_login(buyer)

    response = client.get(
        reverse("billing:checkout"),
        {"kind": CODE, "item": str(members_only.public_id), "quantity": "1"},
    )

    assert response.status_code == 400
    assert "This course is not for sale." in response.content.decode()
