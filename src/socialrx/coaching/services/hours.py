"""Counting an engagement's hours (the rules are in `models.engagements`).

Every function here runs inside the caller's transaction with the engagement's row locked
(`lock_engagement`), so two bookings, or a booking and a held session, never both take the
last hour."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from socialrx.core import audit
from socialrx.core.email import queue_templated_email
from socialrx.core.errors import Conflict
from socialrx.membership.services.included_hours import take_included_minutes

from ..links import absolute
from ..models import CoachingSession, Engagement, HoursUse, UseReason
from ..recipients import org_admin_emails, staff_emails
from ..selectors.hours import Allowance, allowance_of, describe_minutes

SOURCE_KIND = "coaching.session"


class OverAllowance(Conflict):
    """A booking that does not fit in the hours left. `buy_url` leads to buying more."""

    def __init__(self, engagement: Engagement, allowance: Allowance, minutes: int):
        left = describe_minutes(allowance.bookable_minutes)
        message = (
            f"This engagement has {left} left to book, so a {minutes}-minute session does not "
            f"fit ({describe_minutes(allowance.total_minutes)} in all, "
            f"{describe_minutes(allowance.used_minutes)} used, "
            f"{describe_minutes(allowance.booked_minutes)} booked). Your organization's admin "
            "can buy more hours."
        )
        super().__init__(message, field="starts_at", code="over_allowance")
        self.buy_url = reverse("coaching:buy_hours", args=[engagement.public_id])


def lock_engagement(engagement: Engagement) -> Engagement:
    """The engagement's row, locked until the transaction ends (fresh from the database)."""
    return (
        Engagement.objects.select_for_update(of=("self",))
        .select_related("organization")
        .get(pk=engagement.pk)
    )


def check_fits(engagement: Engagement, minutes: int, *, moving: CoachingSession | None = None):
    """Refuse a booking of `minutes` that would go past the allowance (`moving`: a session
    being rescheduled, whose own minutes are already booked)."""
    allowance = allowance_of(engagement)
    already = moving.minutes if moving is not None and moving.status == "booked" else 0
    if minutes > allowance.bookable_minutes + already:
        raise OverAllowance(engagement, allowance, minutes)


def record_use(session: CoachingSession, *, reason: str, actor) -> HoursUse:
    """Count a session's minutes (held, cancelled late or missed): from the plan allotment
    first, as far as the organization's membership year that held the session still has
    included minutes (read after membership's lock, so two recordings never both take the
    last hour), then from packages; then warn at 80 % and 100 %. A session is counted once.

    Locks, in this order: the engagement, then the membership row (booking, buying and editing
    lock the organization or the engagement first, never the membership). Minutes beyond what
    the plan and the paid packages hold (a package voided after booking, a membership lapsed
    since) are still counted, as package minutes: the allowance then shows as overdrawn, and
    the audit event says by how much."""
    engagement = lock_engagement(session.engagement)
    if HoursUse.objects.filter(session=session).exists():
        raise Conflict("This session's hours were already counted.")
    allowance = allowance_of(engagement)
    minutes = session.minutes
    held_on = timezone.localtime(session.starts_at, timezone.get_default_timezone()).date()
    plan_part = take_included_minutes(
        engagement.organization,
        min(minutes, max(engagement.plan_minutes - allowance.plan_used_minutes, 0)),
        on_day=held_on,
        source_kind=SOURCE_KIND,
        source_public_id=session.public_id,
        note=f"{engagement.title}: {UseReason(reason).label}",
        actor=actor,
    )
    package_part = minutes - plan_part
    package_left = allowance.package_minutes - allowance.package_used_minutes
    use = HoursUse.objects.create(
        engagement=engagement,
        session=session,
        reason=reason,
        minutes=minutes,
        plan_minutes=plan_part,
        package_minutes=package_part,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit.record(
        actor=actor,
        action="coaching.engagement.hours_used",
        target=engagement,
        after={
            "session": session.public_id,
            "reason": reason,
            "minutes": minutes,
            "plan_minutes": plan_part,
            "package_minutes": package_part,
            "overdrawn_minutes": max(package_part - max(package_left, 0), 0),
        },
    )
    warn_if_crossed(engagement, actor=actor)
    return use


def warn_if_crossed(engagement: Engagement, *, actor=None) -> str | None:
    """Email the organization's admins and center staff the first time the engagement's use
    reaches 80 % and 100 % of its allowance; returns the level warned of, if any."""
    allowance = allowance_of(engagement)
    now = timezone.now()
    level = None
    if allowance.level == "full" and engagement.warned_100_at is None:
        level = "full"
        engagement.warned_100_at = now
        engagement.warned_80_at = engagement.warned_80_at or now
    elif allowance.level == "warn" and engagement.warned_80_at is None:
        level = "warn"
        engagement.warned_80_at = now
    if level is None:
        return None
    engagement.save(update_fields=["warned_80_at", "warned_100_at", "updated_at"])
    # One message to the organization's admins and one to center staff: neither side sees
    # the other's addresses.
    context = {
        "engagement": engagement,
        "allowance": allowance,
        "level": level,
        "left": describe_minutes(max(allowance.left_minutes, 0)),
        "used": describe_minutes(allowance.used_minutes),
        "total": describe_minutes(allowance.total_minutes),
        "engagement_path": reverse("coaching:engagement", args=[engagement.public_id]),
        "buy_path": reverse("coaching:buy_hours", args=[engagement.public_id]),
        # The paths above are joined to it in the email: links must be absolute there.
        "site_url": absolute(""),
    }
    sides = ((org_admin_emails(engagement.organization), False), (staff_emails(), True))
    for recipients, for_staff in sides:
        if recipients:
            queue_templated_email(
                to=recipients,
                template="coaching/email/hours_warning",
                context={**context, "for_staff": for_staff},
                triggered_by=actor,
            )
    return level


def rearm_warnings(engagement: Engagement) -> None:
    """After hours are added: warn again when use next reaches 80 % or 100 %."""
    allowance = allowance_of(engagement)
    changed = []
    if allowance.level in ("ok", "none") and engagement.warned_80_at is not None:
        engagement.warned_80_at = None
        changed.append("warned_80_at")
    if allowance.level != "full" and engagement.warned_100_at is not None:
        engagement.warned_100_at = None
        changed.append("warned_100_at")
    if changed:
        engagement.save(update_fields=[*changed, "updated_at"])
