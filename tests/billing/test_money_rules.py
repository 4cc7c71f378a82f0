"""What an invoice bills and holds after refunds, overpayments, late and mismatched card
payments, and a check recorded on an expired card checkout. Values written out by hand:
$450.00 a seat, two seats, the clock at 2031-03-10 15:00 UTC."""

from __future__ import annotations

import smtplib
from datetime import date, timedelta

import pytest
from django.core.mail import EmailMultiAlternatives

from socialrx.billing.models import Invoice, Payment, Refund
from socialrx.billing.selectors import statement_of
from socialrx.billing.services import payments, refunds
from socialrx.billing.services.invoices import void_invoice
from socialrx.core.errors import DomainError
from socialrx.core.models import FailedEmail

from .test_sample_kind_sold_end_to_end import buy, pay_by_webhook, refresh
from .webhook_signing import checkout_completed, stripe_signature

pytestmark = pytest.mark.integration


def paid_two_seats(client, user, sample_kind, event_id="evt_rules_1") -> Invoice:
    invoice = buy(user, sample_kind.add(places=5), 2, "card")
    assert pay_by_webhook(client, invoice, event_id, 90_000).json()["outcome"] == "recorded"
    invoice.refresh_from_db()
    return invoice


def test_a_refunded_seat_is_no_longer_billed_and_the_statement_balances(
    client, user, staff, sample_kind, card, clock
):
    invoice = paid_two_seats(client, user, sample_kind)

    refunds.refund(
        actor=staff, invoice=invoice, amount_cents=45_000, reason="Cannot attend", method="card"
    )

    refresh(invoice)
    assert (invoice.status, invoice.owed_cents, invoice.net_paid_cents) == ("paid", 45_000, 45_000)
    assert (invoice.balance_cents, invoice.overpaid_cents) == (0, 0)
    statement = statement_of(user)
    assert [(e.description, e.charge_cents, e.credit_cents) for e in statement.entries] == [
        (f"Invoice {invoice.number}", 90_000, 0),
        (f"Payment by Card — {invoice.number}", 0, 90_000),
        (f"Refunded purchase — {invoice.number}", 0, 45_000),
        (f"Refund paid by Card — {invoice.number}", 45_000, 0),
    ]
    assert [e.balance_cents for e in statement.entries] == [
        90_000,
        0,
        -45_000,
        0,
    ]
    assert statement.balance_cents == 0
    # The refund went to Stripe keyed by the refund's own id, so a retry is the same refund.
    [refund] = Refund.objects.all()
    assert card.requests[-1]["headers"]["Idempotency-Key"] == str(refund.public_id)


def test_an_overpayment_is_given_back_without_un_selling_anything(
    client, user, staff, sample_kind, card, clock
):
    invoice = paid_two_seats(client, user, sample_kind)
    # The buyer paid the same invoice twice, in two browser tabs.
    assert pay_by_webhook(client, invoice, "evt_rules_2", 90_000).json()["outcome"] == "recorded"
    refresh(invoice)
    assert invoice.overpaid_cents == 90_000

    refunds.refund(
        actor=staff, invoice=invoice, amount_cents=90_000, reason="Paid twice", method="card"
    )

    refresh(invoice)
    assert (invoice.overpaid_cents, invoice.balance_cents, invoice.owed_cents) == (0, 0, 90_000)
    assert sample_kind.refunded == []
    assert invoice.lines.get().refunded_cents == 0
    assert invoice.holds.get().status == "sold"


def test_a_deposit_on_an_undelivered_invoice_can_be_given_back(user, staff, sample_kind, clock):
    invoice = buy(user, sample_kind.add(places=5), 2, "invoice")
    payments.record_manual_payment(
        actor=staff, invoice=invoice, amount_cents=10_000, method="check", reference="Deposit",
        received_on=date(2031, 3, 10),
    )  # fmt: skip

    refunds.refund(
        actor=staff, invoice=invoice, amount_cents=10_000, reason="Cancelled", method="check"
    )

    refresh(invoice)
    assert (invoice.status, invoice.net_paid_cents, invoice.balance_cents) == ("open", 0, 90_000)
    assert sample_kind.refunded == []
    void_invoice(actor=staff, invoice=invoice, reason="Cancelled by the buyer")
    assert sample_kind.voided == [invoice.lines.get().pk]


def test_a_check_on_a_card_checkout_whose_hold_ran_out_is_refused(
    user, staff, sample_kind, card, clock
):
    invoice = buy(user, sample_kind.add(places=5), 2, "card")
    clock.shift(timedelta(minutes=31))

    with pytest.raises(DomainError) as refused:
        payments.record_manual_payment(
            actor=staff, invoice=invoice, amount_cents=90_000, method="check", reference="C 9",
            received_on=date(2031, 3, 10),
        )  # fmt: skip

    assert refused.value.message == (
        f"The card checkout of {invoice.number} ran out of time and its places were released; "
        "the invoice is being voided. Ask the buyer to check out again."
    )
    assert Payment.objects.count() == 0


def test_a_card_payment_after_staff_voided_the_invoice_is_kept_and_queued(
    client, user, staff, sample_kind, card, clock
):
    invoice = buy(user, sample_kind.add(places=5), 2, "card")
    void_invoice(actor=staff, invoice=invoice, reason="Duplicate order")

    outcome = pay_by_webhook(client, invoice, "evt_rules_3", 90_000).json()["outcome"]

    refresh(invoice)
    assert outcome == "recorded late: waiting for staff"
    assert (invoice.status, invoice.paid_cents) == ("void", 90_000)
    assert invoice.attention == "Paid by card after it was voided."
    assert sample_kind.paid == []


def test_a_card_payment_in_another_currency_is_flagged_for_staff(
    client, user, sample_kind, card, clock
):
    invoice = buy(user, sample_kind.add(places=5), 2, "card")
    payload = checkout_completed(event_id="evt_rules_4", invoice=invoice, amount_cents=90_000)
    payload = payload.replace(b'"currency": "usd"', b'"currency": "eur"')

    response = client.post(
        "/webhooks/stripe/",
        payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=stripe_signature(payload, "whsec_sample_kind_end_to_end"),
    )

    refresh(invoice)
    assert response.json()["outcome"] == "amount mismatch"
    assert invoice.attention == (
        "A card payment of 900.00 EUR (event evt_rules_4) does not match the invoice: check it "
        "at the provider."
    )
    assert (invoice.status, Payment.objects.count()) == ("open", 0)


def test_an_invoice_email_the_server_refuses_is_recorded_for_staff(
    user, sample_kind, clock, monkeypatch, django_capture_on_commit_callbacks
):
    def refuse(message, fail_silently=False):
        raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"No such mailbox")})

    monkeypatch.setattr(EmailMultiAlternatives, "send", refuse)

    with django_capture_on_commit_callbacks(execute=True):
        invoice = buy(user, sample_kind.add(places=5), 2, "invoice")

    failed = FailedEmail.objects.get()
    assert failed.recipients == "dana.whitfield@example-health.org"
    assert failed.subject == f"SocialRx invoice {invoice.number} ($900.00, due Apr 9, 2031)"
    assert failed.template == "billing/email/invoice"
    assert failed.reason.startswith("SMTPRecipientsRefused")
