"""Claims (a person says they represent an entity) and corrections (anyone suggests a fix)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from socialrx.core.platforms import Platform


class ClaimStatus(models.TextChoices):
    PENDING = "pending", "Waiting for review"
    VERIFIED = "verified", "Verified"
    REJECTED = "rejected", "Not verified"


class ClaimMethod(models.TextChoices):
    EMAIL_DOMAIN = "email_domain", "Email address at the entity's website domain"
    STAFF_REVIEW = "staff_review", "Reviewed by center staff"


class Claim(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    entity = models.ForeignKey("registry.Entity", on_delete=models.CASCADE, related_name="claims")
    claimant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="registry_claims"
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registry_claims",
    )
    job_title = models.CharField(max_length=150)
    message = models.TextField(blank=True, max_length=2000)
    status = models.CharField(
        max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.PENDING
    )
    method = models.CharField(max_length=20, choices=ClaimMethod.choices, blank=True)
    # The verified address whose domain matched the website, kept as evidence.
    matched_email = models.EmailField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_note = models.CharField(max_length=1000, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # A person has one open claim on an entity at a time (a refused one may be retried).
            models.UniqueConstraint(
                fields=["entity", "claimant"],
                condition=Q(status__in=["pending", "verified"]),
                name="registry_one_open_claim_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"Claim of {self.entity} by {self.claimant}"


class CorrectionKind(models.TextChoices):
    DETAILS = "details", "A detail is wrong (name, address, website, phone)"
    ADD_ACCOUNT = "add_account", "An account is missing"
    REMOVE_ACCOUNT = "remove_account", "An account is not theirs or no longer exists"
    OTHER = "other", "Something else"


class CorrectableField(models.TextChoices):
    NAME = "name", "Name"
    STREET_ADDRESS = "street_address", "Street address"
    CITY = "city", "City"
    POSTAL_CODE = "postal_code", "ZIP code"
    PHONE = "phone", "Phone"
    WEBSITE = "website", "Website"


class CorrectionStatus(models.TextChoices):
    PENDING = "pending", "Waiting for review"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Declined"


class Correction(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    entity = models.ForeignKey(
        "registry.Entity", on_delete=models.CASCADE, related_name="corrections"
    )
    kind = models.CharField(max_length=20, choices=CorrectionKind.choices)
    field = models.CharField(max_length=20, choices=CorrectableField.choices, blank=True)
    proposed_value = models.CharField(max_length=500, blank=True)
    platform = models.CharField(max_length=20, choices=Platform.choices, blank=True)
    account = models.ForeignKey(
        "registry.Account", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    explanation = models.TextField(max_length=2000, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    contact_email = models.EmailField(blank=True)
    status = models.CharField(
        max_length=10, choices=CorrectionStatus.choices, default=CorrectionStatus.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_note = models.CharField(max_length=1000, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Correction to {self.entity}: {self.get_kind_display()}"

    @property
    def summary(self) -> str:
        """What is proposed, in one line."""
        if self.kind == CorrectionKind.DETAILS:
            return f"{self.get_field_display()}: {self.proposed_value}"
        if self.kind == CorrectionKind.ADD_ACCOUNT:
            return f"Add {self.get_platform_display()} {self.proposed_value}"
        if self.kind == CorrectionKind.REMOVE_ACCOUNT and self.account_id:
            return f"Remove {self.account}"
        return self.explanation[:120]
