"""The boot camp's emails (text and HTML, sent after commit): confirmation to each attendee and
to the buyer, the waitlist's seat offer, reminders a week and a day before day 1, and
cancellations. Every time is given on the center's clock, with the zone named."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from socialrx.core.email import queue_templated_email

from ..calendars import center_zone_name, describe_moment
from ..models import BootCamp, BootCampStatus, Registration, RegistrationStatus

TEMPLATES = "training/email/"


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _context(boot_camp: BootCamp, **extra) -> dict:
    days = list(boot_camp.days.order_by("starts_at"))
    return {
        "boot_camp": boot_camp,
        "days": days,
        "center_zone": center_zone_name(),
        "page_url": _absolute(reverse("training:boot_camp", args=[boot_camp.slug])),
        "ics_url": _absolute(reverse("training:boot_camp_ics", args=[boot_camp.slug])),
        "cancellation_deadline": describe_moment(boot_camp.cancellation_deadline),
        "site_url": settings.SITE_URL,
        **extra,
    }


def _send(to, template: str, context: dict, triggered_by=None) -> None:
    emails = sorted({address for address in to if address})
    if emails:
        queue_templated_email(
            to=emails, template=TEMPLATES + template, context=context, triggered_by=triggered_by
        )


def confirmed(booking, registrations: list[Registration], triggered_by=None) -> None:
    """Each attendee gets their confirmation; the buyer, when not the only attendee, a summary."""
    boot_camp = booking.boot_camp
    for registration in registrations:
        _send(
            [registration.person.email],
            "boot_camp_confirmed",
            _context(boot_camp, person=registration.person, registration=registration),
            triggered_by,
        )
    attendees = {r.person_id for r in registrations}
    if registrations and attendees != {booking.made_by_id}:
        _send(
            [booking.made_by.email],
            "boot_camp_booking_confirmed",
            _context(boot_camp, buyer=booking.made_by, registrations=registrations),
            triggered_by,
        )


def seat_offered(entry, triggered_by=None) -> None:
    claim = reverse("training:waitlist_claim", args=[entry.public_id, entry.claim_token])
    _send(
        [entry.person.email],
        "boot_camp_seat_offered",
        _context(
            entry.boot_camp,
            person=entry.person,
            claim_url=_absolute(claim),
            offer_expires=describe_moment(entry.offer_expires_at),
        ),
        triggered_by,
    )


def registration_cancelled(registration, *, money: str, actor=None) -> None:
    booking = registration.booking
    context = _context(
        registration.boot_camp, person=registration.person, registration=registration, money=money
    )
    _send(
        [registration.person.email, booking.made_by.email],
        "boot_camp_cancelled_seat",
        context,
        actor,
    )


def boot_camp_cancelled(boot_camp, registrations, *, reason: str, actor=None) -> None:
    """Every attendee and every buyer is told, once each."""
    people = {r.person.email for r in registrations} | {
        r.booking.made_by.email for r in registrations
    }
    for email in sorted(people):
        _send([email], "boot_camp_cancelled", _context(boot_camp, reason=reason), actor)


# --- reminders --------------------------------------------------------------------------------

WEEK = timedelta(days=7)
DAY = timedelta(days=1)


def send_due_reminders(now=None) -> int:
    """A reminder a week before day 1 and another a day before, each once per attendee. A
    person registered within the last week gets only the one still ahead of them."""
    now = now or timezone.now()
    sent = 0
    camps = (
        BootCamp.objects.filter(
            status=BootCampStatus.PUBLISHED,
            days__starts_at__gt=now,
            days__starts_at__lte=now + WEEK,
        )
        .distinct()
        .prefetch_related("days")
    )
    for camp in camps:
        first = min(day.starts_at for day in camp.days.all())
        if first <= now or first > now + WEEK:
            continue  # a later day is within the week, the first already began or is later
        final = first - now <= DAY
        field = "final_reminder_sent_at" if final else "reminder_sent_at"
        with transaction.atomic():
            due = list(
                Registration.objects.select_for_update()
                .filter(boot_camp=camp, status=RegistrationStatus.CONFIRMED, **{field: None})
                .select_related("person")
            )
            for registration in due:
                _send(
                    [registration.person.email],
                    "boot_camp_reminder",
                    _context(
                        camp,
                        person=registration.person,
                        starts=describe_moment(first),
                        tomorrow=final,
                    ),
                )
            ids = [r.pk for r in due]
            Registration.objects.filter(pk__in=ids).update(**{field: now})
            # Once the day-before reminder went, the week's is no longer due.
            Registration.objects.filter(pk__in=ids, reminder_sent_at=None).update(
                reminder_sent_at=now
            )
            sent += len(due)
    return sent
