"""What the coaching browser tests share: the people (an organization's admin and member in New
York, three coaches in Denver and Chicago), helpers of dates and clocks, and two worlds:

- `journey_world`: a member organization with no intake yet, and three coaches whose expertise
  ranks them (hand-worked below) against the intake the journey submits;
- `pages_world`: every main coaching page with something on it: an active engagement 80 %
  used (eight weekly sessions held, the last with a shared note and an action item), one
  session booked ahead, a draft intake, another organization's intake awaiting a coach.

Rows are written with tests/coaching/factories.py and the real services (recording a session
counts its hours through `services.hours`), so the pages read what they would in production.
The live server runs in the test's process and sees these rows."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import timezone

from socialrx.coaching.models import (
    AvailabilityException,
    CoachingSession,
    Intake,
    IntakeStatus,
    NoteVisibility,
)
from socialrx.coaching.services.records import NewActionItem, NewNote, record_session
from socialrx.core.calendar import center_today
from socialrx.schedules.models import Commitment
from socialrx.taxonomy.models import Platform
from tests.coaching.factories import make_coach, make_engagement, make_session, member_org
from tests.factories import give_mfa

from .browser import assert_accessible, assert_fits_the_screen, screenshot

MEMBER_ZONE = "America/New_York"
COACH_ZONE = "America/Denver"  # two hours behind New York all year (both keep US DST)
ORGANIZATION = "Riverside Regional Medical Center"
ENGAGEMENT = "Launching the physician video series"


# Full-page screenshots cost CI seconds on every page: taken with SOCIALRX_SCREENSHOTS=1 (as
# for scripts/screenshots.py), to look at the pages.
SCREENSHOTS = os.environ.get("SOCIALRX_SCREENSHOTS") == "1"


def look(page, name: str, *, shot: bool = SCREENSHOTS) -> None:
    """axe clean, nothing wider than the screen, and (`shot`) a screenshot named after the
    width, in test-artifacts/screenshots/coaching-<name>-<width>.png."""
    width = page.viewport_size["width"]
    assert_accessible(page, context=f"{name}, {width}px wide")
    assert_fits_the_screen(page)
    if shot:
        screenshot(page, f"coaching-{name}-{width}")


def named(person, full_name: str, *, time_zone: str = ""):
    """The person's name (and clock). Emails stay the factory's: they are verified ones."""
    person.full_name = full_name
    person.time_zone = time_zone or person.time_zone
    person.save(update_fields=["full_name", "time_zone"])
    return person


def monday_after(zone_name: str) -> date:
    """Next week's Monday on the clock of `zone_name` (a week not yet begun)."""
    today = timezone.localtime(timezone.now(), ZoneInfo(zone_name)).date()
    return today + timedelta(days=7 - today.weekday())


def at(day: date, hour: int, zone_name: str = COACH_ZONE) -> datetime:
    """`hour`:00 on `day` on the clock of `zone_name` (the coach's by default)."""
    return datetime.combine(day, time(hour), tzinfo=ZoneInfo(zone_name))


def move_into_the_past(session: CoachingSession, *, weeks: int = 2) -> CoachingSession:
    """The booked session (and the coach's commitment of its time) moved `weeks` back, to
    the same weekday, so it can be recorded: a session is recorded once it has started, and
    the browser cannot wait days. Two weeks take next week's sessions into the past whatever
    today is."""
    back = timedelta(weeks=weeks)
    start, end = session.starts_at - back, session.ends_at - back
    assert end < timezone.now(), "only sessions of next week or sooner"
    CoachingSession.objects.filter(pk=session.pk).update(starts_at=start, ends_at=end)
    Commitment.objects.filter(
        source_kind="coaching.session", source_public_id=session.public_id
    ).update(starts_at=start, ends_at=end)
    session.refresh_from_db()
    return session


# --- coaches ------------------------------------------------------------------------------------

# How the journey's intake ranks them (selectors.matching): it asks for 3 platforms (Facebook,
# Instagram, TikTok), 4 topics (crisis readiness: crisis-response, policy-legal; patient
# education: patient-education, content-production) and a hospital.
#   Dana Whitfield: 3/3 platforms, 2/4 topics, hospitals: 40 + 20 + 20 = 80.
#   Lee Park: the same expertise, 80, but only Monday mornings free: less free time, second.
#   Sam Okafor: Facebook, patient education: 40 × 1/3 + 40 × 1/4 = 13.33 + 10 = 23.
DANA_EXPERTISE = {
    "platforms": ("facebook", "instagram", "tiktok"),
    "topics": ("crisis-response", "policy-legal"),
    "organization_types": ("hospital",),
}


def make_coaches() -> dict:
    dana = make_coach(
        full_name="Dana Whitfield",
        time_zone=COACH_ZONE,
        **DANA_EXPERTISE,
    )
    lee = make_coach(
        full_name="Lee Park",
        time_zone="America/Chicago",
        windows=[(0, time(9), time(12))],
        **DANA_EXPERTISE,
    )
    sam = make_coach(
        full_name="Sam Okafor",
        time_zone="America/Chicago",
        platforms=("facebook",),
        topics=("patient-education",),
    )
    headlines = {
        dana: "Crisis readiness for hospitals",
        lee: "Policy and platforms",
        sam: "Patient education on video",
    }
    for profile, headline in headlines.items():
        profile.headline = headline
        profile.save(update_fields=["headline"])
        named(profile.user, profile.user.full_name, time_zone=profile.time_zone)
        give_mfa(profile.user)
    return {"dana": dana, "lee": lee, "sam": sam}


# --- the journey --------------------------------------------------------------------------------


@dataclass
class JourneyWorld:
    organization: object
    admin: object
    member: object
    coaches: dict


def journey_world(*, staff) -> JourneyWorld:
    """A member organization (Medical Center plan: 12 included coaching hours) with its admin
    and a member in New York, no intake yet; three coaches; staff named."""
    organization, admin, member = member_org(ORGANIZATION)
    named(admin, "Karen Lindqvist", time_zone=MEMBER_ZONE)
    named(member, "Maria Lopez", time_zone=MEMBER_ZONE)
    named(staff, "Jordan Bell")
    return JourneyWorld(organization, admin, member, make_coaches())


# --- the pages ----------------------------------------------------------------------------------


def _submitted_intake(organization, admin, *, status=IntakeStatus.SUBMITTED, coach=None):
    now = timezone.now()
    intake = Intake.objects.create(
        organization=organization,
        status=status,
        goals=["crisis_readiness", "patient_education"],
        goals_detail="Two patient videos a month, approved within a week.",
        audience="Patients and families in the county; nurses we want to hire.",
        people_available=2,
        hours_per_week=Decimal("6"),
        approval_process="The communications lead drafts; legal reviews every post.",
        legal_concerns="Patient privacy in comments.",
        policy_status="drafting",
        created_by=admin,
        submitted_by=admin,
        submitted_at=now - timedelta(days=2),
        assigned_coach=coach,
        assigned_at=now - timedelta(days=1) if coach else None,
    )
    intake.platforms_in_use.set(Platform.objects.filter(code__in=("facebook", "instagram")))
    intake.platforms_planned.set(Platform.objects.filter(code="tiktok"))
    return intake


def pages_world(*, staff) -> dict:
    """The people, objects and paths of the layout sweep (see the module's docstring).

    Hours: 10 plan hours, eight 60-minute sessions held: 8 h of 10 h used (80 %: the warning
    banner, "2 h left"); one more booked next week, so 1 h is still free to book."""
    world = journey_world(staff=staff)
    organization, admin, member = world.organization, world.admin, world.member
    dana = world.coaches["dana"]
    coach = dana.user
    _submitted_intake(organization, admin, status=IntakeStatus.ASSIGNED, coach=coach)
    draft = Intake.objects.create(
        organization=organization, created_by=admin, audience="Patients and families."
    )
    lakeside, lakeside_admin, _ = member_org("Lakeside Children's Hospital")
    awaiting = _submitted_intake(lakeside, lakeside_admin)

    engagement = make_engagement(organization, [dana], plan_hours=10, title=ENGAGEMENT)
    this_tuesday = monday_after(COACH_ZONE) - timedelta(days=6)
    held = None
    for weeks_ago in range(8, 0, -1):  # Tuesdays at 10:00 in Denver, the last eight weeks
        held = make_session(
            engagement,
            coach=coach,
            booked_by=member,
            starts_at=at(this_tuesday - timedelta(weeks=weeks_ago), 10),
        )
        if weeks_ago > 1:
            record_session(actor=coach, session=held, outcome="held")
    # The last one with what the session page shows: a shared note and an action item.
    record_session(
        actor=coach,
        session=held,
        outcome="held",
        note=NewNote(
            "We agreed on **two videos a month**:\n\n- a nurse's day\n- flu shots",
            NoteVisibility.SHARED,
        ),
        action_items=[
            NewActionItem(
                "Draft the comment moderation policy", center_today() + timedelta(days=10), member
            )
        ],
    )
    upcoming = make_session(
        engagement,
        coach=coach,
        booked_by=member,
        starts_at=at(monday_after(COACH_ZONE) + timedelta(days=1), 10),
        agenda="Storyboard the first physician video.",
    )
    AvailabilityException.objects.create(
        coach=dana,
        on_date=monday_after(COACH_ZONE) + timedelta(days=3),
        note="Conference in Rochester",
    )
    return {
        "admin": admin,
        "member": member,
        "coach": coach,
        "staff": staff,
        "engagement": engagement,
        "upcoming": upcoming,
        "held": held,
        "pages": {
            "home": (None, reverse("coaching:home")),
            "coach": (None, reverse("coaching:coach", args=[dana.slug])),
            "intake-form": (admin, reverse("coaching:intake_edit", args=[draft.public_id])),
            "engagement": (admin, reverse("coaching:engagement", args=[engagement.public_id])),
            "book": (member, reverse("coaching:book", args=[engagement.public_id])),
            "session": (member, reverse("coaching:session", args=[held.public_id])),
            "cancel": (member, reverse("coaching:cancel", args=[upcoming.public_id])),
            "availability": (coach, reverse("coaching:availability")),
            "staff-home": (staff, reverse("coaching:staff_home")),
            "assign": (staff, reverse("coaching:staff_assign", args=[awaiting.public_id])),
            "utilisation": (staff, reverse("coaching:staff_utilisation")),
        },
    }
