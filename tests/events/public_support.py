"""Test data of the public pages: a two-day hybrid summit in Chicago time with two tracks, two
rooms, four sessions (two side by side) and three speakers, at fixed dates so that pages can be
checked against times written out by hand.

    Mon, Apr 15, 2030 (CDT, UTC−5)
      9:00–10:00 AM   Keynote "Why physicians should post"   Hall A · Strategy · Okafor
      10:30–11:15 AM  "Crisis communication on X"            Room 2 · Clinical voices · Lee
      10:30–11:15 AM  "TikTok for nurses"                    Hall A · Strategy · Raman
    Tue, Apr 16, 2030
      9:00–10:00 AM   Panel "Measuring what matters"         Hall A · Strategy · Okafor, Lee
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from socialrx.events.models import Event, EventFormat, Room, Session, Speaker, Track
from tests.events.factories import (
    make_event,
    make_room,
    make_session,
    make_speaker,
    make_track,
)

DAY_ONE_9AM = datetime(2030, 4, 15, 14, 0, tzinfo=UTC)  # 9:00 AM CDT
DAY_ONE_1030AM = datetime(2030, 4, 15, 15, 30, tzinfo=UTC)  # 10:30 AM CDT
DAY_TWO_9AM = datetime(2030, 4, 16, 14, 0, tzinfo=UTC)


@dataclass
class Summit:
    event: Event
    strategy: Track
    clinical: Track
    hall: Room
    room_two: Room
    okafor: Speaker
    lee: Speaker
    raman: Speaker
    keynote: Session
    crisis: Session
    tiktok: Session
    panel: Session


def make_summit(*, status: str = "published", format: str = EventFormat.HYBRID, **fields):
    event = make_event(
        title=fields.pop("title", "Social Media in Health Care Summit"),
        format=format,
        status=status,
        starts_at=DAY_ONE_9AM,
        ends_at=datetime(2030, 4, 16, 22, 0, tzinfo=UTC),  # 5:00 PM CDT
        summary="Two days with the people who run social media for hospitals.",
        description="## What to expect\n\nTalks, **panels** and workshops.",
        **fields,
    )
    strategy = make_track(event, "Strategy", position=1)
    clinical = make_track(event, "Clinical voices", position=2)
    hall = make_room(event, "Hall A", position=1)
    room_two = make_room(event, "Room 2", position=2)
    okafor = make_speaker(
        full_name="Dr. Amina Okafor",
        credentials="MD, MPH",
        job_title="Chief Medical Officer",
        organization_name="Riverside Health",
        bio="Amina leads **digital health** at Riverside.",
    )
    lee = make_speaker(full_name="Jordan Lee", job_title="Director of Communications")
    raman = make_speaker(full_name="Priya Raman", job_title="Nurse educator")
    keynote = make_session(
        event,
        title="Why physicians should post",
        kind="keynote",
        starts_at=DAY_ONE_9AM,
        minutes=60,
        room=hall,
        track=strategy,
        speakers=[okafor],
        abstract="Patients look for *their* doctors online.",
    )
    crisis = make_session(
        event,
        title="Crisis communication on X",
        starts_at=DAY_ONE_1030AM,
        room=room_two,
        track=clinical,
        speakers=[lee],
    )
    tiktok = make_session(
        event,
        title="TikTok for nurses",
        starts_at=DAY_ONE_1030AM,
        room=hall,
        track=strategy,
        speakers=[raman],
    )
    panel = make_session(
        event,
        title="Measuring what matters",
        kind="panel",
        starts_at=DAY_TWO_9AM,
        minutes=60,
        room=hall,
        track=strategy,
        speakers=[okafor, lee],
    )
    return Summit(
        event,
        strategy,
        clinical,
        hall,
        room_two,
        okafor,
        lee,
        raman,
        keynote,
        crisis,
        tiktok,
        panel,
    )
