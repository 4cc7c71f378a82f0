"""Renaming an attendee: the buyer hands a ticket to someone else (or corrects its details)
until the event's `rename_until`. A new ticket secret is drawn, so the ticket already sent stops
working at the door; the ticket's new holder is emailed it and the old email told."""

from __future__ import annotations

from dataclasses import replace

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone

from socialrx.core import audit
from socialrx.core.errors import Conflict, DomainError, NotFound
from socialrx.core.permissions import allowed

from ..calendars import describe_moment
from ..models import HOLDING_STATUSES, Attendee, AttendeeStatus
from ..ticket_tokens import new_secret
from . import ticket_emails
from .registration import AttendeeDetails, lock_event

LIMITS = {
    "full_name": 160,
    "email": 254,
    "job_title": 160,
    "organization_name": 160,
    "dietary_needs": 300,
    "accessibility_needs": 300,
}
LABELS = {
    "full_name": "name",
    "email": "email",
    "job_title": "title",
    "organization_name": "organization",
    "dietary_needs": "dietary needs",
    "accessibility_needs": "accessibility needs",
}
PUBLIC_FIELDS = ("full_name", "email", "job_title", "organization_name")


def may_rename(actor, attendee: Attendee) -> bool:
    return allowed(actor, "events.manage_order", attendee.order)


def _cleaned(details: AttendeeDetails) -> AttendeeDetails:
    values = {name: str(getattr(details, name) or "").strip() for name in LIMITS}
    if not values["full_name"]:
        raise DomainError("Enter the attendee's name.", field="full_name")
    try:
        validate_email(values["email"])
    except ValidationError as error:
        raise DomainError("Enter a valid email address.", field="email") from error
    for name, limit in LIMITS.items():
        if len(values[name]) > limit:
            raise DomainError(
                f"The {LABELS[name]} is too long (at most {limit} characters).", field=name
            )
    return replace(details, **values)


def _person_with(email_key: str):
    return (
        get_user_model()
        .objects.annotate(email_key=Lower("email"))
        .filter(email_key=email_key, is_active=True)
        .order_by("pk")
        .first()
    )


def rename_attendee(actor, attendee: Attendee, details: AttendeeDetails) -> Attendee:
    """Give the ticket `details` (name, email, title, organization, needs). Refused after the
    event's cut-off, for a cancelled ticket, and for an email already registered for the
    event; anyone but the buyer (or staff) is told the ticket does not exist."""
    if not may_rename(actor, attendee):
        raise NotFound("Ticket not found.")
    details = _cleaned(details)
    new_key = details.email.lower()
    with transaction.atomic():
        event = lock_event(attendee.event)
        attendee = Attendee.objects.select_for_update().get(pk=attendee.pk)
        attendee = Attendee.objects.select_related("event", "ticket_type", "order__made_by").get(
            pk=attendee.pk
        )
        now = timezone.now()
        if attendee.status == AttendeeStatus.CANCELLED:
            raise DomainError(
                "This ticket is cancelled: it cannot be transferred.", code="cancelled"
            )
        if now > event.rename_until:
            raise DomainError(
                f"Tickets could be transferred until {describe_moment(event.rename_until, event)}.",
                code="too_late",
            )
        moved = new_key != attendee.email_key
        if moved and (
            Attendee.objects.filter(event=event, email_key=new_key, status__in=HOLDING_STATUSES)
            .exclude(pk=attendee.pk)
            .exists()
        ):
            raise Conflict(
                f"{details.email} is already registered for {event.title}.",
                field="email",
                code="already_registered",
            )
        before = {name: getattr(attendee, name) for name in PUBLIC_FIELDS}
        old_name, old_email = attendee.full_name, attendee.email
        needs_before = (attendee.dietary_needs, attendee.accessibility_needs)
        for name in LIMITS:
            setattr(attendee, name, getattr(details, name))
        attendee.email_key = new_key
        if moved:
            attendee.person = _person_with(new_key)
        attendee.ticket_secret = new_secret()
        attendee.renamed_at = now
        confirmed = attendee.status == AttendeeStatus.CONFIRMED
        attendee.ticket_sent_at = now if confirmed else None
        try:
            with transaction.atomic():
                attendee.save()
        except IntegrityError as error:  # the same email registered by a racing order
            raise Conflict(
                f"{details.email} is already registered for {event.title}.",
                field="email",
                code="already_registered",
            ) from error
        audit.record(
            actor=actor,
            action="events.attendee.renamed",
            target=attendee,
            before=before,
            after={
                **{name: getattr(attendee, name) for name in PUBLIC_FIELDS},
                # Health-related needs stay out of the log: only whether they changed.
                "needs_changed": needs_before
                != (attendee.dietary_needs, attendee.accessibility_needs),
                "new_ticket": True,
            },
        )
        if confirmed:
            template = "ticket_transferred" if moved else "ticket"
            ticket_emails.queue_ticket(attendee, template=template, triggered_by=actor)
        if moved:
            ticket_emails.ticket_transferred_away(
                event, old_name=old_name, old_email=old_email, actor=actor
            )
    return attendee
