"""Booking, moving and cancelling coaching sessions.

A session is booked only at a time its coach offers (`selectors.slots.bookable_slots`: the
coach's windows on their own clock, less everything they are committed to, no sooner than the
minimum notice and at most a year ahead, `check_within_horizon`, the one rule the pages and the
API keep) and only if it fits the engagement's hours (`services.hours.check_fits`, under
the engagement's row lock, so two bookings never both take the last hour). The coach's time is
then committed in `schedules`, where the database refuses a coach in two places at once, be
the other place a coaching call of another organization or a boot camp day; the partial unique
constraint on (coach, start) of booked sessions is a second guard. Either refusal comes back
as the same Conflict, "that time was just taken", never as an error page.

Moving and cancelling follow the policy in `selectors.booking` (free until 24 hours before for
the organization's side; a late cancellation counts the hour). Every change keeps the
session's row and calendar UID and raises its SEQUENCE, and both sides are emailed an
invitation once the transaction commits (`services.invitations`)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone

from socialrx.core import audit
from socialrx.core.errors import Conflict, DomainError
from socialrx.core.permissions import allowed, require
from socialrx.schedules import services as schedules
from socialrx.schedules.models import Commitment

from ..models import (
    CoachingSession,
    CoachProfile,
    Engagement,
    EngagementStatus,
    SessionStatus,
    UseReason,
)
from ..selectors.booking import change_terms
from ..selectors.slots import bookable_slots, booking_horizon
from ..slots import SLOT_LENGTHS, on_grid
from . import hours, invitations

SOURCE_KIND = hours.SOURCE_KIND  # "coaching.session"
AGENDA_LIMIT = 2000
REASON_LIMIT = 300
MEETING_URL_LIMIT = 200
UNIQUE_START = "coaching_one_live_booking_per_coach_start"
SLOT_TAKEN = "That time was just taken: the coach is no longer free then. Choose another time."
_https = URLValidator(schemes=["https"])


def slot_taken() -> Conflict:
    return Conflict(SLOT_TAKEN, field="starts_at", code="slot_taken")


# --- checks -----------------------------------------------------------------------------------


def check_minutes(minutes) -> int:
    try:
        value = int(minutes)
    except (TypeError, ValueError):
        value = None
    if value not in SLOT_LENGTHS:
        raise DomainError("A session lasts 30 or 60 minutes.", field="minutes", code="bad_minutes")
    return value


def _check_agenda(agenda: str) -> str:
    agenda = (agenda or "").strip()
    if not agenda:
        raise DomainError(
            "Write an agenda: what you would like to work on, so the coach can prepare.",
            field="agenda",
            code="agenda_required",
        )
    if len(agenda) > AGENDA_LIMIT:
        raise DomainError(
            f"Keep the agenda to {AGENDA_LIMIT:,} characters ({len(agenda):,} now).",
            field="agenda",
            code="agenda_too_long",
        )
    return agenda


def _meeting_link(meeting_url: str, engagement: Engagement, coach) -> str:
    """The link given (https only), else the engagement's, else the coach's default."""
    meeting_url = (meeting_url or "").strip()
    if not meeting_url:
        profile = CoachProfile.objects.filter(user=coach).only("default_meeting_url").first()
        return engagement.meeting_url or (profile.default_meeting_url if profile else "")
    try:
        if len(meeting_url) > MEETING_URL_LIMIT:
            raise ValidationError("too long")
        _https(meeting_url)
    except ValidationError as error:
        raise DomainError(
            "Give a secure meeting link starting with https:// (or leave it empty to use the "
            "engagement's).",
            field="meeting_url",
            code="bad_meeting_url",
        ) from error
    return meeting_url


def _coach_of(engagement: Engagement, coach):
    user = getattr(coach, "user", coach)
    if user is None or not any(c.pk == user.pk for c in engagement.coaches.all()):
        raise DomainError(
            "Choose one of this engagement's coaches.", field="coach", code="not_its_coach"
        )
    return user


def check_within_horizon(starts_at: datetime, now: datetime | None = None) -> None:
    """A start still to come and at most a year ahead (`selectors.slots.booking_horizon`), or
    why not. Compares only, so any date given is answered, never overflows."""
    now = now or timezone.now()
    if starts_at <= now:
        raise DomainError(
            "That time is in the past: choose a time still to come.",
            field="starts_at",
            code="in_the_past",
        )
    horizon = booking_horizon()
    if starts_at > now + horizon:
        raise DomainError(
            f"Sessions are booked at most {horizon.days} days ahead: choose an earlier time.",
            field="starts_at",
            code="too_far",
        )


def _check_start(starts_at: datetime, now: datetime) -> None:
    if starts_at is None or timezone.is_naive(starts_at):
        raise DomainError("Choose a time.", field="starts_at", code="bad_time")
    check_within_horizon(starts_at, now)
    if starts_at < now + timedelta(hours=settings.COACHING_MIN_NOTICE_HOURS):
        raise DomainError(
            f"That is too soon: sessions are booked at least "
            f"{settings.COACHING_MIN_NOTICE_HOURS} hours ahead. Choose a later time.",
            field="starts_at",
            code="too_soon",
        )
    if starts_at.second or starts_at.microsecond or on_grid(starts_at) != starts_at:
        raise DomainError(
            "Sessions start on the hour or the half hour: choose one of the times offered.",
            field="starts_at",
            code="not_a_slot",
        )


def _check_offered(engagement: Engagement, coach, starts_at: datetime, minutes: int, now):
    """`starts_at` is one of the slots the coach offers; else why not (taken or outside)."""
    ends_at = starts_at + timedelta(minutes=minutes)
    around = timedelta(hours=1)
    offered = bookable_slots(
        engagement,
        minutes=minutes,
        since=starts_at - around,
        until=ends_at + around,
        coach_user_id=coach.pk,
        now=now,
    )
    if any(slot.starts_at == starts_at for slot in offered):
        return
    if Commitment.objects.filter(
        person=coach, starts_at__lt=ends_at, ends_at__gt=starts_at
    ).exists():
        raise slot_taken()
    raise DomainError(
        "That time is outside the coach's availability: choose one of the times offered.",
        field="starts_at",
        code="outside_availability",
    )


# --- writing ----------------------------------------------------------------------------------


def _label(engagement: Engagement) -> str:
    return f"Coaching: {engagement.organization}"


def _save_guarded(session: CoachingSession, **save_options) -> None:
    """Save in a savepoint: a second live booking of the coach at that start (a race the
    slot check could not see) is the Conflict "just taken", not an error page."""
    try:
        with transaction.atomic():
            session.save(**save_options)
    except IntegrityError as error:
        text = str(error)
        if UNIQUE_START not in text and "coaching_coachingsession.coach_id" not in text:
            raise
        raise slot_taken() from error


def _commit_time(session: CoachingSession, engagement: Engagement) -> None:
    try:
        schedules.replace(
            [session.coach],
            [schedules.Slot(session.starts_at, session.ends_at)],
            source_kind=SOURCE_KIND,
            source_public_id=session.public_id,
            label=_label(engagement),
        )
    except schedules.DoubleBooked as error:
        raise slot_taken() from error


def _lock_session(session: CoachingSession) -> CoachingSession:
    return (
        CoachingSession.objects.select_for_update(of=("self",))
        .select_related("coach", "booked_by")
        .get(pk=session.pk)
    )


def _snapshot(session: CoachingSession) -> dict:
    return {
        "status": session.status,
        "starts_at": session.starts_at,
        "minutes": session.minutes,
        "sequence": session.sequence,
    }


def book(
    *,
    actor,
    engagement: Engagement,
    coach,
    starts_at: datetime,
    minutes: int,
    agenda: str,
    meeting_url: str = "",
) -> CoachingSession:
    """Book a session of `minutes` with `coach` at `starts_at` for the engagement's
    organization (its people, or staff for them): an offered slot, within the hours left."""
    if engagement.status != EngagementStatus.ACTIVE and allowed(
        actor, "coaching.view_engagement", engagement
    ):
        raise DomainError(
            f"This engagement is {engagement.get_status_display().lower()}: sessions are booked "
            "while it is active.",
            code="not_active",
        )
    require(actor, "coaching.book", engagement)
    minutes = check_minutes(minutes)
    agenda = _check_agenda(agenda)
    coach = _coach_of(engagement, coach)
    meeting_url = _meeting_link(meeting_url, engagement, coach)
    with transaction.atomic():
        engagement = hours.lock_engagement(engagement)
        if engagement.status != EngagementStatus.ACTIVE:
            raise DomainError("This engagement is no longer active.", code="not_active")
        now = timezone.now()
        _check_start(starts_at, now)
        _check_offered(engagement, coach, starts_at, minutes, now)
        hours.check_fits(engagement, minutes)
        session = CoachingSession(
            engagement=engagement,
            coach=coach,
            booked_by=actor,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(minutes=minutes),
            agenda=agenda,
            meeting_url=meeting_url,
        )
        _save_guarded(session, force_insert=True)
        _commit_time(session, engagement)
        audit.record(
            actor=actor,
            action="coaching.session.booked",
            target=session,
            after={**_snapshot(session), "coach": coach.email, "engagement": engagement.public_id},
        )
        invitations.send_on_commit(session, kind="booked", actor=actor)
    return session


def reschedule(
    *, actor, session: CoachingSession, starts_at: datetime, minutes: int | None = None
) -> CoachingSession:
    """Move a booked session to another offered slot of its coach (the same row and calendar
    entry, SEQUENCE + 1). The organization's side may do so until 24 hours before."""
    require(actor, "coaching.change_session", session)
    with transaction.atomic():
        engagement = hours.lock_engagement(session.engagement)
        session = _lock_session(session)
        session.engagement = engagement
        now = timezone.now()
        terms = change_terms(actor, session, now=now)
        if not terms.may_reschedule:
            code = "late_change" if terms.late and session.ends_at > now else "not_movable"
            raise DomainError(terms.refusal, code=code)
        minutes = check_minutes(session.minutes if minutes is None else minutes)
        _check_start(starts_at, now)
        if starts_at == session.starts_at and minutes == session.minutes:
            raise DomainError(
                "That is the session's time already: choose another.",
                field="starts_at",
                code="unchanged",
            )
        before = _snapshot(session)
        # Its own time is free to move into (an hour later overlapping the current hour).
        schedules.release(source_kind=SOURCE_KIND, source_public_id=session.public_id)
        _check_offered(engagement, session.coach, starts_at, minutes, now)
        hours.check_fits(engagement, minutes, moving=session)
        session.starts_at = starts_at
        session.ends_at = starts_at + timedelta(minutes=minutes)
        session.sequence += 1
        _save_guarded(session, update_fields=["starts_at", "ends_at", "sequence", "updated_at"])
        _commit_time(session, engagement)
        audit.record(
            actor=actor,
            action="coaching.session.rescheduled",
            target=session,
            before=before,
            after=_snapshot(session),
        )
        invitations.send_on_commit(
            session, kind="rescheduled", actor=actor, previous_starts_at=before["starts_at"]
        )
    return session


def cancel(*, actor, session: CoachingSession, reason: str = "") -> CoachingSession:
    """Cancel a booked session that has not ended. The organization's side within 24 hours
    of the start: `late_cancelled`, and the hour counts. The coach and staff: free, with a
    reason for the organization."""
    require(actor, "coaching.change_session", session)
    reason = " ".join((reason or "").split())
    if len(reason) > REASON_LIMIT:
        raise DomainError(
            f"Keep the reason to {REASON_LIMIT} characters.", field="reason", code="too_long"
        )
    with transaction.atomic():
        engagement = hours.lock_engagement(session.engagement)
        session = _lock_session(session)
        session.engagement = engagement
        now = timezone.now()
        terms = change_terms(actor, session, now=now)
        if not terms.may_cancel:
            raise DomainError(terms.cancel_refusal, code="not_cancellable")
        if terms.center_side and not reason:
            raise DomainError(
                "Tell the organization why the session is cancelled.",
                field="reason",
                code="reason_required",
            )
        before = _snapshot(session)
        session.status = SessionStatus.LATE_CANCELLED if terms.late else SessionStatus.CANCELLED
        session.cancelled_at = now
        session.cancelled_by = actor
        session.cancel_reason = reason
        session.sequence += 1
        session.save(
            update_fields=[
                "status",
                "cancelled_at",
                "cancelled_by",
                "cancel_reason",
                "sequence",
                "updated_at",
            ]
        )
        schedules.release(source_kind=SOURCE_KIND, source_public_id=session.public_id)
        if terms.late:
            hours.record_use(session, reason=UseReason.LATE_CANCEL, actor=actor)
        audit.record(
            actor=actor,
            action="coaching.session.cancelled",
            target=session,
            before=before,
            after={**_snapshot(session), "reason": reason, "late": terms.late},
        )
        invitations.send_on_commit(session, kind="cancelled", actor=actor)
    return session
