"""A coach's private calendar subscription: the secret in its address, and its fetches.

The feed's address carries `CoachProfile.feed_token` (43 URL-safe characters from
`secrets`). Issuing a new one revokes the old at once: the profile holds one token, so the
old address answers "not found" like any unknown one. Fetches are limited per client address
(settings.COACHING_FEED_FETCHES_PER_MINUTE, the shared fixed-window counter events' agenda
feed uses): a calendar program polls every few hours, a script guessing tokens is stopped."""

from __future__ import annotations

import re
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from socialrx.core import audit
from socialrx.core.errors import DomainError, NotFound
from socialrx.core.ratelimit import count_hit

from ..models import CoachProfile
from .availability import lock_profile, require_may_edit

# What `secrets.token_urlsafe(32)` draws, and nothing longer than the column.
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{20,64}")
# The profile notes a fetch at most this often (a write a minute at most, not one a poll).
FETCH_NOTE_EVERY = timedelta(minutes=1)
NO_SUCH_FEED = (
    "No coaching calendar has this address. It may have been replaced by a newer link: copy "
    "the current one from your availability page."
)


class TooManyFetches(DomainError):
    status_code = 429

    def __init__(self):
        super().__init__(
            "Too many calendar feed requests from your address. Wait a minute, then try again.",
            code="rate_limited",
        )


def new_token() -> str:
    """43 URL-safe characters (256 bits)."""
    return secrets.token_urlsafe(32)


@transaction.atomic(durable=True)
def reset_feed(*, actor, coach: CoachProfile, ip_address: str | None = None) -> CoachProfile:
    """Give the coach's feed a new secret address; the old address stops working at once."""
    require_may_edit(actor, coach)
    coach = lock_profile(coach)
    had_one = bool(coach.feed_token)
    coach.feed_token = new_token()
    coach.save(update_fields=["feed_token", "updated_at"])
    audit.record(
        actor=actor,
        action="coaching.coach_profile.feed_reset",
        target=coach,
        after={"revoked_earlier": had_one},
        ip_address=ip_address,
    )
    return coach


def profile_for_token(token: str) -> CoachProfile:
    """The coach profile (with its user) whose feed address carries `token`; NotFound for a
    malformed, unknown or replaced token and for a deactivated account."""
    token = str(token or "")
    if not TOKEN_SHAPE.fullmatch(token):
        raise NotFound(NO_SUCH_FEED)
    profile = CoachProfile.objects.select_related("user").filter(feed_token=token).first()
    if profile is None or not secrets.compare_digest(profile.feed_token, token):
        raise NotFound(NO_SUCH_FEED)
    if not profile.user.is_active:
        raise NotFound(NO_SUCH_FEED)
    return profile


def note_fetch(address: str | None) -> None:
    """Count one fetch from `address`; refuse (429) past the limit per minute."""
    limit = settings.COACHING_FEED_FETCHES_PER_MINUTE
    if count_hit(f"coaching:feed:{address or 'unknown'}", window_seconds=60) > limit:
        raise TooManyFetches()


def mark_fetched(profile: CoachProfile, *, now=None) -> bool:
    """Note that the feed was fetched, at most once a minute: no query when the loaded row
    says it was noted less than a minute ago, else one conditional UPDATE (two polls at once
    write once). Whether it wrote."""
    now = now or timezone.now()
    last = profile.feed_last_fetched_at
    if last is not None and last > now - FETCH_NOTE_EVERY:
        return False
    written = (
        CoachProfile.objects.filter(pk=profile.pk)
        .filter(
            Q(feed_last_fetched_at__isnull=True)
            | Q(feed_last_fetched_at__lte=now - FETCH_NOTE_EVERY)
        )
        .update(feed_last_fetched_at=now)
    )
    if written:
        profile.feed_last_fetched_at = now
    return bool(written)
