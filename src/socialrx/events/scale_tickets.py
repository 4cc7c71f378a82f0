"""Events' scale data, what people bought and did (see scale.py): each event's ticket types,
orders and attendees, check-ins and certificates of attendance of past conferences, stars on
coming sessions and the waitlists of sold-out Student tickets. The orders of an event are
planned first (the Student quota and the capacity follow from them), then written."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils.text import slugify

from socialrx.core.scale import EMAIL_DOMAIN, ScaleContext, random_uuid
from socialrx.core.scale_names import FIRST_NAMES, LAST_NAMES
from socialrx.training.models import Certificate
from socialrx.training.services.certificates import CODE_ALPHABET

from .models import (
    Attendee,
    CheckIn,
    Order,
    StarredSession,
    TicketKind,
    TicketType,
    WaitlistEntry,
)
from .scale_text import ACCESSIBILITY, DIETARY, JOB_TITLES

ZONES = ("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles")
# name, kind, list price (cents), the share of orders
CONFERENCE_TICKETS = (
    ("Member", TicketKind.MEMBER, 595_00, 0.45),
    ("Non-member", TicketKind.GENERAL, 695_00, 0.25),
    ("Early bird", TicketKind.EARLY_BIRD, 495_00, 0.20),
    ("Student", TicketKind.STUDENT, 150_00, 0.10),
)
EARLY_BIRD_ENDS = timedelta(days=30)  # before the event starts
TEAM_SHARE = 0.25
CANCELLED_SHARE = 0.04
PRESENT_SHARE = 0.8
STARS = 3
DOORS = ("Door A", "Door B", "Door C")
CANCELLED = "Generated for the benchmarks: cancelled."


def at(day: date, clock: str, zone: str) -> datetime:
    """A day and a time ("09:00") on a zone's clock."""
    hours, minutes = (int(part) for part in clock.split(":"))
    return datetime.combine(day, time(hours, minutes), tzinfo=ZoneInfo(zone))


def slug_for(prefix: str, number: int, title: str = "") -> str:
    tail = f"-{slugify(title)[:50].strip('-')}" if title else ""
    return f"{prefix}{number:05d}{tail}"


def secret(rng) -> str:
    """What `ticket_tokens.new_secret` draws (24 bytes, URL-safe), from `rng`."""
    return base64.urlsafe_b64encode(rng.randbytes(24)).rstrip(b"=").decode()


@dataclass
class Planned:
    kind: int  # index in CONFERENCE_TICKETS; -1: the webinar's free ticket
    made_by: int  # a person's id
    organization: int | None
    created: datetime
    cancelled: bool
    # (person id or None, full name, email, job title, organization)
    attendees: list[tuple] = field(default_factory=list)


class TicketWriters:
    def __init__(self, context: ScaleContext, people, organizations):
        self.now, self.people, self.organizations = context.now, people, organizations
        self.guests = 0
        self.types = context.writer(
            TicketType,
            ("public_id", "event", "name", "kind", "description", "price_cents", "quota",
             "sales_end", "position"),
        )  # fmt: skip
        self.orders = context.writer(
            Order,
            ("public_id", "event", "ticket_type", "quantity", "made_by", "organization",
             "status", "hold_expires_at", "created_at", "confirmed_at"),
        )  # fmt: skip
        self.attendees = context.writer(
            Attendee,
            (
                "public_id", "event", "order", "ticket_type", "full_name", "email", "email_key",
                "job_title", "organization_name", "dietary_needs", "accessibility_needs",
                "person", "status", "ticket_secret", "created_at", "confirmed_at",
                "ticket_sent_at", "cancelled_at", "cancel_reason",
            ),
        )  # fmt: skip
        self.check_ins = context.writer(
            CheckIn, ("attendee", "event", "checked_in_at", "door", "method")
        )
        self.stars = context.writer(StarredSession, ("person", "session", "starred_at"))
        self.waitlist = context.writer(
            WaitlistEntry, ("public_id", "event", "ticket_type", "person", "status", "joined_at")
        )
        self.certificates = context.writer(
            Certificate,
            ("public_id", "code", "kind", "person", "recipient_name", "title",
             "source_public_id", "hours", "ce_hours", "completed_on", "issued_at"),
        )  # fmt: skip

    # --- planning ------------------------------------------------------------------------------

    def plan_orders(self, rng, event, count: int, opens: datetime, closes: datetime) -> list:
        """Orders adding up to `count` attendees, each person at most once in the event."""
        self.used: set[int] = set()
        last = min(closes, self.now - timedelta(hours=1))
        early_end = event.starts_at - EARLY_BIRD_ENDS
        planned, left = [], count
        while left > 0:
            kind = -1 if event.webinar else self._kind(rng)
            team = not event.webinar and kind < 2 and rng.random() < TEAM_SHARE
            size = 1 if event.webinar else (rng.randint(2, 6) if team else rng.choice((1, 1, 2, 3)))
            size = min(size, left)
            until = min(last, early_end) if kind == 2 else last
            created = opens + (until - opens) * rng.random()
            cancelled = rng.random() < CANCELLED_SHARE
            if team:
                organization = rng.choice(self.organizations)
                order = Planned(kind, organization.admin_id, organization.id, created, cancelled)
                order.attendees = [self._guest(rng, organization.name) for _ in range(size)]
            else:
                buyer = self._person(rng)
                order = Planned(kind, self.people.ids[buyer], None, created, cancelled)
                order.attendees = [self._attendee(rng, buyer)]
                order.attendees += [self._guest(rng, "") for _ in range(size - 1)]
            planned.append(order)
            left -= size
        return planned

    def _kind(self, rng) -> int:
        draw, total = rng.random(), 0.0
        for index, (*_, share) in enumerate(CONFERENCE_TICKETS):
            total += share
            if draw < total:
                return index
        return len(CONFERENCE_TICKETS) - 1

    def _person(self, rng) -> int:
        while True:
            index = rng.randrange(len(self.people))
            if index not in self.used:
                self.used.add(index)
                return index

    def _attendee(self, rng, index: int) -> tuple:
        return (
            self.people.ids[index], self.people.names[index], self.people.emails[index],
            rng.choice(JOB_TITLES), "",
        )  # fmt: skip

    def _guest(self, rng, organization: str) -> tuple:
        self.guests += 1
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        email = f"guest.{self.guests}@{EMAIL_DOMAIN}"
        return (None, name, email, rng.choice(JOB_TITLES), organization[:160])

    @staticmethod
    def _holding(orders, kind=None) -> int:
        return sum(
            len(order.attendees)
            for order in orders
            if not order.cancelled and (kind is None or order.kind == kind)
        )

    def capacity(self, rng, event, orders) -> int:
        """Room for everyone holding a place: a webinar 1,000 or more, a conference a few
        places more."""
        taken = self._holding(orders)
        if event.webinar:
            return max(1_000, taken)
        return taken + rng.randint(5, 60)

    # --- writing -------------------------------------------------------------------------------

    def write(self, rng, event, orders: list, sessions: list[int], waiting: int) -> None:
        types = self._types(rng, event, orders)
        present = []
        for order in orders:
            ticket_type = types[order.kind]
            confirmed = order.created + timedelta(minutes=rng.randint(2, 90))
            order_id = self.orders.add(
                random_uuid(rng), event.id, ticket_type, len(order.attendees), order.made_by,
                order.organization, "cancelled" if order.cancelled else "confirmed",
                order.created + timedelta(minutes=30), order.created, confirmed,
            )  # fmt: skip
            for person, name, email, title, organization in order.attendees:
                cancelled_at = confirmed + timedelta(days=rng.randint(1, 20))
                cancelled_at = min(cancelled_at, self.now) if order.cancelled else None
                attendee_id = self.attendees.add(
                    random_uuid(rng), event.id, order_id, ticket_type, name, email,
                    email.lower(), title, organization, rng.choice(DIETARY),
                    rng.choice(ACCESSIBILITY), person,
                    "cancelled" if order.cancelled else "confirmed", secret(rng), order.created,
                    confirmed, confirmed + timedelta(minutes=1), cancelled_at,
                    CANCELLED if order.cancelled else "",
                )  # fmt: skip
                if not order.cancelled:
                    present.append((attendee_id, person, name, order.created))
        if event.past and not event.webinar:
            self._took_place(rng, event, present)
        elif not event.past:
            self._agendas(rng, sessions, present)
            if not event.webinar:
                self._waiting(rng, event, types[3], waiting)

    def _types(self, rng, event, orders) -> dict[int, int]:
        if event.webinar:
            return {-1: self.types.add(random_uuid(rng), event.id, "Free registration",
                                       TicketKind.GENERAL, "", 0, None, None, 0)}  # fmt: skip
        students = self._holding(orders, 3)
        sold_out = not event.past
        made = {}
        for position, (name, kind, cents, _) in enumerate(CONFERENCE_TICKETS):
            quota = None
            if kind == TicketKind.STUDENT:
                quota = max(students, 1) if sold_out else students + rng.randint(1, 10)
            ends = event.starts_at - EARLY_BIRD_ENDS if kind == TicketKind.EARLY_BIRD else None
            made[position] = self.types.add(
                random_uuid(rng), event.id, name, kind, "", cents, quota, ends, position
            )
        return made

    def _took_place(self, rng, event, present: list) -> None:
        """Four in five at the door on the first morning; a certificate for each who has an
        account (the rule of `services.certificates`)."""
        doors_open = at(event.first, "07:30", event.zone)
        completed = event.ends_at.astimezone(ZoneInfo(event.zone)).date()
        for attendee_id, person, name, _ in present:
            if rng.random() >= PRESENT_SHARE:
                continue
            arrived = doors_open + timedelta(seconds=rng.randrange(2 * 3600))
            self.check_ins.add(
                attendee_id, event.id, arrived, rng.choice(DOORS),
                "search" if rng.random() < 0.15 else "scan",
            )  # fmt: skip
            if person is not None:
                code = "SRX-" + "-".join(
                    "".join(rng.choice(CODE_ALPHABET) for _ in range(4)) for _ in range(3)
                )
                self.certificates.add(
                    random_uuid(rng), code, "event", person, name, event.title,
                    event.public_id, event.hours, event.ce_hours, completed,
                    event.ends_at + timedelta(days=1),
                )  # fmt: skip

    def _agendas(self, rng, sessions: list[int], present: list) -> None:
        """Each attendee with an account stars a few of the coming event's sessions."""
        for _, person, _, created in present:
            if person is None:
                continue
            for session in rng.sample(sessions, min(STARS, len(sessions))):
                self.stars.add(person, session, min(created + timedelta(days=1), self.now))

    def _waiting(self, rng, event, student_type: int, count: int) -> None:
        for _ in range(count):
            person = self.people.ids[self._person(rng)]
            joined = self.now - timedelta(hours=rng.randint(1, 240))
            self.waitlist.add(random_uuid(rng), event.id, student_type, person, "waiting", joined)

    def counts(self) -> dict[str, int]:
        return {
            "ticket types": self.types.count,
            "orders": self.orders.count,
            "attendees": self.attendees.count,
            "check-ins": self.check_ins.count,
            "certificates": self.certificates.count,
            "starred sessions": self.stars.count,
            "waitlist entries": self.waitlist.count,
        }
