"""The demo's boot camps, run through the staff and registration services: one coming up with
seats left, one full with a waitlist (a seat given up and offered to the first person
waiting), and one that took place last month with its attendance and certificates (one
revoked). Seats are booked by the organizations' admins or by the attendees, invoiced through
billing's checkout at the price the plan gives (20 % off for Riverside's Medical Center plan)
and paid by ACH or check as staff record it; one booking is left awaiting payment.

The boot camp that already took place is set up (and booked) for a later day, since the
services take registrations only before the deadline, and then moved back to its real days
with its trainers' committed time before its attendance is taken. Each boot camp is made only
when its address (slug) is free."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta
from decimal import Decimal

from socialrx.billing.models import Invoice, PaymentMethod, PaymentRoute
from socialrx.billing.services.checkout import Item, checkout
from socialrx.billing.services.payments import record_manual_payment
from socialrx.core.calendar import center_today
from socialrx.schedules.models import Commitment
from socialrx.taxonomy.models import Platform, Topic

from ..calendars import at_center
from ..models import (
    Booking,
    BootCamp,
    BootCampDay,
    Certificate,
    CertificateKind,
    Level,
    Registration,
    RegistrationStatus,
)
from ..services import attendance, boot_camps, certificates, waitlist
from ..services.boot_camp_registration import book, cancel_registration
from ..services.boot_camp_sales import SEAT_KIND
from .dates import date_invoice, days_ago
from .people import Cast

LOCATION = "SocialRx Center, 310 Broadway Avenue South, Rochester, MN 55904"
AGENDAS = {
    "strategy": (
        "Goals and audiences; the editorial calendar; approvals that work; a policy "
        "workshop with your own draft.",
        "Moderation drills; crisis simulation; measuring what matters; your 90-day plan.",
    ),
    "video": (
        "Scripts in plain language; on camera in the studio (three takes each); consent and "
        "releases; captions and thumbnails; publishing a one-minute patient-education video.",
    ),
}


@dataclass(frozen=True)
class Booked:
    by: str  # who books, in the cast
    organization: str  # the organization booked for ("" for oneself)
    attendees: tuple[str, ...]
    paid: bool = True


@dataclass(frozen=True)
class Camp:
    slug: str
    title: str
    summary: str
    description: str
    level: str
    topics: tuple[str, ...]
    platforms: tuple[str, ...]
    agenda: str
    start: int  # days from today; the first day is the next `weekday` from there
    weekday: int
    capacity: int
    price_cents: int
    ce_hours: Decimal
    trainers: tuple[str, ...]
    bookings: tuple[Booked, ...]
    room: str = "Training Room A"
    waiting: tuple[str, ...] = ()
    gives_up: str = ""  # an attendee who cancels once the waitlist formed
    absent_day_2: tuple[str, ...] = ()  # the boot camp took place: these missed day 2
    revoked: tuple[str, str] = ("", "")  # (attendee, reason)


CAMPS = (
    Camp(
        "social-media-strategy-boot-camp",
        "Social media strategy boot camp for hospital communicators",
        "Two days at the center: build your hospital's social media plan, policy and "
        "moderation playbook with peers and the center's coaches.",
        "Bring your current policy (or none) and leave with a 90-day plan, a moderation "
        "playbook and a policy draft your privacy officer can review.\n\n"
        "Breakfast and lunch are included. The center is a 5-minute walk from downtown hotels.",
        Level.INTRODUCTORY,
        ("strategy", "policy-legal", "hipaa-privacy", "crisis-response"),
        ("facebook", "instagram", "linkedin", "x"),
        "strategy",
        start=42,
        weekday=1,
        capacity=24,
        price_cents=1_195_00,
        ce_hours=Decimal("12.0"),
        trainers=("coach", "staff"),
        bookings=(
            Booked("hospital_admin", "hospital", ("nurse", "physician")),
            Booked("system_admin", "", ("system_admin",), paid=False),
        ),
    ),
    Camp(
        "video-studio-intensive",
        "Video studio intensive for clinicians and communicators",
        "One hands-on day in the center's studio, six people at a time: script, record and "
        "publish a one-minute patient-education video.",
        "Small-group and hands-on: every participant records three takes in the studio with a "
        "coach. Bring a topic patients ask you about.",
        Level.INTERMEDIATE,
        ("content-production", "patient-education", "physician-presence"),
        ("youtube", "instagram", "tiktok"),
        "video",
        start=21,
        weekday=1,
        capacity=6,
        price_cents=650_00,
        ce_hours=Decimal("6.0"),
        trainers=("coach",),
        room="Studio 1",
        bookings=(
            Booked("hospital_admin", "hospital", ("hospital_admin", "physician", "nurse")),
            Booked("practice_admin", "", ("practice_admin",)),
            Booked("system_admin", "health_system", ("system_admin", "system_social")),
        ),
        waiting=("practice_physician", "practice_manager"),
        gives_up="system_social",
    ),
    Camp(
        "social-media-strategy-boot-camp-winter",
        "Social media strategy boot camp (winter cohort)",
        "The two-day strategy boot camp, as it ran last month.",
        "The winter cohort of the strategy boot camp.",
        Level.INTRODUCTORY,
        ("strategy", "policy-legal", "hipaa-privacy"),
        ("facebook", "x"),
        "strategy",
        start=-35,
        weekday=1,
        capacity=20,
        price_cents=1_195_00,
        ce_hours=Decimal("12.0"),
        trainers=("coach", "staff"),
        bookings=(
            Booked("hospital_admin", "hospital", ("hospital_admin", "nurse")),
            Booked("practice_admin", "practice", ("practice_admin", "practice_physician")),
        ),
        absent_day_2=("practice_physician",),
        revoked=(
            "practice_admin",
            "Issued to the wrong person: a colleague attended in Dr. Whitman's place (the "
            "center will certify the person who attended).",
        ),
    ),
)
# A boot camp in the past is set up this much later, then moved back (see the docstring).
LATER = timedelta(days=364)


def seed_boot_camps(cast: Cast) -> list[BootCamp]:
    return [_camp(camp, cast) for camp in CAMPS]


def _camp(spec: Camp, cast: Cast) -> BootCamp:
    existing = BootCamp.objects.filter(slug=spec.slug).first()
    if existing is not None:
        return existing
    today = center_today()
    first = today + timedelta(days=spec.start)
    first += timedelta(days=(spec.weekday - first.weekday()) % 7)
    past = first <= today
    set_up_on = first + LATER if past else first
    days = _days(spec, set_up_on)
    starts = at_center(set_up_on, time(8, 30))
    camp = boot_camps.create_boot_camp(
        actor=cast.staff,
        data={
            "title": spec.title,
            "slug": spec.slug,
            "summary": spec.summary,
            "description": spec.description,
            "level": spec.level,
            "location": LOCATION,
            "capacity": spec.capacity,
            "price_cents": spec.price_cents,
            "registration_deadline": starts - timedelta(days=7),
            "cancellation_deadline": starts - timedelta(days=10),
            "ce_hours": spec.ce_hours,
            "topics": list(Topic.objects.filter(slug__in=spec.topics)),
            "platforms": list(Platform.objects.filter(code__in=spec.platforms)),
            "trainers": [cast[name] for name in spec.trainers],
        },
    )
    camp = boot_camps.save_days(actor=cast.staff, boot_camp=camp, days=days)
    camp = boot_camps.publish(actor=cast.staff, boot_camp=camp)
    for booked in spec.bookings:
        _book(booked, camp, cast)
    for name in spec.waiting:
        waitlist.join_waitlist(cast[name], camp)
    if spec.gives_up:
        registration = Registration.objects.get(
            boot_camp=camp, person=cast[spec.gives_up], status=RegistrationStatus.CONFIRMED
        )
        cancel_registration(
            cast[spec.gives_up],
            registration,
            reason="Covering a product launch that week; hoping to join the next intensive.",
        )
    if past:
        _move_back(camp)
        _took_place(spec, camp, cast)
    return camp


def _days(spec: Camp, first: date) -> list[boot_camps.DaySpec]:
    return [
        boot_camps.DaySpec(
            day=first + timedelta(days=number),
            starts=time(8, 30),
            ends=time(16, 30),
            room=spec.room,
            agenda=agenda,
        )
        for number, agenda in enumerate(AGENDAS[spec.agenda])
    ]


def _book(booked: Booked, camp: BootCamp, cast: Cast) -> None:
    """Seats booked, checked out by invoice at the buyer's price, and (mostly) paid by ACH."""
    actor = cast[booked.by]
    organization = cast[booked.organization] if booked.organization else None
    attendees = [cast[name] for name in booked.attendees]
    booking = book(actor, camp, attendees, organization)
    invoice = checkout(
        actor=actor,
        buyer=organization or actor,
        items=[Item(SEAT_KIND.code, booking.public_id, quantity=len(attendees))],
        pay_by=PaymentRoute.INVOICE,
        billing_name=actor.full_name,
        billing_email=actor.email,
        po_number="RRMC-PO-88231" if booked.organization == "hospital" else "",
    )
    if booked.paid and invoice.total_cents:
        record_manual_payment(
            actor=cast.staff,
            invoice=Invoice.objects.get(pk=invoice.pk),
            amount_cents=invoice.total_cents,
            method=PaymentMethod.ACH,
            reference=f"ACH-{center_today():%Y%m%d}-{invoice.number[-5:]}",
            received_on=center_today(),
        )


def _move_back(camp: BootCamp) -> None:
    """The boot camp set up a year on, moved to its real days (its trainers' time with it)."""
    for day in BootCampDay.objects.filter(boot_camp=camp):
        BootCampDay.objects.filter(pk=day.pk).update(
            starts_at=day.starts_at - LATER, ends_at=day.ends_at - LATER
        )
    BootCamp.objects.filter(pk=camp.pk).update(
        registration_deadline=camp.registration_deadline - LATER,
        cancellation_deadline=camp.cancellation_deadline - LATER,
    )
    for commitment in Commitment.objects.filter(
        source_kind=boot_camps.SOURCE_KIND, source_public_id=camp.public_id
    ):
        Commitment.objects.filter(pk=commitment.pk).update(
            starts_at=commitment.starts_at - LATER, ends_at=commitment.ends_at - LATER
        )
    camp.refresh_from_db()


def _took_place(spec: Camp, camp: BootCamp, cast: Cast) -> None:
    """Attendance taken each day by the lead trainer, the boot camp completed (certificates
    issued by the rule), and one certificate revoked by staff."""
    registrations = Registration.objects.filter(
        boot_camp=camp, status=RegistrationStatus.CONFIRMED
    ).select_related("person")
    absent = {cast[name].pk for name in spec.absent_day_2}
    trainer = cast[spec.trainers[0]]
    for number, day in enumerate(camp.days.order_by("starts_at")):
        present = [r.pk for r in registrations if number == 0 or r.person_id not in absent]
        attendance.record_attendance(actor=trainer, day=day, present_ids=present)
    attendance.complete_boot_camp(actor=trainer, boot_camp=camp)
    last = camp.days.order_by("starts_at").last()
    issued = Certificate.objects.filter(
        kind=CertificateKind.BOOT_CAMP, source_public_id=camp.public_id
    )
    issued.update(issued_at=last.ends_at + timedelta(days=1))
    person, reason = spec.revoked
    if person:
        certificate = issued.get(person=cast[person])
        certificates.revoke_certificate(actor=cast.staff, certificate=certificate, reason=reason)
        issued.filter(pk=certificate.pk).update(revoked_at=days_ago(12, 15))
    _date_bookings(camp, booked_on=last.ends_at.date() - timedelta(days=45))


def _date_bookings(camp: BootCamp, *, booked_on: date) -> None:
    """Registrations, their invoices and payments dated when the story has them booked (the
    services dated them today)."""
    Registration.objects.filter(boot_camp=camp).update(
        created_at=at_center(booked_on, time(10)),
        confirmed_at=at_center(booked_on + timedelta(days=6), time(14)),
    )
    for invoice_id in Booking.objects.filter(boot_camp=camp).values_list("invoice_id", flat=True):
        date_invoice(invoice_id, booked_on, booked_on + timedelta(days=6))
