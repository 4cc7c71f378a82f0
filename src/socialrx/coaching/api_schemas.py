"""What the coaching API reads and answers with. Every moment is ISO 8601 in UTC
("2030-03-05T15:00:00Z"); a moment sent without an offset is read as UTC."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

from django.urls import reverse
from ninja import Field, Schema
from pydantic import field_validator

from .models import CoachingSession


def in_utc(moment: datetime) -> datetime:
    """`moment` in UTC; a naive one is taken to be UTC already."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


class SessionLinksOut(Schema):
    page: str = Field(description="The session's page.")
    invitation: str = Field(description="The session's calendar file (.ics).")
    engagement: str = Field(description="The engagement's page.")


class CoachingSessionOut(Schema):
    """A coaching session."""

    id: UUID = Field(description="The session's public id.")
    engagement_id: UUID
    engagement_title: str
    organization: str = Field(description="The organization's name.")
    organization_id: UUID
    coach_id: UUID = Field(description="The coach's public id.")
    coach_name: str
    starts_at: datetime = Field(description="UTC.")
    ends_at: datetime = Field(description="UTC.")
    minutes: int
    status: str = Field(
        description="`booked`, `held`, `cancelled`, `late_cancelled` (the hour counted) or "
        "`no_show`."
    )
    agenda: str
    meeting_url: str = Field(description="Where the session meets (the platform hosts no video).")
    links: SessionLinksOut


def session_item(session: CoachingSession) -> dict:
    """A session read with its engagement, organization and coach."""
    engagement, coach = session.engagement, session.coach
    return {
        "id": session.public_id,
        "engagement_id": engagement.public_id,
        "engagement_title": engagement.title,
        "organization": engagement.organization.name,
        "organization_id": engagement.organization.public_id,
        "coach_id": coach.public_id,
        "coach_name": coach.full_name or coach.email,
        "starts_at": in_utc(session.starts_at),
        "ends_at": in_utc(session.ends_at),
        "minutes": session.minutes,
        "status": session.status,
        "agenda": session.agenda,
        "meeting_url": session.meeting_url,
        "links": {
            "page": reverse("coaching:session", args=[session.public_id]),
            "invitation": reverse("coaching:session_ics", args=[session.public_id]),
            "engagement": reverse("coaching:engagement", args=[engagement.public_id]),
        },
    }


class SlotOut(Schema):
    """A time one of the engagement's coaches can be booked."""

    coach_id: UUID = Field(description="The coach's public id (send it back to book).")
    coach_name: str
    starts_at: datetime = Field(description="UTC.")
    ends_at: datetime = Field(description="UTC.")
    minutes: int


def slot_item(slot) -> dict:
    return {
        "coach_id": slot.coach.public_id,
        "coach_name": slot.coach.full_name or slot.coach.email,
        "starts_at": in_utc(slot.starts_at),
        "ends_at": in_utc(slot.ends_at),
        "minutes": slot.span.minutes,
    }


# PostgreSQL stores no NUL character in text: the document says so, and such input is invalid
# (422) rather than a server error.
NO_NUL = {"pattern": r"^[^\x00]*$"}


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain a NUL character")
    return value


class BookingIn(Schema):
    coach_id: UUID = Field(description="One of the engagement's coaches (a slot's `coach_id`).")
    starts_at: datetime = Field(
        description="A slot's start, as `slots` lists it; UTC when no offset is given."
    )
    minutes: int = Field(60, description="30 or 60.")
    agenda: str = Field(
        description="What you would like to work on (required; up to 2,000 characters).",
        json_schema_extra=NO_NUL,
    )
    meeting_url: str = Field(
        "",
        description="An https:// link; empty: the engagement's (or the coach's) link.",
        json_schema_extra=NO_NUL,
    )

    @field_validator("agenda", "meeting_url")
    @classmethod
    def _without_nul(cls, value: str) -> str:
        return _no_nul(value)


class RescheduleIn(Schema):
    starts_at: datetime = Field(
        description="The new start: one of the coach's slots; UTC when no offset is given."
    )
    minutes: int | None = Field(None, description="30 or 60; unchanged when left out.")


class CancelIn(Schema):
    reason: str = Field(
        "",
        description="Why (up to 300 characters); required when the coach or staff cancel.",
        json_schema_extra=NO_NUL,
    )

    @field_validator("reason")
    @classmethod
    def _without_nul(cls, value: str) -> str:
        return _no_nul(value)
