"""Boot camps at the center: a cohort with days, trainers, capacity and prices; bookings (one
buyer, one or several attendees, paid through billing), registrations (one per attendee),
the waitlist, and attendance per day.

Seats are counted from registrations under a lock on the boot camp's row: a registration takes
a seat while it is confirmed, or pending with its booking's hold running or its invoice open."""

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

from socialrx.taxonomy.models import Platform, Topic

from .courses import Level


class BootCampStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Open for registration"
    CANCELLED = "cancelled", "Cancelled"
    COMPLETED = "completed", "Completed"


class BootCamp(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=160)
    summary = models.CharField(max_length=400)
    description = models.TextField(blank=True, help_text="Markdown")
    level = models.CharField(max_length=20, choices=Level.choices, default=Level.INTRODUCTORY)
    topics = models.ManyToManyField(Topic, blank=True, related_name="boot_camps")
    platforms = models.ManyToManyField(Platform, blank=True, related_name="boot_camps")
    location = models.CharField(max_length=200)
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="boot_camps_taught"
    )
    capacity = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    price_cents = models.PositiveIntegerField()  # list price per seat; members get the plan's
    registration_deadline = models.DateTimeField()
    cancellation_deadline = models.DateTimeField()
    ce_hours = models.DecimalField(max_digits=4, decimal_places=1, default=0)
    status = models.CharField(
        max_length=20, choices=BootCampStatus.choices, default=BootCampStatus.DRAFT
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("registration_deadline", "title")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1), name="training_boot_camp_capacity_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class BootCampDay(models.Model):
    boot_camp = models.ForeignKey(BootCamp, on_delete=models.CASCADE, related_name="days")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    room = models.CharField(max_length=120, blank=True)
    agenda = models.TextField(blank=True)

    class Meta:
        ordering = ("boot_camp", "starts_at")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="training_boot_camp_day_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.boot_camp}: {self.starts_at:%Y-%m-%d}"


class BookingStatus(models.TextChoices):
    PENDING = "pending", "Awaiting payment"
    CONFIRMED = "confirmed", "Confirmed"
    CANCELLED = "cancelled", "Cancelled"


class Booking(models.Model):
    """What one buyer asked for in one go: seats for themselves or for several people of their
    organization. It is billing's sold object (kind "training.seat", quantity = attendees)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    boot_camp = models.ForeignKey(BootCamp, on_delete=models.PROTECT, related_name="bookings")
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="boot_camp_bookings"
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="boot_camp_bookings",
    )
    status = models.CharField(
        max_length=20, choices=BookingStatus.choices, default=BookingStatus.PENDING
    )
    # Seats are held for the buyer until then, unless an invoice holds them longer.
    hold_expires_at = models.DateTimeField()
    invoice = models.ForeignKey(
        "billing.Invoice", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"Booking for {self.boot_camp}"


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", "Awaiting payment"
    CONFIRMED = "confirmed", "Registered"
    CANCELLED = "cancelled", "Cancelled"


HOLDING_STATUSES = (RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED)


class Registration(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    boot_camp = models.ForeignKey(BootCamp, on_delete=models.PROTECT, related_name="registrations")
    booking = models.ForeignKey(Booking, on_delete=models.PROTECT, related_name="registrations")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="boot_camp_registrations"
    )
    status = models.CharField(
        max_length=20, choices=RegistrationStatus.choices, default=RegistrationStatus.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=240, blank=True)
    # The reminders a week and a day before day 1 (each sent once).
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    final_reminder_sent_at = models.DateTimeField(null=True, blank=True)
    # Money owed back to the buyer for this seat (cancelled by its attendee or buyer) that
    # staff still have to refund through billing; cleared when billing reports the refund.
    refund_due_cents = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("boot_camp", "created_at")
        constraints = [
            # Registering twice is refused by the database too, not only by the service.
            models.UniqueConstraint(
                fields=("boot_camp", "person"),
                condition=models.Q(status__in=["pending", "confirmed"]),
                name="training_registered_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} at {self.boot_camp}"


class WaitlistStatus(models.TextChoices):
    WAITING = "waiting", "Waiting"
    OFFERED = "offered", "Seat offered"
    CLAIMED = "claimed", "Claimed"
    EXPIRED = "expired", "Offer expired"
    WITHDRAWN = "withdrawn", "Left the waitlist"


class WaitlistEntry(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    boot_camp = models.ForeignKey(BootCamp, on_delete=models.CASCADE, related_name="waitlist")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="boot_camp_waitlist"
    )
    status = models.CharField(
        max_length=20, choices=WaitlistStatus.choices, default=WaitlistStatus.WAITING
    )
    joined_at = models.DateTimeField(auto_now_add=True)
    offered_at = models.DateTimeField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    # The claim link's secret (compared in constant time); only its holder claims the seat.
    claim_token = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ("boot_camp", "joined_at")
        constraints = [
            models.UniqueConstraint(
                fields=("boot_camp", "person"),
                condition=models.Q(status__in=["waiting", "offered"]),
                name="training_waiting_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} waiting for {self.boot_camp}"


class Attendance(models.Model):
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="attendance"
    )
    day = models.ForeignKey(BootCampDay, on_delete=models.CASCADE, related_name="attendance")
    present = models.BooleanField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=("registration", "day"), name="training_attendance_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration} on {self.day}"
