"""The bulk writers of events' scale data (see scale.py): speakers, events and their agendas
here; ticket types, orders, attendees and what follows them in `scale_tickets`."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from socialrx.core.scale import ScaleContext, random_uuid
from socialrx.core.scale_names import FIRST_NAMES, LAST_NAMES
from socialrx.taxonomy.models import Platform, Topic

from .models import Event, Room, Session, SessionSpeaker, Speaker, Track
from .scale_text import (
    CONFERENCE_KINDS,
    CONFERENCE_THEMES,
    ROOMS,
    SESSION_KINDS,
    SESSION_TOPICS,
    SPEAKER_ORGANIZATIONS,
    SPEAKER_TITLES,
    TRACKS,
    WEBINAR_TOPICS,
)
from .scale_tickets import ZONES, TicketWriters, at, slug_for

MEDIA = "https://media.example.org/scale"
SESSION_MINUTES = 45


@dataclass(frozen=True)
class ScaleEvent:
    id: int
    public_id: object
    title: str
    first: date
    zone: str
    starts_at: object
    ends_at: object
    webinar: bool
    past: bool
    hours: Decimal
    ce_hours: Decimal


class Writers:
    def __init__(self, context: ScaleContext, people, organizations):
        self.now = context.now
        self.topics = list(Topic.objects.order_by("pk").values_list("pk", flat=True))
        self.platforms = list(Platform.objects.order_by("pk").values_list("pk", flat=True))
        self.speakers = context.writer(
            Speaker,
            ("public_id", "slug", "full_name", "credentials", "job_title", "organization_name",
             "bio"),
        )  # fmt: skip
        self.events = context.writer(
            Event,
            (
                "public_id", "slug", "title", "kind", "format", "status", "summary",
                "description", "time_zone", "starts_at", "ends_at", "venue_name",
                "venue_address", "online_url", "capacity", "registration_opens_at",
                "registration_closes_at", "rename_until", "refund_until", "refund_percent",
                "attendance_hours", "ce_hours",
            ),
        )  # fmt: skip
        self.event_topics = context.writer(Event.topics.through, ("event", "topic"))
        self.event_platforms = context.writer(Event.platforms.through, ("event", "platform"))
        self.tracks = context.writer(Track, ("event", "name", "description", "position"))
        self.rooms = context.writer(Room, ("event", "name", "seats", "position"))
        self.sessions = context.writer(
            Session,
            (
                "public_id", "event", "slug", "title", "kind", "abstract", "track", "room",
                "starts_at", "ends_at", "recording_url", "slides_url",
            ),
        )  # fmt: skip
        self.slots = context.writer(
            SessionSpeaker, ("session", "speaker", "position", "starts_at", "ends_at")
        )
        self.tickets = TicketWriters(context, people, organizations)

    def speaker(self, rng, number: int) -> int:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        title, credentials = rng.choice(SPEAKER_TITLES)
        organization = rng.choice(SPEAKER_ORGANIZATIONS)
        return self.speakers.add(
            random_uuid(rng), slug_for("scale-speaker-", number + 1, name), name,
            credentials, title, organization,
            f"{name} works at {organization}. Generated for the benchmarks.",
        )  # fmt: skip

    def event(self, rng, number, first, attendees, speakers, *, sessions, waiting, webinar) -> None:
        zone = rng.choice(ZONES)
        if webinar:
            title = f"{rng.choice(WEBINAR_TOPICS)} ({number + 1})"
            starts, ends = at(first, "12:00", zone), at(first, "13:00", zone)
            closes = starts
        else:
            title = f"{rng.choice(CONFERENCE_THEMES)} {rng.choice(CONFERENCE_KINDS)} {number + 1}"
            starts = at(first, "08:00", zone)
            ends = at(first + timedelta(days=1), "18:00", zone)
            closes = starts - timedelta(days=1)
        opens = min(starts - timedelta(days=120), self.now - timedelta(days=14))
        hours = Decimal("1.0") if webinar else Decimal("12.0")
        event = ScaleEvent(
            0, random_uuid(rng), title, first, zone, starts, ends, webinar, ends < self.now,
            hours, hours if webinar else Decimal("10.0"),
        )  # fmt: skip
        orders = self.tickets.plan_orders(rng, event, attendees, opens, closes)
        capacity = self.tickets.capacity(rng, event, orders)
        shape = "virtual" if webinar else rng.choice(("in_person", "hybrid"))
        event_id = self.events.add(
            event.public_id, slug_for("scale-event-", number + 1, title), title,
            "webinar" if webinar else "conference", shape, "published",
            f"{title}: generated for the benchmarks.", "Generated for the benchmarks.", zone,
            starts, ends, "" if webinar else "Convention Center",
            "" if webinar else f"{100 + number} Main Street",
            "" if shape == "in_person" else f"https://meet.example.org/scale/{number + 1}",
            capacity, opens, closes,
            starts - timedelta(days=2), starts - timedelta(days=14), 100, hours, event.ce_hours,
        )  # fmt: skip
        event = replace(event, id=event_id)
        for topic in rng.sample(self.topics, 2):
            self.event_topics.add(event_id, topic)
        for platform in rng.sample(self.platforms, 2):
            self.event_platforms.add(event_id, platform)
        session_ids = (
            [self._webinar_session(rng, event, speakers)]
            if webinar
            else self._agenda(rng, event, sessions, speakers)
        )
        self.tickets.write(rng, event, orders, session_ids, waiting)

    def _webinar_session(self, rng, event: ScaleEvent, speakers) -> int:
        session_id = self.sessions.add(
            random_uuid(rng), event.id, "s01", event.title, "talk",
            "Generated for the benchmarks.", None, None, event.starts_at, event.ends_at, "", "",
        )  # fmt: skip
        for position, speaker in enumerate(rng.sample(speakers, rng.choice((1, 2)))):
            self.slots.add(session_id, speaker, position, event.starts_at, event.ends_at)
        return session_id

    def _agenda(self, rng, event: ScaleEvent, count: int, speakers) -> list[int]:
        """`count` sessions over two days, one room each per 45-minute slot from 09:00 (a slot
        an hour); a slot's speakers are all different people."""
        tracks = [
            self.tracks.add(event.id, name, "", position) for position, name in enumerate(TRACKS)
        ]
        rooms = [
            self.rooms.add(event.id, name, rng.choice((60, 120, 300)), position)
            for position, name in enumerate(ROOMS)
        ]
        per_day = math.ceil(count / 2)
        made, pool, pool_key = [], [], None
        for number in range(count):
            day, within = divmod(number, per_day)
            slot, room = divmod(within, len(ROOMS))
            if (day, slot) != pool_key:
                pool, pool_key = rng.sample(speakers, 2 * len(ROOMS)), (day, slot)
            starts = at(event.first + timedelta(days=day), "09:00", event.zone)
            starts += timedelta(hours=slot)
            ends = starts + timedelta(minutes=SESSION_MINUTES)
            title = rng.choice(SESSION_TOPICS)
            recorded = event.past and rng.random() < 0.5
            slug = slug_for("s", number + 1, title)
            session_id = self.sessions.add(
                random_uuid(rng), event.id, slug, title, rng.choice(SESSION_KINDS),
                "Generated for the benchmarks.", tracks[room % len(tracks)], rooms[room],
                starts, ends, f"{MEDIA}/{event.public_id}/{slug}" if recorded else "",
                f"{MEDIA}/{event.public_id}/{slug}.pdf" if recorded else "",
            )  # fmt: skip
            chosen = pool[2 * room : 2 * room + rng.choice((1, 1, 2))]
            for position, speaker in enumerate(chosen):
                self.slots.add(session_id, speaker, position, starts, ends)
            made.append(session_id)
        return made

    def counts(self) -> dict[str, int]:
        return {
            "events": self.events.count,
            "sessions": self.sessions.count,
            "speakers": self.speakers.count,
            **self.tickets.counts(),
        }
