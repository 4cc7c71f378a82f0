"""Invoices with gapless yearly numbers, their lines, payments and credit notes."""

import uuid

from django.conf import settings
from django.db import models

from socialrx.organizations.models import Organization

from .memberships import Membership
from .plans import Plan


class InvoiceSequence(models.Model):
    """The last invoice number used in a year; locked row by row so numbers never repeat or
    skip, even when many invoices are issued at once."""

    year = models.PositiveIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


class InvoiceKind(models.TextChoices):
    INITIAL = "initial", "First year"
    RENEWAL = "renewal", "Renewal"
    ADJUSTMENT = "adjustment", "Adjustment"


class InvoiceStatus(models.TextChoices):
    OPEN = "open", "Open"
    PAID = "paid", "Paid"
    VOID = "void", "Void"


class Invoice(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    number = models.CharField(max_length=20, unique=True)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="invoices"
    )
    membership = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.PROTECT, related_name="invoices"
    )
    plan = models.ForeignKey(
        Plan, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=12, choices=InvoiceKind.choices)
    status = models.CharField(
        max_length=6, choices=InvoiceStatus.choices, default=InvoiceStatus.OPEN
    )
    issued_on = models.DateField()
    due_on = models.DateField()
    currency = models.CharField(max_length=3, default="USD")
    total_cents = models.PositiveIntegerField()
    paid_cents = models.PositiveIntegerField(default=0)
    billing_name = models.CharField(max_length=150)
    billing_email = models.EmailField()
    po_number = models.CharField(max_length=60, blank=True)
    period_starts_on = models.DateField(null=True, blank=True)
    period_ends_on = models.DateField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    void_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-issued_on", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "period_starts_on"],
                condition=models.Q(kind="renewal") & ~models.Q(status="void"),
                name="one_renewal_invoice_per_period",
            ),
            models.CheckConstraint(
                condition=models.Q(total_cents__gte=0), name="invoice_total_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def balance_cents(self) -> int:
        return max(self.total_cents - self.paid_cents, 0)

    @property
    def overpaid_cents(self) -> int:
        return max(self.paid_cents - self.total_cents, 0)

    def is_overdue(self, today) -> bool:
        return self.status == InvoiceStatus.OPEN and today > self.due_on


class InvoiceLine(models.Model):
    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    description = models.CharField(max_length=255)
    quantity = models.PositiveIntegerField(default=1)
    unit_price_cents = models.IntegerField()
    amount_cents = models.IntegerField()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.description


class PaymentMethod(models.TextChoices):
    CHECK = "check", "Check"
    ACH = "ach", "ACH transfer"
    CARD = "card", "Card"


class Payment(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="payments")
    amount_cents = models.PositiveIntegerField()
    method = models.CharField(max_length=8, choices=PaymentMethod.choices)
    reference = models.CharField(max_length=120, blank=True, help_text="Check number, ACH trace…")
    received_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    provider_event_id = models.CharField(max_length=255, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount_cents__gt=0), name="payment_positive")
        ]

    def __str__(self) -> str:
        return f"{self.get_method_display()} {self.amount_cents / 100:.2f} on {self.invoice}"


class CreditNote(models.Model):
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="credit_notes")
    amount_cents = models.PositiveIntegerField()
    reason = models.TextField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Credit {self.amount_cents / 100:.2f} on {self.invoice}"


class ProviderEvent(models.Model):
    """Every payment-provider webhook event seen, keyed by its id: a replay finds the row and
    does nothing, a concurrent duplicate loses on the unique key."""

    provider = models.CharField(max_length=20)
    event_id = models.CharField(max_length=255, unique=True)
    event_type = models.CharField(max_length=80)
    invoice = models.ForeignKey(Invoice, null=True, blank=True, on_delete=models.SET_NULL)
    outcome = models.CharField(max_length=120)
    received_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.provider} {self.event_id}"
