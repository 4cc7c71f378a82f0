"""Moderation: members flag posts, moderators resolve flags (hide, edit with a visible note,
lock, move) from a queue, and may suspend a member from posting."""

from django.conf import settings
from django.db import models

from .forums import Post


class FlagReason(models.TextChoices):
    PATIENT_INFORMATION = "patient_information", "Contains patient information"
    SPAM = "spam", "Spam or advertising"
    ABUSE = "abuse", "Abusive or disrespectful"
    MEDICAL_ADVICE = "medical_advice", "Unsafe medical advice"
    OFF_TOPIC = "off_topic", "Off topic"
    OTHER = "other", "Something else"


class FlagOutcome(models.TextChoices):
    OPEN = "open", "Open"
    HIDDEN = "hidden", "Post hidden"
    EDITED = "edited", "Post edited"
    DISMISSED = "dismissed", "Dismissed"


class Flag(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="flags")
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(max_length=24, choices=FlagReason.choices)
    detail = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    outcome = models.CharField(max_length=12, choices=FlagOutcome.choices, default=FlagOutcome.OPEN)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ("created_at", "id")
        constraints = [
            models.UniqueConstraint(fields=["post", "flagged_by"], name="community_flag_once")
        ]
        indexes = [models.Index(fields=["outcome", "created_at"], name="community_flag_queue")]

    def __str__(self) -> str:
        return f"Flag on {self.post}: {self.get_reason_display()}"


class Suspension(models.Model):
    """A member may not post while a suspension is in force (lifted_at empty and `until`
    absent or ahead)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_suspensions"
    )
    reason = models.CharField(max_length=500)
    until = models.DateTimeField(null=True, blank=True)  # None: until lifted
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"Suspension of {self.user}"
