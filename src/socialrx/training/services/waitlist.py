"""The waitlist of a full boot camp: join once; when a seat frees (a cancellation, a voided or
expired booking, more capacity) the earliest people waiting are offered a seat each, kept for
them for `TRAINING_WAITLIST_OFFER_HOURS` (48 by default), with a claim link by email. The link
carries a random token compared in constant time; claiming books the seat the ordinary way."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from socialrx.core import audit
from socialrx.core.errors import DomainError
from socialrx.core.permissions import require

from ..calendars import describe_moment
from ..models import (
    HOLDING_STATUSES,
    BootCamp,
    BootCampStatus,
    Registration,
    WaitlistEntry,
    WaitlistStatus,
)
from ..selectors.boot_camps import seats_left
from . import boot_camp_emails

WAITING_STATUSES = (WaitlistStatus.WAITING, WaitlistStatus.OFFERED)


def offer_hours() -> int:
    return settings.TRAINING_WAITLIST_OFFER_HOURS


def _lock(boot_camp: BootCamp) -> BootCamp:
    return BootCamp.objects.select_for_update().get(pk=boot_camp.pk)


def join_waitlist(actor, boot_camp: BootCamp) -> WaitlistEntry:
    require(actor, "training.register_boot_camp", boot_camp)
    with transaction.atomic():
        camp = _lock(boot_camp)
        now = timezone.now()
        if camp.status != BootCampStatus.PUBLISHED or now > camp.registration_deadline:
            raise DomainError(f"Registration for {camp.title} is closed.")
        if Registration.objects.filter(
            boot_camp=camp, person=actor, status__in=HOLDING_STATUSES
        ).exists():
            raise DomainError("You are already registered for this boot camp.")
        if WaitlistEntry.objects.filter(
            boot_camp=camp, person=actor, status__in=WAITING_STATUSES
        ).exists():
            raise DomainError("You are already on the waitlist.")
        if seats_left(camp, excluding_offers_to=[actor], now=now) > 0:
            raise DomainError("Seats are still available: register instead.")
        entry = WaitlistEntry.objects.create(boot_camp=camp, person=actor)
        audit.record(
            actor=actor,
            action="training.waitlist.joined",
            target=entry,
            after={"boot_camp": camp.slug, "person": actor.email},
        )
    return entry


def offer_next_seats(boot_camp: BootCamp, *, now=None) -> list[WaitlistEntry]:
    """Offer every seat left to the earliest people waiting. Safe to call any time a seat may
    have freed: with no seat or nobody waiting it does nothing."""
    with transaction.atomic():
        camp = _lock(boot_camp)
        now = now or timezone.now()
        if camp.status != BootCampStatus.PUBLISHED:
            return []
        first_day = camp.days.order_by("starts_at").first()
        if first_day is not None and first_day.starts_at <= now:
            return []
        left = seats_left(camp, now=now)
        if left <= 0:
            return []
        entries = list(
            WaitlistEntry.objects.select_for_update()
            .filter(boot_camp=camp, status=WaitlistStatus.WAITING)
            .select_related("person", "boot_camp")
            .order_by("joined_at", "pk")[:left]
        )
        expires = now + timedelta(hours=offer_hours())
        if first_day is not None:
            expires = min(expires, first_day.starts_at)
        for entry in entries:
            entry.status = WaitlistStatus.OFFERED
            entry.offered_at = now
            entry.offer_expires_at = expires
            entry.claim_token = secrets.token_urlsafe(32)
            entry.save(update_fields=["status", "offered_at", "offer_expires_at", "claim_token"])
            audit.record(
                actor=None,
                action="training.waitlist.offered",
                target=entry,
                after={"person": entry.person.email, "offer_expires_at": expires},
            )
            boot_camp_emails.seat_offered(entry)
    return entries


def check_claim(actor, entry: WaitlistEntry, token: str, *, now=None) -> None:
    """Refuse a claim that cannot go through; writes nothing."""
    now = now or timezone.now()
    if not entry.claim_token or not secrets.compare_digest(
        entry.claim_token.encode(), str(token).encode()
    ):
        raise DomainError("This claim link is not valid. Use the link in your latest email.")
    if entry.status == WaitlistStatus.CLAIMED:
        raise DomainError("This seat was already claimed.")
    if entry.status != WaitlistStatus.OFFERED or entry.offer_expires_at is None:
        raise DomainError("This offer is no longer open.")
    if entry.offer_expires_at <= now:
        raise DomainError(
            f"This offer expired on {describe_moment(entry.offer_expires_at)}; the seat went to "
            "the next person waiting."
        )
    if actor.pk != entry.person_id:
        raise DomainError(
            f"This offer is for {entry.person.email}: sign in as that person to claim it."
        )


def claim_offer(actor, entry: WaitlistEntry, token: str):
    """Book the offered seat for its person (then they check out as for any booking)."""
    from .boot_camp_registration import book  # noqa: PLC0415 - registration offers seats through this module

    with transaction.atomic():
        entry = (
            WaitlistEntry.objects.select_for_update()
            .select_related("person", "boot_camp")
            .get(pk=entry.pk)
        )
        check_claim(actor, entry, token)
        booking = book(actor, entry.boot_camp, [actor], offer=entry)
        audit.record(
            actor=actor,
            action="training.waitlist.claimed",
            target=entry,
            after={"booking": str(booking.public_id)},
        )
    return booking


def expire_offers(*, now=None) -> int:
    """Offers whose time ran out lapse, and their seats go to the next people waiting."""
    now = now or timezone.now()
    camp_ids = set(
        WaitlistEntry.objects.filter(
            status=WaitlistStatus.OFFERED, offer_expires_at__lte=now
        ).values_list("boot_camp_id", flat=True)
    )
    expired = 0
    for camp in BootCamp.objects.filter(pk__in=camp_ids).order_by("pk"):
        with transaction.atomic():
            camp = _lock(camp)
            entries = list(
                WaitlistEntry.objects.filter(
                    boot_camp=camp, status=WaitlistStatus.OFFERED, offer_expires_at__lte=now
                ).select_related("person")
            )
            for entry in entries:
                entry.status = WaitlistStatus.EXPIRED
                entry.save(update_fields=["status"])
                audit.record(
                    actor=None,
                    action="training.waitlist.expired",
                    target=entry,
                    before={"status": WaitlistStatus.OFFERED},
                    after={"status": WaitlistStatus.EXPIRED, "person": entry.person.email},
                )
            expired += len(entries)
            offer_next_seats(camp, now=now)
    return expired


def withdraw_all(boot_camp: BootCamp, *, actor=None) -> int:
    """The boot camp was cancelled: nobody waits for it any more."""
    entries = list(WaitlistEntry.objects.filter(boot_camp=boot_camp, status__in=WAITING_STATUSES))
    WaitlistEntry.objects.filter(pk__in=[e.pk for e in entries]).update(
        status=WaitlistStatus.WITHDRAWN
    )
    for entry in entries:
        audit.record(
            actor=actor,
            action="training.waitlist.withdrawn",
            target=entry,
            after={"reason": "The boot camp was cancelled."},
        )
    return len(entries)
