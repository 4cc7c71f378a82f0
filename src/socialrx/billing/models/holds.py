"""Places held for a buyer while their payment is pending."""

import uuid

from django.db import models

from .invoices import Invoice, InvoiceLine


class HoldStatus(models.TextChoices):
    HELD = "held", "Held until payment"  # card checkout: expires
    RESERVED = "reserved", "Reserved, awaiting invoice payment"  # by invoice: does not expire
    SOLD = "sold", "Sold"
    RELEASED = "released", "Released"  # voided, refunded or expired


class Hold(models.Model):
    """Units of a capacity-limited kind (seats, tickets) taken by one invoice line. Units taken
    are counted from these rows under a lock on the sold object, so capacity is never
    exceeded; a periodic task releases held units whose time ran out."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="holds")
    line = models.OneToOneField(InvoiceLine, on_delete=models.CASCADE, related_name="hold")
    kind = models.CharField(max_length=60)
    sold_public_id = models.UUIDField()
    quantity = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=HoldStatus.choices)
    expires_at = models.DateTimeField(null=True, blank=True)
    released_reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            models.Index(fields=["kind", "sold_public_id", "status"], name="billing_hold_taken"),
            models.Index(fields=["status", "expires_at"], name="billing_hold_expiry"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.kind} for {self.invoice}"
