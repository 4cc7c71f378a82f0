"""The needs assessment an organization's admin fills before coaching starts. Saved as a draft
as often as needed, submitted once (then read-only), read by staff and the assigned coach as a
summary (`selectors.intakes.summary`)."""

import uuid

from django.conf import settings
from django.db import models

from socialrx.organizations.models import Organization
from socialrx.taxonomy.models import Platform


class Goal(models.TextChoices):
    PATIENT_EDUCATION = "patient_education", "Patient education"
    RECRUITMENT = "recruitment", "Recruiting staff and physicians"
    REPUTATION = "reputation", "Reputation and reviews"
    PHYSICIAN_VISIBILITY = "physician_visibility", "Physician visibility"
    CRISIS_READINESS = "crisis_readiness", "Crisis readiness"
    COMMUNITY_OUTREACH = "community_outreach", "Community outreach and events"
    FUNDRAISING = "fundraising", "Fundraising and foundation"
    MEASUREMENT = "measurement", "Measuring results"


class PolicyStatus(models.TextChoices):
    NONE = "none", "No social media policy yet"
    DRAFTING = "drafting", "A policy is being drafted"
    IN_PLACE = "in_place", "A policy is in place"
    UNSURE = "unsure", "Not sure"


class IntakeStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    ASSIGNED = "assigned", "Coach assigned"


class Intake(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="coaching_intakes"
    )
    status = models.CharField(max_length=20, choices=IntakeStatus.choices, default="draft")
    # Goal values, in the order the admin ticked them.
    goals = models.JSONField(default=list, blank=True)
    goals_detail = models.TextField("what success looks like", blank=True)
    platforms_in_use = models.ManyToManyField(Platform, blank=True, related_name="+")
    platforms_planned = models.ManyToManyField(Platform, blank=True, related_name="+")
    audience = models.TextField("who you want to reach", blank=True)
    people_available = models.PositiveSmallIntegerField(
        "people who will work on social media", null=True, blank=True
    )
    hours_per_week = models.DecimalField(
        "hours a week they have for it", max_digits=5, decimal_places=1, null=True, blank=True
    )
    approval_process = models.TextField("how a post is approved today", blank=True)
    legal_concerns = models.TextField("concerns raised by legal or compliance", blank=True)
    it_concerns = models.TextField("concerns raised by IT or security", blank=True)
    leadership_concerns = models.TextField("concerns raised by leadership", blank=True)
    policy_status = models.CharField(
        "social media policy", max_length=20, choices=PolicyStatus.choices, blank=True
    )
    anything_else = models.TextField("anything else the coach should know", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    assigned_coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coaching_intakes_assigned",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assigned_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-created_at",)
        indexes = [models.Index(fields=("status", "submitted_at"))]

    def __str__(self) -> str:
        return f"Needs assessment of {self.organization}"

    @property
    def goal_labels(self) -> list[str]:
        labels = dict(Goal.choices)
        return [labels[code] for code in self.goals if code in labels]
