"""Staff run boot camps: create and edit a cohort, its days, publish it, cancel it.

Trainers' time is committed through `schedules` for every day whenever the days or the
trainers change; a trainer booked elsewhere at that time refuses the whole change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from django.db import transaction
from django.utils import timezone

from socialrx.billing.models import Invoice, InvoiceLine
from socialrx.core import audit
from socialrx.core.errors import DomainError
from socialrx.core.permissions import require
from socialrx.schedules import services as schedules

from ..calendars import at_center, describe_moment, local
from ..models import (
    HOLDING_STATUSES,
    Attendance,
    Booking,
    BookingStatus,
    BootCamp,
    BootCampDay,
    BootCampStatus,
    Registration,
)
from ..selectors.boot_camps import SEAT_KIND_CODE
from . import boot_camp_emails, boot_camp_money, waitlist
from .boot_camp_registration import BOOT_CAMP_CANCELLED, cancel_booking, lock

SOURCE_KIND = "training.boot_camp"
FIELDS = (
    "title",
    "slug",
    "summary",
    "description",
    "level",
    "location",
    "capacity",
    "price_cents",
    "registration_deadline",
    "cancellation_deadline",
    "ce_hours",
)
RELATED = ("topics", "platforms", "trainers")


@dataclass(frozen=True)
class DaySpec:
    """A day as staff enter it: a date and times on the center's clock."""

    day: date
    starts: time
    ends: time
    room: str = ""
    agenda: str = ""
    id: int | None = None


def _snapshot(camp: BootCamp) -> dict:
    values = {name: getattr(camp, name) for name in FIELDS}
    for name in RELATED:
        values[name] = [str(item) for item in getattr(camp, name).all()]
    return values


def _check_fields(data: dict, *, camp: BootCamp | None) -> None:
    capacity = data.get("capacity")
    if capacity is None or capacity < 1:
        raise DomainError("Capacity must be at least 1 seat.", field="capacity")
    if data.get("price_cents") is None or data["price_cents"] < 0:
        raise DomainError("Enter a list price of zero or more.", field="price_cents")
    for trainer in data.get("trainers", []):
        if not (trainer.is_coach or trainer.is_staff) or not trainer.is_active:
            raise DomainError(
                f"{trainer.full_name or trainer.email} is not a coach or center staff.",
                field="trainers",
            )
    others = BootCamp.objects.filter(slug=data["slug"])
    if camp is not None:
        others = others.exclude(pk=camp.pk)
    if others.exists():
        raise DomainError("Another boot camp already uses that web address.", field="slug")


def _check_deadlines(camp: BootCamp) -> None:
    first = camp.days.order_by("starts_at").first()
    if first is None:
        return
    for name, label in (
        ("registration_deadline", "registration deadline"),
        ("cancellation_deadline", "cancellation deadline"),
    ):
        if getattr(camp, name) > first.starts_at:
            raise DomainError(
                f"The {label} must be no later than the start of day 1 "
                f"({describe_moment(first.starts_at)}).",
                field=name,
            )


def commit_trainers(camp: BootCamp) -> None:
    """Make the trainers' commitments exactly the trainers × the days (or none, cancelled)."""
    if camp.status == BootCampStatus.CANCELLED:
        schedules.release(source_kind=SOURCE_KIND, source_public_id=camp.public_id)
        return
    slots = [schedules.Slot(d.starts_at, d.ends_at) for d in camp.days.order_by("starts_at")]
    schedules.replace(
        list(camp.trainers.all()),
        slots,
        source_kind=SOURCE_KIND,
        source_public_id=camp.public_id,
        label=f"Boot camp: {camp.title}",
    )


@transaction.atomic
def create_boot_camp(*, actor, data: dict) -> BootCamp:
    require(actor, "training.manage_boot_camps")
    _check_fields(data, camp=None)
    camp = BootCamp.objects.create(**{name: data[name] for name in FIELDS})
    for name in RELATED:
        getattr(camp, name).set(data.get(name, []))
    commit_trainers(camp)
    audit.record(
        actor=actor, action="training.boot_camp.created", target=camp, after=_snapshot(camp)
    )
    return camp


@transaction.atomic
def update_boot_camp(*, actor, boot_camp: BootCamp, data: dict) -> BootCamp:
    require(actor, "training.manage_boot_camps")
    camp = lock(boot_camp)
    if camp.status in (BootCampStatus.CANCELLED, BootCampStatus.COMPLETED):
        raise DomainError(f"A {camp.get_status_display().lower()} boot camp cannot be changed.")
    _check_fields(data, camp=camp)
    taken = Registration.objects.filter(boot_camp=camp, status__in=HOLDING_STATUSES).count()
    if data["capacity"] < taken:
        raise DomainError(
            f"{taken} seats are taken: the capacity cannot be lower than {taken}.",
            field="capacity",
        )
    before = _snapshot(camp)
    old_trainers = set(camp.trainers.values_list("pk", flat=True))
    for name in FIELDS:
        setattr(camp, name, data[name])
    camp.save()
    for name in RELATED:
        getattr(camp, name).set(data.get(name, []))
    _check_deadlines(camp)
    if old_trainers != {t.pk for t in data.get("trainers", [])} or before["title"] != camp.title:
        commit_trainers(camp)
    audit.record(
        actor=actor,
        action="training.boot_camp.updated",
        target=camp,
        before=before,
        after=_snapshot(camp),
    )
    if camp.capacity > before["capacity"]:
        waitlist.offer_next_seats(camp)
    return camp


def _describe_day(day: BootCampDay) -> str:
    start, end = local(day.starts_at), local(day.ends_at)
    return f"{start:%Y-%m-%d %H:%M}–{end:%H:%M} {day.room}".strip()


@transaction.atomic
def save_days(*, actor, boot_camp: BootCamp, days: list[DaySpec]) -> BootCamp:
    """Make the boot camp's schedule exactly `days` (all or nothing): a day with an id is
    changed, one without is added, a day left out is removed. Then the trainers are booked."""
    require(actor, "training.manage_boot_camps")
    camp = lock(boot_camp)
    if camp.status in (BootCampStatus.CANCELLED, BootCampStatus.COMPLETED):
        raise DomainError(f"A {camp.get_status_display().lower()} boot camp cannot be changed.")
    existing = {day.pk: day for day in camp.days.all()}
    ids = [spec.id for spec in days if spec.id is not None]
    kept = set(ids)
    if kept - set(existing) or len(kept) != len(ids):
        raise DomainError("The days changed while you were editing them: reload the page.")
    delete_ids = set(existing) - kept
    before = [_describe_day(day) for day in sorted(existing.values(), key=lambda d: d.starts_at)]
    if Attendance.objects.filter(day_id__in=delete_ids).exists():
        raise DomainError("A day with attendance recorded cannot be removed.", field="days")
    planned = []
    for spec in days:
        starts, ends = at_center(spec.day, spec.starts), at_center(spec.day, spec.ends)
        if ends <= starts:
            raise DomainError(
                f"{spec.day:%b} {spec.day.day}: the day must end after it starts.", field="days"
            )
        planned.append((spec, starts, ends))
    planned.sort(key=lambda item: item[1])
    for (_, _, previous_end), (spec, starts, _) in zip(planned, planned[1:], strict=False):
        if starts < previous_end:
            raise DomainError(f"{spec.day:%b} {spec.day.day} overlaps another day.", field="days")
    if not planned and camp.status == BootCampStatus.PUBLISHED:
        raise DomainError("A published boot camp needs at least one day.", field="days")
    BootCampDay.objects.filter(pk__in=delete_ids).delete()
    for spec, starts, ends in planned:
        day = existing.get(spec.id) if spec.id is not None else BootCampDay(boot_camp=camp)
        day.starts_at, day.ends_at = starts, ends
        day.room, day.agenda = spec.room, spec.agenda
        day.save()
    _check_deadlines(camp)
    camp.save(update_fields=["updated_at"])
    commit_trainers(camp)
    audit.record(
        actor=actor,
        action="training.boot_camp.days_changed",
        target=camp,
        before={"days": before},
        after={"days": [_describe_day(day) for day in camp.days.order_by("starts_at")]},
    )
    return camp


@transaction.atomic
def publish(*, actor, boot_camp: BootCamp) -> BootCamp:
    require(actor, "training.manage_boot_camps")
    camp = lock(boot_camp)
    if camp.status != BootCampStatus.DRAFT:
        raise DomainError(f"This boot camp is already {camp.get_status_display().lower()}.")
    if not camp.days.exists():
        raise DomainError("Add at least one day before publishing.")
    if camp.registration_deadline <= timezone.now():
        raise DomainError(
            "The registration deadline has passed: move it before publishing.",
            field="registration_deadline",
        )
    _check_deadlines(camp)
    camp.status = BootCampStatus.PUBLISHED
    camp.save(update_fields=["status", "updated_at"])
    audit.record(
        actor=actor,
        action="training.boot_camp.published",
        target=camp,
        before={"status": BootCampStatus.DRAFT},
        after={"status": camp.status},
    )
    return camp


@transaction.atomic
def cancel_boot_camp(*, actor, boot_camp: BootCamp, reason: str) -> int:
    """Cancel the cohort: every booking is voided or refunded through billing, everyone is
    told, the waitlist closes and the trainers' time is freed. Returns the seats cancelled."""
    require(actor, "training.manage_boot_camps")
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(
            "Say why the boot camp is cancelled (attendees are told).", field="reason"
        )
    bookings = list(
        Booking.objects.filter(boot_camp=boot_camp)
        .exclude(status=BookingStatus.CANCELLED)
        .select_related("made_by", "boot_camp")
    )
    # Invoices first (in one order), then the boot camp: the order billing's hooks lock in.
    invoice_ids = InvoiceLine.objects.filter(
        kind=SEAT_KIND_CODE, sold_public_id__in=[b.public_id for b in bookings]
    ).values_list("invoice_id", flat=True)
    list(Invoice.objects.select_for_update().filter(pk__in=invoice_ids).order_by("pk"))
    camp = lock(boot_camp)
    if camp.status in (BootCampStatus.CANCELLED, BootCampStatus.COMPLETED):
        raise DomainError(f"This boot camp is already {camp.get_status_display().lower()}.")
    before = camp.status
    camp.status = BootCampStatus.CANCELLED
    camp.save(update_fields=["status", "updated_at"])
    cancelled = []
    for booking in bookings:
        registrations = cancel_booking(
            booking, reason=BOOT_CAMP_CANCELLED, actor=actor, action="training.booking.cancelled"
        )
        if not registrations:
            continue
        for registration in registrations:
            registration.booking = booking
        boot_camp_money.settle(
            actor=actor,
            booking=booking,
            registrations=registrations,
            remaining=0,
            reason=f"{camp.title} was cancelled",
        )
        cancelled += registrations
    waitlist.withdraw_all(camp, actor=actor)
    commit_trainers(camp)
    audit.record(
        actor=actor,
        action="training.boot_camp.cancelled",
        target=camp,
        before={"status": before},
        after={"status": camp.status, "reason": reason, "seats_cancelled": len(cancelled)},
    )
    boot_camp_emails.boot_camp_cancelled(camp, cancelled, reason=reason, actor=actor)
    return len(cancelled)
