"""Billing's rows of the permission matrix: a buyer's purchases, statements, receipts and the
checkout; the staff's till; the invoice API. Organization A's membership invoice
(`world.invoice_a`, from membership's rows) is the invoice under test."""

from __future__ import annotations

from functools import cached_property

from django.utils import timezone

from socialrx.billing.models import Payment, Refund
from tests.permission_matrix_kit import (
    ADMIN_A,
    ALLOW,
    DONE,
    FORBIDDEN,
    NOT_FOUND,
    ORG_A_MANAGERS,
    ORG_A_MANAGERS_API,
    SIGNED_IN,
    SIGNED_IN_API,
    STAFF,
    STAFF_ONLY,
    STAFF_ONLY_ACTION,
    Case,
    World,
    api_cases,
    fixed,
    get,
    named,
    only,
    org_a,
    post_only,
    signed_in,
    status,
)


def _invoice_a(world: World) -> str:
    return str(world.invoice_a.public_id)


def _payment_a(world: World) -> str:
    return str(world.payment_a.public_id)


class BillingData:
    @cached_property
    def payment_a(self) -> Payment:
        """A check of $100 recorded on organization A's open invoice."""
        invoice = self.invoice_a
        payment = Payment.objects.create(
            invoice=invoice, amount_cents=10_000, method="check", reference="Check 77",
            received_on=timezone.localdate(),
        )  # fmt: skip
        invoice.paid_cents = 10_000
        invoice.save(update_fields=["paid_cents"])
        return payment


WORLD_DATA = BillingData

ROWS: dict[str, tuple[Case, ...]] = {
    "billing:mine": (get(named("billing:mine"), SIGNED_IN),),
    "billing:my_statement": (get(named("billing:my_statement"), SIGNED_IN),),
    # Without an item to buy the page explains it cannot sell anything (400), to anyone.
    "billing:checkout": (get(named("billing:checkout"), signed_in(status(400))),),
    "billing:invoice": (get(named("billing:invoice", _invoice_a), ORG_A_MANAGERS),),
    "billing:organization": (get(named("billing:organization", org_a), ORG_A_MANAGERS),),
    "billing:organization_statement": (
        get(named("billing:organization_statement", org_a), ORG_A_MANAGERS),
    ),
    "billing:receipt_pdf": (get(named("billing:receipt_pdf", _payment_a), ORG_A_MANAGERS),),
    "billing:staff_payments": (get(named("billing:staff_payments"), STAFF_ONLY),),
    "billing:staff_revenue": (get(named("billing:staff_revenue"), STAFF_ONLY),),
    "billing:staff_refund": post_only(
        named("billing:staff_refund", lambda world: (world.payment_a, _invoice_a(world))[1]),
        STAFF_ONLY_ACTION,
        data=lambda world: {"amount": "40.00", "method": "check", "reason": "Paid twice"},
        effect=lambda world: Refund.objects.exists(),
    ),
    "billing:staff_reverse_payment": post_only(
        named("billing:staff_reverse_payment", _payment_a),
        STAFF_ONLY_ACTION,
        data=lambda world: {"reason": "Recorded against the wrong invoice"},
        effect=lambda world: Payment.objects.filter(reversed_at__isnull=False).exists(),
    ),
    # Nothing waits for a decision: staff are told so (redirect), nothing changes.
    "billing:staff_seat_anyway": post_only(
        named("billing:staff_seat_anyway", _invoice_a),
        only(STAFF, grant=DONE, deny=FORBIDDEN),
    ),
    "GET /api/v1/billing/invoices/mine": api_cases(
        fixed("/api/v1/billing/invoices/mine"), SIGNED_IN_API
    ),
    "GET /api/v1/billing/organizations/<public_id>/invoices": api_cases(
        lambda world: f"/api/v1/billing/organizations/{world.org_a.public_id}/invoices",
        ORG_A_MANAGERS_API,
    ),
    "GET /api/v1/billing/invoices": api_cases(
        fixed("/api/v1/billing/invoices"),
        only(STAFF, grant=ALLOW, deny=FORBIDDEN) | {"visitor": status(401)},
    ),
}

__all__ = ["ADMIN_A", "NOT_FOUND"]
