"""Organizations, the people in them (seats with an org role) and invitations."""

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from socialrx.core.geography import US_STATES
from socialrx.core.identifiers import validate_ccn, validate_npi


class OrganizationType(models.TextChoices):
    HOSPITAL = "hospital", "Hospital"
    HEALTH_SYSTEM = "health_system", "Health system"
    PRACTICE = "practice", "Physician practice"
    OTHER = "other", "Other health organization"
    INDIVIDUAL = "individual", "Individual physician"


class Organization(models.Model):
    """A hospital, health system, practice or other organization that uses the center."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    org_type = models.CharField("type", max_length=20, choices=OrganizationType.choices)
    name = models.CharField(max_length=200)
    street_address = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100)
    state = models.CharField(max_length=2, choices=US_STATES)
    postal_code = models.CharField("ZIP code", max_length=10, blank=True)
    website = models.URLField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    licensed_beds = models.PositiveIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1)]
    )
    hospital_count = models.PositiveIntegerField(
        "number of hospitals", null=True, blank=True, validators=[MinValueValidator(1)]
    )
    provider_count = models.PositiveIntegerField(
        "number of providers", null=True, blank=True, validators=[MinValueValidator(1)]
    )
    employee_count = models.PositiveIntegerField(
        "number of employees", null=True, blank=True, validators=[MinValueValidator(1)]
    )
    cms_certification_number = models.CharField(
        "CMS certification number", max_length=6, blank=True, validators=[validate_ccn]
    )
    npi = models.CharField("NPI", max_length=10, blank=True, validators=[validate_npi])
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                Lower("city"),
                "state",
                name="organization_unique_name_in_city",
                violation_error_message=(
                    "An organization with this name already exists in this city. "
                    "Ask its admin to invite you."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def location(self) -> str:
        return f"{self.city}, {self.state}"

    @property
    def size_summary(self) -> str:
        """The size figure that matters for this type (it sets the membership price)."""
        if self.org_type == OrganizationType.HOSPITAL and self.licensed_beds:
            return f"{self.licensed_beds} licensed beds"
        if self.org_type == OrganizationType.HEALTH_SYSTEM and self.hospital_count:
            return f"{self.hospital_count} hospitals"
        if self.org_type == OrganizationType.PRACTICE and self.provider_count:
            return f"{self.provider_count} providers"
        if self.employee_count:
            return f"{self.employee_count} employees"
        return ""


class OrgRole(models.TextChoices):
    ADMIN = "admin", "Admin"
    MEMBER = "member", "Member"


class Seat(models.Model):
    """A person's seat in an organization, with their role there."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="seats")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="seats"
    )
    role = models.CharField(max_length=10, choices=OrgRole.choices, default=OrgRole.MEMBER)
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["organization__name", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "user"], name="one_seat_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.organization} ({self.get_role_display()})"

    @property
    def is_admin(self) -> bool:
        return self.role == OrgRole.ADMIN


class InvitationStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    ACCEPTED = "accepted", "Accepted"
    REVOKED = "revoked", "Revoked"


class Invitation(models.Model):
    """An emailed, signed, single-use and expiring invitation to join an organization.

    `nonce` changes on every resend, so only the newest link works."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField()
    role = models.CharField(max_length=10, choices=OrgRole.choices, default=OrgRole.MEMBER)
    status = models.CharField(
        max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.PENDING
    )
    nonce = models.CharField(max_length=32)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                "organization",
                Lower("email"),
                condition=models.Q(status="pending"),
                name="one_pending_invitation_per_email",
            ),
        ]

    def __str__(self) -> str:
        return f"Invitation of {self.email} to {self.organization}"

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @property
    def is_open(self) -> bool:
        return self.status == InvitationStatus.PENDING and not self.is_expired

    @property
    def state_label(self) -> str:
        if self.status == InvitationStatus.PENDING and self.is_expired:
            return "Expired"
        return self.get_status_display()
