"""Invoices: one kind of invoice for everything the center sells, to an organization or to a
person, numbered INV-<year>-<5 digits> without gaps within a year."""

import uuid

from django.conf import settings
from django.db import models

from socialrx.organizations.models import Organization


class InvoiceSequence(models.Model):
    """The last invoice number used in a year; locked row by row so numbers never repeat or
    skip, even when many invoices are issued at once."""

    year = models.PositiveIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


class InvoiceStatus(models.TextChoices):
    OPEN = "open", "Open"
    PAID = "paid", "Paid"
    VOID = "void", "Void"


class PaymentRoute(models.TextChoices):
    """How the buyer chose to pay when the invoice was issued."""

    INVOICE = "invoice", "By invoice (check or ACH)"
    CARD = "card", "By card"
    FREE = "free", "Nothing to pay"


class Invoice(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    number = models.CharField(max_length=20, unique=True)
    # The buyer: an organization, or a person who buys in their own name (never both).
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="invoices"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="invoices",
    )
    status = models.CharField(
        max_length=6, choices=InvoiceStatus.choices, default=InvoiceStatus.OPEN
    )
    route = models.CharField(
        max_length=8, choices=PaymentRoute.choices, default=PaymentRoute.INVOICE
    )
    issued_on = models.DateField()
    due_on = models.DateField()
    currency = models.CharField(max_length=3, default="USD")
    total_cents = models.PositiveIntegerField()
    paid_cents = models.PositiveIntegerField(default=0)
    # Money given back (card refunds) and amounts forgiven (credit notes).
    refunded_cents = models.PositiveIntegerField(default=0)
    credited_cents = models.PositiveIntegerField(default=0)
    # Of the money refunded, what was refunded for lines (un-sold): the invoice bills that much
    # less. The rest of `refunded_cents` gave back an overpayment.
    unsold_cents = models.PositiveIntegerField(default=0)
    billing_name = models.CharField(max_length=150)
    billing_email = models.EmailField()
    po_number = models.CharField("purchase order number", max_length=60, blank=True)
    tax_exempt_note = models.CharField(
        max_length=200, blank=True, help_text="For example: 501(c)(3), exemption certificate no."
    )
    paid_at = models.DateTimeField(null=True, blank=True)
    # Set once, when the selling apps were told the invoice is paid: the guard of "exactly once".
    fulfilled_at = models.DateTimeField(null=True, blank=True)
    # Why the invoice waits in the staff queue (a payment arrived after its hold expired).
    attention = models.CharField(max_length=200, blank=True)
    void_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-issued_on", "-number"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(total_cents__gte=0), name="billing_invoice_total_not_negative"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(organization__isnull=False, person__isnull=True)
                    | models.Q(organization__isnull=True, person__isnull=False)
                ),
                name="billing_invoice_has_one_buyer",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_on"], name="billing_inv_status_due")]

    def __str__(self) -> str:
        return self.number

    @property
    def buyer(self):
        return self.organization or self.person

    @property
    def owed_cents(self) -> int:
        """What the invoice bills: the total less credit notes and refunded lines (nothing once
        void)."""
        if self.status == InvoiceStatus.VOID:
            return 0
        return max(self.total_cents - self.credited_cents - self.unsold_cents, 0)

    @property
    def paid_on(self):
        """The day the money that settled it arrived (the last payment received), not the day
        it was recorded; None while unpaid. Uses the prefetched payments when there are."""
        if self.status != InvoiceStatus.PAID:
            return None
        days = [p.received_on for p in self.payments.all() if p.reversed_at is None]
        return max(days) if days else (self.paid_at.date() if self.paid_at else None)

    @property
    def net_paid_cents(self) -> int:
        return self.paid_cents - self.refunded_cents

    @property
    def balance_cents(self) -> int:
        if self.status == InvoiceStatus.VOID:
            return 0
        return max(self.owed_cents - self.net_paid_cents, 0)

    @property
    def overpaid_cents(self) -> int:
        return max(self.net_paid_cents - self.owed_cents, 0)


class InvoiceLine(models.Model):
    """One thing sold, as it was sold: the kind and the sold object's public id tell the selling
    app what to fulfil; the description, prices and discount keep the invoice readable years
    later, after prices and names change."""

    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    kind = models.CharField(max_length=60, blank=True)
    sold_public_id = models.UUIDField(null=True, blank=True)
    description = models.CharField(max_length=255)
    quantity = models.PositiveIntegerField(default=1)
    unit_price_cents = models.IntegerField()
    discount_cents = models.PositiveIntegerField(default=0)
    discount_reason = models.CharField(max_length=200, blank=True)
    amount_cents = models.IntegerField()
    refunded_cents = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["kind", "sold_public_id"], name="billing_line_sold")]

    def __str__(self) -> str:
        return self.description

    @property
    def kind_label(self) -> str:
        """What was sold, as the selling app names it ("Membership year")."""
        from ..sellables import label_of  # noqa: PLC0415 - the registry imports apps' kinds

        return label_of(self.kind)

    @property
    def refundable_cents(self) -> int:
        return self.amount_cents - self.refunded_cents
