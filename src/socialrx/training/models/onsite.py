"""On-site training at a member's hospital or practice: the organization asks, staff propose a
date, trainers and a quote, the organization accepts or declines, the accepted session is
scheduled and invoiced through billing, then marked delivered. Every step is a `OnsiteStep`
on the request's timeline, seen by both sides."""

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

from socialrx.taxonomy.models import Topic


class OnsiteStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    PROPOSED = "proposed", "Proposal sent"
    ACCEPTED = "accepted", "Accepted, invoiced"
    DECLINED = "declined", "Declined"
    DELIVERED = "delivered", "Delivered"
    WITHDRAWN = "withdrawn", "Withdrawn"


OPEN_STATUSES = (OnsiteStatus.REQUESTED, OnsiteStatus.PROPOSED, OnsiteStatus.ACCEPTED)


class OnsiteEvent(models.TextChoices):
    """What a timeline step records (the status alone does not say that an invoice was paid)."""

    REQUESTED = "requested", "Requested"
    PROPOSED = "proposed", "Proposal sent"
    REPROPOSED = "reproposed", "Revised proposal sent"
    ACCEPTED = "accepted", "Proposal accepted, invoice issued"
    DECLINED = "declined", "Proposal declined"
    WITHDRAWN = "withdrawn", "Request withdrawn"
    DELIVERED = "delivered", "Training delivered"
    INVOICE_PAID = "invoice_paid", "Invoice paid"
    INVOICE_VOIDED = "invoice_voided", "Invoice voided"


class OnsiteRequest(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="onsite_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="onsite_requests"
    )
    topics = models.ManyToManyField(Topic, related_name="onsite_requests")
    audience = models.CharField(max_length=300)
    expected_attendees = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    preferred_date_1 = models.DateField()
    preferred_date_2 = models.DateField()
    preferred_date_3 = models.DateField()
    address = models.TextField()
    needs = models.TextField(blank=True)
    status = models.CharField(
        max_length=20, choices=OnsiteStatus.choices, default=OnsiteStatus.REQUESTED
    )
    # The proposal (staff).
    starts_at = models.DateTimeField(null=True, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True)
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="onsite_sessions_taught"
    )
    quote_cents = models.PositiveIntegerField(null=True, blank=True)
    proposal_note = models.TextField(blank=True)
    decline_reason = models.CharField(max_length=300, blank=True)
    invoice = models.ForeignKey(
        "billing.Invoice", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Delivery (staff).
    attendees_count = models.PositiveIntegerField(null=True, blank=True)
    trainer_notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-created_at",)
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gt=models.F("starts_at")),
                name="training_onsite_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(expected_attendees__gte=1),
                name="training_onsite_attendees_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"On-site training for {self.organization}"


class OnsiteStep(models.Model):
    request = models.ForeignKey(OnsiteRequest, on_delete=models.CASCADE, related_name="steps")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=20, choices=OnsiteStatus.choices)  # after the step
    event = models.CharField(max_length=20, choices=OnsiteEvent.choices, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ("request", "at", "id")

    def __str__(self) -> str:
        return f"{self.request}: {self.get_status_display()}"
