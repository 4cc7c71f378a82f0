"""Matching coaches to a submitted needs assessment, and staff's queue of assessments.

How suggestions are ranked
--------------------------
What the intake asks for falls in three categories, each with a weight:

- platforms (weight 40): the platforms in use and planned, together;
- topics (weight 40): the topics its goals call for (`GOAL_TOPICS`, below);
- organization type (weight 20): the organization's type.

A coach's share of a category is the part of what the intake asks that the coach's expertise
covers (2 of 4 platforms: 1/2). A category the intake asks nothing of is left out, and the
weights of the others are scaled to make 100. The match score, 0-100, is

    score = 100 × Σ weight × share / Σ weight      (rounded half up to a whole number)

over the categories present (0 when the intake asks for nothing). For example: platforms
Facebook, Instagram, TikTok, goals Crisis readiness (crisis-response, policy-legal), a hospital;
a coach with Facebook, Instagram, crisis-response and hospitals scores
100 × (40 × 2/3 + 40 × 1/2 + 20 × 1) / 100 = 66.67 → 67.

Coaches are the active `is_coach` people with a profile (listed or not). Those accepting new
engagements come first, by score (highest first), then free time in the next four weeks
(`free_minutes_by_coach` from `since` to `since` + 28 days; most first), then name; those not
accepting engagements follow, in the same order, with a note saying so."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from fractions import Fraction

from django.utils import timezone

from socialrx.core.errors import NotFound
from socialrx.organizations.models import OrganizationType

from ..models import CoachProfile, Goal, Intake, IntakeStatus
from .coaches import FOUR_WEEKS, describe_profile
from .hours import describe_minutes
from .intakes import with_summary_data
from .slots import free_minutes_by_coach

WEIGHTS = {"platforms": 40, "topics": 40, "organization_type": 20}

# The topics (taxonomy slugs) a goal calls for.
GOAL_TOPICS: dict[str, tuple[str, ...]] = {
    Goal.PATIENT_EDUCATION: ("patient-education", "content-production"),
    Goal.RECRUITMENT: ("recruitment",),
    Goal.REPUTATION: ("reputation",),
    Goal.PHYSICIAN_VISIBILITY: ("physician-presence",),
    Goal.CRISIS_READINESS: ("crisis-response", "policy-legal"),
    Goal.COMMUNITY_OUTREACH: ("strategy", "content-production"),
    Goal.FUNDRAISING: ("strategy",),
    Goal.MEASUREMENT: ("measurement-roi",),
}
# How many assigned assessments the queue shows below those awaiting a coach.
RECENTLY_ASSIGNED = 100


@dataclass(frozen=True)
class Wanted:
    """What an intake asks of a coach: platform codes, topic slugs, an organization type."""

    platforms: frozenset[str] = frozenset()
    topics: frozenset[str] = frozenset()
    organization_type: str = ""


def wanted_by(intake: Intake) -> Wanted:
    platforms = {p.code for p in intake.platforms_in_use.all()}
    platforms |= {p.code for p in intake.platforms_planned.all()}
    topics = {slug for goal in intake.goals for slug in GOAL_TOPICS.get(goal, ())}
    return Wanted(frozenset(platforms), frozenset(topics), intake.organization.org_type)


def match_score(wanted: Wanted, *, platforms, topics, organization_types) -> int:
    """The 0-100 score of the module's docstring for a coach's platform codes, topic slugs
    and organization types."""
    asked = {
        "platforms": (wanted.platforms, set(platforms)),
        "topics": (wanted.topics, set(topics)),
        "organization_type": (
            {wanted.organization_type} if wanted.organization_type else set(),
            set(organization_types),
        ),
    }
    present = {name: pair for name, pair in asked.items() if pair[0]}
    total = sum(WEIGHTS[name] for name in present)
    if not total:
        return 0
    earned = sum(
        Fraction(WEIGHTS[name] * len(want & have), len(want))
        for name, (want, have) in present.items()
    )
    exact = Fraction(100) * earned / total
    return int(exact + Fraction(1, 2))  # half up (Python's round() halves to even)


@dataclass(frozen=True)
class Suggestion:
    profile: CoachProfile
    score: int
    free_minutes: int
    matches: tuple[str, ...] = field(default_factory=tuple)

    @property
    def accepting(self) -> bool:
        return self.profile.accepting_engagements

    @property
    def free_text(self) -> str:
        return f"{describe_minutes(self.free_minutes)} free in the next 4 weeks"

    @property
    def reasons(self) -> str:
        """ "Matches: Facebook, Crisis response, Hospital · 38 h free in the next 4 weeks"."""
        found = f"Matches: {', '.join(self.matches)}" if self.matches else "No expertise in common"
        return f"{found} · {self.free_text}"


def _matches(wanted: Wanted, profile: CoachProfile) -> tuple[str, ...]:
    """The labels of what the coach covers, platforms then topics then the type."""
    platforms = [p.name for p in profile.platforms.all() if p.code in wanted.platforms]
    topics = [t.name for t in profile.topics.all() if t.slug in wanted.topics]
    kind = (
        [OrganizationType(wanted.organization_type).label]
        if wanted.organization_type in profile.organization_types
        and wanted.organization_type in OrganizationType.values
        else []
    )
    return tuple(platforms + topics + kind)


def assignable_coaches() -> list[CoachProfile]:
    """Active coaches with a profile, with their expertise (three queries)."""
    profiles = (
        CoachProfile.objects.filter(user__is_active=True, user__is_coach=True)
        .select_related("user")
        .prefetch_related("platforms", "topics")
        .order_by("user__full_name", "pk")
    )
    return list(profiles)


def suggestions_for(intake: Intake, *, since: datetime | None = None) -> list[Suggestion]:
    """Every assignable coach, ranked as the module's docstring says: six queries (coaches,
    platforms, topics; windows, exceptions, commitments), with the intake's platforms already
    read (`intake_for_staff` prefetches them)."""
    since = since or timezone.now()
    wanted = wanted_by(intake)
    profiles = assignable_coaches()
    free = free_minutes_by_coach(profiles, since=since, until=since + FOUR_WEEKS)
    found = []
    for profile in profiles:
        describe_profile(profile)
        found.append(
            Suggestion(
                profile=profile,
                score=match_score(
                    wanted,
                    platforms=[p.code for p in profile.platforms.all()],
                    topics=[t.slug for t in profile.topics.all()],
                    organization_types=profile.organization_types,
                ),
                free_minutes=free.get(profile.user_id, 0),
                matches=_matches(wanted, profile),
            )
        )
    return sorted(found, key=_rank)


def _rank(suggestion: Suggestion):
    user = suggestion.profile.user
    return (
        not suggestion.accepting,
        -suggestion.score,
        -suggestion.free_minutes,
        (user.full_name or user.email).casefold(),
        suggestion.profile.pk,
    )


# --- staff's queue ------------------------------------------------------------------------


@dataclass(frozen=True)
class IntakeQueue:
    awaiting: list[Intake]  # submitted, no coach yet: oldest first
    assigned: list[Intake]  # a coach assigned: latest assignment first


def staff_intake_queue() -> IntakeQueue:
    """Two queries: the assessments awaiting a coach, then the recently assigned ones."""
    base = Intake.objects.select_related("organization", "assigned_coach")
    awaiting = base.filter(status=IntakeStatus.SUBMITTED).order_by("submitted_at", "pk")
    assigned = base.filter(status=IntakeStatus.ASSIGNED).order_by("-assigned_at", "-pk")
    return IntakeQueue(list(awaiting), list(assigned[:RECENTLY_ASSIGNED]))


def intake_for_staff(public_id) -> Intake:
    """Any needs assessment (staff see every one) with what matching and its summary read:
    three queries (the intake with its people, the two platform lists)."""
    intake = (
        with_summary_data(Intake.objects.filter(public_id=public_id))
        .select_related("assigned_by")
        .first()
    )
    if intake is None:
        raise NotFound("No such needs assessment.")
    return intake
