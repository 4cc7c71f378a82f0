"""Attendance per day, and completing a boot camp with certificates of attendance.

The certificate rule: a confirmed attendee present at least one day receives a certificate for
the hours of the days they attended; the boot camp's continuing-education hours are given only
to those present every day (otherwise 0 CE hours)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from socialrx.core import audit
from socialrx.core.calendar import center_today
from socialrx.core.errors import DomainError
from socialrx.core.permissions import require

from ..calendars import local
from ..models import (
    Attendance,
    BootCamp,
    BootCampDay,
    BootCampStatus,
    CertificateKind,
    Registration,
    RegistrationStatus,
)
from .boot_camp_registration import lock
from .certificates import issue_certificate

CERTIFICATE_RULE = (
    "Each confirmed attendee present at least one day receives a certificate of attendance "
    "for the hours of the days attended. Continuing-education hours are granted only to "
    "attendees present every day."
)


def day_hours(day: BootCampDay) -> Decimal:
    seconds = Decimal((day.ends_at - day.starts_at).total_seconds())
    return seconds / Decimal(3600)


def _one_decimal(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@transaction.atomic
def record_attendance(*, actor, day: BootCampDay, present_ids) -> dict:
    """Save the whole sheet of one day at once: every confirmed attendee is present when their
    registration id is in `present_ids`, absent otherwise."""
    camp = day.boot_camp
    require(actor, "training.keep_roster", camp)
    camp = lock(camp)
    if camp.status == BootCampStatus.COMPLETED:
        raise DomainError("This boot camp is completed: its attendance is final.")
    if camp.status != BootCampStatus.PUBLISHED:
        raise DomainError("Attendance is taken for a boot camp open for registration.")
    shown = local(day.starts_at).date()
    if center_today() < shown:
        raise DomainError(f"Attendance for {shown:%b} {shown.day} can be taken from that day on.")
    registrations = {
        r.pk: r
        for r in Registration.objects.filter(
            boot_camp=camp, status=RegistrationStatus.CONFIRMED
        ).select_related("person")
    }
    present_ids = set(present_ids)
    if present_ids - set(registrations):
        raise DomainError("The list changed while you were marking it: reload the page.")
    existing = {a.registration_id: a for a in Attendance.objects.filter(day=day)}
    created, changed = [], []
    for pk in registrations:
        present = pk in present_ids
        record = existing.get(pk)
        if record is None:
            created.append(
                Attendance(registration_id=pk, day=day, present=present, recorded_by=actor)
            )
        elif record.present != present:
            record.present, record.recorded_by = present, actor
            changed.append(record)
    Attendance.objects.bulk_create(created)
    for record in changed:
        record.save(update_fields=["present", "recorded_by", "recorded_at"])
    summary = {
        "day": f"{shown:%Y-%m-%d}",
        "present": len(present_ids),
        "absent": len(registrations) - len(present_ids),
    }
    audit.record(actor=actor, action="training.attendance.recorded", target=camp, after=summary)
    return summary


@transaction.atomic
def complete_boot_camp(*, actor, boot_camp: BootCamp) -> int:
    """Mark the boot camp completed and issue the certificates of attendance (see the rule
    above). Returns the number of certificates."""
    require(actor, "training.keep_roster", boot_camp)
    camp = lock(boot_camp)
    if camp.status != BootCampStatus.PUBLISHED:
        raise DomainError(f"This boot camp is {camp.get_status_display().lower()}.")
    days = list(camp.days.order_by("starts_at"))
    if not days:
        raise DomainError("This boot camp has no days.")
    if days[-1].ends_at > timezone.now():
        last = local(days[-1].ends_at)
        raise DomainError(
            f"The boot camp ends on {last:%b} {last.day} at {last:%-I:%M %p}: complete it after "
            "its last day."
        )
    registrations = list(
        Registration.objects.filter(
            boot_camp=camp, status=RegistrationStatus.CONFIRMED
        ).select_related("person")
    )
    present: dict[int, set[int]] = {}
    for registration_id, day_id in Attendance.objects.filter(
        registration__in=registrations, present=True
    ).values_list("registration_id", "day_id"):
        present.setdefault(registration_id, set()).add(day_id)
    hours = {day.pk: day_hours(day) for day in days}
    completed_on = local(days[-1].ends_at).date()
    issued = 0
    for registration in registrations:
        attended = present.get(registration.pk, set())
        if not attended:
            continue
        every_day = attended >= set(hours)
        issue_certificate(
            person=registration.person,
            kind=CertificateKind.BOOT_CAMP,
            title=camp.title,
            source_public_id=camp.public_id,
            hours=_one_decimal(sum((hours[pk] for pk in attended), Decimal(0))),
            ce_hours=camp.ce_hours if every_day else Decimal("0"),
            completed_on=completed_on,
            actor=actor,
        )
        issued += 1
    camp.status = BootCampStatus.COMPLETED
    camp.save(update_fields=["status", "updated_at"])
    audit.record(
        actor=actor,
        action="training.boot_camp.completed",
        target=camp,
        before={"status": BootCampStatus.PUBLISHED},
        after={"status": camp.status, "certificates": issued},
    )
    return issued
