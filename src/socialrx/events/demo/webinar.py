"""The demo's free webinar, about ten days ahead: one hour online, one session, a free ticket;
a few people of the demo organizations registered (a free registration is confirmed at once,
and its ticket emailed)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from socialrx.core.calendar import center_today
from socialrx.taxonomy.models import Platform, Topic
from socialrx.training.demo.dates import days_ago

from ..models import Event, TicketKind
from ..services import event_admin, ticket_types
from .agenda import at_event, build_agenda, speaker_profiles
from .people import People, details_of
from .program import SessionText
from .sales import buy, date_order
from .speakers import SPEAKERS

SLUG = "answering-patient-reviews-safely"
ZONE = "America/Chicago"
TITLE = "Answering patient reviews safely"
DESCRIPTION = """\
Patients review hospitals and physicians on Google, Facebook and Yelp, and many reviews ask for
an answer. In one hour, counsel and a coach show how to reply without confirming that the
reviewer is a patient, when to take the conversation offline, and how to write a reply policy
your team can follow.

Online only: the link comes with your (free) ticket. Times are shown on the center's clock and
on your own.

*This is demo data: the speakers and the session are fictional, written for the SocialRx demo.*
"""
SESSION = SessionText(
    1,
    "12:00",
    60,
    "",
    "",
    "talk",
    TITLE,
    "What HIPAA means for a public reply, five replies to real kinds of review (rewritten), and "
    "the reply policy template. Questions in the last fifteen minutes.",
    ("grace-huang", "marcus-bell"),
)
# (cast name, days ago registered)
REGISTERED = (
    ("hospital_admin", 12),
    ("nurse", 9),
    ("practice_manager", 7),
    ("system_social", 4),
    ("practice_physician", 2),
)


def webinar_day(today: date) -> date:
    """A Wednesday about ten days ahead."""
    day = today + timedelta(days=10)
    return day + timedelta(days=(2 - day.weekday()) % 7)


def seed_webinar(people: People) -> Event:
    existing = Event.objects.filter(slug=SLUG).first()
    if existing is not None:
        return existing
    staff = people["staff"]
    day = webinar_day(center_today())
    starts = at_event(day, "12:00", ZONE)
    event = event_admin.create_event(
        actor=staff,
        data={
            "title": TITLE,
            "slug": SLUG,
            "kind": "webinar",
            "format": "virtual",
            "summary": "A free one-hour webinar: replying to online reviews without breaching "
            "patient privacy.",
            "description": DESCRIPTION,
            "time_zone": ZONE,
            "starts_at": starts,
            "ends_at": starts + timedelta(hours=1),
            "online_url": "https://meet.example.org/socialrx-demo/patient-reviews",
            "capacity": 500,
            "registration_opens_at": days_ago(21, 9),
            "registration_closes_at": starts,
            "rename_until": starts,
            "refund_until": starts,
            "refund_percent": 100,
            "attendance_hours": Decimal("1.0"),
            "ce_hours": Decimal("1.0"),
            "topics": list(Topic.objects.filter(slug__in=("reputation", "hipaa-privacy"))),
            "platforms": list(Platform.objects.filter(code__in=("facebook",))),
        },
    )
    build_agenda(
        staff,
        event,
        first_day=day,
        rooms={},
        tracks={},
        sessions=[SESSION],
        profiles=speaker_profiles(staff, [s for s in SPEAKERS if s.slug in SESSION.speakers]),
    )
    free = ticket_types.create_ticket_type(
        staff,
        event,
        {"name": "Free registration", "kind": TicketKind.GENERAL, "price_cents": 0},
    )
    event = event_admin.set_status(actor=staff, event=event, change="publish")
    for name, days in REGISTERED:
        person = people[name]
        sale = buy(
            person,
            event,
            free,
            [details_of(person)],
            paid="free",
            registered=days_ago(days, 12, 30 + days),
        )
        date_order(sale)
    return event
