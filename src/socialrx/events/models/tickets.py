"""Tickets: the types an event sells, orders (one buyer, one ticket type, one or several
attendees, paid through billing), attendees with their ticket, check-in at the door and the
waitlist.

Places are counted from attendees under a lock on the event's row: an attendee takes a place
(of their ticket type's quota and of the event's capacity) while confirmed, or pending with
their order's hold running or its invoice open; a live waitlist offer takes one too."""

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

from .events import Event


class TicketKind(models.TextChoices):
    GENERAL = "general", "Non-member"
    MEMBER = "member", "Member"  # member organizations' people: the plan's price
    STUDENT = "student", "Student"  # status shown at the door
    EARLY_BIRD = "early_bird", "Early bird"  # on sale until `sales_end`
    GROUP = "group", "Group"  # one unit admits `group_size` attendees


class TicketType(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="ticket_types")
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=20, choices=TicketKind.choices)
    description = models.CharField(max_length=300, blank=True)
    # List price of one unit (a group's price for the whole group); 0 for a free event.
    price_cents = models.PositiveIntegerField(default=0)
    group_size = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1)])
    # Attendees of this type there may be in all; None: only the event's capacity limits it.
    quota = models.PositiveIntegerField(null=True, blank=True)
    sales_start = models.DateTimeField(null=True, blank=True)
    sales_end = models.DateTimeField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("event", "position", "price_cents")
        constraints = [
            models.UniqueConstraint(fields=("event", "name"), name="events_ticket_type_name_once"),
            models.CheckConstraint(
                condition=~models.Q(kind="early_bird") | models.Q(sales_end__isnull=False),
                name="events_early_bird_has_an_end",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="group") | models.Q(group_size=1),
                name="events_only_groups_admit_several",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event}: {self.name}"


class OrderStatus(models.TextChoices):
    PENDING = "pending", "Awaiting payment"
    CONFIRMED = "confirmed", "Confirmed"
    CANCELLED = "cancelled", "Cancelled"


class Order(models.Model):
    """What one buyer asked for in one go. It is billing's sold object (kind "events.ticket",
    quantity = units of its ticket type: attendees, or groups for a group ticket)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="orders")
    ticket_type = models.ForeignKey(TicketType, on_delete=models.PROTECT, related_name="orders")
    quantity = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="event_orders"
    )
    # Set when an org admin registers a team for their organization (the invoice's buyer).
    organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="event_orders",
    )
    status = models.CharField(
        max_length=20, choices=OrderStatus.choices, default=OrderStatus.PENDING
    )
    # Places are held for the buyer until then, unless an invoice holds them longer.
    hold_expires_at = models.DateTimeField()
    invoice = models.ForeignKey(
        "billing.Invoice", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)
        indexes = [models.Index(fields=("event", "status"))]

    def __str__(self) -> str:
        return f"Order for {self.event}"


class AttendeeStatus(models.TextChoices):
    PENDING = "pending", "Awaiting payment"
    CONFIRMED = "confirmed", "Registered"
    CANCELLED = "cancelled", "Cancelled"


HOLDING_STATUSES = (AttendeeStatus.PENDING, AttendeeStatus.CONFIRMED)


class Attendee(models.Model):
    """One person's ticket. The QR code on it carries a signed token of `public_id` and
    `ticket_secret`; renaming the attendee draws a new secret, so the old ticket stops working."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="attendees")
    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="attendees")
    ticket_type = models.ForeignKey(TicketType, on_delete=models.PROTECT, related_name="attendees")
    full_name = models.CharField(max_length=160)
    email = models.EmailField()
    # The email lowercased: one registration per email and event.
    email_key = models.CharField(max_length=254)
    job_title = models.CharField(max_length=160, blank=True)
    organization_name = models.CharField(max_length=160, blank=True)
    dietary_needs = models.CharField(max_length=300, blank=True)
    accessibility_needs = models.CharField(max_length=300, blank=True)
    # The platform account with this email, when there is one (their tickets and agenda).
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_tickets",
    )
    status = models.CharField(
        max_length=20, choices=AttendeeStatus.choices, default=AttendeeStatus.PENDING
    )
    ticket_secret = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    renamed_at = models.DateTimeField(null=True, blank=True)
    # When this ticket (for its current secret) was emailed: a confirmation sends it once.
    ticket_sent_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=240, blank=True)
    # Money owed back for this ticket that staff still have to refund through billing (a
    # cheque or bank transfer); cleared when billing reports the refund.
    refund_due_cents = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("event", "full_name")
        indexes = [
            models.Index(fields=("event", "status")),
            models.Index(fields=("event", "full_name")),
        ]
        constraints = [
            # The same email registered twice for one event is refused by the database too.
            models.UniqueConstraint(
                fields=("event", "email_key"),
                condition=models.Q(status__in=["pending", "confirmed"]),
                name="events_email_registered_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} at {self.event}"


class CheckIn(models.Model):
    """An attendee marked present. One per ticket: two doors scanning the same ticket at once
    record one check-in, and the second is told when and by whom the first was."""

    attendee = models.OneToOneField(Attendee, on_delete=models.CASCADE, related_name="check_in")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="check_ins")
    checked_in_at = models.DateTimeField(auto_now_add=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    door = models.CharField(max_length=60, blank=True)
    method = models.CharField(max_length=10, default="scan")  # "scan" or "search"

    class Meta:
        ordering = ("-checked_in_at",)

    def __str__(self) -> str:
        return f"{self.attendee} checked in"


class WaitlistStatus(models.TextChoices):
    WAITING = "waiting", "Waiting"
    OFFERED = "offered", "Place offered"
    CLAIMED = "claimed", "Claimed"
    EXPIRED = "expired", "Offer expired"
    WITHDRAWN = "withdrawn", "Left the waitlist"


class WaitlistEntry(models.Model):
    """Someone waiting for a place of a sold-out ticket type. When a place frees, the first
    waiting gets a time-limited claim link (its secret compared in constant time)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="waitlist")
    ticket_type = models.ForeignKey(TicketType, on_delete=models.CASCADE, related_name="waitlist")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_waitlist"
    )
    status = models.CharField(
        max_length=20, choices=WaitlistStatus.choices, default=WaitlistStatus.WAITING
    )
    joined_at = models.DateTimeField(auto_now_add=True)
    offered_at = models.DateTimeField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    claim_token = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ("ticket_type", "joined_at")
        constraints = [
            models.UniqueConstraint(
                fields=("ticket_type", "person"),
                condition=models.Q(status__in=["waiting", "offered"]),
                name="events_waiting_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} waiting for {self.ticket_type}"
