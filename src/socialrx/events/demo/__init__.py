"""Demo data of events, run by `socialrx seed-demo` after training (demo_order 60).
Idempotent: each event is made only when its address (slug) is free, and the stars and the
calendar feed only when missing, so a second run creates nothing.

- SocialRx Summit 2027 (`summit.py`): a two-day hybrid conference about five weeks ahead,
  three tracks, three rooms, the 23 sessions and 17 speakers of `program.py` (fictional, as
  its page says), five ticket types with member pricing, registrations from the demo
  organizations paid by card, check and ACH or still invoiced, and a sold-out Student ticket
  with a waitlist (a place offered to the first person waiting, one still waiting).
- SocialRx Summit 2026 (`past.py`): a one-day conference two months ago, 40 attendees, 30 of
  them checked in, certificates of attendance, recordings and slides linked from its sessions.
- "Answering patient reviews safely" (`webinar.py`): a free webinar ten days ahead.
- My agenda: Riverside's chief medical officer starred sessions of the summit and subscribed
  to his agenda feed; Riverside's admin (the member the benchmarks sign in as) starred a few.

Reads: "center_staff", "coach", the demo organizations, their admins and "demo_physician"
(through training's cast). Puts: "demo_event" (SocialRx Summit 2027)."""

from __future__ import annotations

from django.db import transaction

from socialrx.accounts.models import User
from socialrx.core.demo import DemoContext, DemoReport, Tally
from socialrx.training.models import Certificate

from ..models import (
    AgendaFeed,
    Attendee,
    CheckIn,
    Event,
    Order,
    Session,
    Speaker,
    StarredSession,
    TicketType,
    WaitlistEntry,
)
from ..services import my_agenda
from .past import seed_past_summit
from .people import People, people_of
from .report import report_lines
from .summit import seed_summit
from .webinar import seed_webinar

__all__ = ["seed", "seed_events_demo"]

# Sessions of the summit each person stars (by title), when they have starred none there.
STARS = {
    "physician": (
        "It is not all risk with no benefit",
        "Answering patients online without giving medical advice",
        "When a post about a patient goes viral",
        "Physicians online: visibility with safety",
        "Replying to misinformation without amplifying it",
    ),
    "hospital_admin": (
        "From one page to a program",
        "Getting to yes with legal and IT",
        "Securing shared accounts",
    ),
}
FEED_FOR = "physician"


def seed(context: DemoContext) -> DemoReport:
    tally = Tally(
        people=User,
        events=Event,
        sessions=Session,
        speakers=Speaker,
        **{
            "ticket types": TicketType,
            "event orders": Order,
            "attendees": Attendee,
            "check-ins": CheckIn,
            "event waitlist entries": WaitlistEntry,
            "starred sessions": StarredSession,
            "agenda feeds": AgendaFeed,
            "certificates of attendance": Certificate.objects.filter(kind="event"),
        },
    )
    summit, past, webinar = seed_events_demo(context)
    context.put("demo_event", summit)
    return DemoReport(title="Events", lines=report_lines(summit, past, webinar), made=tally.made())


@transaction.atomic
def seed_events_demo(context: DemoContext) -> tuple[Event, Event, Event]:
    people = people_of(context)
    summit = seed_summit(people)
    past = seed_past_summit(people)
    webinar = seed_webinar(people)
    _my_agenda(people, summit)
    return summit, past, webinar


def _my_agenda(people: People, summit: Event) -> None:
    """Stars on the summit's sessions, and the feed of the first person's agenda."""
    for name, titles in STARS.items():
        person = people[name]
        if StarredSession.objects.filter(person=person, session__event=summit).exists():
            continue
        for session in Session.objects.filter(event=summit, title__in=titles):
            my_agenda.star(person, session)
    person = people[FEED_FOR]
    if not AgendaFeed.objects.filter(person=person, revoked_at__isnull=True).exists():
        my_agenda.issue_feed(person)
