"""Coaches: the center's faculty who coach, consult and train one-on-one. A profile carries what
matching needs (expertise by platform, topic and organization type) and what booking needs (the
coach's own time zone, their weekly windows and date exceptions, all in that zone)."""

import uuid

from django.conf import settings
from django.db import models

from socialrx.organizations.models import OrganizationType
from socialrx.taxonomy.models import Platform, Topic


class CoachProfile(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coach_profile"
    )
    slug = models.SlugField(max_length=80, unique=True)
    headline = models.CharField(max_length=160, blank=True)
    bio = models.TextField(blank=True, help_text="Markdown.")
    # IANA name ("America/Denver"): windows and exceptions are on this clock.
    time_zone = models.CharField(max_length=64, default="America/Chicago")
    photo = models.ImageField(upload_to="coaching/coaches/", blank=True)
    photo_alt = models.CharField("photo description", max_length=200, blank=True)
    platforms = models.ManyToManyField(Platform, blank=True, related_name="coaches")
    topics = models.ManyToManyField(Topic, blank=True, related_name="coaches")
    # OrganizationType values the coach knows well ("hospital", "practice").
    organization_types = models.JSONField(default=list, blank=True)
    # Where sessions meet unless one gives its own (the platform hosts no video).
    default_meeting_url = models.URLField("default meeting link", blank=True)
    accepting_engagements = models.BooleanField(default=True)
    is_listed = models.BooleanField("shown on the public coaches page", default=True)
    # The secret of the coach's private calendar subscription; a new one revokes the old.
    feed_token = models.CharField(max_length=64, blank=True, db_index=True)
    feed_last_fetched_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("user__full_name", "user__email")

    def __str__(self) -> str:
        return self.user.full_name or self.user.email

    @property
    def organization_type_labels(self) -> list[str]:
        labels = dict(OrganizationType.choices)
        return [labels[code] for code in self.organization_types if code in labels]
