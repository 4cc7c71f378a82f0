"""An engagement's hours: its allowance, what it used and what is booked (see
`models.engagements` for the rules). Six queries for one engagement or for a whole list.

The plan part of an allowance is the allotment not yet used, but never more than the
organization's included minutes left in its membership year (`membership.selectors`): a
membership that lapsed, a year that rolled over or a plan moved down leaves only what the
year still holds, so no booking is made on hours nobody pays for."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import F, Sum

from socialrx.membership.selectors import (
    included_minutes_left_by_organization,
    included_minutes_remaining,
)

from ..models import (
    CoachingSession,
    Engagement,
    EngagementStatus,
    HourPackage,
    HoursUse,
    PackageStatus,
    SessionStatus,
)

WARN_PERCENT = 80


@dataclass(frozen=True)
class Allowance:
    plan_minutes: int  # plan hours allotted to the engagement
    package_minutes: int  # paid packages
    plan_used_minutes: int
    package_used_minutes: int
    booked_minutes: int  # sessions booked and not yet recorded (held, missed or cancelled)
    # The organization's included minutes left in its membership year (shared by its
    # engagements); None when not known (the allotment alone then counts).
    year_left_minutes: int | None = None

    @property
    def plan_left_minutes(self) -> int:
        """Plan minutes this engagement may still use: its allotment not yet used, as far as
        the membership year still has included minutes."""
        left = max(self.plan_minutes - self.plan_used_minutes, 0)
        return left if self.year_left_minutes is None else min(left, self.year_left_minutes)

    @property
    def plan_withheld_minutes(self) -> int:
        """Allotted plan minutes the membership year no longer holds (shown, never booked)."""
        return max(self.plan_minutes - self.plan_used_minutes, 0) - self.plan_left_minutes

    @property
    def total_minutes(self) -> int:
        return self.plan_used_minutes + self.plan_left_minutes + self.package_minutes

    @property
    def used_minutes(self) -> int:
        return self.plan_used_minutes + self.package_used_minutes

    @property
    def left_minutes(self) -> int:
        """Not yet used (booked sessions included): may be negative when a voided package
        took back hours already used."""
        return self.total_minutes - self.used_minutes

    @property
    def bookable_minutes(self) -> int:
        """What a new booking may still take: not used and not booked."""
        return max(self.left_minutes - self.booked_minutes, 0)

    @property
    def percent_used(self) -> int:
        """Whole percent used, rounded down (79.9 % is not yet 80)."""
        if self.total_minutes == 0:
            return 100 if self.used_minutes else 0
        return self.used_minutes * 100 // self.total_minutes

    @property
    def level(self) -> str:
        """ "none" (no hours), "ok", "warn" (80 % used) or "full" (100 %)."""
        if self.total_minutes == 0 and self.used_minutes == 0:
            return "none"
        if self.used_minutes >= self.total_minutes:
            return "full"
        if self.used_minutes * 100 >= WARN_PERCENT * self.total_minutes:
            return "warn"
        return "ok"


def allowances_of(engagements: list[Engagement]) -> dict[int, Allowance]:
    """{engagement id: Allowance} in six queries (three for the membership years)."""
    ids = [engagement.pk for engagement in engagements]
    if not ids:
        return {}
    year_left = included_minutes_left_by_organization(
        {engagement.organization_id for engagement in engagements}
    )
    packages = dict(
        HourPackage.objects.filter(engagement_id__in=ids, status=PackageStatus.PAID)
        .values("engagement_id")
        .annotate(hours=Sum("hours"))
        .values_list("engagement_id", "hours")
    )
    used = {
        row["engagement_id"]: row
        for row in HoursUse.objects.filter(engagement_id__in=ids)
        .values("engagement_id")
        .annotate(plan=Sum("plan_minutes"), package=Sum("package_minutes"))
    }
    booked: dict[int, int] = defaultdict(int)
    for engagement_id, length in CoachingSession.objects.filter(
        engagement_id__in=ids, status=SessionStatus.BOOKED
    ).values_list("engagement_id", F("ends_at") - F("starts_at")):
        booked[engagement_id] += int(length.total_seconds() // 60)
    return {
        engagement.pk: Allowance(
            plan_minutes=engagement.plan_minutes,
            package_minutes=(packages.get(engagement.pk) or 0) * 60,
            plan_used_minutes=(used.get(engagement.pk) or {}).get("plan") or 0,
            package_used_minutes=(used.get(engagement.pk) or {}).get("package") or 0,
            booked_minutes=booked[engagement.pk],
            year_left_minutes=year_left.get(engagement.organization_id, 0),
        )
        for engagement in engagements
    }


def allowance_of(engagement: Engagement) -> Allowance:
    return allowances_of([engagement])[engagement.pk]


def unallotted_plan_minutes(organization, *, exclude: Engagement | None = None) -> int:
    """The organization's included minutes left this membership year that no proposed or
    active engagement holds yet: what staff may allot to a new (or this) engagement."""
    engagements = list(
        Engagement.objects.filter(
            organization=organization,
            status__in=[EngagementStatus.PROPOSED, EngagementStatus.ACTIVE],
        ).exclude(pk=getattr(exclude, "pk", None))
    )
    held = sum(allowance.plan_left_minutes for allowance in allowances_of(engagements).values())
    return max(included_minutes_remaining(organization) - held, 0)


def describe_minutes(minutes: int) -> str:
    """ "1 h 30 min", "2 h", "30 min", "0 h"."""
    sign = "−" if minutes < 0 else ""
    hours, rest = divmod(abs(minutes), 60)
    if hours and rest:
        return f"{sign}{hours} h {rest} min"
    if rest:
        return f"{sign}{rest} min"
    return f"{sign}{hours} h"
