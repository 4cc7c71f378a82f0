"""Engagements of coaching's scale data (see scale.py): the needs assessment each came from,
the engagement with its coach and hour package, its sessions on the coach's grid, the hours
they used (plan minutes first, then the package, the plan part also in membership's ledger),
the coach's commitments, notes and action items, as the services would have left them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings

from socialrx.core.scale import ScaleContext, random_uuid
from socialrx.membership.models import IncludedHoursUse
from socialrx.schedules.models import Commitment

from .models import (
    ActionItem,
    CoachingSession,
    Engagement,
    EngagementKind,
    EngagementStatus,
    Goal,
    HourPackage,
    HoursUse,
    Intake,
    IntakeStatus,
    NoteVisibility,
    PackageStatus,
    PolicyStatus,
    SessionNote,
    SessionStatus,
    UseReason,
)
from .scale_coaches import Coach
from .scale_text import (
    ACTION_ITEMS,
    AGENDAS,
    AUDIENCES,
    CENTER_NOTES,
    ENGAGEMENTS,
    GENERATED,
    SHARED_NOTES,
)
from .services.hours import SOURCE_KIND

WARN_PERCENT = 80
# What became of a past session, with its weight.
OUTCOMES = (
    (SessionStatus.HELD, 88),
    (SessionStatus.NO_SHOW, 4),
    (SessionStatus.LATE_CANCELLED, 4),
    (SessionStatus.CANCELLED, 4),
)
USED = {
    SessionStatus.HELD: UseReason.HELD,
    SessionStatus.NO_SHOW: UseReason.NO_SHOW,
    SessionStatus.LATE_CANCELLED: UseReason.LATE_CANCEL,
}
KEEPS_TIME = (SessionStatus.HELD, SessionStatus.NO_SHOW, SessionStatus.BOOKED)


@dataclass(frozen=True)
class Engaged:
    """An organization to engage: its id, name, people, membership and year."""

    organization_id: int
    name: str
    admin_id: int
    people: list[int]
    membership_id: int
    included_minutes: int
    year_starts_on: date


class EngagementWriters:
    def __init__(self, context: ScaleContext):
        self.now, self.today = context.now, context.today
        self.intakes = context.writer(
            Intake,
            (
                "public_id", "organization", "status", "goals", "goals_detail", "audience",
                "people_available", "hours_per_week", "approval_process", "policy_status",
                "created_by", "submitted_by", "submitted_at", "assigned_coach", "created_at",
                "assigned_at",
            ),
        )  # fmt: skip
        self.engagements = context.writer(
            Engagement,
            (
                "public_id", "organization", "intake", "kind", "title", "goals", "status",
                "plan_minutes", "meeting_url", "warned_80_at", "warned_100_at", "created_at",
                "started_on", "completed_on",
            ),
        )  # fmt: skip
        self.engagement_coaches = context.writer(Engagement.coaches.through, ("engagement", "user"))
        self.packages = context.writer(
            HourPackage,
            ("public_id", "engagement", "hours", "status", "amount_cents", "bought_by",
             "created_at", "paid_at"),
        )  # fmt: skip
        self.sessions = context.writer(
            CoachingSession,
            (
                "public_id", "engagement", "coach", "booked_by", "starts_at", "ends_at", "agenda",
                "meeting_url", "status", "sequence", "cancelled_at", "cancelled_by",
                "recorded_at", "created_at",
            ),
        )  # fmt: skip
        self.commitments = context.writer(
            Commitment,
            ("public_id", "person", "starts_at", "ends_at", "source_kind", "source_public_id",
             "label"),
        )  # fmt: skip
        self.uses = context.writer(
            HoursUse,
            ("engagement", "session", "reason", "minutes", "plan_minutes", "package_minutes",
             "recorded_by", "created_at"),
        )  # fmt: skip
        self.ledger = context.writer(
            IncludedHoursUse,
            ("membership", "period_starts_on", "minutes", "source_kind", "source_public_id",
             "note", "created_at"),
        )  # fmt: skip
        self.notes = context.writer(
            SessionNote, ("session", "author", "body", "visibility", "created_at", "updated_at")
        )
        self.items = context.writer(
            ActionItem,
            ("public_id", "engagement", "session", "title", "owner", "due_on", "done_at",
             "done_by", "created_by", "created_at"),
        )  # fmt: skip

    def intake(self, rng, org: Engaged, status: str, coach_id=None, *, days_ago: int) -> int:
        created = self.now - timedelta(days=days_ago + 4)
        submitted = self.now - timedelta(days=days_ago) if status != IntakeStatus.DRAFT else None
        assigned = submitted + timedelta(days=2) if coach_id else None
        return self.intakes.add(
            random_uuid(rng), org.organization_id, status,
            rng.sample(list(Goal.values), rng.randint(1, 3)),
            f"What success looks like for {org.name}. {GENERATED}", rng.choice(AUDIENCES),
            rng.randint(1, 6), Decimal(rng.choice(("4.0", "10.0", "22.5", "40.0"))),
            "A manager approves each post; anything about a patient goes to privacy.",
            rng.choice(list(PolicyStatus.values)), org.admin_id,
            org.admin_id if submitted else None, submitted, coach_id, created, assigned,
        )  # fmt: skip

    def engagement(self, rng, org: Engaged, coach: Coach, status: str) -> None:
        """One engagement of `org` with `coach`: sessions over the weeks since its year began
        (twelve at most), booked sessions to come while it is active."""
        since = max(
            self.now - timedelta(weeks=12),
            datetime.combine(org.year_starts_on, datetime.min.time(), tzinfo=self.now.tzinfo),
        )
        started = since + timedelta(days=rng.randint(0, 6))
        intake_id = self.intake(
            rng, org, IntakeStatus.ASSIGNED, coach.user_id, days_ago=(self.now - started).days + 7
        )
        package_hours = rng.choice((2, 4, 6, 10)) if rng.random() < 0.3 else 0
        plan, total = org.included_minutes, org.included_minutes + package_hours * 60
        title, goals = rng.choice(ENGAGEMENTS)
        engagement = EngagementRows(rng, self, org, coach, plan, total)
        if status != EngagementStatus.PROPOSED:
            # Held long enough ago to have been written up.
            written_up = self.now - timedelta(hours=2)
            engagement.past(coach.free_hours(rng, rng.randint(2, 12), started, written_up))
        if status == EngagementStatus.ACTIVE:
            # Clear of the booking notice, within the four weeks the grid holds.
            soon, until = self.now + timedelta(days=1), self.now + timedelta(weeks=4)
            engagement.coming(coach.free_hours(rng, rng.randint(1, 3), soon, until))
        last = max((row[0] for row in engagement.rows), default=None)
        engagement_id = self.engagements.add(
            random_uuid(rng), org.organization_id, intake_id,
            rng.choice(list(EngagementKind.values)), f"{title} ({org.name})",
            f"{goals} {GENERATED}", status, plan,
            f"https://meet.example.org/scale/engagement-{self.engagements.next_id}",
            engagement.warned_at(WARN_PERCENT), engagement.warned_at(100),
            started - timedelta(days=3),
            None if status == EngagementStatus.PROPOSED else started.date(),
            last.date() if status == EngagementStatus.COMPLETED and last else None,
        )  # fmt: skip
        self.engagement_coaches.add(engagement_id, coach.user_id)
        if package_hours:
            paid = started + timedelta(days=1)
            self.packages.add(
                random_uuid(rng), engagement_id, package_hours, PackageStatus.PAID,
                package_hours * settings.COACHING_HOUR_PRICE_CENTS, org.admin_id, paid, paid,
            )  # fmt: skip
        engagement.write(engagement_id)


class EngagementRows:
    """The sessions of one engagement and the hours they used, counted in order."""

    def __init__(self, rng, writers: EngagementWriters, org: Engaged, coach: Coach, plan, total):
        self.rng, self.writers, self.org, self.coach = rng, writers, org, coach
        self.plan_left, self.total = plan, total
        self.used = self.booked = 0
        self.warnings: dict[int, datetime] = {}
        # (starts_at, minutes, status, plan part, package part)
        self.rows: list[tuple[datetime, int, str, int, int]] = []

    def past(self, starts: list[datetime]) -> None:
        statuses, weights = zip(*OUTCOMES, strict=True)
        for start in starts:
            minutes = self.rng.choice((60, 60, 60, 30))
            status = self.rng.choices(statuses, weights)[0]
            if status in USED and self.used + minutes > self.total:
                break  # the allowance is spent: no more sessions
            plan_part = min(minutes, self.plan_left) if status in USED else 0
            if status in USED:
                self.plan_left -= plan_part
                self.used += minutes
                self._warn(start + timedelta(minutes=minutes + 60))
            self.rows.append((start, minutes, status, plan_part, minutes - plan_part))

    def coming(self, starts: list[datetime]) -> None:
        for start in starts:
            minutes = self.rng.choice((60, 30))
            if self.used + self.booked + minutes > self.total:
                break
            self.booked += minutes
            self.rows.append((start, minutes, SessionStatus.BOOKED, 0, 0))

    def _warn(self, moment: datetime) -> None:
        for percent in (WARN_PERCENT, 100):
            if percent not in self.warnings and self.used * 100 >= percent * self.total:
                self.warnings[percent] = moment

    def warned_at(self, percent: int) -> datetime | None:
        return self.warnings.get(percent)

    def write(self, engagement_id: int) -> None:
        for start, minutes, status, plan_part, package_part in self.rows:
            self._session(engagement_id, start, minutes, status, plan_part, package_part)

    def _session(self, engagement_id, start, minutes, status, plan_part, package_part) -> None:
        rng, writers, org, coach = self.rng, self.writers, self.org, self.coach
        end = start + timedelta(minutes=minutes)
        public_id = random_uuid(rng)
        booked_by = rng.choice(org.people)
        cancelled = status in (SessionStatus.CANCELLED, SessionStatus.LATE_CANCELLED)
        cancelled_at = start - timedelta(hours=3 if status == SessionStatus.LATE_CANCELLED else 72)
        recorded = None
        if status in (SessionStatus.HELD, SessionStatus.NO_SHOW):
            recorded = end + timedelta(hours=1)
        session_id = writers.sessions.add(
            public_id, engagement_id, coach.user_id, booked_by, start, end, rng.choice(AGENDAS),
            coach.meeting_url, status, 1 if cancelled else 0,
            cancelled_at if cancelled else None, booked_by if cancelled else None, recorded,
            start - timedelta(days=rng.randint(2, 14)),
        )  # fmt: skip
        if status in KEEPS_TIME:
            writers.commitments.add(
                random_uuid(rng), coach.user_id, start, end, SOURCE_KIND, public_id,
                f"Coaching: {org.name}",
            )  # fmt: skip
        if status in USED:
            when = recorded or cancelled_at
            writers.uses.add(
                engagement_id, session_id, USED[status], minutes, plan_part, package_part,
                coach.user_id if recorded else booked_by, when,
            )  # fmt: skip
            if plan_part:
                writers.ledger.add(
                    org.membership_id, org.year_starts_on, plan_part, SOURCE_KIND, public_id,
                    f"Coaching: {UseReason(USED[status]).label}", when,
                )  # fmt: skip
        if status == SessionStatus.HELD:
            self._records(engagement_id, session_id, recorded)

    def _records(self, engagement_id: int, session_id: int, recorded: datetime) -> None:
        rng, writers = self.rng, self.writers
        if rng.random() < 0.7:
            body = rng.choice(SHARED_NOTES) + GENERATED
            writers.notes.add(
                session_id, self.coach.user_id, body, NoteVisibility.SHARED, recorded, recorded
            )
        if rng.random() < 0.3:
            body = f"{rng.choice(CENTER_NOTES)} {GENERATED}"
            writers.notes.add(
                session_id, self.coach.user_id, body, NoteVisibility.CENTER, recorded, recorded
            )
        for _ in range(rng.randint(0, 2)):
            due = recorded.date() + timedelta(days=rng.randint(7, 21))
            done = rng.random() < (0.75 if due < writers.today else 0.2)
            done_at = None
            if done:
                done_at = min(recorded + timedelta(days=rng.randint(1, 10)), writers.now)
            owner = rng.choice(self.org.people)
            writers.items.add(
                random_uuid(rng), engagement_id, session_id, rng.choice(ACTION_ITEMS), owner, due,
                done_at, owner if done else None, self.coach.user_id, recorded,
            )  # fmt: skip
