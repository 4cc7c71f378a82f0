"""Writing an engagement of `stories.py`: the engagement, its hour package (bought through
billing's checkout and paid by check, as the buy-hours page and staff would), its sessions at
free times of the coach, their hours counted by `services.hours.record_use` (plan minutes
first, then the package, written to membership's included-hours ledger too), the notes and
action items, and the coach's time committed in `schedules` for every session held or booked.

An engagement is made only when its organization has none of that title, with its whole
story, so a second run creates nothing. Rows the services date "now" are then moved to the day
the story has them happen."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from socialrx.billing.models import PaymentMethod, PaymentRoute
from socialrx.billing.services.checkout import Item as CheckoutItem
from socialrx.billing.services.checkout import checkout
from socialrx.billing.services.payments import record_manual_payment
from socialrx.core.calendar import center_today
from socialrx.membership.models import IncludedHoursUse
from socialrx.training.demo.dates import date_invoice, days_ago

from ..models import (
    ActionItem,
    CoachingSession,
    CoachProfile,
    Engagement,
    EngagementStatus,
    HourPackage,
    HoursUse,
    NoteVisibility,
    SessionNote,
    SessionStatus,
    UseReason,
)
from ..services.hour_sales import HOURS_CODE
from ..services.hours import record_use
from ..slots import zone
from .stories import Coming, Past, Story
from .times import commit_session, free_slot

# A held session is written up an hour after it ends; a late cancellation comes 3 hours before.
RECORDED_AFTER = timedelta(hours=1)
LATE_NOTICE = timedelta(hours=3)


def seed_engagement(story: Story, cast, profiles: dict[str, CoachProfile], intake) -> Engagement:
    organization = cast.hospital
    found = Engagement.objects.filter(organization=organization, title=story.title).first()
    if found is not None:
        return found
    profile = profiles[story.coach]
    engagement = Engagement.objects.create(
        organization=organization,
        intake=intake if story.from_intake else None,
        kind=story.kind,
        title=story.title,
        goals=story.goals,
        status=EngagementStatus.ACTIVE,
        plan_minutes=story.plan_hours * 60,
        meeting_url=story.meeting_url,
        created_by=cast.staff,
        started_on=center_today() - timedelta(days=story.started_days_ago),
    )
    engagement.coaches.set([profile.user])
    Engagement.objects.filter(pk=engagement.pk).update(
        created_at=days_ago(story.created_days_ago, 14)
    )
    if story.package is not None:
        _buy_package(story, engagement, cast)
    past = [_past_session(engagement, profile, cast, session) for session in story.past]
    # Hours are counted in the order the sessions took place (plan minutes go first).
    held = sorted(zip(past, story.past, strict=True), key=lambda pair: pair[0].starts_at)
    for session, text in held:
        when = _count_hours(session, text, cast)
        # A warning this count sent (dated now) went out when the session was counted.
        warned = Engagement.objects.filter(pk=engagement.pk)
        warned.filter(warned_80_at__gt=when).update(warned_80_at=when)
        warned.filter(warned_100_at__gt=when).update(warned_100_at=when)
    for text in story.coming:
        _coming_session(engagement, profile, cast, text)
    for item in story.items:
        _action_item(engagement, past, cast, item)
    engagement.refresh_from_db()
    return engagement


def _buy_package(story: Story, engagement: Engagement, cast) -> None:
    """Riverside's admin buys the hours by invoice; staff record the check."""
    package = story.package
    admin = cast.hospital_admin
    invoice = checkout(
        actor=admin,
        buyer=engagement.organization,
        items=[CheckoutItem(HOURS_CODE, engagement.public_id, quantity=package.hours)],
        pay_by=PaymentRoute.INVOICE,
        billing_name=admin.full_name,
        billing_email=admin.email,
        po_number=package.po_number,
    )
    paid_on = center_today() - timedelta(days=package.paid_days_ago)
    record_manual_payment(
        actor=cast.staff,
        invoice=invoice,
        amount_cents=invoice.total_cents,
        method=PaymentMethod.CHECK,
        reference=f"Check {package.check_number}",
        received_on=paid_on,
        # The story's check number again if a tester deleted the engagement: a new purchase.
        confirmed=True,
    )
    date_invoice(invoice.pk, center_today() - timedelta(days=package.invoiced_days_ago), paid_on)
    HourPackage.objects.filter(invoice=invoice).update(
        created_at=days_ago(package.paid_days_ago, 14),
        paid_at=days_ago(package.paid_days_ago, 14),
    )


def _place(profile: CoachProfile, text, *, past: bool):
    """A free slot for the session (a held one ends early enough to be written up)."""
    now = timezone.now()
    day = timezone.localtime(now, zone(profile.time_zone)).date() + timedelta(days=text.day)
    if past:
        bounds = {"not_before": now - timedelta(days=60), "not_after": now - RECORDED_AFTER}
    else:
        bounds = {"not_before": now + timedelta(days=1)}
    return free_slot(profile, day=day, hour=text.hour, minutes=text.minutes, **bounds)


def _new_session(engagement, profile, cast, text, *, status: str, past: bool):
    """The session at a free time, its coach's time committed (a cancelled session's time
    was given back); tries another time if the coach turns out to be busy."""
    for _ in range(5):
        slot = _place(profile, text, past=past)
        if slot is None:
            raise RuntimeError(f"No free time for {text.agenda!r} with {profile}.")
        session = CoachingSession.objects.create(
            engagement=engagement,
            coach=profile.user,
            booked_by=cast[text.booked_by],
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
            agenda=text.agenda,
            meeting_url=engagement.meeting_url or profile.default_meeting_url,
            status=status,
        )
        if status == SessionStatus.LATE_CANCELLED or commit_session(session):
            return session
        session.delete()
    raise RuntimeError(f"No free time for {text.agenda!r} with {profile}.")


def _past_session(engagement, profile, cast, text: Past) -> CoachingSession:
    session = _new_session(engagement, profile, cast, text, status=text.status, past=True)
    booked = min(session.starts_at - timedelta(days=6), session.starts_at - timedelta(hours=20))
    dated: dict = {"created_at": booked}
    if text.status == SessionStatus.LATE_CANCELLED:
        dated |= {
            "cancelled_at": session.starts_at - LATE_NOTICE,
            "cancelled_by": cast[text.booked_by],
            "cancel_reason": text.cancel_reason,
            "sequence": 1,  # the cancellation went out as a new version of the invitation
        }
    else:
        dated["recorded_at"] = session.ends_at + RECORDED_AFTER
    CoachingSession.objects.filter(pk=session.pk).update(**dated)
    session.refresh_from_db()
    for body, visibility in (
        (text.shared_note, NoteVisibility.SHARED),
        (text.center_note, NoteVisibility.CENTER),
    ):
        if body:
            note = SessionNote.objects.create(
                session=session, author=profile.user, body=body, visibility=visibility
            )
            written = session.recorded_at + timedelta(minutes=5)
            SessionNote.objects.filter(pk=note.pk).update(created_at=written, updated_at=written)
    return session


def _count_hours(session: CoachingSession, text: Past, cast) -> datetime:
    """The session's hours used, as recording it (or cancelling it late) counts them; returns
    when they were counted."""
    late = text.status == SessionStatus.LATE_CANCELLED
    actor = cast[text.booked_by] if late else session.coach
    record_use(session, reason=UseReason.LATE_CANCEL if late else UseReason.HELD, actor=actor)
    when = session.cancelled_at if late else session.recorded_at
    HoursUse.objects.filter(session=session).update(created_at=when)
    IncludedHoursUse.objects.filter(source_public_id=session.public_id).update(created_at=when)
    return when


def _coming_session(engagement, profile, cast, text: Coming) -> CoachingSession:
    session = _new_session(engagement, profile, cast, text, status=SessionStatus.BOOKED, past=False)
    booked: datetime = days_ago(text.booked_days_ago, 9, 40)
    CoachingSession.objects.filter(pk=session.pk).update(created_at=booked, updated_at=booked)
    return session


def _action_item(engagement, past: list[CoachingSession], cast, item) -> ActionItem:
    session = past[item.after]
    created = session.recorded_at + timedelta(minutes=10)
    done_at = None
    if item.done_days_ago is not None:  # never before it was set (a session moved days later)
        done_at = max(days_ago(item.done_days_ago, 15), created + timedelta(hours=20))
    action_item = ActionItem.objects.create(
        engagement=engagement,
        session=session,
        title=item.title,
        owner=cast[item.owner],
        due_on=center_today() + timedelta(days=item.due),
        done_at=done_at,
        done_by=cast[item.owner] if done_at else None,
        created_by=session.coach,
    )
    ActionItem.objects.filter(pk=action_item.pk).update(created_at=created)
    return action_item
