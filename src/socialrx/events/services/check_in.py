"""Checking attendees in at the door: by scanning their ticket's QR code or by name search.

An attendee is marked present once. Several doors may scan the same ticket at the same moment:
the database keeps one check-in per ticket (`CheckIn.attendee` is one-to-one), the door that
loses the race reads the winner's record and is told when, by whom and at which door the
attendee came in ("Already checked in at 08:42 by Dana Whitfield at Door B", on the event's
clock). Refusals (a forged, truncated or reissued ticket, a ticket of another event, a cancelled
or unpaid ticket) come back as a result the page shows in red, never as an error.

The scan path is kept short (a door scans a ticket every few seconds): one query reads the
ticket with its check-in; a first check-in adds the row lock, the insert and its audit row."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from socialrx.core import audit
from socialrx.core.permissions import require

from ..calendars import local
from ..models import Attendee, AttendeeStatus, CheckIn, Event, EventStatus
from ..ticket_tokens import attendee_for_token

METHODS = ("scan", "search")
DOOR_LENGTH = 60

# What happened, for the page's colour: green, amber, red.
CHECKED_IN = "checked_in"
ALREADY = "already_checked_in"
REFUSED = "refused"


@dataclass(frozen=True)
class CheckInResult:
    """The answer a door shows. `code` says why (stable, for the page and the API):
    checked_in, already_checked_in, not_a_ticket, other_event, cancelled, unpaid,
    event_cancelled."""

    outcome: str
    code: str
    message: str
    attendee: Attendee | None = None
    record: CheckIn | None = None

    @property
    def admitted(self) -> bool:
        """The attendee may come in (checked in now or earlier)."""
        return self.outcome in (CHECKED_IN, ALREADY)

    @property
    def tone(self) -> str:
        return {CHECKED_IN: "success", ALREADY: "warning"}.get(self.outcome, "error")

    def as_json(self) -> dict:
        attendee, record = self.attendee, self.record
        data = {
            "outcome": self.outcome,
            "code": self.code,
            "message": self.message,
            "tone": self.tone,
            "attendee": None,
            "check_in": None,
        }
        if attendee is not None and self.code != "other_event":
            data["attendee"] = {
                "id": str(attendee.public_id),
                "name": attendee.full_name,
                "ticket_type": attendee.ticket_type.name,
                "job_title": attendee.job_title,
                "organization": attendee.organization_name,
                "status": attendee.status,
            }
        if record is not None:
            data["check_in"] = {
                "at": record.checked_in_at.isoformat(),
                "by": _staff_name(record),
                "door": record.door,
                "method": record.method,
            }
        return data


def _refused(code: str, message: str, attendee: Attendee | None = None) -> CheckInResult:
    return CheckInResult(REFUSED, code, message, attendee=attendee)


def _staff_name(record: CheckIn) -> str:
    user = record.checked_in_by
    if user is None:
        return ""
    return user.full_name or user.email


def describe_earlier(
    record: CheckIn, event: Event, *, now=None, lead: str = "Already checked in"
) -> str:
    """ "Already checked in at 08:42 by Dana Whitfield at Door B" (the event's clock; the date
    too when it was not today there)."""
    shown = local(record.checked_in_at, event)
    today = local(now or timezone.now(), event).date()
    when = f"{shown:%H:%M}"
    if shown.date() != today:
        when += f" on {shown:%b} {shown.day}"
    parts = [f"{lead} at {when}"]
    staff = _staff_name(record)
    if staff:
        parts.append(f"by {staff}")
    if record.door:
        parts.append(f"at {record.door}")
    return " ".join(parts)


def existing_check_in(attendee: Attendee) -> CheckIn | None:
    """The attendee's check-in when it was read with them (select_related), else read it."""
    try:
        return attendee.check_in
    except CheckIn.DoesNotExist:
        return None


def _already(attendee: Attendee, record: CheckIn, event: Event) -> CheckInResult:
    return CheckInResult(
        ALREADY, ALREADY, describe_earlier(record, event), attendee=attendee, record=record
    )


def _refusal(event: Event, attendee: Attendee | None, status: str | None = None):
    if attendee is None:
        return _refused(
            "not_a_ticket",
            "Not a valid ticket: the code is unreadable, altered, or from a ticket that was "
            "reissued to someone else.",
        )
    if attendee.event_id != event.pk:
        return _refused("other_event", "Not a ticket for this event.", attendee)
    if event.status == EventStatus.CANCELLED:
        return _refused("event_cancelled", "This event was cancelled.", attendee)
    status = status or attendee.status
    if status == AttendeeStatus.CANCELLED:
        return _refused("cancelled", "Ticket cancelled.", attendee)
    if status != AttendeeStatus.CONFIRMED:
        return _refused("unpaid", "Ticket not paid: its order is awaiting payment.", attendee)
    return None


def clean_door(door: str) -> str:
    """One line of printable text (no NUL or control characters), at most 60 characters."""
    printable = "".join(char for char in str(door or "") if char.isprintable() or char.isspace())
    return " ".join(printable.split())[:DOOR_LENGTH]


def check_in(
    actor, event: Event, attendee: Attendee | None, *, door: str = "", method: str = "scan"
) -> CheckInResult:
    """Mark `attendee` present at `event` (once). `attendee` is None for a token that named no
    ticket. Read the attendee with `select_related("ticket_type", "check_in__checked_in_by")`
    to keep a second scan to no further query."""
    require(actor, "events.check_in")
    method = method if method in METHODS else "scan"
    door = clean_door(door)
    refusal = _refusal(event, attendee)
    if refusal is not None:
        return refusal
    record = existing_check_in(attendee)
    if record is not None:
        return _already(attendee, record, event)
    with transaction.atomic():
        # The ticket's row, locked: a cancellation at this moment waits for us, or we see it.
        status = (
            Attendee.objects.select_for_update()
            .filter(pk=attendee.pk)
            .values_list("status", flat=True)
            .first()
        )
        refusal = _refusal(event, attendee, status or AttendeeStatus.CANCELLED)
        if refusal is not None:
            return refusal
        try:
            with transaction.atomic():
                record = CheckIn.objects.create(
                    attendee=attendee,
                    event=event,
                    checked_in_by=actor if getattr(actor, "is_authenticated", False) else None,
                    door=door,
                    method=method,
                )
        except IntegrityError:
            # Another door got there first (and has committed): tell this one when and who.
            record = (
                CheckIn.objects.select_related("checked_in_by").filter(attendee=attendee).first()
            )
            if record is None:  # pragma: no cover - the one-to-one is the only constraint
                raise
            attendee.check_in = record
            return _already(attendee, record, event)
        audit.record(
            actor=actor,
            action="events.attendee.checked_in",
            target=attendee,
            after={"door": door, "method": method, "ticket_type": attendee.ticket_type_id},
        )
    attendee.check_in = record
    return CheckInResult(
        CHECKED_IN,
        CHECKED_IN,
        f"Checked in: {attendee.full_name}, {attendee.ticket_type.name}",
        attendee=attendee,
        record=record,
    )


def check_in_token(actor, event: Event, token: str, *, door: str = "") -> CheckInResult:
    """Check in whoever a scanned QR token names (see `ticket_tokens`)."""
    require(actor, "events.check_in")
    return check_in(actor, event, attendee_for_token(token), door=door, method="scan")
