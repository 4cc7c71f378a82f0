"""After a session: the coach (or staff) records it as held or missed, with a note and action
items; later notes and action items; the organization ticks items off.

Rules:
- A session is recorded once, only while booked and only once it has started. Held and missed
  both use its hours (`hours.record_use`): the coach's time was kept either way, so nothing is
  released in the coach's calendar.
- A note is Markdown of at most 10,000 characters, private to the center unless shared with
  the organization. Notes are added to a recorded session.
- An action item's owner is someone of the organization or one of the engagement's coaches
  (or nobody yet: the organization's admins are then reminded); it is due between today and a
  year from today (the center's calendar).
- A shared note or new action items email the organization's admins and the person who booked
  the session, while that person may still read it (see `recipients`): someone who left the
  organization is no longer written to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from socialrx.core import audit
from socialrx.core.calendar import center_today
from socialrx.core.email import queue_templated_email
from socialrx.core.errors import Conflict, DomainError
from socialrx.core.markdown import render
from socialrx.core.permissions import require

from ..links import absolute_page
from ..models import (
    ActionItem,
    CoachingSession,
    Engagement,
    NoteVisibility,
    SessionNote,
    SessionStatus,
    UseReason,
)
from ..recipients import org_admin_emails, still_readers
from ..selectors.records import DUE_WITHIN_DAYS, action_item_owners
from . import hours

NOTE_MAX_CHARS = 10_000
RECORDED = (SessionStatus.HELD, SessionStatus.NO_SHOW)
USE_REASONS = {SessionStatus.HELD: UseReason.HELD, SessionStatus.NO_SHOW: UseReason.NO_SHOW}


@dataclass(frozen=True)
class NewNote:
    body: str
    visibility: str = NoteVisibility.CENTER


@dataclass(frozen=True)
class NewActionItem:
    title: str
    due_on: date
    owner: object | None = None  # a User


def due_date_problem(due_on: date, *, today: date | None = None) -> str | None:
    """Why `due_on` cannot be an action item's due date, if it cannot."""
    today = today or center_today()
    if due_on < today:
        return "The due date is in the past: choose today or a later day."
    if due_on > today + timedelta(days=DUE_WITHIN_DAYS):
        return "Choose a due date within a year from today."
    return None


def note_problem(body: str) -> str | None:
    if not body.strip():
        return "Write the note."
    if len(body) > NOTE_MAX_CHARS:
        return f"Keep the note to {NOTE_MAX_CHARS:,} characters (it has {len(body):,})."
    return None


def _session_refusal(session: CoachingSession, now) -> DomainError | None:
    if session.status in RECORDED:
        return Conflict(
            f"This session was already recorded ({session.get_status_display().lower()}).",
            field="outcome",
            code="recorded",
        )
    if session.status != SessionStatus.BOOKED:
        return Conflict(
            f"This session was {session.get_status_display().lower()}: there is nothing to record.",
            field="outcome",
            code="cancelled",
        )
    if session.starts_at > now:
        return DomainError(
            "This session has not started yet: record it once it has started.",
            field="outcome",
            code="not_started",
        )
    return None


def record_session(
    *,
    actor,
    session: CoachingSession,
    outcome: str,
    note: NewNote | None = None,
    action_items: tuple[NewActionItem, ...] | list[NewActionItem] = (),
) -> CoachingSession:
    """Record a started, booked session as held or missed (no-show: its hour counts), with an
    optional note and action items, all or nothing."""
    require(actor, "coaching.record_session", session)
    if outcome not in RECORDED:
        raise DomainError("Say whether the session was held or missed.", field="outcome")
    with transaction.atomic():
        # The engagement first, as booking and cancelling lock it: one order, no deadlock.
        engagement = hours.lock_engagement(session.engagement)
        session = (
            CoachingSession.objects.select_for_update(of=("self",))
            .select_related("booked_by")
            .get(pk=session.pk)
        )
        session.engagement = engagement
        now = timezone.now()
        refusal = _session_refusal(session, now)
        if refusal is not None:
            raise refusal
        session.status = outcome
        session.recorded_at = now
        session.save(update_fields=["status", "recorded_at", "updated_at"])
        hours.record_use(session, reason=USE_REASONS[outcome], actor=actor)
        audit.record(
            actor=actor,
            action="coaching.session.recorded",
            target=session,
            before={"status": SessionStatus.BOOKED},
            after={"status": outcome, "recorded_at": now.isoformat()},
        )
        new_note = _create_note(actor, session, note) if note is not None else None
        items = [_create_action_item(actor, engagement, draft, session) for draft in action_items]
        _tell_the_organization(actor, session, new_note, items)
    return session


def add_note(*, actor, session: CoachingSession, note: NewNote) -> SessionNote:
    """A further note on a session already recorded."""
    require(actor, "coaching.record_session", session)
    with transaction.atomic():
        session = (
            CoachingSession.objects.select_for_update(of=("self",))
            .select_related("engagement__organization", "booked_by")
            .get(pk=session.pk)
        )
        if session.status not in RECORDED:
            raise Conflict(
                "Notes are added once the session is recorded as held or missed.",
                field="body",
                code="not_recorded",
            )
        created = _create_note(actor, session, note)
        _tell_the_organization(actor, session, created, [])
    return created


def add_action_item(
    *, actor, engagement: Engagement, draft: NewActionItem, session: CoachingSession | None = None
) -> ActionItem:
    """A further action item on the engagement (of one of its sessions, if given)."""
    require(actor, "coaching.record_session", engagement)
    if session is not None and session.engagement_id != engagement.pk:
        raise DomainError("That session is not one of this engagement's.", field="session")
    with transaction.atomic():
        return _create_action_item(actor, engagement, draft, session)


def set_action_item_done(*, actor, item: ActionItem, done: bool | None = None) -> ActionItem:
    """Tick an item off (`done=True`), reopen it (`False`), or toggle it (`None`). Asking for
    the state it already has changes nothing (a second click from a stale page is harmless)."""
    require(actor, "coaching.tick_action_item", item)
    with transaction.atomic():
        item = (
            ActionItem.objects.select_for_update(of=("self",))
            .select_related("engagement__organization")
            .get(pk=item.pk)
        )
        was_done = item.done_at is not None
        wanted = (not was_done) if done is None else done
        if wanted == was_done:
            return item
        if wanted:
            item.done_at, item.done_by = timezone.now(), actor
        else:
            item.done_at, item.done_by = None, None
        item.save(update_fields=["done_at", "done_by"])
        audit.record(
            actor=actor,
            action="coaching.action_item.done" if wanted else "coaching.action_item.reopened",
            target=item,
            before={"done": was_done},
            after={"done": wanted},
        )
    return item


# --- the pieces, inside the caller's transaction ------------------------------------------------


def _create_note(actor, session: CoachingSession, note: NewNote) -> SessionNote:
    problem = note_problem(note.body)
    if problem:
        raise DomainError(problem, field="body")
    if note.visibility not in NoteVisibility.values:
        raise DomainError("Choose who reads the note.", field="visibility")
    created = SessionNote.objects.create(
        session=session, author=actor, body=note.body, visibility=note.visibility
    )
    audit.record(
        actor=actor,
        action="coaching.note.added",
        target=created,
        after={"session": session.public_id, "visibility": note.visibility},
    )
    return created


def _create_action_item(
    actor, engagement: Engagement, draft: NewActionItem, session: CoachingSession | None
) -> ActionItem:
    title = draft.title.strip()
    if not title:
        raise DomainError("Say what needs doing.", field="title")
    problem = due_date_problem(draft.due_on)
    if problem:
        raise DomainError(problem, field="due_on")
    if draft.owner is not None and draft.owner.pk not in {
        person.pk for person in action_item_owners(engagement)
    }:
        raise DomainError(
            f"Choose someone of {engagement.organization} or the coach.", field="owner"
        )
    item = ActionItem.objects.create(
        engagement=engagement,
        session=session,
        title=title[:200],
        owner=draft.owner,
        due_on=draft.due_on,
        created_by=actor,
    )
    audit.record(
        actor=actor,
        action="coaching.action_item.added",
        target=item,
        after={
            "title": item.title,
            "owner": getattr(draft.owner, "email", None),
            "due_on": draft.due_on,
        },
    )
    return item


def _tell_the_organization(actor, session, note: SessionNote | None, items: list) -> None:
    shared = note if note is not None and note.visibility == NoteVisibility.SHARED else None
    if shared is None and not items:
        return
    engagement = session.engagement
    queue_templated_email(
        to=_organization_readers(session),
        template="coaching/email/notes_shared",
        context={
            "engagement": engagement,
            "organization": engagement.organization,
            "session": session,
            "session_day": timezone.localtime(
                session.starts_at, timezone.get_default_timezone()
            ).date(),
            "note": shared,
            "note_html": render(shared.body) if shared else "",
            "action_items": items,
            "author": actor,
            "session_url": absolute_page("coaching:session", session.public_id),
            "engagement_url": absolute_page("coaching:engagement", engagement.public_id),
            "site_url": settings.SITE_URL,
        },
        triggered_by=actor,
    )


def _organization_readers(session: CoachingSession) -> list[str]:
    """The organization's admins and the person who booked the session, while they may still
    read it (three queries at most)."""
    engagement = session.engagement
    emails = set(org_admin_emails(engagement.organization))
    booker = session.booked_by
    if (booker.pk, engagement.pk) in still_readers([(booker, engagement)]):
        emails.add(booker.email)
    return sorted(emails)
