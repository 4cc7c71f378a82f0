"""Reading boot camps: seats left (one query for many), the public page, the staff list, the
roster and a person's own registrations.

A registration holds a seat while it is confirmed, or pending with its booking's hold running
or its booking on an open invoice. A live waitlist offer keeps a seat for the person offered it,
so the seats left for everyone else are capacity − holding registrations − live offers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from socialrx.billing.models import InvoiceLine, InvoiceStatus
from socialrx.core.errors import NotFound
from socialrx.core.permissions import allowed
from socialrx.organizations.models import Seat

from ..models import (
    Attendance,
    Booking,
    BookingStatus,
    BootCamp,
    BootCampDay,
    BootCampStatus,
    Registration,
    RegistrationStatus,
    WaitlistEntry,
    WaitlistStatus,
)

SEAT_KIND_CODE = "training.seat"


def open_invoice_line(sold=None) -> QuerySet[InvoiceLine]:
    """The open invoice line selling a booking: `sold` is its public id (or an OuterRef);
    None means the outer Registration query's booking."""
    sold = OuterRef("booking__public_id") if sold is None else sold
    return InvoiceLine.objects.filter(
        kind=SEAT_KIND_CODE, sold_public_id=sold, invoice__status=InvoiceStatus.OPEN
    )


def holding(now: datetime | None = None) -> Q:
    """Registrations that hold a seat at `now` (a filter on Registration)."""
    now = now or timezone.now()
    pending = Q(status=RegistrationStatus.PENDING)
    return (
        Q(status=RegistrationStatus.CONFIRMED)
        | (pending & Q(booking__hold_expires_at__gt=now))
        | (pending & Exists(open_invoice_line()))
    )


def live_offers(now: datetime | None = None) -> Q:
    now = now or timezone.now()
    return Q(status=WaitlistStatus.OFFERED, offer_expires_at__gt=now)


def _count(queryset) -> Coalesce:
    counted = queryset.order_by().values("boot_camp").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def with_seat_counts(queryset: QuerySet[BootCamp], now=None) -> QuerySet[BootCamp]:
    """Annotate `taken` (holding registrations), `offered` (live offers) and `waiting`
    (people on the waitlist, offered or not) as subqueries: no extra query, no row blow-up."""
    now = now or timezone.now()
    return queryset.annotate(
        taken=_count(Registration.objects.filter(holding(now), boot_camp=OuterRef("pk"))),
        offered=_count(WaitlistEntry.objects.filter(live_offers(now), boot_camp=OuterRef("pk"))),
        waiting=_count(
            WaitlistEntry.objects.filter(
                boot_camp=OuterRef("pk"),
                status__in=[WaitlistStatus.WAITING, WaitlistStatus.OFFERED],
            )
        ),
    )


@dataclass(frozen=True)
class SeatCount:
    capacity: int
    taken: int
    offered: int
    waiting: int

    @property
    def left(self) -> int:
        return max(self.capacity - self.taken - self.offered, 0)


def seat_counts_for(boot_camps, now=None) -> dict[int, SeatCount]:
    ids = [getattr(camp, "pk", camp) for camp in boot_camps]
    if not ids:
        return {}
    rows = with_seat_counts(BootCamp.objects.filter(pk__in=ids), now).values_list(
        "pk", "capacity", "taken", "offered", "waiting"
    )
    return {
        pk: SeatCount(capacity, taken, offered, waiting)
        for pk, capacity, taken, offered, waiting in rows
    }


def seats_left_for(boot_camps) -> dict[int, int]:
    """Seats left for a new registration, by boot camp id, in one query (the catalogue's)."""
    return {pk: count.left for pk, count in seat_counts_for(boot_camps).items()}


def seats_left(boot_camp: BootCamp, *, excluding_offers_to=(), now=None) -> int:
    """Seats left in one boot camp. Offers made to `excluding_offers_to` (people) are theirs to
    take, so they do not count against them. Call under the boot camp's lock to rely on it."""
    now = now or timezone.now()
    taken = Registration.objects.filter(holding(now), boot_camp=boot_camp).count()
    offers = WaitlistEntry.objects.filter(live_offers(now), boot_camp=boot_camp).exclude(
        person__in=[getattr(p, "pk", p) for p in excluding_offers_to]
    )
    return max(boot_camp.capacity - taken - offers.count(), 0)


# --- pages --------------------------------------------------------------------------------------


def _days() -> Prefetch:
    return Prefetch("days", queryset=BootCampDay.objects.order_by("starts_at"))


def boot_camp_page(slug: str, viewer) -> BootCamp:
    """A boot camp for its public page: drafts only for the staff who manage them."""
    boot_camp = (
        BootCamp.objects.filter(slug=slug)
        .prefetch_related(_days(), "trainers", "topics", "platforms")
        .first()
    )
    if boot_camp is None or (
        boot_camp.status == BootCampStatus.DRAFT
        and not allowed(viewer, "training.manage_boot_camps")
    ):
        raise NotFound("Boot camp not found.")
    return boot_camp


def staff_boot_camp(slug: str) -> BootCamp:
    boot_camp = (
        BootCamp.objects.filter(slug=slug)
        .prefetch_related(_days(), "trainers", "topics", "platforms")
        .first()
    )
    if boot_camp is None:
        raise NotFound("Boot camp not found.")
    return boot_camp


def staff_list() -> list[BootCamp]:
    """Every boot camp with its seat counts and first day, soonest first (one query)."""
    return list(
        with_seat_counts(BootCamp.objects.all())
        .annotate(
            first_day=Min("days__starts_at"),
            refunds_due=Count(
                "registrations",
                filter=Q(registrations__refund_due_cents__gt=0),
                distinct=True,
            ),
        )
        .order_by("-status", "registration_deadline", "title")
    )


def bookings_of(viewer, boot_camp: BootCamp) -> list[Booking]:
    """The viewer's own registrations and the bookings they made, with their registrations."""
    if not getattr(viewer, "is_authenticated", False):
        return []
    return list(
        Booking.objects.filter(boot_camp=boot_camp)
        .filter(Q(made_by=viewer) | Q(registrations__person=viewer))
        .exclude(status=BookingStatus.CANCELLED)
        .distinct()
        .select_related("organization")
        .prefetch_related(
            Prefetch(
                "registrations",
                queryset=Registration.objects.select_related("person").order_by("created_at"),
            )
        )
        .order_by("-created_at")
    )


def waitlist_entry_of(viewer, boot_camp: BootCamp) -> WaitlistEntry | None:
    if not getattr(viewer, "is_authenticated", False):
        return None
    return (
        WaitlistEntry.objects.filter(
            boot_camp=boot_camp,
            person=viewer,
            status__in=[WaitlistStatus.WAITING, WaitlistStatus.OFFERED],
        )
        .order_by("-joined_at")
        .first()
    )


# --- roster ---------------------------------------------------------------------------------------


@dataclass
class RosterRow:
    registration: Registration
    organization: str
    payment: str  # "Paid", "Free", "Invoice open", "Awaiting checkout", "Refund due", ...
    present_days: set[int]


def _payment_label(registration: Registration, lines: dict) -> str:
    booking = registration.booking
    line = lines.get(booking.public_id)
    if registration.refund_due_cents:
        return "Refund due"
    if registration.status == RegistrationStatus.CANCELLED:
        return "Cancelled"
    if booking.status == BookingStatus.CONFIRMED:
        return "Paid" if line is None or line.amount_cents else "Free (plan)"
    if line is not None and line.invoice.status == InvoiceStatus.OPEN:
        return f"Invoice {line.invoice.number} open"
    return "Awaiting checkout"


def roster(boot_camp: BootCamp) -> tuple[list[RosterRow], list[WaitlistEntry]]:
    """Attendees (confirmed and pending first, then cancelled) with their organization,
    payment state and attendance; then the waitlist. A fixed number of queries."""
    registrations = list(
        Registration.objects.filter(boot_camp=boot_camp)
        .select_related("person", "booking", "booking__organization", "booking__invoice")
        .order_by("status", "person__full_name", "person__email")
    )
    bookings = {r.booking.public_id for r in registrations}
    lines = {}
    for line in (
        InvoiceLine.objects.filter(kind=SEAT_KIND_CODE, sold_public_id__in=bookings)
        .select_related("invoice")
        .order_by("pk")
    ):
        if line.invoice.status != InvoiceStatus.VOID or line.sold_public_id not in lines:
            lines[line.sold_public_id] = line
    people = {r.person_id for r in registrations}
    seats: dict[int, str] = {}
    for seat in (
        Seat.objects.filter(user_id__in=people)
        .select_related("organization")
        .order_by("organization__name")
    ):
        seats.setdefault(seat.user_id, seat.organization.name)
    present: dict[int, set[int]] = {}
    for registration_id, day_id in Attendance.objects.filter(
        registration__boot_camp=boot_camp, present=True
    ).values_list("registration_id", "day_id"):
        present.setdefault(registration_id, set()).add(day_id)
    rows = [
        RosterRow(
            registration=r,
            organization=(
                r.booking.organization.name
                if r.booking.organization
                else seats.get(r.person_id, "")
            ),
            payment=_payment_label(r, lines),
            present_days=present.get(r.pk, set()),
        )
        for r in registrations
    ]
    order = {RegistrationStatus.CONFIRMED: 0, RegistrationStatus.PENDING: 1}
    rows.sort(key=lambda row: order.get(row.registration.status, 2))
    waitlist = list(
        WaitlistEntry.objects.filter(
            boot_camp=boot_camp, status__in=[WaitlistStatus.WAITING, WaitlistStatus.OFFERED]
        )
        .select_related("person")
        .order_by("joined_at")
    )
    return rows, waitlist


def attendance_sheet(day: BootCampDay) -> list[tuple[Registration, bool | None]]:
    """Confirmed attendees of the day's boot camp, each with what was recorded (None: not yet)."""
    registrations = list(
        Registration.objects.filter(
            boot_camp_id=day.boot_camp_id, status=RegistrationStatus.CONFIRMED
        )
        .select_related("person")
        .order_by("person__full_name", "person__email")
    )
    recorded = dict(Attendance.objects.filter(day=day).values_list("registration_id", "present"))
    return [(r, recorded.get(r.pk)) for r in registrations]


def invoice_line_of(booking: Booking) -> InvoiceLine | None:
    """The booking's invoice line: the live one (open or paid) if any, else the latest."""
    lines = list(
        InvoiceLine.objects.filter(kind=SEAT_KIND_CODE, sold_public_id=booking.public_id)
        .select_related("invoice")
        .order_by("-pk")
    )
    live = [line for line in lines if line.invoice.status != InvoiceStatus.VOID]
    return (live or lines or [None])[0]
