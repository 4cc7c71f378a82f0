"""Coaching over the API: my upcoming sessions, an engagement's bookable slots, booking,
moving and cancelling a session. Mounted under /api/v1/coaching (see menus.py).

The operations call the same selectors and services as the pages (`selectors.booking`,
`selectors.slots`, `services.booking`), so a rule exists once. A refusal is the shared error
body with a `code`: 400 for bad input, 403 when the person may see the engagement but not do
this, 404 for what is missing or not theirs (the same answer), 409 when the state of things
refuses it (a slot just taken, the hours used up, the booking policy, an engagement not
active). Times are UTC (see api_schemas)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from uuid import UUID

from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from socialrx.core.api_errors import documented
from socialrx.core.errors import Conflict, DomainError

from .api_schemas import (
    BookingIn,
    CancelIn,
    CoachingSessionOut,
    RescheduleIn,
    SlotOut,
    in_utc,
    session_item,
    slot_item,
)
from .models import EngagementStatus
from .selectors.access import engagement_for, session_for
from .selectors.booking import upcoming_sessions_of
from .selectors.slots import bookable_slots
from .services import booking
from .services.hours import OverAllowance
from .slots import SLOT_LENGTHS

router = Router()

MAX_DAYS = 31
# How far ahead slots are listed (the first day asked for); sessions are booked up to the
# services' horizon (`services.booking.check_within_horizon`, a year).
FROM_AHEAD_DAYS = 365
# A booking-policy or state refusal of services.booking is a conflict with the session's or
# engagement's state, not bad input: the API answers it 409.
CONFLICT_CODES = frozenset({"not_active", "late_change", "not_movable", "not_cancellable"})

NOT_FOUND = {404: "No such engagement or session, or not one of yours (the same answer)."}
NOT_ALLOWED = {
    403: "You may see this engagement but not do this (e.g. a coach booking for the "
    "organization, a person changing someone else's booking); or a center account without "
    "two-factor authentication yet."
}


def _refusals(extra: dict[int, str]) -> dict[int, str]:
    return {**NOT_FOUND, **NOT_ALLOWED, **extra}


def _created(doc: dict) -> dict:
    """`documented(...)` answering 201 instead of 200."""
    responses = dict(doc["response"])
    return {**doc, "response": {201: responses.pop(200), **responses}}


def _as_conflict(error: DomainError) -> DomainError:
    if error.code in CONFLICT_CODES and not isinstance(error, Conflict):
        return Conflict(error.message, field=error.field, code=error.code)
    return error


def _run(change):
    """Run a booking service: policy refusals answered 409, the hours' refusal with where
    to buy more."""
    try:
        return change()
    except OverAllowance as error:
        raise Conflict(
            f"{error.message} Buy more hours: {error.buy_url}", field="minutes", code=error.code
        ) from error
    except DomainError as error:
        refusal = _as_conflict(error)
        if refusal is error:
            raise
        raise refusal from error


def _check_horizon(starts_at: datetime) -> datetime:
    """`starts_at` in UTC, once the service's horizon accepts it: checked first, since a date
    centuries away or ago may not convert to UTC at all."""
    if starts_at.tzinfo is None or starts_at.utcoffset() is None:
        starts_at = starts_at.replace(tzinfo=UTC)
    booking.check_within_horizon(starts_at)
    return in_utc(starts_at)


# --- my sessions ------------------------------------------------------------------------------


@router.get(
    "/me/sessions",
    **documented(list[CoachingSessionOut], 401, 403),
    summary="My upcoming sessions: of my organizations, that I coach, or (staff) that I booked",
)
def my_sessions(request):
    return [session_item(session) for session in upcoming_sessions_of(request.user)]


# --- slots ------------------------------------------------------------------------------------


class SlotParams(Schema):
    minutes: int = Field(60, description="The slots' length: 30 or 60 minutes.")
    first_day: date | None = Field(
        None, alias="from", description="The first day (UTC), YYYY-MM-DD; default today."
    )
    days: int = Field(14, description=f"How many days from `from`: 1 to {MAX_DAYS}.")


def _slot_window(first_day: date | None, days: int) -> tuple[datetime, datetime]:
    today = timezone.now().astimezone(UTC).date()
    first_day = first_day or today
    if not 1 <= days <= MAX_DAYS:
        raise DomainError(f"days must be from 1 to {MAX_DAYS}.", field="days", code="bad_days")
    if not today - timedelta(days=1) <= first_day <= today + timedelta(days=FROM_AHEAD_DAYS):
        raise DomainError(
            f"from must be a day from yesterday to {FROM_AHEAD_DAYS} days ahead (UTC).",
            field="from",
            code="bad_from",
        )
    since = datetime.combine(first_day, time.min, tzinfo=UTC)
    return since, since + timedelta(days=days)


@router.get(
    "/engagements/{engagement_id}/slots",
    **documented(
        list[SlotOut],
        400,
        401,
        403,
        404,
        409,
        422,
        reasons=_refusals(
            {
                400: "`minutes` is not 30 or 60, `days` not 1 to 31, or `from` not a day from "
                "yesterday to a year ahead.",
                409: "The engagement is not active: its sessions are not booked now.",
            }
        ),
    ),
    summary="An engagement's bookable slots, soonest first",
)
def slots(request, engagement_id: UUID, params: Query[SlotParams]):
    engagement = engagement_for(request.user, engagement_id)
    if params.minutes not in SLOT_LENGTHS:
        raise DomainError("A session lasts 30 or 60 minutes.", field="minutes", code="bad_minutes")
    since, until = _slot_window(params.first_day, params.days)
    if engagement.status != EngagementStatus.ACTIVE:
        raise Conflict(
            f"This engagement is {engagement.get_status_display().lower()}: sessions are "
            "booked while it is active.",
            code="not_active",
        )
    return [
        slot_item(slot)
        for slot in bookable_slots(engagement, minutes=params.minutes, since=since, until=until)
    ]


# --- booking, moving, cancelling ----------------------------------------------------------------

_booking_doc = documented(
    CoachingSessionOut,
    400,
    401,
    403,
    404,
    409,
    422,
    reasons=_refusals(
        {
            400: "Bad input, with its `field` and `code`: `bad_minutes`, `agenda_required`, "
            "`agenda_too_long`, `bad_meeting_url`, `not_its_coach`, `in_the_past`, `too_soon`, "
            "`too_far`, `not_a_slot`, `outside_availability`.",
            409: "`slot_taken` (the coach is no longer free then), `over_allowance` (the hours "
            "left do not cover it; the message says where to buy more), `not_active`.",
        }
    ),
)


@router.post(
    "/engagements/{engagement_id}/bookings",
    **_created(_booking_doc),
    summary="Book a session in one of the engagement's slots",
)
def book(request, engagement_id: UUID, body: BookingIn):
    engagement = engagement_for(request.user, engagement_id)
    coach = next((c for c in engagement.coaches.all() if c.public_id == body.coach_id), None)
    if coach is None:
        raise DomainError(
            "Choose one of this engagement's coaches.", field="coach_id", code="not_its_coach"
        )
    starts_at = _check_horizon(body.starts_at)
    session = _run(
        lambda: booking.book(
            actor=request.user,
            engagement=engagement,
            coach=coach,
            starts_at=starts_at,
            minutes=body.minutes,
            agenda=body.agenda,
            meeting_url=body.meeting_url,
        )
    )
    return Status(201, session_item(session_for(request.user, session.public_id)))


@router.post(
    "/sessions/{session_id}/reschedule",
    **documented(
        CoachingSessionOut,
        400,
        401,
        403,
        404,
        409,
        422,
        reasons=_refusals(
            {
                400: "Bad input, with its `field` and `code`: `bad_minutes`, `in_the_past`, "
                "`too_soon`, `too_far`, `not_a_slot`, `outside_availability`, `unchanged`.",
                409: "`late_change` (the organization's side moves a session until 24 hours "
                "before), `not_movable` (not booked, or over), `slot_taken`, "
                "`over_allowance`.",
            }
        ),
    ),
    summary="Move a booked session to another slot of its coach",
)
def reschedule(request, session_id: UUID, body: RescheduleIn):
    session = session_for(request.user, session_id)
    starts_at = _check_horizon(body.starts_at)
    moved = _run(
        lambda: booking.reschedule(
            actor=request.user, session=session, starts_at=starts_at, minutes=body.minutes
        )
    )
    return session_item(session_for(request.user, moved.public_id))


@router.post(
    "/sessions/{session_id}/cancel",
    **documented(
        CoachingSessionOut,
        400,
        401,
        403,
        404,
        409,
        422,
        reasons=_refusals(
            {
                400: "`reason_required` (the coach or staff give the organization a reason), "
                "`too_long`.",
                409: "`not_cancellable`: the session is not booked, or is over.",
            }
        ),
    ),
    summary="Cancel a booked session (late, by the organization's side: the hour counts)",
)
def cancel(request, session_id: UUID, body: CancelIn):
    session = session_for(request.user, session_id)
    cancelled = _run(
        lambda: booking.cancel(actor=request.user, session=session, reason=body.reason)
    )
    return session_item(session_for(request.user, cancelled.public_id))
