"""The checks of staff's engagement use cases (`services.engagements`), each raising a
DomainError beside the field it concerns: the values given (title, kind, https meeting link,
coaches, plan hours in half hours within the organization's unallotted included hours, the
intake), a plan change against what was used and booked, and a coach not taken off while they
have sessions of the engagement booked. Read inside the use case's transaction."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone

from socialrx.core.errors import Conflict, DomainError
from socialrx.organizations.models import Organization

from ..models import (
    CoachingSession,
    CoachProfile,
    Engagement,
    EngagementKind,
    Intake,
    IntakeStatus,
    SessionStatus,
)
from ..selectors.hours import allowance_of, describe_minutes, unallotted_plan_minutes
from .coaches import HTTPS_ONLY

TITLE_MAX = 160
INTAKE_READY = (IntakeStatus.SUBMITTED, IntakeStatus.ASSIGNED)


def plan_minutes_from_hours(plan_hours) -> int:
    """Whole minutes of `plan_hours` (a Decimal, in half hours); refuses anything else."""
    try:
        value = Decimal(str(plan_hours))
    except (InvalidOperation, ValueError) as error:
        raise DomainError("Enter the plan hours as a number.", field="plan_hours") from error
    if not value.is_finite():
        raise DomainError("Enter the plan hours as a number.", field="plan_hours")
    if value < 0:
        raise DomainError("Plan hours cannot be negative: enter 0 or more.", field="plan_hours")
    if value * 2 != (value * 2).to_integral_value():
        raise DomainError(
            "Plan hours come in half hours (0.5, 1, 1.5…): sessions last 30 or 60 minutes.",
            field="plan_hours",
        )
    return int(value * 60)


def check_text(title: str, kind: str, meeting_url: str) -> None:
    if not title:
        raise DomainError("Give the engagement a title.", field="title")
    if len(title) > TITLE_MAX:
        raise DomainError(f"Keep the title under {TITLE_MAX} characters.", field="title")
    if kind not in EngagementKind.values:
        raise DomainError(
            "Choose one-on-one training, consulting or coaching.", field="kind", code="kind"
        )
    if meeting_url:
        try:
            URLValidator(schemes=["https"])(meeting_url)
        except ValidationError as error:
            raise DomainError(HTTPS_ONLY, field="meeting_url", code="bad_meeting_url") from error


def check_coaches(coaches) -> list:
    """The coaches as users, refusing an empty choice and anyone who does not coach."""
    coaches = list(coaches or [])
    if not coaches:
        raise DomainError("Choose at least one coach.", field="coaches")
    ids = {getattr(coach, "pk", coach) for coach in coaches}
    found = {
        user.pk: user
        for user in get_user_model().objects.filter(pk__in=ids).select_related("coach_profile")
    }
    for pk in sorted(ids):
        user = found.get(pk)
        if user is None:
            raise DomainError("One of the chosen coaches does not exist.", field="coaches")
        name = user.full_name or user.email
        if not (user.is_active and user.is_coach and _has_profile(user)):
            raise DomainError(
                f"{name} is not a coach: choose people with a coach profile.", field="coaches"
            )
    return [found[pk] for pk in sorted(ids)]


def _has_profile(user) -> bool:
    try:
        return user.coach_profile is not None
    except CoachProfile.DoesNotExist:
        return False


def refuse_too_many(organization: Organization, wanted: int, available: int) -> None:
    if wanted <= available:
        return
    if available == 0:
        raise DomainError(
            f"{organization.name} has no included hours left this membership year that are "
            "not yet allotted: allot 0 plan hours (the organization can buy hour packages).",
            field="plan_hours",
        )
    raise DomainError(
        f"{organization.name} has {describe_minutes(available)} of included hours left this "
        "membership year not yet allotted: allot at most that.",
        field="plan_hours",
    )


def check_intake(intake: Intake | None, organization: Organization) -> None:
    if intake is None:
        return
    if intake.status not in INTAKE_READY:
        raise DomainError(
            "This needs assessment is still a draft: an engagement starts from a submitted one.",
            field="intake",
        )
    if intake.organization_id != organization.pk:
        raise DomainError(
            f"This needs assessment is {intake.organization.name}'s, not {organization.name}'s.",
            field="organization",
        )


def check_plan_change(engagement: Engagement, plan_minutes: int) -> None:
    """Not below what the plan already gave, not so low that booked sessions overflow, not
    above what the organization's year still has unallotted."""
    allowance = allowance_of(engagement)
    if plan_minutes < allowance.plan_used_minutes:
        raise DomainError(
            f"This engagement already used {describe_minutes(allowance.plan_used_minutes)} of "
            "plan hours: allot at least that.",
            field="plan_hours",
        )
    total = plan_minutes + allowance.package_minutes
    needed = allowance.used_minutes + allowance.booked_minutes
    if plan_minutes < engagement.plan_minutes and total < needed:
        raise DomainError(
            f"{describe_minutes(allowance.used_minutes)} used and "
            f"{describe_minutes(allowance.booked_minutes)} booked: the allowance cannot go "
            f"below {describe_minutes(needed)}. Cancel booked sessions first.",
            field="plan_hours",
        )
    if plan_minutes > engagement.plan_minutes:
        # What the organization's year still holds for this engagement: its own unused
        # allotment plus what no engagement holds.
        free = unallotted_plan_minutes(engagement.organization, exclude=engagement)
        most = allowance.plan_used_minutes + free
        if plan_minutes > most:
            refuse_too_many(
                engagement.organization,
                plan_minutes - engagement.plan_minutes,
                max(most - engagement.plan_minutes, 0),
            )


def booked_ahead(engagement: Engagement) -> list[CoachingSession]:
    return list(
        CoachingSession.objects.filter(
            engagement=engagement, status=SessionStatus.BOOKED, starts_at__gte=timezone.now()
        )
        .select_related("coach")
        .order_by("starts_at")
    )


def describe_session(session: CoachingSession, *, coach: bool = True) -> str:
    local = timezone.localtime(session.starts_at)
    when = f"{local:%a %-d %b %Y %-I:%M %p} {local.tzname()}"
    return f"{when} with {session.coach.full_name or session.coach.email}" if coach else when


def refuse_stranding(engagement: Engagement, chosen: list) -> None:
    """Refuse to take off a coach who still has sessions of the engagement booked: they could
    no longer open, record or cancel them, and the sessions would stay in their calendar."""
    staying = {coach.pk for coach in chosen}
    leaving = [coach for coach in engagement.coaches.all() if coach.pk not in staying]
    if not leaving:
        return
    stranded = list(
        CoachingSession.objects.filter(
            engagement=engagement, status=SessionStatus.BOOKED, coach__in=leaving
        )
        .select_related("coach")
        .order_by("coach__full_name", "coach_id", "starts_at")
    )
    if not stranded:
        return
    coach = stranded[0].coach
    theirs = [session for session in stranded if session.coach_id == coach.pk]
    count = len(theirs)
    listed = "; ".join(describe_session(session, coach=False) for session in theirs)
    raise Conflict(
        f"{coach.full_name or coach.email} still has {count} session"
        f"{'s' if count != 1 else ''} of this engagement booked ({listed}): cancel "
        f"{'them' if count != 1 else 'it'} (or record {'them' if count != 1 else 'it'} once "
        "held) before taking this coach off the engagement.",
        field="coaches",
        code="sessions_booked",
    )
