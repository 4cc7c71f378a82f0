"""The policy builder's records.

- `ClauseTemplate`: a clause center staff keep for one section of the policy, with its
  condition (which answers include it), its current text and when it was last reviewed.
  Every published change of its wording is a `ClauseTemplateVersion`; a policy version keeps
  the clause versions it was assembled from, so an old policy never changes under its readers.
- `Policy`: an organization's social media policy (one per organization) with the answers of
  the step-by-step form as a working draft.
- `PolicyVersion`: a numbered, assembled policy: the snapshot of its sections and filled
  clauses, the answers and clause versions used, who assembled it and when, and the date the
  organization adopted it.
- `PolicyShareLink` and `PolicyReviewComment`: a link for legal review of one version (only a
  digest of its secret is stored) and the reviewers' comments on its clauses, which stay with
  the organization after the link is revoked or expires."""

import uuid

from django.conf import settings
from django.db import models

from socialrx.organizations.models import Organization

from ..policy_answers import ALWAYS, CONDITION_CHOICES
from ..policy_sections import SECTION_CHOICES

__all__ = [
    "ClauseTemplate",
    "ClauseTemplateVersion",
    "Policy",
    "PolicyReviewComment",
    "PolicyShareLink",
    "PolicyVersion",
]


class ClauseTemplate(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # A stable name: policy versions and reviewers' comments refer to a clause by it.
    slug = models.SlugField(max_length=80, unique=True)
    section = models.CharField(max_length=40, choices=SECTION_CHOICES)
    position = models.PositiveSmallIntegerField(
        default=10, help_text="Order within its section (smaller first)."
    )
    title = models.CharField(max_length=200)
    body = models.TextField(help_text="Markdown with {{ placeholders }}.")
    condition = models.CharField(max_length=40, choices=CONDITION_CHOICES, default=ALWAYS)
    version = models.PositiveIntegerField("current version", default=1)
    is_active = models.BooleanField(
        "used in new policies", default=True, help_text="A retired clause stays in old policies."
    )
    reviewed_on = models.DateField("last reviewed on")
    review_due = models.DateField("next review due")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ("section", "position", "title")

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"


class ClauseTemplateVersion(models.Model):
    """A clause's wording as published: never changed afterwards."""

    template = models.ForeignKey(ClauseTemplate, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    section = models.CharField(max_length=40, choices=SECTION_CHOICES)
    title = models.CharField(max_length=200)
    body = models.TextField()
    condition = models.CharField(max_length=40, choices=CONDITION_CHOICES)
    change_note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ("template", "-number")
        constraints = [
            models.UniqueConstraint(fields=("template", "number"), name="clause_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.number}"


class Policy(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="toolkit_policy"
    )
    title = models.CharField(max_length=200, default="Social media policy")
    # The step-by-step form's answers ({question name: value}) and the steps saved so far.
    answers = models.JSONField(default=dict, blank=True)
    steps_done = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "policies"

    def __str__(self) -> str:
        return f"{self.title} of {self.organization}"


class PolicyVersion(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    # [{slug, number, title, clauses: [{key, number, title, template, template_version,
    #   reviewed_on, markdown, html}]}]: the policy as assembled, read as is ever after.
    sections = models.JSONField(default=list)
    answers = models.JSONField(default=dict)
    organization_name = models.CharField(max_length=200)
    clause_versions = models.ManyToManyField(
        ClauseTemplateVersion, related_name="policy_versions", blank=True
    )
    # The oldest and newest review dates of the clause templates used.
    templates_reviewed_from = models.DateField(null=True, blank=True)
    templates_reviewed_to = models.DateField(null=True, blank=True)
    change_note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    adopted_on = models.DateField(null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ("policy", "-number")
        constraints = [
            models.UniqueConstraint(fields=("policy", "number"), name="policy_version_unique")
        ]
        indexes = [models.Index(fields=("policy", "adopted_on"))]

    def __str__(self) -> str:
        return f"{self.policy.title} of {self.organization_name}, version {self.number}"

    @property
    def clause_count(self) -> int:
        return sum(len(section["clauses"]) for section in self.sections)


class PolicyShareLink(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.ForeignKey(PolicyVersion, on_delete=models.CASCADE, related_name="share_links")
    label = models.CharField("who it is for", max_length=120)
    # SHA-256 of the link's secret: the secret itself is shown once and never stored.
    lookup_digest = models.CharField(max_length=64, unique=True, editable=False)
    expires_on = models.DateField("works until", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"Review link “{self.label}”"


class PolicyReviewComment(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    link = models.ForeignKey(PolicyShareLink, on_delete=models.CASCADE, related_name="comments")
    version = models.ForeignKey(
        PolicyVersion, on_delete=models.CASCADE, related_name="review_comments"
    )
    clause_key = models.CharField(max_length=80)
    reviewer_name = models.CharField(max_length=120)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("created_at", "id")
        indexes = [models.Index(fields=("version", "clause_key"))]

    def __str__(self) -> str:
        return f"Comment by {self.reviewer_name} on {self.clause_key}"
