"""Membership plans: a price per organization type and size band."""

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class PlanAudience(models.TextChoices):
    """Who a plan is for. Mirrors organization types, plus the individual physician."""

    HOSPITAL = "hospital", "Hospitals"
    HEALTH_SYSTEM = "health_system", "Health systems"
    PRACTICE = "practice", "Physician practices"
    OTHER = "other", "Other health organizations"
    INDIVIDUAL = "individual", "Individual physicians"


SIZE_UNITS = {
    PlanAudience.HOSPITAL: "licensed beds",
    PlanAudience.HEALTH_SYSTEM: "hospitals",
    PlanAudience.PRACTICE: "providers",
    PlanAudience.OTHER: "employees",
    PlanAudience.INDIVIDUAL: "physician",
}


class ResourceTier(models.TextChoices):
    PUBLIC = "public", "Public resources"
    MEMBER = "member", "Member resources"
    PREMIUM = "premium", "Premium resources (toolkits, templates, recordings)"


class PlanQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Plan(models.Model):
    """One size band of one audience. Bands of an audience cover 1..∞ with no gap or overlap;
    `size_max` is None for the open-ended top band."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    audience = models.CharField(max_length=20, choices=PlanAudience.choices)
    name = models.CharField(max_length=120)
    size_min = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    size_max = models.PositiveIntegerField(null=True, blank=True)
    annual_price_cents = models.PositiveIntegerField(
        "annual price (cents)", validators=[MinValueValidator(0)]
    )
    currency = models.CharField(max_length=3, default="USD")
    seat_limit = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    coaching_hours = models.PositiveIntegerField("included coaching hours per year", default=0)
    boot_camp_discount_percent = models.PositiveSmallIntegerField(
        default=0, validators=[MaxValueValidator(100)]
    )
    conference_discount_percent = models.PositiveSmallIntegerField(
        default=0, validators=[MaxValueValidator(100)]
    )
    resource_tiers = models.JSONField(default=list, blank=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["audience", "size_min"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(size_max__isnull=True)
                | models.Q(size_max__gte=models.F("size_min")),
                name="plan_band_not_inverted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.band_label})"

    @property
    def size_unit(self) -> str:
        return SIZE_UNITS[PlanAudience(self.audience)]

    @property
    def band_label(self) -> str:
        unit = self.size_unit
        if self.audience == PlanAudience.INDIVIDUAL:
            return "one physician"
        if self.size_max is None:
            return f"{self.size_min}+ {unit}"
        if self.size_min == self.size_max:
            return f"{self.size_min} {unit}"
        return f"{self.size_min}–{self.size_max} {unit}"

    def discount_percent_for(self, kind: str) -> int:
        """The member discount on a sellable kind (billing's code); none on any other kind."""
        field = DISCOUNTED_KINDS.get(kind)
        return getattr(self, field) if field else 0

    def covers(self, size: int) -> bool:
        return size >= self.size_min and (self.size_max is None or size <= self.size_max)


# Which plan field holds the member discount of each discounted kind: boot camp seats
# (training) and conference tickets (events). Every other kind sells at its list price.
DISCOUNTED_KINDS = {
    "training.seat": "boot_camp_discount_percent",
    "events.ticket": "conference_discount_percent",
}
