"""Applications, memberships and their yearly periods."""

import uuid
from datetime import date, timedelta

from django.conf import settings
from django.db import models

from socialrx.core.calendar import center_today  # noqa: F401 - re-exported for membership
from socialrx.organizations.models import Organization

from .plans import Plan

GRACE_DAYS = 30


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", "Waiting for review"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"


class MembershipApplication(models.Model):
    """An org admin's request to join the network on the plan its size falls into."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="membership_applications"
    )
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="+")
    quoted_price_cents = models.PositiveIntegerField()
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    billing_contact_name = models.CharField(max_length=150)
    billing_email = models.EmailField()
    po_number = models.CharField("purchase order number", max_length=60, blank=True)
    # Printed on its invoices (most hospitals are tax-exempt); no tax is ever computed.
    tax_exempt_note = models.CharField("tax exemption", max_length=200, blank=True)
    agreed_to_terms_at = models.DateTimeField()
    status = models.CharField(
        max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization"],
                condition=models.Q(status="pending"),
                name="one_pending_application_per_org",
            )
        ]

    def __str__(self) -> str:
        return f"Application of {self.organization} for {self.plan.name}"


class MembershipStatus(models.TextChoices):
    AWAITING_PAYMENT = "awaiting_payment", "Awaiting first payment"
    ACTIVE = "active", "Active"
    GRACE = "grace", "In grace period"
    LAPSED = "lapsed", "Lapsed"
    CANCELLED = "cancelled", "Cancelled"


class Membership(models.Model):
    """An organization's membership of the network. One per organization; each paid (or
    purchase-order, or complimentary) year adds a period. Lapsing keeps every record."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="membership"
    )
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="memberships")
    status = models.CharField(
        max_length=20, choices=MembershipStatus.choices, default=MembershipStatus.AWAITING_PAYMENT
    )
    billing_contact_name = models.CharField(max_length=150, blank=True)
    billing_email = models.EmailField(blank=True)
    po_number = models.CharField("purchase order number", max_length=60, blank=True)
    # Printed on its invoices (most hospitals are tax-exempt); no tax is ever computed.
    tax_exempt_note = models.CharField("tax exemption", max_length=200, blank=True)
    complimentary = models.BooleanField(default=False)
    # The unbroken run of paid periods: from its first day to the last day of its latest period.
    covered_from = models.DateField(null=True, blank=True)
    covered_until = models.DateField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organization__name"]

    def __str__(self) -> str:
        return f"Membership of {self.organization}"

    def grace_ends(self) -> date | None:
        if self.covered_until is None:
            return None
        return self.covered_until + timedelta(days=GRACE_DAYS)

    def has_benefits_on(self, day: date) -> bool:
        """Benefits run from the first covered day to the end of the grace period, while the
        membership is active (a re-application awaiting payment, a cancelled or lapsed
        membership has none, whatever its old dates say)."""
        if self.status not in BENEFIT_STATUSES or self.covered_from is None:
            return False
        return self.covered_from <= day <= self.grace_ends()


BENEFIT_STATUSES = {MembershipStatus.ACTIVE, MembershipStatus.GRACE}


class PeriodSource(models.TextChoices):
    PAYMENT = "payment", "Paid invoice"
    PURCHASE_ORDER = "purchase_order", "Activated on purchase order"
    COMPLIMENTARY = "complimentary", "Complimentary"


class MembershipPeriod(models.Model):
    """One membership year at the price it was sold for; later plan changes never touch it."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="periods")
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="+")
    starts_on = models.DateField()
    ends_on = models.DateField()
    price_cents = models.PositiveIntegerField()
    currency = models.CharField(max_length=3, default="USD")
    source = models.CharField(max_length=20, choices=PeriodSource.choices)
    invoice = models.ForeignKey(
        "billing.Invoice", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["membership", "starts_on"], name="one_period_per_start")
        ]

    def __str__(self) -> str:
        return f"{self.membership.organization}: {self.starts_on} to {self.ends_on}"


class RenewalReminder(models.Model):
    """A sent reminder; the unique key makes the daily task safe to run twice."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="reminders")
    period_ends_on = models.DateField()
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "period_ends_on", "days_before"], name="one_reminder_each"
            )
        ]

    def __str__(self) -> str:
        return f"{self.days_before}-day reminder to {self.membership.organization}"
