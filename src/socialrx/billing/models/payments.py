"""Money in and out: payments, their reversals, refunds, credit notes and provider events."""

import uuid

from django.conf import settings
from django.db import models

from .invoices import Invoice, InvoiceLine


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
    # The provider's id of the charge, which a card refund names.
    provider_payment_id = models.CharField(max_length=255, blank=True)
    # A payment recorded in error is reversed, never deleted: the audit trail keeps it.
    reversed_at = models.DateTimeField(null=True, blank=True)
    reversed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reversal_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_cents__gt=0), name="billing_payment_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_method_display()} {self.amount_cents / 100:.2f} on {self.invoice}"

    @property
    def is_reversed(self) -> bool:
        return self.reversed_at is not None


class Refund(models.Model):
    """Money given back to the buyer, by card through the provider or by check."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="refunds")
    payment = models.ForeignKey(
        "Payment", null=True, blank=True, on_delete=models.PROTECT, related_name="refunds"
    )
    line = models.ForeignKey(
        InvoiceLine, null=True, blank=True, on_delete=models.PROTECT, related_name="refunds"
    )
    amount_cents = models.PositiveIntegerField()
    method = models.CharField(max_length=8, choices=PaymentMethod.choices)
    reason = models.TextField()
    provider_refund_id = models.CharField(max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_cents__gt=0), name="billing_refund_positive"
            )
        ]

    def __str__(self) -> str:
        return f"Refund {self.amount_cents / 100:.2f} on {self.invoice}"


class CreditNote(models.Model):
    """An amount the buyer no longer owes (or, on a paid invoice, a credit on their account)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="credit_notes")
    line = models.ForeignKey(
        InvoiceLine, null=True, blank=True, on_delete=models.PROTECT, related_name="credit_notes"
    )
    amount_cents = models.PositiveIntegerField()
    reason = models.TextField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

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
