"""The demo's coming conference: SocialRx Summit 2027, two days at the center (and streamed)
about five weeks from today, with the programme of `program.py`, member pricing, registrations
from the demo organizations and a sold-out Student ticket with its waitlist.

The story, in the order it happens (each step through the services the pages use):
registration opened a month ago; Riverside's admin registered three people at the member price
(its Medical Center plan: 20 % off) and paid by card; Lakeside bought a group ticket for five,
paid by check; Lakeside's physician registered on his own, paid by ACH; a nurse educator at
Riverside registered eight nursing students and a Prairie University student eleven classmates
and herself, which sold the Student ticket out; two more students joined its waitlist; North
Star registered three on the early-bird price, its invoice still open; today one nursing
student could not come, and the freed place was offered to the first student waiting."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from socialrx.core.calendar import center_today
from socialrx.taxonomy.models import Platform, Topic
from socialrx.training.demo.dates import days_ago

from ..models import Attendee, Event, TicketKind, TicketType, WaitlistEntry
from ..services import event_admin, ticket_types, waitlist
from ..services.cancellation import cancel_attendee
from . import people as P
from .agenda import at_event, build_agenda, speaker_profiles
from .people import People, details_of, guests
from .program import ROOMS, SESSIONS, TRACKS
from .sales import ACH, CARD, CHECK, OPEN, buy, date_order
from .speakers import SPEAKERS

SLUG = "socialrx-summit-2027"
ZONE = "America/Chicago"
VENUE = "SocialRx Center"
ADDRESS = "310 Broadway Avenue South, Rochester, MN 55904"
DESCRIPTION = """\
Two days for the people who run hospitals' and physicians' social media: communication teams,
clinicians, counsel and IT. Three tracks run side by side after each morning's keynote:

- **Strategy and leadership**: from one page to a program, policy, security, recruitment.
- **Clinicians and patients**: answering patients safely, nurses' and pharmacists' own work,
  misinformation, patient education in Spanish.
- **Measurement and research**: what the registry and public data say, and what to measure.

Breakfast and lunch are served both days. The keynotes and the Main Hall are streamed for
people who join online; the link comes with your ticket.

*This is demo data: the speakers, their organizations and the sessions are fictional, written
for the SocialRx demo.*
"""
TOPICS = ("strategy", "policy-legal", "physician-presence", "measurement-roi", "patient-education")
PLATFORMS = ("facebook", "instagram", "linkedin", "x", "youtube")
# name, kind, list price in cents, quota, group size, description
TICKETS = (
    (
        "Member",
        TicketKind.MEMBER,
        650_00,
        None,
        1,
        "For people of member organizations: your plan's conference discount applies.",
    ),
    ("Non-member", TicketKind.GENERAL, 650_00, None, 1, "Both days, breakfast and lunch."),
    ("Early bird", TicketKind.EARLY_BIRD, 495_00, None, 1, "Until a week from today."),
    ("Student", TicketKind.STUDENT, 150_00, 20, 1, "Bring your student card to the door."),
    ("Group of 5", TicketKind.GROUP, 2_600_00, 20, 5, "Five people of one organization."),
)
EARLY_BIRD_DAYS = 7


def first_day(today: date) -> date:
    """A Thursday about five weeks from today."""
    day = today + timedelta(days=35)
    return day + timedelta(days=(3 - day.weekday()) % 7)


def seed_summit(people: People) -> Event:
    existing = Event.objects.filter(slug=SLUG).first()
    if existing is not None:
        return existing
    staff = people["staff"]
    day = first_day(center_today())
    event = _create(staff, day)
    profiles = speaker_profiles(staff, SPEAKERS)
    build_agenda(
        staff,
        event,
        first_day=day,
        rooms=ROOMS,
        tracks=TRACKS,
        sessions=SESSIONS,
        profiles=profiles,
    )
    types = _ticket_types(staff, event)
    event = event_admin.set_status(actor=staff, event=event, change="publish")
    _register(people, event, types)
    return event


def _create(staff, day: date) -> Event:
    starts = at_event(day, "08:00", ZONE)
    return event_admin.create_event(
        actor=staff,
        data={
            "title": "SocialRx Summit 2027",
            "slug": SLUG,
            "kind": "conference",
            "format": "hybrid",
            "summary": "Two days on hospital and physician social media: strategy, clinicians "
            "and patients, measurement. In Rochester and streamed.",
            "description": DESCRIPTION,
            "time_zone": ZONE,
            "starts_at": starts,
            "ends_at": at_event(day + timedelta(days=1), "14:00", ZONE),
            "venue_name": VENUE,
            "venue_address": ADDRESS,
            "online_url": "https://stream.example.org/socialrx-demo/summit-2027",
            "capacity": 250,
            "registration_opens_at": days_ago(30, 9),
            "registration_closes_at": starts - timedelta(days=1),
            "rename_until": starts - timedelta(days=2),
            "refund_until": starts - timedelta(days=14),
            "refund_percent": 100,
            "attendance_hours": Decimal("10.5"),
            "ce_hours": Decimal("9.0"),
            "topics": list(Topic.objects.filter(slug__in=TOPICS)),
            "platforms": list(Platform.objects.filter(code__in=PLATFORMS)),
        },
    )


def _ticket_types(staff, event: Event) -> dict[str, TicketType]:
    early_end = at_event(center_today() + timedelta(days=EARLY_BIRD_DAYS), "23:59", ZONE)
    made = {}
    for position, (name, kind, cents, quota, size, description) in enumerate(TICKETS):
        made[name] = ticket_types.create_ticket_type(
            staff,
            event,
            {
                "name": name,
                "kind": kind,
                "description": description,
                "price_cents": cents,
                "group_size": size,
                "quota": quota,
                "sales_end": early_end if kind == TicketKind.EARLY_BIRD else None,
                "position": position,
            },
        )
    return made


def _register(people: People, event: Event, types: dict[str, TicketType]) -> None:
    c = people.cast
    staff = c.staff
    riverside = c.hospital.name
    sale = buy(
        c.hospital_admin,
        event,
        types["Member"],
        [
            details_of(c.hospital_admin, riverside),
            details_of(c.physician, riverside, dietary_needs="Vegetarian"),
            details_of(c.nurse, riverside),
        ],
        organization=c.hospital,
        paid=CARD,
        registered=days_ago(24, 10, 12),
    )
    date_order(sale)
    lakeside = c.practice.name
    sale = buy(
        c.practice_admin,
        event,
        types["Group of 5"],
        [
            details_of(c.practice_admin, lakeside),
            details_of(c.practice_manager, lakeside),
            *guests(P.LAKESIDE_2027, domain=P.LAKESIDE_DOMAIN, organization=lakeside),
        ],
        organization=c.practice,
        paid=CHECK,
        registered=days_ago(20, 15, 40),
        paid_on=days_ago(12).date(),
        staff=staff,
    )
    date_order(sale)
    sale = buy(
        c.practice_physician,
        event,
        types["Non-member"],
        [details_of(c.practice_physician, lakeside)],
        paid=ACH,
        registered=days_ago(16, 21, 5),
        paid_on=days_ago(9).date(),
        staff=staff,
    )
    date_order(sale)
    nursing = buy(
        c.nurse,
        event,
        types["Student"],
        guests(
            P.NURSING_STUDENTS_2027,
            domain=P.NURSING_DOMAIN,
            organization="Rochester School of Nursing",
        ),
        paid=ACH,
        registered=days_ago(14, 11, 30),
        paid_on=days_ago(6).date(),
        staff=staff,
    )
    date_order(nursing)
    sale = buy(
        people.maya,
        event,
        types["Student"],
        [
            details_of(people.maya, P.UNIVERSITY),
            *guests(P.STUDENTS_2027, domain=P.STUDENT_DOMAIN, organization=P.UNIVERSITY),
        ],
        paid=CARD,
        registered=days_ago(10, 19, 20),
    )
    date_order(sale)
    for name, joined in (("luis", days_ago(5, 8, 45)), ("hannah", days_ago(3, 22, 10))):
        entry = waitlist.join_waitlist(people[name], types["Student"])
        WaitlistEntry.objects.filter(pk=entry.pk).update(joined_at=joined)
    north_star = c.health_system.name
    sale = buy(
        c.system_admin,
        event,
        types["Early bird"],
        [
            details_of(c.system_admin, north_star),
            details_of(c.system_social, north_star, accessibility_needs="Live captions"),
            *guests(P.NORTH_STAR_2027, domain=P.NORTH_STAR_DOMAIN, organization=north_star),
        ],
        organization=c.health_system,
        paid=OPEN,
        registered=days_ago(4, 13, 25),
        po_number="NSH-PO-55190",
    )
    date_order(sale)
    student = Attendee.objects.get(order=nursing.order, full_name="Hope Anderson")
    cancel_attendee(
        c.nurse, student, reason="Clinical placement moved to that week; she will come next year."
    )
    # Once this transaction commits the waitlist is told of the freed place; offered now, so
    # the demo shows it however it is run (the offer is made once).
    waitlist.offer_freed_places(event, types["Student"])
