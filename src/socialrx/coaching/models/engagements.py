"""Engagements and their hours.

An engagement's allowance is the plan hours staff allot to it (no more than the organization's
included hours left this membership year, `membership.selectors`) plus the hour packages the
organization bought for it through billing (counted once paid). Hours are used when a session
is held, or cancelled late, or missed (`HoursUse`); a session's minutes come from the plan
allotment first, then from packages, and the plan part is also recorded against the membership
year (`membership.services.included_hours`). Booked sessions not yet held are committed: a
booking must fit in allowance - used - booked."""

import uuid

from django.conf import settings
from django.db import models

from socialrx.organizations.models import Organization

from .intakes import Intake


class EngagementKind(models.TextChoices):
    TRAINING = "training", "One-on-one training"
    CONSULTING = "consulting", "Consulting"
    COACHING = "coaching", "Coaching"


class EngagementStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    ACTIVE = "active", "Active"
    COMPLETED = "completed", "Completed"


class Engagement(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="coaching_engagements"
    )
    intake = models.ForeignKey(
        Intake, null=True, blank=True, on_delete=models.SET_NULL, related_name="engagements"
    )
    kind = models.CharField(max_length=20, choices=EngagementKind.choices)
    title = models.CharField(max_length=160)
    goals = models.TextField(blank=True)
    status = models.CharField(
        max_length=20, choices=EngagementStatus.choices, default=EngagementStatus.PROPOSED
    )
    coaches = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="coaching_engagements", blank=True
    )
    # Plan hours allotted to this engagement, in minutes (see the module's docstring).
    plan_minutes = models.PositiveIntegerField(default=0)
    meeting_url = models.URLField("meeting link", blank=True)
    # Warnings sent to the org admins and staff; cleared when hours are added.
    warned_80_at = models.DateTimeField(null=True, blank=True)
    warned_100_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    started_on = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)
        indexes = [models.Index(fields=("organization", "status"))]

    def __str__(self) -> str:
        return f"{self.title} ({self.organization})"


class PackageStatus(models.TextChoices):
    AWAITING_PAYMENT = "awaiting_payment", "Awaiting payment"
    PAID = "paid", "Paid"
    VOIDED = "voided", "Voided"


class HourPackage(models.Model):
    """Hours an organization bought for one engagement (billing kind `coaching.hours`, one
    unit an hour). Counted in the allowance once paid."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="packages")
    hours = models.PositiveIntegerField()
    status = models.CharField(
        max_length=20, choices=PackageStatus.choices, default=PackageStatus.AWAITING_PAYMENT
    )
    invoice = models.ForeignKey(
        "billing.Invoice", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invoice_line_id = models.PositiveBigIntegerField(null=True, blank=True, unique=True)
    amount_cents = models.PositiveIntegerField(default=0)
    bought_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    voided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.hours} h for {self.engagement}"


class UseReason(models.TextChoices):
    HELD = "held", "Session held"
    LATE_CANCEL = "late_cancel", "Cancelled less than 24 hours before"
    NO_SHOW = "no_show", "Missed without notice"


class HoursUse(models.Model):
    """Minutes an engagement used, split by where they came from. One row per session at most
    (a session is used once: held, cancelled late or missed)."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="uses")
    session = models.OneToOneField(
        "coaching.CoachingSession",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hours_use",
    )
    reason = models.CharField(max_length=20, choices=UseReason.choices)
    minutes = models.PositiveIntegerField()
    plan_minutes = models.PositiveIntegerField(default=0)
    package_minutes = models.PositiveIntegerField(default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("created_at",)
        constraints = [
            models.CheckConstraint(
                condition=models.Q(minutes=models.F("plan_minutes") + models.F("package_minutes")),
                name="coaching_use_minutes_split",
            )
        ]

    def __str__(self) -> str:
        return f"{self.minutes} min, {self.get_reason_display()}"
