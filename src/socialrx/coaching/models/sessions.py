"""Booked sessions, their notes and action items.

A session books its coach's time in `schedules` (source kind "coaching.session"): the database
refuses a coach in two places, whether the other place is a coaching call, a boot camp day or
an on-site training. A second guard, the partial unique constraint below, refuses a second live
booking of one coach at one start even before the commitment is written.

`sequence` is the calendar invitation's SEQUENCE (RFC 5545): it goes up with every reschedule
and with the cancellation, so calendars update the one entry whose UID never changes."""

import uuid

from django.conf import settings
from django.db import models

from .engagements import Engagement


class SessionStatus(models.TextChoices):
    BOOKED = "booked", "Booked"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"
    LATE_CANCELLED = "late_cancelled", "Cancelled late (hour counted)"
    NO_SHOW = "no_show", "Missed (hour counted)"


LIVE_STATUSES = (SessionStatus.BOOKED, SessionStatus.HELD)


class CoachingSession(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="sessions")
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="coaching_sessions"
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="coaching_bookings"
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    agenda = models.TextField()
    meeting_url = models.URLField("meeting link", blank=True)
    status = models.CharField(
        max_length=20, choices=SessionStatus.choices, default=SessionStatus.BOOKED
    )
    sequence = models.PositiveIntegerField(default=0)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cancel_reason = models.CharField(max_length=300, blank=True)
    recorded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("starts_at",)
        indexes = [
            models.Index(fields=("coach", "starts_at")),
            models.Index(fields=("engagement", "starts_at")),
            models.Index(fields=("status", "starts_at")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="coaching_session_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=("coach", "starts_at"),
                condition=models.Q(status="booked"),
                name="coaching_one_live_booking_per_coach_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.engagement.title}: {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)


class NoteVisibility(models.TextChoices):
    CENTER = "center", "Private to the center"
    SHARED = "shared", "Shared with the organization"


class SessionNote(models.Model):
    session = models.ForeignKey(CoachingSession, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(help_text="Markdown.")
    visibility = models.CharField(
        max_length=20, choices=NoteVisibility.choices, default=NoteVisibility.CENTER
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("created_at",)

    def __str__(self) -> str:
        return f"Note on {self.session}"


class ActionItem(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, related_name="action_items"
    )
    session = models.ForeignKey(
        CoachingSession,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_items",
    )
    title = models.CharField(max_length=200)
    # Someone of the organization (or the coach) who does it.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coaching_action_items",
    )
    due_on = models.DateField()
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The last day an overdue reminder went out (the daily task sends at most one a day).
    reminded_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("done_at", "due_on", "id")
        indexes = [models.Index(fields=("engagement", "done_at", "due_on"))]

    def __str__(self) -> str:
        return self.title
