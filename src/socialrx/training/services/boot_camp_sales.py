"""Boot camp seats sold through billing (kind "training.seat"). The sold object is a `Booking`:
one buyer's seats for one or several attendees, quantity = its attendees.

Seats are counted by training under the boot camp's lock (see `boot_camp_registration`);
billing's `capacity` hook only says how many units a booking is, so billing holds them while a
card checkout runs and voids the invoice (releasing the seats here) when it is abandoned."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from socialrx.billing.sellables import Quote, SellableKind
from socialrx.billing.services.holds import hold_minutes
from socialrx.core import audit
from socialrx.core.errors import DomainError
from socialrx.membership.selectors import member_price
from socialrx.organizations.models import Organization

from ..calendars import describe_moment, local
from ..models import (
    HOLDING_STATUSES,
    Booking,
    BookingStatus,
    BootCamp,
    BootCampStatus,
    Registration,
    RegistrationStatus,
)
from ..selectors.boot_camps import SEAT_KIND_CODE, open_invoice_line, seats_left
from . import boot_camp_emails, boot_camp_money, boot_camp_registration, waitlist


def _booking(sold_public_id) -> Booking | None:
    return (
        Booking.objects.select_related("boot_camp", "made_by", "organization")
        .filter(public_id=sold_public_id)
        .first()
    )


def _locked(sold_public_id) -> tuple[Booking | None, BootCamp | None]:
    """The booking, read again under its boot camp's lock (billing holds the invoice's: the
    invoice, then the boot camp, is the order every writer follows)."""
    booking = _booking(sold_public_id)
    if booking is None:
        return None, None
    camp = boot_camp_registration.lock(booking.boot_camp)
    booking.refresh_from_db(fields=["status", "invoice", "hold_expires_at"])
    booking.boot_camp = camp
    return booking, camp


def _belongs_to(booking: Booking, buyer) -> bool:
    if isinstance(buyer, Organization):
        return booking.organization_id == buyer.pk
    return booking.made_by_id == getattr(buyer, "pk", None)


def _description(boot_camp: BootCamp, quantity: int) -> str:
    first = boot_camp.days.order_by("starts_at").first()
    when = ""
    if first is not None:
        shown = local(first.starts_at)
        when = f" ({shown:%b} {shown.day}, {shown:%Y})"
    seats = f"{quantity} seat{'s' if quantity != 1 else ''}"
    return f"Boot camp: {boot_camp.title}{when}, {seats}"


def _hold_again(booking: Booking, attendees: list[Registration]) -> None:
    """The booking's hold ran out before checkout: keep the seats if they are still free."""
    with transaction.atomic():
        camp = boot_camp_registration.lock(booking.boot_camp)
        booking.refresh_from_db()
        now = timezone.now()
        if booking.status != BookingStatus.PENDING:
            raise DomainError("The seats you held were released; register again.")
        if camp.status != BootCampStatus.PUBLISHED or now > camp.registration_deadline:
            raise DomainError(
                f"The seats you held were released and registration closed on "
                f"{describe_moment(camp.registration_deadline)}."
            )
        people = [r.person_id for r in attendees]
        if seats_left(camp, excluding_offers_to=people, now=now) < len(attendees):
            raise DomainError("The seats you held were released; register again.")
        before = booking.hold_expires_at
        booking.hold_expires_at = now + timedelta(minutes=hold_minutes())
        booking.save(update_fields=["hold_expires_at"])
        audit.record(
            actor=None,
            action="training.booking.hold_extended",
            target=booking,
            before={"hold_expires_at": before},
            after={"hold_expires_at": booking.hold_expires_at},
        )


def quote_seats(buyer, sold_public_id, quantity: int) -> Quote:
    booking = _booking(sold_public_id)
    if booking is None:
        raise DomainError("That booking was not found; register for the boot camp again.")
    if booking.status == BookingStatus.CONFIRMED:
        raise DomainError("These seats are already paid for.")
    if booking.status == BookingStatus.CANCELLED:
        raise DomainError("This booking was cancelled; register again.")
    if not _belongs_to(booking, buyer):
        raise DomainError(
            "This booking belongs to another buyer: choose the buyer it was made for.",
            field="buyer",
        )
    attendees = list(booking.registrations.filter(status=RegistrationStatus.PENDING))
    if quantity != len(attendees):
        raise DomainError(
            f"This booking is for {len(attendees)} seat{'s' if len(attendees) != 1 else ''}.",
            field="quantity",
        )
    line = open_invoice_line(booking.public_id).select_related("invoice").first()
    if line is not None:
        raise DomainError(
            f"These seats are already on invoice {line.invoice.number}: pay that invoice."
        )
    if booking.hold_expires_at <= timezone.now():
        _hold_again(booking, attendees)
    camp = booking.boot_camp
    price = member_price(buyer, camp.price_cents, kind=SEAT_KIND_CODE)
    return Quote(
        description=_description(camp, quantity),
        unit_price_cents=camp.price_cents,
        quantity=quantity,
        discount_cents=price.discount_cents * quantity,
        discount_reason=price.reason,
    )


def booking_units(sold_public_id) -> int:
    """Units billing may hold for the booking: its seats. After its invoice was voided (a late
    card payment), only if that many seats are free again."""
    booking = _booking(sold_public_id)
    if booking is None:
        return 0
    if booking.status != BookingStatus.CANCELLED:
        return booking.registrations.filter(status__in=HOLDING_STATUSES).count()
    camp = boot_camp_registration.lock(booking.boot_camp)
    wanted = _revivable(booking)
    if camp.status != BootCampStatus.PUBLISHED or not wanted:
        return 0
    free = seats_left(camp, excluding_offers_to=[r.person_id for r in wanted])
    return len(wanted) if free >= len(wanted) else 0


def _revivable(booking: Booking) -> list[Registration]:
    """Registrations the system released (not paid in time, invoice voided) whose people have
    not registered again since."""
    released = list(
        booking.registrations.filter(
            status=RegistrationStatus.CANCELLED,
            cancel_reason__in=boot_camp_registration.REVIVABLE,
        ).select_related("person")
    )
    again = set(
        Registration.objects.filter(
            boot_camp_id=booking.boot_camp_id,
            person__in=[r.person_id for r in released],
            status__in=HOLDING_STATUSES,
        ).values_list("person_id", flat=True)
    )
    return [r for r in released if r.person_id not in again]


def seats_paid(line) -> None:
    """The invoice is paid (or nothing was owed): the seats are confirmed and everyone told."""
    booking, camp = _locked(line.sold_public_id)
    if booking is None or booking.status == BookingStatus.CONFIRMED:
        return
    if booking.status == BookingStatus.CANCELLED:  # a late payment brings the seats back
        registrations = _revivable(booking)
        if camp.status != BootCampStatus.PUBLISHED:
            registrations = []
    else:
        registrations = list(
            booking.registrations.filter(status=RegistrationStatus.PENDING).select_related("person")
        )
    now = timezone.now()
    Registration.objects.filter(pk__in=[r.pk for r in registrations]).update(
        status=RegistrationStatus.CONFIRMED, confirmed_at=now, cancelled_at=None, cancel_reason=""
    )
    for registration in registrations:
        registration.status, registration.confirmed_at = RegistrationStatus.CONFIRMED, now
    before = booking.status
    if registrations:
        booking.status = BookingStatus.CONFIRMED
    booking.invoice = line.invoice
    booking.save(update_fields=["status", "invoice"])
    audit.record(
        actor=None,
        action="training.booking.confirmed" if registrations else "training.booking.paid_late",
        target=booking,
        before={"status": before},
        after={
            "status": booking.status,
            "invoice": line.invoice.number,
            "attendees": [r.person.email for r in registrations],
        },
    )
    boot_camp_emails.confirmed(booking, registrations)


def seats_voided(line) -> None:
    """The invoice was voided (an abandoned card checkout, staff, a reversed payment)."""
    booking, camp = _locked(line.sold_public_id)
    if booking is None:
        return
    if booking.invoice_id is None:
        booking.invoice = line.invoice
        booking.save(update_fields=["invoice"])
    if booking.status == BookingStatus.CANCELLED:
        return
    boot_camp_registration.cancel_booking(
        booking,
        reason=boot_camp_registration.INVOICE_VOIDED,
        action="training.booking.cancelled",
    )
    waitlist.offer_next_seats(camp)


def _settle_refunds_due(booking: Booking, amount_cents: int) -> None:
    """Staff recorded in billing a refund of `amount_cents` on the booking's line: the money
    the center owed its cancelled seats. The seat owed exactly that amount is the one it was
    for; otherwise it settles what is owed in the order seats were cancelled."""
    due = list(booking.registrations.filter(refund_due_cents__gt=0).order_by("cancelled_at", "pk"))
    exact = [registration for registration in due if registration.refund_due_cents == amount_cents]
    left = amount_cents
    for registration in exact[:1] or due:
        if left <= 0:
            break
        paid = min(left, registration.refund_due_cents)
        registration.refund_due_cents -= paid
        registration.save(update_fields=["refund_due_cents"])
        left -= paid


def seats_refunded(line, amount_cents: int) -> None:
    """Part or all of the line was refunded. A refund staff record in billing settles the
    refunds due to cancelled seats; the refunds training makes itself when a seat is cancelled
    are that seat's money and settle nothing else. A line refunded in full cancels whatever
    seats it still held."""
    booking, camp = _locked(line.sold_public_id)
    if booking is None:
        return
    if not boot_camp_money.refunding_itself():
        _settle_refunds_due(booking, amount_cents)
    audit.record(
        actor=None,
        action="training.booking.refunded",
        target=booking,
        after={"amount_cents": amount_cents, "line_refunded_cents": line.refunded_cents},
    )
    if line.refunded_cents >= line.amount_cents and booking.status != BookingStatus.CANCELLED:
        boot_camp_registration.cancel_booking(
            booking, reason=boot_camp_registration.REFUNDED, action="training.booking.cancelled"
        )
        waitlist.offer_next_seats(camp)


SEAT_KIND = SellableKind(
    code=SEAT_KIND_CODE,
    label="Boot camp seat",
    quote=quote_seats,
    on_paid=seats_paid,
    on_void=seats_voided,
    on_refund=seats_refunded,
    capacity=booking_units,
    max_quantity=20,
)
