"""Staff run engagements: create one (from an intake or not), edit it, activate it, complete it.

The rules each use case enforces:
- only center staff (`coaching.manage_engagements`);
- at least one coach, every coach an active `is_coach` person with a coach profile;
- plan hours in half hours, never more than the organization's included hours left this
  membership year that no other engagement holds (`selectors.hours.unallotted_plan_minutes`),
  and on an edit never below what the engagement already used from the plan (nor so low that
  the sessions already booked no longer fit); an organization without membership benefits gets
  0 plan hours and buys hour packages instead;
- an intake it starts from is submitted (or has its coach), and belongs to the organization;
- the meeting link is https, as bookings' and coach profiles' are (it is sent to clients);
- a coach is not taken off an engagement while they have sessions of it still booked (ahead,
  or over and not yet recorded): they would no longer reach those sessions (the message names
  them; cancel them first);
- the status goes proposed → active → completed and nowhere else; an engagement is not
  completed while sessions are booked ahead (the message names them).
Each change is audited with the values before and after; activating one emails the
organization's admins a link to its page."""

from __future__ import annotations

from django.db import transaction

from socialrx.core import audit
from socialrx.core.calendar import center_today
from socialrx.core.errors import Conflict, DomainError
from socialrx.core.permissions import require
from socialrx.organizations.models import Organization

from ..models import Engagement, EngagementStatus, Intake
from ..selectors.hours import unallotted_plan_minutes
from . import engagement_emails, hours
from .engagement_checks import (
    booked_ahead,
    check_coaches,
    check_intake,
    check_plan_change,
    check_text,
    describe_session,
    plan_minutes_from_hours,
    refuse_stranding,
    refuse_too_many,
)

PERMISSION = "coaching.manage_engagements"
STARTING_STATUSES = (EngagementStatus.PROPOSED, EngagementStatus.ACTIVE)


def _snapshot(engagement: Engagement) -> dict:
    return {
        "organization": engagement.organization.name,
        "kind": engagement.kind,
        "title": engagement.title,
        "goals": engagement.goals,
        "status": engagement.status,
        "plan_minutes": engagement.plan_minutes,
        "meeting_url": engagement.meeting_url,
        "coaches": sorted(coach.email for coach in engagement.coaches.all()),
        "intake": engagement.intake.public_id if engagement.intake_id else None,
    }


def _lock_organization(organization: Organization) -> Organization:
    """The organization's row, locked: two engagements allotted at once cannot together take
    more included hours than are left."""
    return Organization.objects.select_for_update().get(pk=organization.pk)


@transaction.atomic
def create_engagement(
    *,
    actor,
    organization: Organization,
    kind: str,
    title: str,
    goals: str,
    coaches,
    plan_hours,
    meeting_url: str = "",
    intake: Intake | None = None,
    status: str = EngagementStatus.PROPOSED,
) -> Engagement:
    """A new engagement, proposed or already active (see the module's docstring)."""
    require(actor, PERMISSION)
    title, goals, meeting_url = (
        (title or "").strip(),
        (goals or "").strip(),
        (meeting_url or "").strip(),
    )
    if status not in STARTING_STATUSES:
        raise DomainError("A new engagement is proposed or active.", field="status")
    check_text(title, kind, meeting_url)
    check_intake(intake, organization)
    chosen = check_coaches(coaches)
    plan_minutes = plan_minutes_from_hours(plan_hours)
    organization = _lock_organization(organization)
    refuse_too_many(organization, plan_minutes, unallotted_plan_minutes(organization))
    engagement = Engagement.objects.create(
        organization=organization,
        intake=intake,
        kind=kind,
        title=title,
        goals=goals,
        status=status,
        plan_minutes=plan_minutes,
        meeting_url=meeting_url,
        created_by=actor,
        started_on=center_today() if status == EngagementStatus.ACTIVE else None,
    )
    engagement.coaches.set(chosen)
    audit.record(
        actor=actor,
        action="coaching.engagement.created",
        target=engagement,
        after=_snapshot(engagement),
    )
    if status == EngagementStatus.ACTIVE:
        engagement_emails.activated(engagement, actor=actor)
    return engagement


@transaction.atomic
def update_engagement(
    *,
    actor,
    engagement: Engagement,
    title: str,
    goals: str,
    coaches,
    plan_hours,
    meeting_url: str = "",
    kind: str | None = None,
) -> Engagement:
    """Edit an engagement that is not completed (see the module's docstring for the rules).
    More plan hours re-arm the 80 %/100 % warnings; fewer may send one."""
    require(actor, PERMISSION)
    _lock_organization(engagement.organization)
    engagement = hours.lock_engagement(engagement)
    if engagement.status == EngagementStatus.COMPLETED:
        raise Conflict("This engagement is completed: it cannot be changed.", code="completed")
    title, goals, meeting_url = (
        (title or "").strip(),
        (goals or "").strip(),
        (meeting_url or "").strip(),
    )
    kind = kind or engagement.kind
    check_text(title, kind, meeting_url)
    chosen = check_coaches(coaches)
    plan_minutes = plan_minutes_from_hours(plan_hours)
    check_plan_change(engagement, plan_minutes)
    refuse_stranding(engagement, chosen)
    before = _snapshot(engagement)
    engagement.title, engagement.goals, engagement.kind = title, goals, kind
    engagement.meeting_url, engagement.plan_minutes = meeting_url, plan_minutes
    engagement.save(
        update_fields=["title", "goals", "kind", "meeting_url", "plan_minutes", "updated_at"]
    )
    engagement.coaches.set(chosen)
    after = _snapshot(engagement)
    audit.record(
        actor=actor,
        action="coaching.engagement.updated",
        target=engagement,
        before=before,
        after=after,
    )
    hours.rearm_warnings(engagement)
    hours.warn_if_crossed(engagement, actor=actor)
    return engagement


@transaction.atomic
def activate(*, actor, engagement: Engagement) -> Engagement:
    """proposed → active: the organization may book from now; its admins are emailed."""
    require(actor, PERMISSION)
    engagement = hours.lock_engagement(engagement)
    if engagement.status != EngagementStatus.PROPOSED:
        raise Conflict(
            f"This engagement is {engagement.get_status_display().lower()}: only a proposed "
            "one is activated.",
            code="not_proposed",
        )
    engagement.status = EngagementStatus.ACTIVE
    engagement.started_on = center_today()
    engagement.save(update_fields=["status", "started_on", "updated_at"])
    audit.record(
        actor=actor,
        action="coaching.engagement.activated",
        target=engagement,
        before={"status": EngagementStatus.PROPOSED},
        after={"status": engagement.status, "started_on": engagement.started_on},
    )
    engagement_emails.activated(engagement, actor=actor)
    return engagement


@transaction.atomic
def complete(*, actor, engagement: Engagement) -> Engagement:
    """active → completed, once no session is booked ahead (the refusal names them)."""
    require(actor, PERMISSION)
    engagement = hours.lock_engagement(engagement)
    if engagement.status != EngagementStatus.ACTIVE:
        raise Conflict(
            f"This engagement is {engagement.get_status_display().lower()}: only an active one "
            "is completed.",
            code="not_active",
        )
    ahead = booked_ahead(engagement)
    if ahead:
        count = len(ahead)
        listed = "; ".join(describe_session(session) for session in ahead)
        raise Conflict(
            f"{count} session{'s are' if count != 1 else ' is'} still booked ahead ({listed}): "
            "cancel or hold them before completing the engagement.",
            code="sessions_booked",
        )
    engagement.status = EngagementStatus.COMPLETED
    engagement.completed_on = center_today()
    engagement.save(update_fields=["status", "completed_on", "updated_at"])
    audit.record(
        actor=actor,
        action="coaching.engagement.completed",
        target=engagement,
        before={"status": EngagementStatus.ACTIVE},
        after={"status": engagement.status, "completed_on": engagement.completed_on},
    )
    return engagement
