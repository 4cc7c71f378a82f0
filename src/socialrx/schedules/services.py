"""Booking and releasing a person's time. Callers run inside their own transaction; a clash
raises `DoubleBooked` (a Conflict naming the other commitment) and leaves nothing behind.

Writers take a lock per person (in id order) before booking: the exclusion constraint refuses
an overlap, but two transactions inserting overlapping rows at the same moment each wait for
the other's row inside PostgreSQL's check, and one of them died of a deadlock (a server error)
instead of hearing that the person is booked. With the lock the second waits for the first to
finish and then meets its row as a plain overlap."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from django.db import IntegrityError, transaction
from django.utils import timezone

from socialrx.core.errors import Conflict
from socialrx.core.locks import hold_transaction_lock, lock_key

from .models import Commitment

OVERLAP_CONSTRAINT = "schedules_commitment_no_overlap"


class DoubleBooked(Conflict):
    def __init__(self, person, clash: Commitment | None):
        who = getattr(person, "full_name", "") or getattr(person, "email", "This person")
        if clash is None:
            message = f"{who} is already booked at that time."
        else:
            # In the center's zone (not the viewer's): schedules are kept in center time.
            starts = timezone.localtime(clash.starts_at, timezone.get_default_timezone())
            when = starts.strftime("%b %-d, %Y %-I:%M %p %Z")
            message = f"{who} is already booked at that time: {clash.label} ({when})."
        super().__init__(message, field="trainers", code="double_booked")


@dataclass(frozen=True)
class Slot:
    starts_at: datetime
    ends_at: datetime


def _lock_people(people) -> None:
    """Hold each person's lock until the transaction ends, in id order (so that two writers
    booking the same people in another order cannot wait for each other)."""
    for person_id in sorted({person.pk for person in people}):
        hold_transaction_lock(lock_key(f"schedules.commitment:{person_id}"))


def _clash(person, slot: Slot, *, exclude_source: UUID | None = None) -> Commitment | None:
    others = Commitment.objects.filter(
        person=person, starts_at__lt=slot.ends_at, ends_at__gt=slot.starts_at
    )
    if exclude_source is not None:
        others = others.exclude(source_public_id=exclude_source)
    return others.order_by("starts_at").first()


def commit(
    person, slots: list[Slot], *, source_kind: str, source_public_id: UUID, label: str
) -> list[Commitment]:
    """Book `person` for every slot. The database refuses an overlap (exclusion constraint or
    trigger); the savepoint keeps the caller's transaction usable to report it."""
    try:
        with transaction.atomic():
            _lock_people([person])
            return [
                Commitment.objects.create(
                    person=person,
                    starts_at=slot.starts_at,
                    ends_at=slot.ends_at,
                    source_kind=source_kind,
                    source_public_id=source_public_id,
                    label=label[:200],
                )
                for slot in slots
            ]
    except IntegrityError as error:
        if OVERLAP_CONSTRAINT not in str(error):
            raise
        clash = next((found for slot in slots if (found := _clash(person, slot)) is not None), None)
        raise DoubleBooked(person, clash) from error


def release(*, source_kind: str, source_public_id: UUID, person=None) -> int:
    """Free the time a thing booked (all its people, or one)."""
    commitments = Commitment.objects.filter(
        source_kind=source_kind, source_public_id=source_public_id
    )
    if person is not None:
        commitments = commitments.filter(person=person)
    deleted, _ = commitments.delete()
    return deleted


def replace(
    people, slots: list[Slot], *, source_kind: str, source_public_id: UUID, label: str
) -> None:
    """Make a thing's commitments exactly `people` × `slots` (a rescheduled day, a trainer
    swapped), refusing the whole change if anyone would be double booked."""
    people = list(people)
    with transaction.atomic():
        _lock_people(people)
        release(source_kind=source_kind, source_public_id=source_public_id)
        for person in people:
            commit(
                person,
                slots,
                source_kind=source_kind,
                source_public_id=source_public_id,
                label=label,
            )
