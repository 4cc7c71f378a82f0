"""Conferences and webinars and their agenda: tracks, rooms, speakers and sessions.

A speaker or a room is never in two places at once: `SessionSpeaker` copies its session's times
so the database can refuse an overlap per speaker, and `Session` itself per room (PostgreSQL:
exclusion constraints; SQLite: triggers; migration 0002)."""

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

from socialrx.taxonomy.models import Platform, Topic


class EventKind(models.TextChoices):
    CONFERENCE = "conference", "Conference"
    WEBINAR = "webinar", "Webinar"


class EventFormat(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    VIRTUAL = "virtual", "Virtual"
    HYBRID = "hybrid", "Hybrid (in person and online)"


class EventStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    CANCELLED = "cancelled", "Cancelled"


class Event(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=160)
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    format = models.CharField(max_length=20, choices=EventFormat.choices)
    status = models.CharField(max_length=20, choices=EventStatus.choices, default=EventStatus.DRAFT)
    summary = models.CharField(max_length=400)
    description = models.TextField(blank=True, help_text="Markdown")
    topics = models.ManyToManyField(Topic, blank=True, related_name="events")
    platforms = models.ManyToManyField(Platform, blank=True, related_name="events")
    # Where and when. Times are stored in UTC and shown in the event's own zone (an IANA name,
    # "America/Chicago"); virtual events also show the viewer's zone beside them.
    time_zone = models.CharField(max_length=64, default="America/Chicago")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    venue_name = models.CharField(max_length=160, blank=True)
    venue_address = models.CharField(max_length=300, blank=True)
    # The stream or meeting link: shown to confirmed attendees only.
    online_url = models.URLField(blank=True)
    # Registration: every ticket type's quota and this event-wide capacity both hold.
    capacity = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    registration_opens_at = models.DateTimeField()
    registration_closes_at = models.DateTimeField()
    # Buyers rename their attendees until then.
    rename_until = models.DateTimeField()
    # The event's cancellation rule: cancel by `refund_until` for `refund_percent` of the price
    # back (through billing); after it, a cancellation frees the place but refunds nothing.
    refund_until = models.DateTimeField()
    refund_percent = models.PositiveSmallIntegerField(default=100)
    # Certificates of attendance (training's certificate mechanism, kind "event").
    attendance_hours = models.DecimalField(max_digits=5, decimal_places=1, default=0)
    ce_hours = models.DecimalField(max_digits=5, decimal_places=1, default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("starts_at", "title")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="events_event_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1), name="events_event_capacity_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(refund_percent__lte=100),
                name="events_refund_percent_at_most_100",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_online(self) -> bool:
        return self.format in (EventFormat.VIRTUAL, EventFormat.HYBRID)


class Track(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="tracks")
    name = models.CharField(max_length=80)
    description = models.CharField(max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("event", "position", "name")
        constraints = [
            models.UniqueConstraint(fields=("event", "name"), name="events_track_name_once"),
        ]

    def __str__(self) -> str:
        return self.name


class Room(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(max_length=80)
    seats = models.PositiveIntegerField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("event", "position", "name")
        constraints = [
            models.UniqueConstraint(fields=("event", "name"), name="events_room_name_once"),
        ]

    def __str__(self) -> str:
        return self.name


def speaker_photo_path(speaker: "Speaker", filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"events/speakers/{speaker.public_id}.{extension}"


class Speaker(models.Model):
    """A person who speaks at the center's events (not necessarily a user of the platform).
    One profile across events: their page lists what they speak on at each."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(max_length=80, unique=True)
    full_name = models.CharField(max_length=160)
    credentials = models.CharField(max_length=80, blank=True)  # "MD, MPH"
    job_title = models.CharField(max_length=160, blank=True)
    organization_name = models.CharField(max_length=160, blank=True)
    bio = models.TextField(blank=True, help_text="Markdown")
    photo = models.ImageField(upload_to=speaker_photo_path, blank=True)
    photo_alt = models.CharField(max_length=200, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="speaker_profiles",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("full_name",)

    def __str__(self) -> str:
        return self.full_name


class SessionKind(models.TextChoices):
    KEYNOTE = "keynote", "Keynote"
    TALK = "talk", "Talk"
    PANEL = "panel", "Panel"
    WORKSHOP = "workshop", "Workshop"
    BREAK = "break", "Break"


class Session(models.Model):
    """One slot of the agenda. A room is never in two sessions at once (the database refuses
    it); a session without a room (a plenary, a webinar) books none."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    slug = models.SlugField(max_length=80)
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=SessionKind.choices, default=SessionKind.TALK)
    abstract = models.TextField(blank=True, help_text="Markdown")
    track = models.ForeignKey(
        Track, null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions"
    )
    room = models.ForeignKey(
        Room, null=True, blank=True, on_delete=models.PROTECT, related_name="sessions"
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    speakers = models.ManyToManyField(Speaker, through="SessionSpeaker", related_name="sessions")
    # After the event: where the recording and the slides are (the library will hold them).
    recording_url = models.URLField(blank=True)
    slides_url = models.URLField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("event", "starts_at", "room__position", "title")
        indexes = [models.Index(fields=("event", "starts_at"))]
        constraints = [
            models.UniqueConstraint(fields=("event", "slug"), name="events_session_slug_once"),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="events_session_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class SessionSpeaker(models.Model):
    """A speaker on a session, with the session's times copied so that the database refuses
    a speaker in two places at once (kept equal to the session's by `services.agenda`)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="speaker_slots")
    speaker = models.ForeignKey(Speaker, on_delete=models.PROTECT, related_name="speaker_slots")
    position = models.PositiveSmallIntegerField(default=0)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    class Meta:
        ordering = ("session", "position")
        constraints = [
            models.UniqueConstraint(
                fields=("session", "speaker"), name="events_session_speaker_once"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="events_session_speaker_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.speaker} on {self.session}"
