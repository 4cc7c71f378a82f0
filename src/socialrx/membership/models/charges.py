"""What each membership invoice line is for: a year (first or renewal, with its plan and dates)
or an adjustment. The invoice itself is billing's; this is membership's side of the sale."""

import uuid

from django.db import models

from .memberships import Membership
from .plans import Plan


class ChargeKind(models.TextChoices):
    INITIAL = "initial", "First year"
    RENEWAL = "renewal", "Renewal"
    ADJUSTMENT = "adjustment", "Adjustment"


class MembershipCharge(models.Model):
    # The invoice line's sold object: billing's line keeps this id and kind.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="charges")
    invoice = models.ForeignKey("billing.Invoice", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=12, choices=ChargeKind.choices)
    plan = models.ForeignKey(
        Plan, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    period_starts_on = models.DateField(null=True, blank=True)
    period_ends_on = models.DateField(null=True, blank=True)
    # Set when billing voids the invoice: a voided renewal may be invoiced again.
    voided = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "period_starts_on"],
                condition=models.Q(kind="renewal", voided=False),
                name="one_renewal_invoice_per_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.membership.organization}"
