"""What `socialrx seed-demo` prints under "Coaching": the coaches with their open hours, the
intakes, each engagement's hours and records, and what the organization has left."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from socialrx.core.calendar import center_today
from socialrx.membership.selectors import included_minutes_remaining

from ..models import CoachProfile, Engagement, HourPackage, Intake, PackageStatus
from ..selectors.hours import allowance_of, describe_minutes
from ..selectors.slots import free_minutes_by_coach

FOUR_WEEKS = timedelta(weeks=4)


def report_lines(profiles: list[CoachProfile], intakes: list[Intake], engagements) -> list[str]:
    return [
        *_coach_lines(profiles),
        *(_intake_line(intake) for intake in intakes),
        *(line for engagement in engagements for line in _engagement_lines(engagement)),
        *_organization_lines(engagements),
    ]


def _coach_lines(profiles: list[CoachProfile]) -> list[str]:
    now = timezone.now()
    free = free_minutes_by_coach(profiles, since=now, until=now + FOUR_WEEKS)
    lines = []
    for profile in profiles:
        platforms = ", ".join(p.name for p in profile.platforms.order_by("position"))
        windows = _count(profile.windows.count(), "weekly window")
        lines.append(
            f"Coach {profile.user.full_name} {_url('coaching:coach', profile.slug)}: "
            f"{profile.time_zone}; {platforms}; {windows}, "
            f"{_count(profile.exceptions.count(), 'date exception')}; "
            f"{describe_minutes(free[profile.user_id])} open in the next four weeks"
        )
    return lines


def _intake_line(intake: Intake) -> str:
    state = intake.get_status_display().lower()
    if intake.assigned_coach_id:
        state += f" ({intake.assigned_coach.full_name})"
    elif intake.status == "submitted":
        state += ", waiting for a coach"
    where = _url("coaching:intake", intake.public_id)
    return f"Needs assessment of {intake.organization} {where}: {state}"


def _engagement_lines(engagement: Engagement) -> list[str]:
    allowance = allowance_of(engagement)
    coaches = ", ".join(coach.full_name for coach in engagement.coaches.all())
    sources = [f"{describe_minutes(allowance.plan_minutes)} of the plan"]
    for package in HourPackage.objects.filter(engagement=engagement, status=PackageStatus.PAID):
        invoice = f", {package.invoice.number} paid" if package.invoice_id else ""
        sources.append(f"{package.hours} h bought{invoice}")
    statuses = Counter(engagement.sessions.values_list("status", flat=True))
    items = engagement.action_items.all()
    done = items.filter(done_at__isnull=False).count()
    overdue = items.filter(done_at__isnull=True, due_on__lt=center_today()).count()
    warning = {"warn": ": warned", "full": ": all used"}.get(allowance.level, "")
    return [
        f"Engagement {_url('coaching:engagement', engagement.public_id)}: {engagement.title} "
        f"({engagement.organization}, {engagement.get_kind_display().lower()} with {coaches})",
        f"  {describe_minutes(allowance.total_minutes)} ({' + '.join(sources)}), "
        f"{describe_minutes(allowance.used_minutes)} used ({allowance.percent_used} %{warning}), "
        f"{describe_minutes(allowance.booked_minutes)} booked, "
        f"{describe_minutes(allowance.bookable_minutes)} left to book",
        f"  {statuses['held']} sessions held, {statuses['late_cancelled']} cancelled late, "
        f"{statuses['booked']} to come; {items.count()} action items ({done} done, "
        f"{overdue} overdue)",
    ]


def _organization_lines(engagements) -> list[str]:
    organizations = {
        engagement.organization_id: engagement.organization for engagement in engagements
    }
    return [
        f"{organization}: {describe_minutes(included_minutes_remaining(organization))} of its "
        "included coaching hours left this membership year"
        for organization in organizations.values()
    ]


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _url(name: str, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:  # a page not declared (yet): name it instead
        return f"{name} {' '.join(str(arg) for arg in args)}"
