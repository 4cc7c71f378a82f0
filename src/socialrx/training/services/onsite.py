"""On-site training at a member's hospital or practice.

An organization's admin requests; center staff propose a date, trainers and a quote (the
trainers' time is committed in `schedules`, where the database refuses a double booking);
the admin accepts (an invoice is issued through billing) or declines with a reason, or
withdraws while nothing is agreed; staff mark the session delivered once it has taken place.

    requested  -> proposed (staff propose), withdrawn (admin)
    proposed   -> proposed (staff revise: the proposal and the trainers' time are replaced),
                  accepted (admin: invoiced), declined (admin, with a reason), withdrawn (admin)
    accepted   -> delivered (staff, once the session has ended),
                  proposed (billing voided its invoice: the proposal stands, the trainers stay
                  booked; the admin may accept again for a new invoice; see `onsite_sales`)
    declined, withdrawn, delivered: final. Declined and withdrawn free the trainers' time.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from socialrx.billing.models import PaymentRoute
from socialrx.billing.services.invoices import Line, issue_invoice
from socialrx.core.calendar import center_today
from socialrx.core.errors import Conflict, DomainError, NotFound
from socialrx.core.money import format_cents
from socialrx.core.permissions import require
from socialrx.membership.selectors import membership_of
from socialrx.organizations.models import Seat
from socialrx.schedules import services as schedules

from ..models import CertificateKind, OnsiteRequest, OnsiteStatus
from ..models.onsite import OnsiteEvent
from . import onsite_notify as tell
from .certificates import issue_certificate
from .onsite_sales import SALE_KIND, sale_quote

SOURCE_KIND = "training.onsite"
MONTHS_AHEAD = 18
MAX_ATTENDEES = 10_000
MAX_QUOTE_CENTS = 10_000_000_00
ANSWERABLE = (OnsiteStatus.REQUESTED, OnsiteStatus.PROPOSED)


def months_later(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - every month has 28 days


def latest_date() -> date:
    return months_later(center_today(), MONTHS_AHEAD)


def _text(value: str, *, field: str, label: str, limit: int, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise DomainError(f"Enter {label}.", field=field)
    if len(value) > limit:
        raise DomainError(f"Keep {label} to {limit} characters.", field=field)
    return value


def _check_preferred_dates(dates: list[date]) -> None:
    if len(dates) != 3:
        raise DomainError("Give three preferred dates.", field="preferred_date_1")
    today, latest = center_today(), latest_date()
    for number, day in enumerate(dates, start=1):
        if day <= today:
            raise DomainError("Choose a date in the future.", field=f"preferred_date_{number}")
        if day > latest:
            raise DomainError(
                f"Choose a date within {MONTHS_AHEAD} months (by {latest:%b} {latest.day}, "
                f"{latest.year}).",
                field=f"preferred_date_{number}",
            )
    for number, day in enumerate(dates[1:], start=2):
        if day in dates[: number - 1]:
            raise DomainError(
                "The three preferred dates must be different days.",
                field=f"preferred_date_{number}",
            )


@transaction.atomic
def request_onsite(
    *,
    actor,
    organization,
    topics,
    audience: str,
    expected_attendees: int,
    preferred_dates: list[date],
    address: str,
    needs: str = "",
) -> OnsiteRequest:
    """An organization's admin asks for on-site training; center staff are told."""
    require(actor, "training.request_onsite", organization)
    topics = list(topics)
    if not topics:
        raise DomainError("Choose at least one topic.", field="topics")
    audience = _text(audience, field="audience", label="who the audience is", limit=300)
    if not isinstance(expected_attendees, int) or not 1 <= expected_attendees <= MAX_ATTENDEES:
        raise DomainError(
            f"Expect between 1 and {MAX_ATTENDEES:,} attendees.", field="expected_attendees"
        )
    _check_preferred_dates(list(preferred_dates))
    address = _text(address, field="address", label="the address", limit=1000)
    needs = _text(needs, field="needs", label="specific needs", limit=4000, required=False)
    onsite = OnsiteRequest.objects.create(
        organization=organization,
        requested_by=actor,
        audience=audience,
        expected_attendees=expected_attendees,
        preferred_date_1=preferred_dates[0],
        preferred_date_2=preferred_dates[1],
        preferred_date_3=preferred_dates[2],
        address=address,
        needs=needs,
    )
    onsite.topics.set(topics)
    tell.step(
        onsite,
        actor=actor,
        event=OnsiteEvent.REQUESTED,
        verb="requested",
        before={},
        after={"topics": sorted(t.name for t in topics), "attendees": expected_attendees},
        note=f"{expected_attendees} attendees expected: {audience}",
        email_note=f"Specific needs: {needs}" if needs else "",
        tell=tell.STAFF,
    )
    return onsite


def _locked(onsite: OnsiteRequest) -> OnsiteRequest:
    found = (
        OnsiteRequest.objects.select_for_update(of=("self",))
        .select_related("organization", "invoice")
        .filter(pk=onsite.pk)
        .first()
    )
    if found is None:
        raise NotFound("No such on-site training request.")
    return found


def _refuse(onsite: OnsiteRequest, doing: str) -> Conflict:
    state = onsite.get_status_display().lower()
    return Conflict(f"This request is {state}: it cannot be {doing} now.", code="wrong_status")


def _check_trainers(trainers) -> list:
    trainers = list(trainers)
    if not trainers:
        raise DomainError("Choose at least one trainer.", field="trainers")
    for trainer in trainers:
        if not trainer.is_active or not (trainer.is_staff or trainer.is_coach):
            raise DomainError(
                f"{tell.person_name(trainer)} is not a coach or center staff.", field="trainers"
            )
    return trainers


@transaction.atomic
def propose_onsite(
    *,
    actor,
    onsite: OnsiteRequest,
    starts_at: datetime,
    ends_at: datetime,
    trainers,
    quote_cents: int,
    note: str = "",
) -> OnsiteRequest:
    """Staff propose (or revise) the session: the trainers' time is committed, or the whole
    proposal is refused naming the clash."""
    require(actor, "training.manage_onsite")
    onsite = _locked(onsite)
    if onsite.status not in ANSWERABLE:
        raise _refuse(onsite, "proposed")
    if starts_at <= timezone.now():
        raise DomainError("Propose a date and time in the future.", field="date")
    if ends_at <= starts_at:
        raise DomainError("The end time must be after the start time.", field="ends_at")
    if ends_at - starts_at > timedelta(hours=16):
        raise DomainError("A session lasts at most 16 hours.", field="ends_at")
    if starts_at.astimezone(tell.center_zone()).date() > latest_date():
        raise DomainError(f"Propose a date within {MONTHS_AHEAD} months.", field="date")
    trainers = _check_trainers(trainers)
    if not isinstance(quote_cents, int) or not 0 < quote_cents <= MAX_QUOTE_CENTS:
        raise DomainError("The quote must be more than $0.00.", field="quote")
    note = _text(note, field="note", label="the note", limit=4000, required=False)
    schedules.replace(
        trainers,
        [schedules.Slot(starts_at, ends_at)],
        source_kind=SOURCE_KIND,
        source_public_id=onsite.public_id,
        label=f"On-site training at {onsite.organization}",
    )
    before = {"status": onsite.status, "starts_at": onsite.starts_at, "quote": onsite.quote_cents}
    event = (
        OnsiteEvent.PROPOSED if onsite.status == OnsiteStatus.REQUESTED else OnsiteEvent.REPROPOSED
    )
    onsite.status, onsite.starts_at, onsite.ends_at = OnsiteStatus.PROPOSED, starts_at, ends_at
    onsite.quote_cents, onsite.proposal_note = quote_cents, note
    onsite.save()
    onsite.trainers.set(trainers)
    names = ", ".join(tell.person_name(t) for t in trainers)
    summary = f"{tell.session_when(onsite)}; {names}; {format_cents(quote_cents)}."
    tell.step(
        onsite,
        actor=actor,
        event=event,
        verb="proposed",
        before=before,
        after={"starts_at": starts_at, "ends_at": ends_at, "quote": quote_cents, "with": names},
        note=f"{summary} {note}".strip(),
        email_note=note,
        tell=tell.ORGANIZATION,
    )
    return onsite


def _billing_contact(organization, actor) -> tuple[str, str]:
    membership = membership_of(organization)
    if membership is not None and membership.billing_email:
        return membership.billing_contact_name or str(organization), membership.billing_email
    return actor.full_name or str(organization), actor.email


@transaction.atomic
def accept_onsite(*, actor, onsite: OnsiteRequest) -> OnsiteRequest:
    """The organization accepts the proposal: it is invoiced through billing."""
    require(actor, "training.answer_onsite", onsite)
    onsite = _locked(onsite)
    if onsite.status != OnsiteStatus.PROPOSED:
        raise _refuse(onsite, "accepted")
    if onsite.starts_at <= timezone.now():
        raise Conflict("The proposed date has passed: ask the center for a new proposal.")
    billing_name, billing_email = _billing_contact(onsite.organization, actor)
    invoice = issue_invoice(
        buyer=onsite.organization,
        lines=[Line(kind=SALE_KIND, sold_public_id=onsite.public_id, quote=sale_quote(onsite))],
        billing_name=billing_name,
        billing_email=billing_email,
        actor=actor,
        route=PaymentRoute.INVOICE,
        email=True,
    )
    onsite.status, onsite.invoice = OnsiteStatus.ACCEPTED, invoice
    onsite.save(update_fields=["status", "invoice", "updated_at"])
    tell.step(
        onsite,
        actor=actor,
        event=OnsiteEvent.ACCEPTED,
        verb="accepted",
        before={"status": OnsiteStatus.PROPOSED},
        after={"invoice": invoice.number, "quote": onsite.quote_cents},
        note=f"Invoice {invoice.number} for {format_cents(invoice.total_cents)} issued.",
        tell=tell.STAFF,
    )
    return onsite


def _release(onsite: OnsiteRequest) -> None:
    schedules.release(source_kind=SOURCE_KIND, source_public_id=onsite.public_id)


@transaction.atomic
def decline_onsite(*, actor, onsite: OnsiteRequest, reason: str) -> OnsiteRequest:
    """The organization declines the proposal, saying why; the trainers' time is freed."""
    require(actor, "training.answer_onsite", onsite)
    reason = _text(reason, field="reason", label="a reason for declining", limit=300)
    onsite = _locked(onsite)
    if onsite.status != OnsiteStatus.PROPOSED:
        raise _refuse(onsite, "declined")
    _release(onsite)
    onsite.status, onsite.decline_reason = OnsiteStatus.DECLINED, reason
    onsite.save(update_fields=["status", "decline_reason", "updated_at"])
    tell.step(
        onsite,
        actor=actor,
        event=OnsiteEvent.DECLINED,
        verb="declined",
        before={"status": OnsiteStatus.PROPOSED},
        after={"reason": reason},
        note=reason,
        tell=tell.STAFF,
    )
    return onsite


@transaction.atomic
def withdraw_onsite(*, actor, onsite: OnsiteRequest, reason: str = "") -> OnsiteRequest:
    """The organization withdraws its request before anything is agreed."""
    require(actor, "training.answer_onsite", onsite)
    reason = _text(reason, field="reason", label="the reason", limit=300, required=False)
    onsite = _locked(onsite)
    if onsite.status not in ANSWERABLE:
        raise _refuse(onsite, "withdrawn")
    before = {"status": onsite.status}
    _release(onsite)
    onsite.status = OnsiteStatus.WITHDRAWN
    onsite.save(update_fields=["status", "updated_at"])
    tell.step(
        onsite,
        actor=actor,
        event=OnsiteEvent.WITHDRAWN,
        verb="withdrawn",
        before=before,
        after={"reason": reason},
        note=reason,
        tell=tell.STAFF,
    )
    return onsite


def session_hours(onsite: OnsiteRequest) -> Decimal:
    seconds = Decimal((onsite.ends_at - onsite.starts_at).total_seconds())
    return (seconds / 3600).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@transaction.atomic
def mark_delivered(
    *, actor, onsite: OnsiteRequest, attendees_count: int, trainer_notes: str = "", certify=()
) -> OnsiteRequest:
    """Staff record that the session took place, how many attended, the trainers' notes, and
    issue certificates of attendance to the chosen people of the organization."""
    require(actor, "training.manage_onsite")
    onsite = _locked(onsite)
    if onsite.status != OnsiteStatus.ACCEPTED:
        raise _refuse(onsite, "marked delivered")
    if onsite.ends_at > timezone.now():
        raise Conflict(
            f"The session is on {tell.session_date(onsite)}: mark it delivered once it has "
            "taken place.",
            code="not_yet",
        )
    if not isinstance(attendees_count, int) or not 1 <= attendees_count <= MAX_ATTENDEES:
        raise DomainError(
            f"Enter between 1 and {MAX_ATTENDEES:,} attendees.", field="attendees_count"
        )
    trainer_notes = _text(
        trainer_notes, field="trainer_notes", label="the notes", limit=8000, required=False
    )
    people = list(certify)
    seated = set(
        Seat.objects.filter(organization=onsite.organization, user__in=people).values_list(
            "user_id", flat=True
        )
    )
    if any(person.pk not in seated for person in people):
        raise DomainError(
            f"Certificates go to people of {onsite.organization} only.", field="certify"
        )
    onsite.status, onsite.attendees_count = OnsiteStatus.DELIVERED, attendees_count
    onsite.trainer_notes = trainer_notes
    onsite.save(update_fields=["status", "attendees_count", "trainer_notes", "updated_at"])
    topics = ", ".join(topic.name for topic in onsite.topics.all())
    for person in people:
        issue_certificate(
            person=person,
            kind=CertificateKind.ONSITE,
            title=f"On-site training at {onsite.organization}: {topics}",
            source_public_id=onsite.public_id,
            hours=session_hours(onsite),
            completed_on=timezone.localtime(onsite.starts_at, tell.center_zone()).date(),
            actor=actor,
        )
    certificates = f" {len(people)} certificate{'s' if len(people) != 1 else ''} issued."
    tell.step(
        onsite,
        actor=actor,
        event=OnsiteEvent.DELIVERED,
        verb="delivered",
        before={"status": OnsiteStatus.ACCEPTED},
        after={"attendees": attendees_count, "certificates": len(people)},
        note=f"{attendees_count} attended.{certificates if people else ''}",
        tell=tell.ORGANIZATION,
    )
    return onsite
