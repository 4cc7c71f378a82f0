"""Reads about coaches: the public listing and a coach's public page, what the coaching page
invites a person to do next, and staff's list of every coach with their free hours in the next
four weeks. Each reads in a fixed number of queries, whatever the number of coaches."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.utils import timezone

from socialrx.core.errors import NotFound
from socialrx.core.permissions import allowed, org_roles

from ..models import CoachProfile, Engagement, EngagementStatus
from .hours import describe_minutes
from .slots import free_minutes_by_coach

FOUR_WEEKS = timedelta(days=28)

# The zones most of the center's people live in, as people say them; others are named by
# their place ("London time").
ZONE_WORDS = {
    "America/New_York": "Eastern Time",
    "America/Detroit": "Eastern Time",
    "America/Chicago": "Central Time",
    "America/Denver": "Mountain Time",
    "America/Boise": "Mountain Time",
    "America/Phoenix": "Mountain Time (Arizona, no daylight saving)",
    "America/Los_Angeles": "Pacific Time",
    "America/Anchorage": "Alaska Time",
    "Pacific/Honolulu": "Hawaii Time",
    "UTC": "Coordinated Universal Time (UTC)",
}


def coach_zone(coach) -> str:
    """The clock the coach keeps their hours on: their profile's zone, else their account's
    (one query)."""
    zone = CoachProfile.objects.filter(user_id=coach.pk).values_list("time_zone", flat=True)
    return zone.first() or coach.time_zone


def zone_in_words(name: str) -> str:
    """ "Central Time" for America/Chicago, "London time" for Europe/London."""
    if name in ZONE_WORDS:
        return ZONE_WORDS[name]
    return f"{name.rsplit('/', 1)[-1].replace('_', ' ')} time"


HONORIFICS = {"dr", "mr", "mrs", "ms", "mx", "prof"}


def initials(name: str) -> str:
    """Up to two initials, titles left out: "Dr. Amina Okafor" -> "AO" (shown without a
    photo)."""
    words = [word for word in (name or "").replace(",", " ").split() if word[:1].isalnum()]
    named = [word for word in words if word.rstrip(".").lower() not in HONORIFICS] or words
    if not named:
        return "?"
    return (named[0][0] + (named[-1][0] if len(named) > 1 else "")).upper()


def _with_expertise(profiles):
    return profiles.select_related("user").prefetch_related("platforms", "topics")


def describe_profile(profile: CoachProfile) -> CoachProfile:
    """The profile with what pages show of it: `zone_words` and `initials`."""
    profile.zone_words = zone_in_words(profile.time_zone)
    profile.initials = initials(profile.user.full_name or profile.user.email)
    return profile


def _public():
    return CoachProfile.objects.filter(is_listed=True, user__is_active=True, user__is_coach=True)


def listed_coaches() -> list[CoachProfile]:
    """The coaches shown on the public page, by name, with their expertise (three queries)."""
    profiles = _with_expertise(_public()).order_by("user__full_name", "pk")
    return [describe_profile(profile) for profile in profiles]


def listed_coach(slug: str) -> CoachProfile:
    """A listed, active coach's profile; anyone else's is not found."""
    profile = _with_expertise(_public()).filter(slug=slug).first()
    if profile is None:
        raise NotFound("No such coach.")
    return describe_profile(profile)


@dataclass(frozen=True)
class NextStep:
    """What the coaching page invites the person to do (the first that applies): an org
    admin fills a needs assessment, a person of an engaged organization goes to its
    engagements; also whether they coach or run the back office."""

    signed_in: bool
    admin: bool = False
    engaged: bool = False
    coach: bool = False
    staff: bool = False


def next_step(user) -> NextStep:
    """Two queries at most for a signed-in person (their seats, their organizations'
    engagements), none for a visitor."""
    if not getattr(user, "is_authenticated", False):
        return NextStep(signed_in=False)
    roles = org_roles(user)
    engaged = bool(roles) and (
        Engagement.objects.filter(
            organization_id__in=list(roles),
            status__in=(EngagementStatus.PROPOSED, EngagementStatus.ACTIVE),
        ).exists()
    )
    return NextStep(
        signed_in=True,
        admin="admin" in roles.values(),
        engaged=engaged,
        coach=allowed(user, "coaching.be_coach"),
        staff=allowed(user, "coaching.assign_coach"),
    )


# --- staff --------------------------------------------------------------------------------


@dataclass(frozen=True)
class CoachRow:
    """One coach on staff's list: the person, their profile (None until one is made), their
    open minutes in the next four weeks and their engagements."""

    user: object
    profile: CoachProfile | None
    free_minutes: int | None
    active_engagements: int
    engagements: int

    @property
    def free_text(self) -> str:
        return "—" if self.free_minutes is None else describe_minutes(self.free_minutes)


def staff_coach_rows(*, now: datetime | None = None) -> list[CoachRow]:
    """Every coach, with or without a profile, by name: six queries (people with their
    profiles and engagement counts, platforms, topics, then windows, exceptions and
    commitments for the free time)."""
    now = now or timezone.now()
    users = list(
        get_user_model()
        .objects.filter(is_coach=True)
        .select_related("coach_profile")
        .prefetch_related("coach_profile__platforms", "coach_profile__topics")
        .annotate(
            engagement_count=Count("coaching_engagements", distinct=True),
            active_engagement_count=Count(
                "coaching_engagements",
                filter=Q(coaching_engagements__status=EngagementStatus.ACTIVE),
                distinct=True,
            ),
        )
        .order_by("full_name", "email")
    )
    profiles = [describe_profile(user.coach_profile) for user in users if _profile_of(user)]
    free = free_minutes_by_coach(profiles, since=now, until=now + FOUR_WEEKS)
    return [
        CoachRow(
            user=user,
            profile=_profile_of(user),
            free_minutes=free.get(user.pk),
            active_engagements=user.active_engagement_count,
            engagements=user.engagement_count,
        )
        for user in users
    ]


def _profile_of(user) -> CoachProfile | None:
    try:
        return user.coach_profile
    except CoachProfile.DoesNotExist:
        return None


def staff_coach_profile(public_id) -> CoachProfile:
    profile = _with_expertise(CoachProfile.objects.filter(public_id=public_id)).first()
    if profile is None:
        raise NotFound("No such coach.")
    return describe_profile(profile)


def coaches_without_profile():
    """Active coaches who have no profile yet (staff make one for them)."""
    return (
        get_user_model()
        .objects.filter(is_coach=True, is_active=True, coach_profile__isnull=True)
        .order_by("full_name", "email")
    )
