"""Demo data of coaching, run by `socialrx seed-demo` after events (demo_order 70).
Idempotent: coaches, profiles, intakes and engagements are made only when missing (an
engagement with its whole story), so a second run creates nothing.

- Three coaches with different expertise and time zones (`coaches.py`): Marcus Bell in
  Chicago, Teresa Alvarado in Denver, Daniel Osei in New York, each with weekly windows on
  their own clock and date exceptions; Teresa and Daniel sign in with a TOTP secret like the
  center's other people.
- Needs assessments (`intakes.py`): Riverside's assigned to Marcus, North Star's waiting in
  staff's queue, Lakeside's a draft.
- Two active engagements of Riverside (`stories.py`, written by `engagements.py`): past
  sessions held (and one cancelled late) with their hours counted plan first, then a paid
  package; shared and center notes; action items done, open and overdue; sessions booked in
  the coming days; one engagement at 80 % of its hours. Every session sits in its coach's
  windows, clear of the coach's boot camps and on-site days (`times.py`), and the windows
  keep free slots in the coming weeks.

Reads: "center_staff", "coach", the demo organizations, their admins and "demo_physician"
(through training's cast). Puts: "demo_engagement" (Riverside's crisis-readiness
engagement)."""

from __future__ import annotations

from django.db import transaction

from socialrx.accounts.models import User
from socialrx.billing.models import Invoice
from socialrx.core.demo import DemoContext, DemoReport, Tally
from socialrx.membership.models import IncludedHoursUse
from socialrx.schedules.models import Commitment
from socialrx.training.demo.people import cast_of

from ..models import (
    ActionItem,
    AvailabilityException,
    AvailabilityWindow,
    CoachingSession,
    CoachProfile,
    Engagement,
    HourPackage,
    HoursUse,
    Intake,
    SessionNote,
)
from ..services.hours import SOURCE_KIND
from .coaches import COACHES, seed_coaches
from .engagements import seed_engagement
from .intakes import seed_intakes
from .report import report_lines
from .stories import STORIES

__all__ = ["seed", "seed_coaching_demo"]


def seed(context: DemoContext) -> DemoReport:
    tally = Tally(
        people=User,
        **{
            "coach profiles": CoachProfile,
            "availability windows": AvailabilityWindow,
            "availability exceptions": AvailabilityException,
            "needs assessments": Intake,
            "engagements": Engagement,
            "hour packages": HourPackage,
            "invoices": Invoice,
            "coaching sessions": CoachingSession,
            "hours uses": HoursUse,
            "included hours uses": IncludedHoursUse,
            "session notes": SessionNote,
            "action items": ActionItem,
            "coach commitments": Commitment.objects.filter(source_kind=SOURCE_KIND),
        },
    )
    profiles, intakes, engagements = seed_coaching_demo(context)
    context.put("demo_engagement", engagements[0])
    return DemoReport(
        title="Coaching",
        lines=report_lines(profiles, intakes, engagements),
        made=tally.made(),
    )


@transaction.atomic
def seed_coaching_demo(context: DemoContext):
    cast = cast_of(context)
    by_name = seed_coaches(context, cast.staff)
    intakes = seed_intakes(cast, by_name["coach"].user)
    engagements = [seed_engagement(story, cast, by_name, intakes["hospital"]) for story in STORIES]
    profiles = [by_name[coach.name] for coach in COACHES]
    return profiles, list(intakes.values()), engagements
