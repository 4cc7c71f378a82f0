"""Last year's conference: SocialRx Summit 2026, one day at the center about two months ago,
with 40 attendees from the demo organizations and a university, 30 of them checked in at the
door, certificates of attendance for those with an account, and recordings and slides linked
from its sessions.

The services take registrations only while registration is open, so the event is set up (and
registered for) a year later, then moved back to its real day with its agenda; its attendees
are checked in, its sessions' links added and its certificates issued after that, through the
services, and each row dated on the day the story has it happen."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db.models import F
from django.utils import timezone

from socialrx.core.calendar import center_today
from socialrx.taxonomy.models import Platform, Topic
from socialrx.training.models import Certificate, CertificateKind

from ..models import Attendee, CheckIn, Event, Session, SessionSpeaker, TicketKind, TicketType
from ..services import agenda, event_admin, ticket_types
from ..services.certificates import issue_attendance_certificates
from ..services.check_in import check_in
from . import people as P
from .agenda import at_event, build_agenda, session_data, speaker_profiles
from .past_program import MEDIA, RECORDED, ROOMS, SESSIONS, TRACKS, WITH_SLIDES
from .people import People, details_of, guests
from .sales import ACH, CARD, CHECK, buy, date_order
from .speakers import SPEAKERS

SLUG = "socialrx-summit-2026"
ZONE = "America/Chicago"
# Set up this much later, then moved back (a whole number of weeks: the same weekday).
LATER = timedelta(days=364)
DESCRIPTION = """\
One day on hospital and physician social media: policy, crisis drills, physicians on LinkedIn
and patient-education video. Recordings and slides of several sessions are linked from the
agenda.

*This is demo data: the speakers, their organizations and the sessions are fictional, written
for the SocialRx demo, and so are the addresses of the recordings and slides.*
"""
TICKETS = (
    ("Member", TicketKind.MEMBER, 595_00, None),
    ("Non-member", TicketKind.GENERAL, 595_00, None),
    ("Student", TicketKind.STUDENT, 125_00, 30),
)
# Registered, but not at the door.
ABSENT = {
    "Olivia Hart",
    "Brian Walsh",
    "Derek Lund",
    "Jamal Carter",
    "Megan O'Brien",
    "Olga Petrova",
    "Tara Nguyen",
    "Zach Moore",
    "Diego Santos",
    "Henry Adams",
}
DOORS = ("Door A", "Door B")


def real_day(today: date) -> date:
    """The Thursday about two months ago."""
    day = today - timedelta(days=63)
    return day + timedelta(days=(3 - day.weekday()) % 7)


def seed_past_summit(people: People) -> Event:
    existing = Event.objects.filter(slug=SLUG).first()
    if existing is not None:
        return existing
    staff = people["staff"]
    day = real_day(center_today())
    event = _create(staff, day + LATER)
    profiles = speaker_profiles(staff, SPEAKERS)
    build_agenda(
        staff,
        event,
        first_day=day + LATER,
        rooms=ROOMS,
        tracks=TRACKS,
        sessions=SESSIONS,
        profiles=profiles,
    )
    types = {
        name: ticket_types.create_ticket_type(
            staff,
            event,
            {"name": name, "kind": kind, "price_cents": cents, "quota": quota, "position": n},
        )
        for n, (name, kind, cents, quota) in enumerate(TICKETS)
    }
    event = event_admin.set_status(actor=staff, event=event, change="publish")
    sales = _register(people, event, types, day)
    event = _move_back(event, day)
    for sale in sales:
        date_order(sale)
    _check_in(staff, event, day)
    _link_media(staff, event)
    issue_attendance_certificates(actor=staff, event=event)
    Certificate.objects.filter(kind=CertificateKind.EVENT, source_public_id=event.public_id).update(
        issued_at=at_event(day + timedelta(days=1), "11:00", ZONE)
    )
    return event


def _create(staff, day: date) -> Event:
    starts = at_event(day, "08:00", ZONE)
    return event_admin.create_event(
        actor=staff,
        data={
            "title": "SocialRx Summit 2026",
            "slug": SLUG,
            "kind": "conference",
            "format": "in_person",
            "summary": "One day on hospital and physician social media at the center.",
            "description": DESCRIPTION,
            "time_zone": ZONE,
            "starts_at": starts,
            "ends_at": at_event(day, "15:00", ZONE),
            "venue_name": "SocialRx Center",
            "venue_address": "310 Broadway Avenue South, Rochester, MN 55904",
            "capacity": 120,
            "registration_opens_at": timezone.now() - timedelta(hours=1),
            "registration_closes_at": starts - timedelta(days=1),
            "rename_until": starts - timedelta(days=2),
            "refund_until": starts - timedelta(days=14),
            "refund_percent": 100,
            "attendance_hours": Decimal("6.0"),
            "ce_hours": Decimal("5.0"),
            "topics": list(Topic.objects.filter(slug__in=("strategy", "crisis-response"))),
            "platforms": list(Platform.objects.filter(code__in=("facebook", "linkedin"))),
        },
    )


def _when(day: date, days_before: int, minutes: int, days_to_pay: int) -> dict:
    """Registered `days_before` the event's `day`, paid `days_to_pay` later."""
    registered = at_event(day - timedelta(days=days_before), "10:00", ZONE)
    registered += timedelta(minutes=minutes)
    return {"registered": registered, "paid_on": registered.date() + timedelta(days=days_to_pay)}


def _register(people: People, event: Event, types: dict[str, TicketType], day: date) -> list:
    """40 attendees in four orders, made weeks before the event's real `day`."""
    c = people.cast
    riverside, north_star = c.hospital.name, c.health_system.name
    lakeside = c.practice.name
    team = [
        details_of(c.hospital_admin, riverside),
        details_of(c.physician, riverside),
        details_of(c.nurse, riverside),
        *guests(P.RIVERSIDE_2026, domain=P.RIVERSIDE_DOMAIN, organization=riverside),
    ]
    member = buy(
        c.hospital_admin,
        event,
        types["Member"],
        team,
        organization=c.hospital,
        paid=ACH,
        staff=c.staff,
        **_when(day, 48, 12, 9),
    )
    team = [
        details_of(c.system_admin, north_star),
        details_of(c.system_social, north_star),
        *guests(P.NORTH_STAR_2026, domain=P.NORTH_STAR_DOMAIN, organization=north_star),
    ]
    system = buy(
        c.system_admin,
        event,
        types["Non-member"],
        team,
        organization=c.health_system,
        paid=CHECK,
        staff=c.staff,
        po_number="NSH-PO-48810",
        **_when(day, 41, 95, 16),
    )
    team = [
        details_of(c.practice_admin, lakeside),
        details_of(c.practice_physician, lakeside),
        details_of(c.practice_manager, lakeside),
        *guests(P.LAKESIDE_2026, domain=P.LAKESIDE_DOMAIN, organization=lakeside),
    ]
    practice = buy(
        c.practice_admin,
        event,
        types["Non-member"],
        team,
        organization=c.practice,
        paid=CARD,
        **_when(day, 33, 250, 0),
    )
    classmates = [
        details_of(people.maya, P.UNIVERSITY),
        *guests(P.STUDENTS_2026, domain=P.STUDENT_DOMAIN, organization=P.UNIVERSITY),
    ]
    students = buy(
        people.maya, event, types["Student"], classmates, paid=CARD, **_when(day, 26, 560, 0)
    )
    return [member, system, practice, students]


def _move_back(event: Event, day: date) -> Event:
    """The event, its sessions and its speakers' copies of their times on their real days;
    registration as it ran then."""
    starts = at_event(day, "08:00", ZONE)
    Event.objects.filter(pk=event.pk).update(
        starts_at=F("starts_at") - LATER,
        ends_at=F("ends_at") - LATER,
        registration_opens_at=starts - timedelta(days=75),
        registration_closes_at=starts - timedelta(days=1),
        rename_until=starts - timedelta(days=2),
        refund_until=starts - timedelta(days=14),
        created_at=starts - timedelta(days=80),
    )
    Session.objects.filter(event=event).update(
        starts_at=F("starts_at") - LATER, ends_at=F("ends_at") - LATER
    )
    SessionSpeaker.objects.filter(session__event=event).update(
        starts_at=F("starts_at") - LATER, ends_at=F("ends_at") - LATER
    )
    event.refresh_from_db()
    return event


def _check_in(staff, event: Event, day: date) -> None:
    """Everyone but the absent, at the door from 07:35, two doors; a few found by name."""
    attendees = (
        Attendee.objects.filter(event=event)
        .exclude(full_name__in=ABSENT)
        .select_related("ticket_type")
        .order_by("created_at", "pk")
    )
    opened = at_event(day, "07:35", ZONE)
    for number, attendee in enumerate(attendees):
        result = check_in(
            staff,
            event,
            attendee,
            door=DOORS[number % 2],
            method="search" if number % 6 == 5 else "scan",
        )
        CheckIn.objects.filter(pk=result.record.pk).update(
            checked_in_at=opened + timedelta(minutes=2 * number, seconds=17 * number % 60)
        )


def _link_media(staff, event: Event) -> None:
    for session in Session.objects.filter(event=event).select_related("room", "track"):
        recorded, slides = session.title in RECORDED, session.title in WITH_SLIDES
        if not (recorded or slides):
            continue
        data = session_data(session)
        data["recording_url"] = f"{MEDIA}/recordings/{session.slug}" if recorded else ""
        data["slides_url"] = f"{MEDIA}/slides/{session.slug}.pdf" if slides else ""
        agenda.update_session(actor=staff, session=session, data=data)
