"""Registering for a boot camp, and cancelling.

`book` takes seats under a lock on the boot camp's row: every booking of one boot camp queues
there, so seats are counted and taken by one transaction at a time and capacity is never
exceeded. The booking is then paid through billing's checkout (kind "training.seat"); its
hooks in `boot_camp_sales` confirm or release the seats."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from socialrx.billing.models import Invoice
from socialrx.billing.services.holds import hold_minutes
from socialrx.core import audit
from socialrx.core.errors import DomainError, NotFound
from socialrx.core.permissions import allowed, require
from socialrx.organizations.models import Seat

from ..calendars import describe_moment
from ..models import (
    HOLDING_STATUSES,
    Booking,
    BookingStatus,
    BootCamp,
    BootCampStatus,
    Registration,
    RegistrationStatus,
    WaitlistEntry,
    WaitlistStatus,
)
from ..selectors.boot_camps import invoice_line_of, open_invoice_line, seats_left
from . import boot_camp_emails, boot_camp_money, waitlist

MAX_ATTENDEES = 20
# Why registrations were cancelled by the system (a late payment may bring these back).
RELEASED_UNPAID = "Not paid in time: the seats were released."
INVOICE_VOIDED = "The invoice was voided."
REFUNDED = "Refunded in full."
BOOT_CAMP_CANCELLED = "The boot camp was cancelled."
REVIVABLE = (RELEASED_UNPAID, INVOICE_VOIDED)


def lock(boot_camp: BootCamp) -> BootCamp:
    """The boot camp's row, locked for the rest of the transaction (seats are taken under it)."""
    return BootCamp.objects.select_for_update().get(pk=boot_camp.pk)


def _name(person) -> str:
    return person.full_name or person.email


def cancel_booking(booking: Booking, *, reason: str, actor=None, action: str) -> list:
    """Cancel the booking and every registration of it that holds a seat (caller holds the
    boot camp's lock). Returns the registrations cancelled."""
    registrations = list(
        booking.registrations.filter(status__in=HOLDING_STATUSES).select_related("person")
    )
    now = timezone.now()
    Registration.objects.filter(pk__in=[r.pk for r in registrations]).update(
        status=RegistrationStatus.CANCELLED, cancelled_at=now, cancel_reason=reason[:240]
    )
    before = booking.status
    booking.status = BookingStatus.CANCELLED
    booking.save(update_fields=["status"])
    audit.record(
        actor=actor,
        action=action,
        target=booking,
        before={"status": before},
        after={
            "status": booking.status,
            "reason": reason,
            "attendees": [r.person.email for r in registrations],
        },
    )
    return registrations


def release_stale_bookings(boot_camp: BootCamp, *, now=None) -> int:
    """Under the boot camp's lock: cancel pending bookings whose hold ran out and which no open
    invoice holds (their buyer never checked out, or left the card page)."""
    now = now or timezone.now()
    stale = Booking.objects.filter(
        boot_camp=boot_camp, status=BookingStatus.PENDING, hold_expires_at__lte=now
    ).exclude(Exists(open_invoice_line(OuterRef("public_id"))))
    count = 0
    for booking in stale:
        cancel_booking(booking, reason=RELEASED_UNPAID, action="training.booking.expired")
        count += 1
    return count


def release_expired_bookings(*, now=None) -> int:
    """The periodic sweep: every boot camp's stale bookings, then offers for the seats freed."""
    now = now or timezone.now()
    camp_ids = set(
        Booking.objects.filter(status=BookingStatus.PENDING, hold_expires_at__lte=now)
        .exclude(Exists(open_invoice_line(OuterRef("public_id"))))
        .values_list("boot_camp_id", flat=True)
    )
    released = 0
    for camp in BootCamp.objects.filter(pk__in=camp_ids).order_by("pk"):
        with transaction.atomic():
            camp = lock(camp)
            freed = release_stale_bookings(camp, now=now)
            if freed:
                waitlist.offer_next_seats(camp, now=now)
            released += freed
    return released


def _closed_message(boot_camp: BootCamp) -> str:
    if boot_camp.status == BootCampStatus.CANCELLED:
        return f"{boot_camp.title} was cancelled."
    if boot_camp.status == BootCampStatus.COMPLETED:
        return f"{boot_camp.title} has already taken place."
    return f"{boot_camp.title} is not open for registration yet."


def _check_attendees(actor, attendees: list, organization) -> None:
    if organization is None:
        if [getattr(p, "pk", None) for p in attendees] != [actor.pk]:
            raise DomainError(
                "You can register yourself; an organization's admin registers its people.",
                field="attendees",
            )
        return
    require(actor, "training.register_colleagues", organization)
    if not attendees:
        raise DomainError("Choose at least one person to register.", field="attendees")
    if len(attendees) > MAX_ATTENDEES:
        raise DomainError(f"Register at most {MAX_ATTENDEES} people at a time.", field="attendees")
    seated = set(
        Seat.objects.filter(organization=organization, user__in=attendees).values_list(
            "user_id", flat=True
        )
    )
    for person in attendees:
        if person.pk not in seated:
            raise DomainError(
                f"{_name(person)} does not hold a seat in {organization}.", field="attendees"
            )


def book(actor, boot_camp: BootCamp, attendees, organization=None, *, offer=None) -> Booking:
    """Hold seats for `attendees` (the actor alone, or people of `organization` chosen by its
    admin) and return the booking to check out. `offer` is a waitlist offer being claimed: it
    may be taken after the registration deadline while it runs."""
    require(actor, "training.register_boot_camp", boot_camp)
    attendees = list({person.pk: person for person in attendees}.values())
    _check_attendees(actor, attendees, organization)
    with transaction.atomic():
        camp = lock(boot_camp)
        now = timezone.now()
        if camp.status != BootCampStatus.PUBLISHED:
            raise DomainError(_closed_message(camp))
        if offer is None and now > camp.registration_deadline:
            raise DomainError(
                f"Registration for {camp.title} closed on "
                f"{describe_moment(camp.registration_deadline)}.",
                code="closed",
            )
        release_stale_bookings(camp, now=now)
        already = (
            Registration.objects.filter(
                boot_camp=camp, person__in=attendees, status__in=HOLDING_STATUSES
            )
            .select_related("person")
            .order_by("person__full_name", "person__email")
            .first()
        )
        if already is not None:
            raise DomainError(
                f"{_name(already.person)} is already registered.",
                field="attendees",
                code="already_registered",
            )
        left = seats_left(camp, excluding_offers_to=attendees, now=now)
        if len(attendees) > left:
            if left == 0:
                raise DomainError(
                    "This boot camp is full. Join the waitlist: you will be offered a seat by "
                    "email as soon as one frees.",
                    code="full",
                )
            raise DomainError(
                f"Only {left} seat{'s' if left != 1 else ''} left: choose {left} "
                f"{'people' if left != 1 else 'person'} or fewer, or join the waitlist.",
                field="attendees",
                code="full",
            )
        booking = Booking.objects.create(
            boot_camp=camp,
            made_by=actor,
            organization=organization,
            hold_expires_at=now + timedelta(minutes=hold_minutes()),
        )
        Registration.objects.bulk_create(
            Registration(boot_camp=camp, booking=booking, person=person) for person in attendees
        )
        # The people registered leave the waitlist; an offer they held became their seat.
        WaitlistEntry.objects.filter(
            boot_camp=camp,
            person__in=attendees,
            status__in=[WaitlistStatus.WAITING, WaitlistStatus.OFFERED],
        ).update(status=WaitlistStatus.CLAIMED)
        audit.record(
            actor=actor,
            action="training.booking.created",
            target=booking,
            after={
                "boot_camp": camp.slug,
                "attendees": [person.email for person in attendees],
                "organization": str(organization) if organization else "",
                "hold_expires_at": booking.hold_expires_at,
                "waitlist_offer": str(offer.public_id) if offer else "",
            },
        )
    return booking


# --- cancelling -------------------------------------------------------------------------------


def may_cancel(actor, registration: Registration) -> bool:
    """The attendee, the person who booked, an admin of the booking's organization, or staff."""
    if not getattr(actor, "is_authenticated", False):
        return False
    booking = registration.booking
    return (
        actor.pk in (registration.person_id, booking.made_by_id)
        or (
            booking.organization is not None
            and allowed(actor, "training.register_colleagues", booking.organization)
        )
        or allowed(actor, "training.manage_boot_camps")
    )


def cancel_registration(actor, registration: Registration, *, reason: str = "") -> str:
    """Cancel one seat before the cancellation deadline: the seat is freed (and offered to the
    waitlist) and its share of the booking is refunded, credited or voided through billing.
    Returns what happened to the money, in a sentence for the person."""
    if not may_cancel(actor, registration):
        raise NotFound("Registration not found.")
    booking = registration.booking
    line = invoice_line_of(booking)
    with transaction.atomic():
        if line is not None:  # the invoice first, then the boot camp: billing's own order
            Invoice.objects.select_for_update().get(pk=line.invoice_id)
        camp = lock(registration.boot_camp)
        registration = (
            Registration.objects.select_for_update()
            .select_related("booking", "booking__made_by", "person", "boot_camp")
            .get(pk=registration.pk)
        )
        booking = registration.booking
        if registration.status == RegistrationStatus.CANCELLED:
            raise DomainError("This registration is already cancelled.")
        if timezone.now() > camp.cancellation_deadline:
            raise DomainError(
                f"Cancellations closed on {describe_moment(camp.cancellation_deadline)}: after "
                "that a seat is neither cancelled nor refunded. You may send a colleague in "
                "your place; contact the center to change the name.",
                code="too_late",
            )
        before = registration.status
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.cancel_reason = (reason or f"Cancelled by {_name(actor)}")[:240]
        registration.save(update_fields=["status", "cancelled_at", "cancel_reason"])
        remaining = booking.registrations.filter(status__in=HOLDING_STATUSES).count()
        if remaining == 0:
            booking.status = BookingStatus.CANCELLED
            booking.save(update_fields=["status"])
        audit.record(
            actor=actor,
            action="training.registration.cancelled",
            target=registration,
            before={"status": before},
            after={
                "status": registration.status,
                "attendee": registration.person.email,
                "boot_camp": camp.slug,
                "booking_cancelled": remaining == 0,
            },
        )
        money = boot_camp_money.settle(
            actor=actor,
            booking=booking,
            registrations=[registration],
            remaining=remaining,
            reason=f"{camp.title}: seat of {_name(registration.person)} cancelled",
        )
        waitlist.offer_next_seats(camp)
        boot_camp_emails.registration_cancelled(registration, money=money, actor=actor)
    return money
