"""A person's own agenda: starring sessions of published events, and the private calendar feed
of the starred sessions that Google Calendar and Outlook subscribe to.

The feed's address carries a secret token (`AgendaFeed.token`). Issuing a new link revokes
the old one: the database keeps at most one live feed per person (`events_one_live_feed`),
and the feed answers "not found" for a revoked or an unknown token alike, with a reason a
person can read. Fetches of the feed are limited per client address (a calendar program
polls every few hours; a script guessing tokens is stopped)."""

from __future__ import annotations

import re
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from socialrx.core import audit
from socialrx.core.errors import Conflict, DomainError, NotFound
from socialrx.core.permissions import require
from socialrx.core.ratelimit import count_hit

from ..calendars import sessions_calendar
from ..models import AgendaFeed, EventStatus, Session, StarredSession
from ..selectors.my_agenda import starred_sessions

# Fetches of agenda feeds per client address and minute; a setting of the same name
# (EVENTS_AGENDA_FEED_FETCHES_PER_MINUTE) overrides it.
FETCHES_PER_MINUTE = 30
# The feed records when it was last fetched at most this often (one write an hour, not one a
# poll).
FETCH_NOTE_EVERY = timedelta(hours=1)
# What `secrets.token_urlsafe` draws, and nothing longer than the column.
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{20,64}")

NO_SUCH_FEED = "No calendar feed has this address. Check the link, or copy it again from My agenda."
FEED_REVOKED = (
    "This calendar link was replaced by a newer one. Copy the current link from My agenda "
    "and subscribe to it instead."
)
NO_SUCH_SESSION = "Session not found."


class FeedRevoked(NotFound):
    def __init__(self):
        super().__init__(FEED_REVOKED)
        self.code = "revoked"


class TooManyFetches(DomainError):
    status_code = 429

    def __init__(self):
        super().__init__(
            "Too many calendar feed requests from your address. Wait a minute, then try again.",
            code="rate_limited",
        )


# --- stars ----------------------------------------------------------------------------------


def _starrable(session: Session) -> None:
    """Only sessions of published events are starred (a draft's or a cancelled event's reads
    as missing)."""
    if session is None or session.event.status != EventStatus.PUBLISHED:
        raise NotFound(NO_SUCH_SESSION)


def star(actor, session: Session) -> bool:
    """Add `session` to the actor's agenda; starring it twice keeps one star. True."""
    require(actor, "events.keep_agenda")
    _starrable(session)
    try:
        with transaction.atomic():
            StarredSession.objects.get_or_create(person=actor, session=session)
    except IntegrityError:  # the same person starring in two tabs at once: one star stays
        pass
    return True


def unstar(actor, session: Session) -> bool:
    """Take `session` out of the actor's agenda (nothing to do if it was not there). False."""
    require(actor, "events.keep_agenda")
    _starrable(session)
    StarredSession.objects.filter(person=actor, session=session).delete()
    return False


def set_starred(actor, session: Session, starred: bool | None = None) -> bool:
    """Star (True) or unstar (False) `session`, or toggle it (None). The state it is now in.
    Asking for a state is what a form sends: a double submit does not undo itself."""
    if starred is None:
        require(actor, "events.keep_agenda")
        starred = not StarredSession.objects.filter(person=actor, session=session).exists()
    return star(actor, session) if starred else unstar(actor, session)


# --- the feed ---------------------------------------------------------------------------------


def new_token() -> str:
    """43 URL-safe characters (256 bits) drawn by `secrets`."""
    return secrets.token_urlsafe(32)


def issue_feed(actor, *, ip_address: str | None = None) -> AgendaFeed:
    """A new private feed for the actor, revoking any live one (its link stops working)."""
    require(actor, "events.keep_agenda")
    now = timezone.now()
    try:
        with transaction.atomic():
            # The person's row, locked: two "new link" clicks at once issue one after the other.
            get_user_model().objects.select_for_update().filter(pk=actor.pk).first()
            revoked = AgendaFeed.objects.filter(person=actor, revoked_at__isnull=True).update(
                revoked_at=now
            )
            feed = AgendaFeed.objects.create(person=actor, token=new_token())
            audit.record(
                actor=actor,
                action="events.agenda_feed.issued",
                target=feed,
                after={"revoked_earlier": revoked},
                ip_address=ip_address,
            )
    except IntegrityError as error:  # pragma: no cover - the row lock orders the writers
        raise Conflict("A new link is being issued already; reload the page.") from error
    return feed


def feed_for_token(token: str) -> AgendaFeed:
    """The live feed whose address carries `token`, with its person; NotFound for an unknown
    or malformed token, FeedRevoked (a NotFound) for a replaced one, and NotFound for the feed
    of a deactivated account."""
    token = str(token or "")
    if not TOKEN_SHAPE.fullmatch(token):
        raise NotFound(NO_SUCH_FEED)
    feed = AgendaFeed.objects.select_related("person").filter(token=token).first()
    if feed is None or not secrets.compare_digest(feed.token, token):
        raise NotFound(NO_SUCH_FEED)
    if feed.revoked_at is not None:
        raise FeedRevoked()
    if not feed.person.is_active:
        raise NotFound(NO_SUCH_FEED)
    return feed


def note_fetch(address: str | None) -> None:
    """Count one fetch of a feed from `address`; refuse (429) past the limit per minute."""
    limit = getattr(settings, "EVENTS_AGENDA_FEED_FETCHES_PER_MINUTE", FETCHES_PER_MINUTE)
    if count_hit(f"events:agenda-feed:{address or 'unknown'}", window_seconds=60) > limit:
        raise TooManyFetches()


def mark_fetched(feed: AgendaFeed, *, now=None) -> bool:
    """Record that the feed was fetched, at most once an hour (one conditional UPDATE, safe
    when two polls arrive together). Whether it wrote."""
    now = now or timezone.now()
    written = (
        AgendaFeed.objects.filter(pk=feed.pk)
        .filter(Q(last_fetched_at__isnull=True) | Q(last_fetched_at__lte=now - FETCH_NOTE_EVERY))
        .update(last_fetched_at=now)
    )
    if written:
        feed.last_fetched_at = now
    return bool(written)


# --- the feed's calendar ----------------------------------------------------------------------

FEED_NAME = "My agenda (SocialRx)"


def absolute(path: str) -> str:
    """`path` on the site's public address (settings.SITE_URL): what a calendar program, far
    from any request, follows."""
    return settings.SITE_URL.rstrip("/") + path


def feed_calendar(feed: AgendaFeed, session_url) -> bytes:
    """The .ics of the feed's person's starred sessions of published events (one VEVENT each,
    with the session's stable UID). `session_url(session)` gives each session's page."""
    sessions = list(starred_sessions(feed.person))
    return sessions_calendar(FEED_NAME, [(session, session_url(session)) for session in sessions])
