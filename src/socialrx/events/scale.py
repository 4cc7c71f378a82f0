"""Scale data of events, for `socialrx seed-scale` (see `socialrx.core.scale`): conferences and
webinars with their agendas, ticket types, orders and attendees, check-ins and certificates of
attendance for the events that took place, the stars of people's agendas and waitlists.

Events follow one another five days apart, two thirds of them over, the others to come; every
fifth is a free one-hour webinar (one session, one free ticket), the others two-day
conferences in four rooms and three tracks, sessions on a grid of 45-minute slots: a room or a
speaker is never in two places at once, as the database requires. The size's attendees are
shared out unevenly between the events. A conference sells Member, Non-member, Early-bird
(bought before its end) and Student tickets: a person registers themselves and up to two
guests, or (a quarter of Member and Non-member orders) an organization's admin registers a
team of two to six; one order in 25 was cancelled. Every coming conference's Student ticket
is sold out with people waiting. Four in five attendees of a past conference checked in, and
those with an account hold a certificate of attendance. Orders have no invoice (as if paid
elsewhere), so billing's rows are only membership's.

Generated rows are marked: event and speaker addresses (slugs) start with "scale-", and every
attendee's email is at `core.scale.EMAIL_DOMAIN`.

Reads: "scale_people", "scale_organizations"."""

from __future__ import annotations

import math
from datetime import timedelta

from socialrx.core.scale import (
    EMAIL_DOMAIN,
    ScaleContext,
    ScaleData,
    ScaleReport,
    delete_all,
)
from socialrx.training.models import Certificate, CertificateKind

from .models import (
    AgendaFeed,
    Attendee,
    CheckIn,
    Event,
    Order,
    Room,
    Session,
    SessionSpeaker,
    Speaker,
    StarredSession,
    TicketType,
    Track,
    WaitlistEntry,
)
from .scale_writers import Writers

EVENTS = {"S": 6, "M": 40, "L": 200}
SESSIONS = {"S": 12, "M": 24, "L": 40}
ATTENDEES = {"S": 600, "M": 20_000, "L": 100_000}
SPEAKERS = {"S": 24, "M": 120, "L": 400}
WAITING = {"S": 3, "M": 10, "L": 30}
PREFIX = "scale-"
SPACING = timedelta(days=5)
WEBINAR_EVERY = 5


def seed(context: ScaleContext) -> ScaleReport:
    rng = context.random("events")
    people = context.get("scale_people")
    organizations = context.get("scale_organizations")
    writers = Writers(context, people, organizations)
    speakers = [writers.speaker(rng, number) for number in range(SPEAKERS[context.size])]
    count = EVENTS[context.size]
    past = round(count * 2 / 3)
    shares = attendee_counts(rng, count, ATTENDEES[context.size])
    for number in range(count):
        first = context.today + timedelta(days=3) + (number - past) * SPACING
        writers.event(
            rng,
            number,
            first,
            shares[number],
            speakers,
            sessions=SESSIONS[context.size],
            waiting=WAITING[context.size],
            webinar=number % WEBINAR_EVERY == WEBINAR_EVERY - 1,
        )
    return ScaleReport(writers.counts())


def attendee_counts(rng, events: int, total: int) -> list[int]:
    """`total` shared out between `events`, unevenly (from a third to 1.7 times an even
    share), adding up exactly."""
    weights = [rng.uniform(0.3, 1.7) for _ in range(events)]
    scale = total / sum(weights)
    counts = [math.floor(weight * scale) for weight in weights]
    for index in range(total - sum(counts)):
        counts[index % events] += 1
    return counts


def _foreign() -> dict[str, int]:
    return {
        "events": Event.objects.exclude(slug__startswith=PREFIX).count(),
        "speakers": Speaker.objects.exclude(slug__startswith=PREFIX).count(),
        "attendees": Attendee.objects.exclude(email_key__endswith=f"@{EMAIL_DOMAIN}").count(),
    }


def _loaded() -> dict[str, int]:
    return {
        "events": Event.objects.filter(slug__startswith=PREFIX).count(),
        "speakers": Speaker.objects.filter(slug__startswith=PREFIX).count(),
    }


def clear() -> None:
    """Every events row (foreign_rows said they are all generated), children first, and the
    certificates of attendance events issued."""
    Certificate.objects.filter(kind=CertificateKind.EVENT).delete()
    delete_all(
        StarredSession, AgendaFeed, WaitlistEntry, CheckIn, Attendee, Order, TicketType,
        SessionSpeaker, Session, Room, Track, Event.topics.through, Event.platforms.through,
        Event, Speaker,
    )  # fmt: skip


SCALE = ScaleData(seed=seed, foreign_rows=_foreign, loaded_rows=_loaded, clear=clear)
