"""What was recorded after sessions: an engagement's (or one session's) action items and the
notes the viewer may read, ready for the partials `coaching/_action_items.html` and
`coaching/_notes.html`.

A page puts the whole dict in its context (`context.update(records_for(engagement, user))`,
or `session_records(session, user)`) and includes the partials; they also read `engagement`
and `request`. Center-private notes are read only by those holding
`coaching.view_center_notes` (the engagement's coaches, center staff); the organization's
people read the shared ones. Queries are a fixed number, however many items and notes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Q, prefetch_related_objects

from socialrx.core.calendar import center_today
from socialrx.core.markdown import render
from socialrx.core.permissions import allowed

from ..models import ActionItem, CoachingSession, Engagement, NoteVisibility, SessionNote
from .access import as_uuid

# An action item is due between today and this many days from today (the center's calendar).
DUE_WITHIN_DAYS = 365

__all__ = [
    "action_item_owner_choices",
    "action_item_owners",
    "describe_action_items",
    "describe_due",
    "records_for",
    "session_records",
    "ticked_item",
]


def describe_due(due_on: date, *, today: date) -> str:
    """An open item's due date in words, for a person scanning the list."""
    days = (due_on - today).days
    if days < 0:
        return f"Overdue by {-days} day{'s' if days != -1 else ''}"
    if days == 0:
        return "Due today"
    if days == 1:
        return "Due tomorrow"
    return f"Due in {days} days"


def action_item_owner_choices(engagement: Engagement):
    """Who may own an action item, as a query: the organization's people and the engagement's
    coaches, each once, by name."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(seats__organization_id=engagement.organization_id)
            | Q(coaching_engagements=engagement)
        )
        .distinct()
        .order_by("full_name", "email")
    )


def action_item_owners(engagement: Engagement) -> list:
    return list(action_item_owner_choices(engagement))


def describe_action_items(items: list[ActionItem], today: date) -> list[ActionItem]:
    """Each item with `is_done`, `is_overdue` and `due_in_words`, for the partials."""
    for item in items:
        item.is_done = item.done_at is not None
        item.is_overdue = not item.is_done and item.due_on < today
        item.due_in_words = "" if item.is_done else describe_due(item.due_on, today=today)
    return items


def _ordered_items(items: list[ActionItem], today: date) -> list[ActionItem]:
    """Open items first by due date, then done ones, the most recently done first."""
    describe_action_items(items, today)
    still_open = sorted((i for i in items if not i.is_done), key=lambda i: (i.due_on, i.pk))
    done = sorted((i for i in items if i.is_done), key=lambda i: (i.done_at, i.pk), reverse=True)
    return still_open + done


_HEADING = re.compile(r"<(/?)h([2-6])>")


def _under_a_note_title(html: str) -> str:
    """The renderer's headings start at h2; a note sits under its own h3, so they move two
    levels down (h2 becomes h4, anything past h6 stays h6) and the page's outline holds."""
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 2, 6)}>", html)


def _readable_notes(notes, viewer, engagement: Engagement) -> tuple[list[SessionNote], bool]:
    reads_center_notes = allowed(viewer, "coaching.view_center_notes", engagement)
    if not reads_center_notes:
        notes = notes.filter(visibility=NoteVisibility.SHARED)
    found = list(notes.select_related("session", "author").order_by("-created_at", "-pk"))
    for note in found:
        note.html = _under_a_note_title(render(note.body))
        note.is_shared = note.visibility == NoteVisibility.SHARED
    return found, reads_center_notes


def _records(engagement: Engagement, viewer, items, notes) -> dict:
    today = center_today()
    # The rules ask for the coaches three times below: one query, shared with the caller.
    if "coaches" not in getattr(engagement, "_prefetched_objects_cache", {}):
        prefetch_related_objects([engagement], "coaches")
    action_items = _ordered_items(list(items.select_related("owner", "done_by", "session")), today)
    readable, reads_center_notes = _readable_notes(notes, viewer, engagement)
    may_record = allowed(viewer, "coaching.record_session", engagement)
    return {
        "engagement": engagement,
        "action_items": action_items,
        "open_action_items": sum(1 for item in action_items if not item.is_done),
        "notes": readable,
        "may_tick_action_items": allowed(viewer, "coaching.tick_action_item", engagement),
        "may_record": may_record,
        "may_read_center_notes": reads_center_notes,
        "action_item_owners": action_item_owners(engagement) if may_record else [],
        "today": today,
        "latest_due": today + timedelta(days=DUE_WITHIN_DAYS),
    }


def records_for(engagement: Engagement, viewer) -> dict:
    """The engagement's action items and the notes `viewer` may read (see the module's
    docstring for the keys' use). The caller has checked `coaching.view_engagement`."""
    return _records(
        engagement,
        viewer,
        ActionItem.objects.filter(engagement=engagement),
        SessionNote.objects.filter(session__engagement=engagement),
    )


def session_records(session: CoachingSession, viewer) -> dict:
    """Like `records_for`, for one session's notes and action items (the session page)."""
    records = _records(
        session.engagement,
        viewer,
        ActionItem.objects.filter(session=session),
        SessionNote.objects.filter(session=session),
    )
    # Not "session": the including page may have a session of its own in its context.
    records["records_session"] = session
    return records


@dataclass(frozen=True)
class TickedItem:
    """An item just ticked off or reopened, as the page it came from shows it again."""

    item: ActionItem  # with `is_done`, `is_overdue`, `due_in_words`
    session: CoachingSession | None  # the session page it was ticked on, if one
    open_count: int  # the open items that page counts: its session's, else the engagement's


def ticked_item(item: ActionItem, scope_session: str = "") -> TickedItem:
    """`item` read again with its people, and the open count of the page it was ticked on
    (`scope_session`: the public id of that page's session, when it is one of the item's
    engagement's). Three queries at most."""
    item = ActionItem.objects.select_related("owner", "done_by").get(pk=item.pk)
    describe_action_items([item], center_today())
    scope = ActionItem.objects.filter(done_at__isnull=True, engagement_id=item.engagement_id)
    session = None
    scope_session_id = as_uuid(scope_session) if scope_session else None
    if scope_session_id is not None:
        session = CoachingSession.objects.filter(
            public_id=scope_session_id, engagement_id=item.engagement_id
        ).first()
        scope = scope.filter(session=session)
    return TickedItem(item, session, scope.count())
