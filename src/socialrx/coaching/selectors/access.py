"""One access helper per object: the engagement, session or action item a person may read,
or NotFound, the same answer for "missing" and "not yours" so ids cannot be probed. Pages, the
API and the records' views all ask these; a further permission (booking, recording) is the
caller's to require on what they return.

Each reads its object with what every caller needs (the organization, the coaches in the order
pages show them), so asking the permission costs no further query."""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth import get_user_model
from django.db.models import Prefetch

from socialrx.core.errors import NotFound
from socialrx.core.permissions import allowed

from ..models import ActionItem, CoachingSession, Engagement

READ = "coaching.view_engagement"


def as_uuid(value) -> UUID | None:
    """`value` as a UUID, or None when it is not one (a form's or query's text)."""
    try:
        return value if isinstance(value, UUID) else UUID(str(value))
    except ValueError:
        return None


def _coaches(path: str = "coaches") -> Prefetch:
    people = get_user_model().objects.select_related("coach_profile").order_by("full_name", "pk")
    return Prefetch(path, queryset=people)


def engagement_for(viewer, public_id: UUID | str, perm: str = READ) -> Engagement:
    """The engagement if `viewer` holds `perm` on it (reading it, by default); else NotFound.
    Two queries: the engagement with its organization, its coaches with their profiles."""
    public_id = as_uuid(public_id)
    engagement = (
        Engagement.objects.select_related("organization")
        .prefetch_related(_coaches())
        .filter(public_id=public_id)
        .first()
        if public_id
        else None
    )
    if engagement is None or not allowed(viewer, perm, engagement):
        raise NotFound("No such engagement.")
    return engagement


def session_for(viewer, public_id: UUID | str) -> CoachingSession:
    """The session if `viewer` may read its engagement; else NotFound. Two queries: the
    session with its engagement, organization and people, the engagement's coaches."""
    public_id = as_uuid(public_id)
    session = (
        CoachingSession.objects.select_related(
            "engagement__organization", "coach", "booked_by", "cancelled_by"
        )
        .prefetch_related(_coaches("engagement__coaches"))
        .filter(public_id=public_id)
        .first()
        if public_id
        else None
    )
    if session is None or not allowed(viewer, READ, session):
        raise NotFound("No such session.")
    return session


def action_item_for(viewer, public_id: UUID | str) -> ActionItem:
    """The action item if `viewer` may read its engagement; else NotFound."""
    public_id = as_uuid(public_id)
    item = (
        ActionItem.objects.select_related("engagement__organization", "owner", "done_by")
        .prefetch_related(_coaches("engagement__coaches"))
        .filter(public_id=public_id)
        .first()
        if public_id
        else None
    )
    if item is None or not allowed(viewer, READ, item.engagement):
        raise NotFound("No such action item.")
    return item


def session_of_engagement(engagement: Engagement, public_id) -> CoachingSession | None:
    """The engagement's session a form names (nothing named: None); NotFound when it names
    a session that is not the engagement's."""
    if not public_id:
        return None
    found = as_uuid(public_id)
    session = (
        CoachingSession.objects.filter(public_id=found, engagement=engagement).first()
        if found
        else None
    )
    if session is None:
        raise NotFound("No such session.")
    return session
