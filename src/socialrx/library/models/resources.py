"""Library resources: guides, policy templates, checklists, case studies, videos, podcast
episodes, webinar recordings and slide decks. A resource has a Markdown body and/or attached
files, the shared taxonomy (topics, platforms) plus audiences, an access level, and a life cycle
that contributions from members go through before staff publish them."""

import uuid

from django.conf import settings
from django.db import models

from socialrx.taxonomy.models import Platform, Topic


class ResourceKind(models.TextChoices):
    GUIDE = "guide", "Guide"
    POLICY_TEMPLATE = "policy_template", "Policy template"
    CHECKLIST = "checklist", "Checklist"
    CASE_STUDY = "case_study", "Case study"
    VIDEO = "video", "Video"
    PODCAST_EPISODE = "podcast_episode", "Podcast episode"
    WEBINAR_RECORDING = "webinar_recording", "Webinar recording"
    SLIDE_DECK = "slide_deck", "Slide deck"


# Kinds whose body is a document organizations adapt: every edit keeps a version.
VERSIONED_KINDS = frozenset({ResourceKind.POLICY_TEMPLATE, ResourceKind.CHECKLIST})
# Kinds measured in listening or watching time rather than reading time.
TIMED_KINDS = frozenset(
    {ResourceKind.VIDEO, ResourceKind.PODCAST_EPISODE, ResourceKind.WEBINAR_RECORDING}
)


class Access(models.TextChoices):
    """Who may open a resource and its files. Member and premium follow the tiers of the
    reader's organizations' plans (membership's `resource_tiers`); staff read everything."""

    PUBLIC = "public", "Public"
    MEMBER = "member", "Members"
    PREMIUM = "premium", "Premium members"


class ResourceStatus(models.TextChoices):
    DRAFT = "draft", "Draft"  # staff writing, or a member's contribution not yet submitted
    SUBMITTED = "submitted", "Submitted for review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    REJECTED = "rejected", "Rejected"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Audience(models.Model):
    """Who a resource is written for ("Communication and marketing teams", "Physicians");
    the starting list is loaded by a data migration, staff add more in the admin."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=80, unique=True)
    position = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ("position", "name")

    def __str__(self) -> str:
        return self.name


class Resource(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=20, choices=ResourceKind.choices)
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=400)
    body = models.TextField(blank=True, help_text="Markdown.")
    # Sanitised HTML of `body` (core.markdown), written by the services with it.
    body_html = models.TextField(blank=True, editable=False)
    # Plain words searched besides title and summary (body text, topic and platform names, file
    # names), kept by the services; PostgreSQL's search vector is built from it by a trigger.
    search_text = models.TextField(blank=True, editable=False)
    topics = models.ManyToManyField(Topic, blank=True, related_name="resources")
    platforms = models.ManyToManyField(Platform, blank=True, related_name="resources")
    audiences = models.ManyToManyField(Audience, blank=True, related_name="resources")
    minutes = models.PositiveSmallIntegerField(
        "reading, listening or watching time (minutes)", null=True, blank=True
    )
    access = models.CharField(max_length=10, choices=Access.choices, default=Access.MEMBER)
    status = models.CharField(
        max_length=20, choices=ResourceStatus.choices, default=ResourceStatus.DRAFT
    )
    published_on = models.DateField(null=True, blank=True)
    reviewed_on = models.DateField("last reviewed", null=True, blank=True)
    # Credit for a member's contribution ("Contributed by Mercy Regional Hospital").
    contributed_by_organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributed_resources",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="library_resources",
    )
    # Views and downloads since publication (sort "most used"); per-day counts in DailyUse.
    use_count = models.PositiveIntegerField(default=0, editable=False)
    current_version = models.PositiveIntegerField(default=0, editable=False)
    is_generated = models.BooleanField(
        "generated demo data", default=False, help_text="Written for the demo."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-published_on", "-id")
        indexes = [
            models.Index(fields=["status", "access", "-published_on"], name="library_res_listing"),
            models.Index(fields=["status", "-use_count"], name="library_res_most_used"),
            models.Index(fields=["contributed_by_organization", "status"], name="library_res_org"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_versioned(self) -> bool:
        return self.kind in VERSIONED_KINDS

    @property
    def is_timed(self) -> bool:
        return self.kind in TIMED_KINDS


class ResourceReview(models.Model):
    """One decision of staff on a contribution (kept: the contributor sees the history)."""

    class Decision(models.TextChoices):
        APPROVED = "approved", "Approved and published"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        REJECTED = "rejected", "Rejected"

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="reviews")
    decision = models.CharField(max_length=20, choices=Decision.choices)
    note = models.TextField(blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"{self.get_decision_display()}: {self.resource}"
