"""The dashboard's coaching panels (declared in menus.py):

- the coach's: upcoming sessions on the coach's clock, sessions to record, the engagements they
  coach and their open action items;
- the organization's: each proposed or active engagement of the person's organizations with
  its next session (on the person's clock), first open action items, hours left and a link to
  book; left out for people of no engaged organization;
- the center staff's: engagements by status, intakes waiting for a coach, and coach
  utilisation for this week and the next three (a chart and its table).

Each takes a fixed number of queries whatever the data (see selectors.panels and
selectors.reports)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse
from django.utils import timezone

from socialrx.core.calendar import center_today
from socialrx.core.permissions import allowed

from . import slots
from .charts import utilisation_chart
from .models import ActionItem, CoachingSession, EngagementStatus
from .selectors import panels as selectors
from .selectors import reports
from .selectors.hours import describe_minutes

PANEL_CHART_WIDTH = 320


def describe_when(starts_at: datetime, ends_at: datetime, zone_name: str) -> str:
    """ "Tue, Mar 5, 9:00–10:00 AM CST" on the clock of `zone_name` ("11:30 AM–12:30 PM"
    when the span crosses noon)."""
    tz = slots.zone(zone_name)
    start, end = timezone.localtime(starts_at, tz), timezone.localtime(ends_at, tz)
    same_half = start.strftime("%p") == end.strftime("%p") and start.date() == end.date()
    begins = f"{start:%-I:%M}" if same_half else f"{start:%-I:%M %p}"
    return f"{start:%a}, {start:%b} {start.day}, {begins}–{end:%-I:%M %p} {end.tzname()}"


@dataclass(frozen=True)
class SessionLine:
    session: CoachingSession
    when: str
    organization: str
    url: str


def _coach_line(session: CoachingSession, zone_name: str, url_name: str) -> SessionLine:
    return SessionLine(
        session=session,
        when=describe_when(session.starts_at, session.ends_at, zone_name),
        organization=session.engagement.organization.name,
        url=reverse(url_name, args=[session.public_id]),
    )


def coach(request) -> dict | None:
    """For coaches (`coaching.be_coach`): five queries."""
    user = request.user
    if not allowed(user, "coaching.be_coach"):
        return None
    panel = selectors.coach_panel(user)
    return {
        "time_zone": panel.time_zone,
        "upcoming": [_coach_line(s, panel.time_zone, "coaching:session") for s in panel.upcoming],
        "to_record": [_coach_line(s, panel.time_zone, "coaching:record") for s in panel.to_record],
        "to_record_count": panel.to_record_count,
        "to_record_more": panel.to_record_count - len(panel.to_record),
        "engagements": [
            (engagement, reverse("coaching:engagement", args=[engagement.public_id]))
            for engagement in panel.engagements
        ],
        "active_count": panel.active_count,
        "engagements_more": panel.active_count - len(panel.engagements),
        "open_items": panel.open_items,
        "overdue_items": panel.overdue_items,
        "engagements_url": reverse("coaching:engagements"),
        "availability_url": reverse("coaching:availability"),
    }


@dataclass(frozen=True)
class ItemLine:
    item: ActionItem
    overdue: bool


@dataclass(frozen=True)
class EngagementLine:
    line: selectors.OrgEngagement
    url: str
    active: bool
    next_when: str  # on the viewer's clock; empty without a next session
    next_url: str
    items: list[ItemLine]
    more_items: int
    hours_left: str
    hours_total: str
    hours_booked: str
    book_url: str  # empty unless the engagement is active and the person may book
    buy_url: str  # empty unless hours run low and the person may buy more


def _engagement_line(user, line: selectors.OrgEngagement, today) -> EngagementLine:
    engagement, allowance, session = line.engagement, line.allowance, line.next_session
    active = engagement.status == EngagementStatus.ACTIVE
    running_low = allowance.level in ("warn", "full")
    may_buy = running_low and allowed(user, "coaching.buy_hours", engagement)
    return EngagementLine(
        line=line,
        url=reverse("coaching:engagement", args=[engagement.public_id]),
        active=active,
        next_when=describe_when(session.starts_at, session.ends_at, user.time_zone)
        if session
        else "",
        next_url=reverse("coaching:session", args=[session.public_id]) if session else "",
        items=[ItemLine(item, item.due_on < today) for item in line.action_items],
        more_items=line.open_items - len(line.action_items),
        hours_left=describe_minutes(allowance.left_minutes),
        hours_total=describe_minutes(allowance.total_minutes),
        hours_booked=describe_minutes(allowance.booked_minutes),
        book_url=(
            reverse("coaching:book", args=[engagement.public_id])
            if active and allowed(user, "coaching.book", engagement)
            else ""
        ),
        buy_url=reverse("coaching:buy_hours", args=[engagement.public_id]) if may_buy else "",
    )


def organization(request) -> dict | None:
    """For people of an organization with a proposed or active engagement; None otherwise.
    Seven queries: the person's organizations (cached per request), then six."""
    user = request.user
    if not getattr(user, "is_authenticated", False):
        return None
    lines = selectors.org_panel(user)
    if not lines:
        return None
    today = center_today()
    return {
        "engagements": [_engagement_line(user, line, today) for line in lines],
        "several_organizations": len({line.engagement.organization_id for line in lines}) > 1,
        "time_zone": user.time_zone,
        "engagements_url": reverse("coaching:engagements"),
    }


def staff(request) -> dict | None:
    """For center staff (`coaching.view_reports`): seven queries (engagements by status,
    intakes waiting, and the five of the utilisation figures)."""
    if not allowed(request.user, "coaching.view_reports"):
        return None
    counts = selectors.staff_counts()
    today = center_today()
    figures = reports.utilisation(
        reports.weeks_around(today, before=0, after=reports.PANEL_WEEKS), today=today
    )
    return {
        "by_status": counts.by_status,
        "intakes_waiting": counts.intakes_waiting,
        "utilisation": figures,
        # Drawn near the panel's width, so its labels stay readable without scaling.
        "chart": utilisation_chart(
            figures.totals, this_week=figures.this_week, width=PANEL_CHART_WIDTH, height=200
        ),
        "staff_home_url": reverse("coaching:staff_home"),
        "intakes_url": reverse("coaching:staff_intakes"),
        "report_url": reverse("coaching:staff_utilisation"),
    }
